import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PendingUps } from '../../../webview/timeline/pendingUps';

const take = (p: PendingUps, h: number): [number, number, number] | undefined => (p.take(h) ? [p.takenTs, p.takenLane, p.takenEv] : undefined);

test('an up waits for its host, is taken once, and a later up for the same host replaces it', () => {
  const p = new PendingUps();
  assert.equal(take(p, 3), undefined, 'nothing pending');
  p.set(3, 1e15 + 0.5, 7, 42);
  p.set(40, 10, 1, 2); // grows past the first capacity
  p.set(3, 1e15 + 9, 8, 43);
  assert.deepEqual(take(p, 3), [1e15 + 9, 8, 43], 'the later up wins, timestamps kept exactly');
  assert.equal(take(p, 3), undefined, 'taken once');
  assert.deepEqual(take(p, 40), [10, 1, 2]);
  assert.equal(take(p, 1000), undefined, 'an id past the columns');
});

test('negative and huge host ids work the same (kept aside in a map)', () => {
  const p = new PendingUps();
  for (const h of [-1, 1 << 20, 2 ** 31 - 1]) {
    p.set(h, h * 2, 5, 6);
    assert.deepEqual(take(p, h), [h * 2, 5, 6], `host ${h}`);
    assert.equal(take(p, h), undefined);
  }
});
