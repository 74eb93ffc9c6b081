import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch } from '../../../src/protocol/chunk';
import { EventFactory } from '../../../src/trace/events';
import { LaneFocus, objectLane, scrollToLane, taskLane } from '../../../webview/laneFocus';
import { Lane } from '../../../webview/timeline/lanes';
import { TimelineModel } from '../../../webview/timeline/model';
import { NameTable } from '../../../webview/timeline/names';
import { holderKey, holderName, syncObjectLane, withObjectLanes } from '../../../webview/timeline/objectLane';
import { EventStore } from '../../../webview/timeline/store';
import { NO_FILTERS } from '../../../webview/timeline/filters';

// mutex 5: host 1 (task 11) locks it, host 2 (task 12) waits, gets it at the unlock; semaphore 6
// is a kernel wait queue task 12 sleeps on (switch naming it) until task 11 wakes it
function trace(f = new EventFactory()) {
  return [
    f.make(10, 'mutex.lock', { host: 1, task: 11, obj: 5 }),
    f.make(20, 'mutex.lock.wait', { host: 2, task: 11, obj: 5 }),
    f.make(30, 'mutex.unlock', { host: 1, task: 11, obj: 5 }),
    f.make(30, 'mutex.lock', { host: 2, task: 12, obj: 5 }),
    f.make(40, 'sched.switch', { host: 2, task: 12, peer: 0, obj: 6 }),
    f.make(50, 'mutex.unlock', { host: 2, obj: 5 }),
    f.make(60, 'sched.wakeup', { host: 1, task: 11, peer: 12, obj: 6 }),
    f.make(70, 'mutex.lock', { host: 3, obj: 5 }),
  ];
}

function model(split: number): { m: TimelineModel; s: EventStore } {
  const ev = trace();
  const s = new EventStore();
  const m = new TimelineModel(false);
  // streamed in two pieces, synced in between: the same slices as one pass
  s.append(encodeBatch(ev.slice(0, split)));
  m.update(s);
  for (const l of m.objectLanes.values()) syncObjectLane(l, s);
  s.append(encodeBatch(ev.slice(split).map((e, i) => ({ ...e, seq: split + i }))));
  m.update(s);
  for (const l of m.objectLanes.values()) syncObjectLane(l, s);
  return { m, s };
}

test('a mutex lane holds its owner from lock to unlock and counts its waiters', () => {
  for (const split of [8, 3, 5]) {
    const { m } = model(split);
    const l = m.objectLanes.get(5);
    assert.ok(l, `split ${split}`);
    const r = l.runs[0];
    const runs = Array.from({ length: r.count }, (_, i) => [r.start[i], r.end[i], r.key[i]]);
    assert.deepEqual(runs, [[10, 30, 11], [30, 50, 12]], `split ${split}`);
    assert.deepEqual(l.open[0], { startNs: 70, key: holderKey(-1, 3), ev: 7 }, 'a host thread with no task holds it');
    assert.deepEqual([l.waits.count, l.waits.start[0], l.waits.end[0], l.waits.key[0]], [1, 20, 30, 1]);
  }
});

test('a switch naming an object is a task waiting on it until its wake-up', () => {
  const { m } = model(8);
  const q = m.objectLanes.get(6);
  assert.ok(q);
  assert.deepEqual([q.waits.count, q.waits.start[0], q.waits.end[0], q.waits.key[0]], [1, 40, 60, 1]);
  assert.equal(q.waitOpen, null);
});

test('hold keys name a task or the host thread', () => {
  assert.equal(holderName(holderKey(12, 2), (p) => `task${p}`, (h) => `host${h}`), 'task12');
  assert.equal(holderName(holderKey(-1, 3), (p) => `task${p}`, (h) => `host${h}`), 'host3');
  assert.equal(holderName(holderKey(-1, -1), (p) => `task${p}`, (h) => `host${h}`), 'unknown');
});

test('added object lanes follow the filters\' lanes once each; the ids persist as numbers only', () => {
  const { m } = model(8);
  const root = { dataset: {} as DOMStringMap } as HTMLElement;
  const f = new LaneFocus(root);
  f.reset([6, 'x', 5, 6, 2.5]);
  assert.deepEqual(f.objectIds, [6, 5]);
  assert.equal(root.dataset.objectLanes, '6,5');
  const keys = f.shown(m, { ...NO_FILTERS, objects: new Set([5]) }).map((l) => `${l.kind}:${l.key}`);
  assert.deepEqual(keys.filter((k) => k.startsWith('object')), ['object:5', 'object:6']);
  f.setObject(5, false);
  assert.deepEqual(f.objectIds, [6]);
  assert.deepEqual(withObjectLanes([], [99], () => undefined), [], 'an unknown object adds no lane');
});

test('reveal targets: the lane carrying a task at the time, an object lane made from its name', () => {
  const { m } = model(8);
  assert.equal(taskLane(m, 12, 45)?.key, 2);
  assert.equal(taskLane(m, 11, 5)?.key, 1, 'before it ran: the lane that carried it');
  assert.equal(taskLane(m, 77, 5), undefined);
  const names = new NameTable();
  names.add({ hosts: [], tasks: [], objects: [[9, 'sem', 'later'], [8, 'irq', 'irq1'], [7, 'waitq', 'completion:c']] });
  assert.equal(objectLane(m, names, 9)?.kind, 'object', 'a named semaphore gets a lane before its first event');
  assert.equal(objectLane(m, names, 8), undefined, 'an irq has no object lane');
  assert.equal(objectLane(m, names, 7)?.kind, 'object', 'a kernel wait queue gets a lane too');
  assert.equal(names.object(7), 'waitq completion:c', 'labelled as a wait queue, not a semaphore');
});

test('scrolling to a lane: none when visible, a third down when not, undefined when hidden', () => {
  const lanes = [0, 1, 2, 3, 4, 5].map((i) => new Lane(i, 'host', i)); // 28 px each
  assert.equal(scrollToLane(lanes, 1, 0, 100), 0);
  assert.equal(scrollToLane(lanes, 5, 0, 100), 140 - 33);
  assert.equal(scrollToLane(lanes, 5, 120, 100), 120);
  assert.equal(scrollToLane(lanes, 9, 0, 100), undefined);
});
