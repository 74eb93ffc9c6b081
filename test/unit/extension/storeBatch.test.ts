// A store range sent as columns carries exactly what the same events sent as objects carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch } from '../../../src/protocol/chunk';
import { encodeStoreRange } from '../../../src/extension/storeBatch';
import { EventFactory } from '../../../src/trace/events';
import { EventStore } from '../../../src/trace/store';

test('encodeStoreRange equals encodeBatch of the materialised events: args of every kind, gen, seq gaps', () => {
  const f = new EventFactory();
  const s = new EventStore(4);
  const events = [
    f.make(1, 'sem.up', { host: 2, obj: 5, peer: 3 }),
    f.make(2, 'printk', { host: 1, task: 7, arg: 'hello' }),
    f.make(3, 'sem.alloc', { obj: 9, arg: 0 }),
    f.make(4, 'timer.set', { arg: 2.5 }),
    f.make(5, 'timer.set', { arg: 2 ** 40 }),
    f.make(6, 'sched.switch', { host: 32000, task: 1, peer: 2, arg: 'block', gen: 3 }),
    f.make(7, 'warn', { arg: -123 }),
  ];
  events[4].seq += 10; // a gap: the store keeps a seq column from here on
  s.appendBatch(events);
  for (const [from, to] of [[0, 7], [2, 5], [6, 99], [5, 5]] as const) {
    const want = encodeBatch(s.events(from, Math.min(to, s.count)));
    assert.deepEqual(encodeStoreRange(s, from, to), want, `[${from}, ${to})`);
  }
});
