import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventQueue } from '../../../../src/runtime/host/eventQueue';
import { Prng } from '../../../../src/runtime/host/prng';

test('pops by time, then insertion order', () => {
  const q = new EventQueue<string>();
  q.push(5, 'a');
  q.push(1, 'b');
  q.push(5, 'c');
  q.push(0, 'd');
  q.push(1, 'e');
  const out: string[] = [];
  for (let e = q.pop(); e; e = q.pop()) out.push(e.value);
  assert.deepEqual(out, ['d', 'b', 'e', 'a', 'c']);
});

test('cancel removes an entry anywhere in the heap, once', () => {
  const q = new EventQueue<number>();
  const rng = new Prng(7);
  const entries = Array.from({ length: 200 }, (_, i) => q.push(rng.below(50), i));
  const cancelled = new Set<number>();
  for (let i = 0; i < 200; i += 3) {
    assert.equal(q.cancel(entries[i]), true);
    assert.equal(q.cancel(entries[i]), false);
    cancelled.add(i);
  }
  let last = -1;
  let lastSeq = -1;
  let n = 0;
  for (let e = q.pop(); e; e = q.pop()) {
    assert.ok(!cancelled.has(e.value));
    assert.ok(e.timeNs > last || (e.timeNs === last && e.seq > lastSeq));
    last = e.timeNs;
    lastSeq = e.seq;
    n++;
  }
  assert.equal(n, 200 - cancelled.size);
});

test('prng: same seed same sequence, different seeds differ', () => {
  const a = new Prng(42);
  const b = new Prng(42);
  const c = new Prng(43);
  const sa = Array.from({ length: 8 }, () => a.nextU32());
  assert.deepEqual(
    sa,
    Array.from({ length: 8 }, () => b.nextU32()),
  );
  assert.notDeepEqual(
    sa,
    Array.from({ length: 8 }, () => c.nextU32()),
  );
  for (let i = 0; i < 1000; i++) assert.ok(a.below(10) < 10);
});
