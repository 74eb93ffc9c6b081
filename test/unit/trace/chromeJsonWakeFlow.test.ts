// The Chrome JSON writer's wake-up flows follow the trace contract: a `sched.wakeup` has
// `task` = the waker and `peer` = the woken task; its flow finishes at the switch that runs `peer`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeChromeJson } from '../../../src/trace/chromeJson';
import { emptyNames, EventFactory, type TraceMeta } from '../../../src/trace/events';

interface El { ph: string; name?: string; id?: number; ts?: number; tid?: number }

function flows(events: ReturnType<EventFactory['make']>[]): El[] {
  const meta: TraceMeta = { version: 1, source: 'runtime', names: emptyNames() };
  const doc = JSON.parse([...writeChromeJson(meta, events)].join('')) as { traceEvents: El[] };
  return doc.traceEvents.filter((e) => e.name === 'wakeup' && (e.ph === 's' || e.ph === 'f'));
}

test('a wake-up flow starts at the wakeup and ends at the switch whose next is the woken task', () => {
  const f = new EventFactory();
  const got = flows([
    f.make(1000, 'sched.switch', { host: 0, task: 0, peer: 5, arg: 'R' }),
    f.make(2000, 'sched.wakeup', { host: 0, task: 5, peer: 9 }), // 5 wakes 9
    f.make(3000, 'sched.switch', { host: 0, task: 5, peer: 0, arg: 'S' }), // next is not 9: no finish
    f.make(4000, 'sched.switch', { host: 1, task: 0, peer: 9, arg: 'R' }), // 9 runs on another thread
  ]);
  // tid = host + 1 (tid 0 is the track of events without a host thread)
  assert.deepEqual(got.map((e) => [e.ph, e.id, e.ts, e.tid]), [['s', 1, 2, 1], ['f', 1, 4, 2]]);
});

test('no flow for a wake-up without a woken task, nor a switch to the waker', () => {
  const f = new EventFactory();
  const got = flows([
    f.make(1000, 'sched.wakeup', { host: 0, task: 5 }), // woken task unknown
    f.make(2000, 'sched.switch', { host: 0, task: 0, peer: 5, arg: 'R' }),
  ]);
  assert.deepEqual(got, []);
});
