// The columnar store: arg encoding, batch append, O(log n) time and lane slices, memory per event.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EventFactory, type TraceEvent } from '../../../src/trace/events';
import { ARG_NULL, EventStore } from '../../../src/trace/store';
import { importSplit, sharedTraces } from '../importers/helpers';

test('args: null, small and large integers, fractions, strings round-trip', () => {
  const s = new EventStore(4);
  const args = [null, 0, 1, -1, 2 ** 30 - 1, -(2 ** 30), 2 ** 31, 1e15, -12.5, 'S', '', 'S', 'R+'];
  const f = new EventFactory();
  s.appendBatch(args.map((arg, i) => f.make(i * 10, 'sched.switch', { host: i % 3, arg })));
  assert.equal(s.count, args.length);
  assert.deepEqual(args.map((_, i) => s.argOf(i)), args);
  assert.equal(s.arg[0], ARG_NULL);
  assert.equal(s.args.find('S'), s.args.find('S'));
  assert.equal(s.args.values.filter((v) => v === 'S').length, 1, 'strings are interned once');
});

test('events() gives back exactly what was appended, including non-contiguous seq', () => {
  const f = new EventFactory();
  const evs: TraceEvent[] = [f.make(5, 'sem.up', { host: 1, task: 2, obj: 3, peer: 4, arg: 'x', gen: 2 }), f.make(6, 'cpu.get')];
  evs.push({ ...f.make(7, 'marker', { arg: 'm' }), seq: 40 });
  const s = new EventStore();
  s.appendBatch(evs);
  assert.deepEqual(s.events(), evs);
  assert.equal(s.seq(2), 40);
});

test('range and laneRange agree with a linear filter', () => {
  const s = new EventStore(8);
  const f = new EventFactory();
  let ts = 0;
  for (let i = 0; i < 5000; i++) {
    ts += (i * 7919) % 13; // repeats of the same ts too
    s.appendEvent(f.make(ts, 'sched.switch', { host: (i * 31) % 5 }));
  }
  assert.ok(s.sorted);
  assert.deepEqual(s.lanes(), [0, 1, 2, 3, 4]);
  for (const [t0, t1] of [[0, 10], [100, 5000], [17, 17], [-5, 1e9], [29000, 31000]]) {
    const [lo, hi] = s.range(t0, t1);
    const want = [...Array(s.count).keys()].filter((i) => s.ts[i] >= t0 && s.ts[i] < t1);
    assert.deepEqual([...Array(hi - lo).keys()].map((k) => k + lo), want);
    for (const lane of s.lanes()) {
      assert.deepEqual([...s.laneRange(lane, t0, t1)], want.filter((i) => s.host[i] === lane));
    }
  }
  // Appending after an index was built extends it.
  s.appendEvent(f.make(ts + 1, 'marker', { host: 2 }));
  assert.equal(s.laneIndex(2)[s.laneIndex(2).length - 1], s.count - 1);
});

test('sortByTime is stable and returns the permutation', () => {
  const s = new EventStore();
  const f = new EventFactory();
  for (const [t, a] of [[3, 'a'], [1, 'b'], [3, 'c'], [2, 'd'], [1, 'e']] as const) s.appendEvent(f.make(t, 'marker', { arg: a }));
  assert.equal(s.sorted, false);
  const perm = s.sortByTime();
  assert.deepEqual([...perm], [1, 4, 3, 0, 2]);
  assert.deepEqual(s.events().map((e) => [e.ts, e.arg, e.seq]), [[1, 'b', 0], [1, 'e', 1], [2, 'd', 2], [3, 'a', 3], [3, 'c', 4]]);
  assert.ok(s.sorted);
});

test('memory: at most 32 bytes per event with the lane index, on every shared trace', () => {
  for (const p of sharedTraces()) {
    const r = importSplit(new Uint8Array(readFileSync(p)));
    r.store.lanes();
    r.store.trim();
    const b = r.store.bytesPerEvent();
    assert.ok(b <= 32, `${p}: ${b.toFixed(1)} bytes/event`);
  }
});
