// A session keeps its events in columns: appended live batches and an adopted importer store read
// back the same, by slice, by seq and as a stream; listeners see live batches as they come.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceSession } from '../../../src/extension/session';
import { emptyNames, EventFactory, type TraceEvent } from '../../../src/trace/events';
import { EventStore } from '../../../src/trace/store';

const meta = () => ({ version: 1 as const, source: 'runtime' as const, names: emptyNames() });

test('append: slices, last event, seq lookup and the stream read back what went in', () => {
  const f = new EventFactory();
  const evs = Array.from({ length: 10 }, (_, i) => f.make(i * 10, i % 2 ? 'sem.up' : 'printk', { host: 1, arg: i % 2 ? null : `line ${i}` }));
  const s = new TraceSession('t', meta(), true);
  const seen: TraceEvent[] = [];
  s.subscribe({ events: (b) => seen.push(...b) });
  s.append(evs.slice(0, 4));
  s.append(evs.slice(4));
  assert.equal(s.eventCount, 10);
  assert.deepEqual(seen, evs);
  assert.deepEqual(s.events(3, 6), evs.slice(3, 6));
  assert.deepEqual(s.events(8, 99), evs.slice(8));
  assert.deepEqual(s.lastEvent(), evs[9]);
  assert.deepEqual(s.eventBySeq(evs[7].seq), evs[7]);
  assert.equal(s.eventBySeq(12345), undefined);
  assert.deepEqual([...s.iterEvents()], evs);
});

test('adopt: an importer store becomes the session (seq gaps too); a second one is refused', () => {
  const f = new EventFactory();
  const evs = [f.make(1, 'sched.switch', { host: 0, task: 1, peer: 2, arg: 'S' }), f.make(2, 'sched.wakeup', { host: 1, task: 2, peer: 1 })];
  evs[1].seq = 40;
  const store = new EventStore();
  store.appendBatch(evs);
  const s = new TraceSession('file', meta(), false);
  s.adopt(store);
  assert.equal(s.eventCount, 2);
  assert.deepEqual(s.eventBySeq(40), evs[1]);
  assert.equal(s.info().eventCount, 2);
  assert.throws(() => s.adopt(new EventStore()), /already holds events/);
});
