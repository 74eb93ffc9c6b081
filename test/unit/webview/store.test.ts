import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch } from '../../../src/protocol/chunk';
import type { TraceEvent } from '../../../src/trace/events';
import { EventStore } from '../../../webview/timeline/store';

function events(from: number, n: number): TraceEvent[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { seq: i, ts: 1000 + i * 10, kind: 'sched.wakeup', host: i % 7, task: i % 11, obj: -1, peer: i % 3, arg: i % 5 === 0 ? `s${i}` : i, gen: 0 };
  });
}

test('appends across many growths keep every column and string arg in place', () => {
  const s = new EventStore();
  let n = 0;
  for (const size of [1, 15, 16, 17, 1000, 5000, 3]) {
    s.append(encodeBatch(events(n, size)));
    n += size;
  }
  assert.equal(s.count, n);
  for (const i of [0, 1, 16, 32, 1031, n - 1]) assert.deepEqual(s.event(i), events(i, 1)[0], `event ${i}`);
  assert.equal(s.indexAt(1000 + 40 * 10), 40);
  assert.equal(s.sorted, true);
});

test('reserve allocates the known total once; appends up to it reuse the same columns', () => {
  const s = new EventStore();
  s.reserve(3000);
  const ts = s.ts;
  assert.equal(ts.length, 3000);
  s.append(encodeBatch(events(0, 1000)));
  s.append(encodeBatch(events(1000, 2000)));
  assert.equal(s.ts, ts, 'no reallocation within the reserved total');
  s.append(encodeBatch(events(3000, 1)));
  assert.notEqual(s.ts, ts);
  assert.deepEqual(s.event(3000), events(3000, 1)[0]);
});

test('past a million rows capacity grows fourfold, not by doubling', () => {
  const s = new EventStore();
  s.reserve(1 << 20);
  s.append(encodeBatch(events(0, 1)));
  s.count = 1 << 20; // pretend full: only capacity matters here
  s.append(encodeBatch(events(0, 1)));
  assert.equal(s.ts.length, 1 << 22);
  assert.equal(s.kind.length, 1 << 22);
});

test('expect reserves room for the announced events beyond those held, capped; a cleared store keeps none of its old rows', () => {
  const s = new EventStore();
  s.append(encodeBatch(events(0, 10)));
  s.expect(500);
  assert.equal(s.ts.length, 510, 'room for the held rows and the announced ones');
  assert.deepEqual(s.event(9), events(9, 1)[0], 'held rows survive the reservation');
  const ts = s.ts;
  s.append(encodeBatch(events(10, 500)));
  assert.equal(s.ts, ts, 'the announced events land without a reallocation');
  s.expect(-5);
  s.expect(Number.NaN);
  assert.equal(s.ts, ts, 'a nonsense count reserves nothing');
  s.clear();
  s.expect(2000);
  assert.equal(s.ts.length, 2000);
  assert.equal(s.ts[0], 0, 'after clear the fresh columns hold nothing of the old session');
  s.append(encodeBatch(events(0, 1)));
  assert.deepEqual(s.event(0), events(0, 1)[0]);
});
