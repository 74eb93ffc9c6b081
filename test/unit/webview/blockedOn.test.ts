// A task that switches out naming a wait object is blocked on it until its wake-up: the task
// lane's wait carries the object, the tooltip names it and the waker, the wake arrow names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch } from '../../../src/protocol/chunk';
import { EventFactory, KIND_CODE } from '../../../src/trace/events';
import { describeHit, wakeAt } from '../../../webview/timeline/describe';
import { arrowAt, hitTest } from '../../../webview/timeline/hitTest';
import { layoutLanes } from '../../../webview/timeline/lanes';
import { RUNNABLE_KEY, SLEEP_KEY, TimelineModel } from '../../../webview/timeline/model';
import { NameTable } from '../../../webview/timeline/names';
import { blockedOn } from '../../../webview/timeline/stats';
import { EventStore } from '../../../webview/timeline/store';
import { blockedOnText, selectionSummary } from '../../../webview/timeline/summary';

const DOWN_WAIT = KIND_CODE.get('sem.down.wait') as number;

function setup() {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'cpu.get', { host: 1, task: 2, arg: 1 }),
    f.make(10, 'sched.switch', { host: 1, task: 2, obj: 5, peer: 7, arg: 'block' }), // 1: kthreadd sleeps on wq
    f.make(10, 'cpu.owner', { host: 1, task: 2, peer: 2 }),
    f.make(10, 'mutex.lock', { host: 1, task: 2, obj: 12 }), // host bookkeeping: the task still sleeps
    f.make(10, 'mutex.unlock', { host: 1, task: 2, obj: 12 }),
    f.make(10, 'sem.down.wait', { host: 1, task: 2, obj: 19 }), // 5: its host thread parks on sched_sem
    f.make(40, 'sched.wakeup', { host: 2, task: 7, obj: 5, peer: 2 }), // 6: host1 wakes it from wq
    f.make(55, 'sem.down', { host: 1, task: 2, obj: 19 }),
    f.make(60, 'sched.switch', { host: 2, task: 7, obj: 6, peer: 2 }), // 8: host1 sleeps, never woken
    f.make(80, 'syscall.enter', { host: 1, task: 2 }),
  ]));
  const names = new NameTable();
  names.add({
    hosts: [[1, 'kthreadd'], [2, 'host1']],
    tasks: [[2, 'kthreadd'], [7, 'host1']],
    objects: [[5, 'sem', 'kthreadd_wait'], [6, 'timer', 'sleep'], [19, 'sem', 'sched_sem:kthreadd']],
  });
  const m = new TimelineModel(false);
  m.update(s);
  const lane = (h: number) => {
    const l = m.lanes.find((x) => x.kind === 'host' && x.key === h);
    assert.ok(l, `host lane ${h}`);
    return l;
  };
  return { s, names, m, lane };
}

test('the blocked stretch runs from the switch naming an object to the wake-up; the host wait follows', () => {
  const { lane } = setup();
  const w = lane(1).waits;
  const rows = Array.from({ length: w.count }, (_, i) => [w.start[i], w.end[i], w.key[i], w.ev[i]]);
  assert.deepEqual(rows, [[10, 40, SLEEP_KEY, 1], [40, 55, RUNNABLE_KEY, 5]], 'host bookkeeping does not end the sleep');
  assert.equal(lane(1).waitOpen, null);
  assert.deepEqual(lane(2).waitOpen, { startNs: 60, key: SLEEP_KEY, ev: 8 }, 'a sleep with no wake-up stays open');
});

test('the runnable stretch ends when the task is switched in, before its host wait ends', () => {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'cpu.get', { host: 1, task: 2, arg: 1 }),
    f.make(10, 'sched.switch', { host: 1, task: 2, obj: 5, peer: 7, arg: 'block' }),
    f.make(10, 'cpu.owner', { host: 1, task: 2, peer: 2 }),
    f.make(10, 'sem.down.wait', { host: 1, task: 2, obj: 19 }),
    f.make(40, 'sched.wakeup', { host: 2, task: 7, obj: 5, peer: 2 }),
    f.make(50, 'sched.switch', { host: 2, task: 7, peer: 2 }),
    f.make(50, 'cpu.owner', { host: 2, task: 7, peer: 1 }),
    f.make(55, 'sem.down', { host: 1, task: 2, obj: 19 }),
    f.make(60, 'syscall.enter', { host: 1, task: 2 }),
  ]));
  const m = new TimelineModel(false);
  m.update(s);
  const l = m.lanes.find((x) => x.kind === 'host' && x.key === 1)!;
  const rows = Array.from({ length: l.waits.count }, (_, i) => [l.waits.start[i], l.waits.end[i], l.waits.key[i]]);
  assert.deepEqual(rows, [[10, 40, SLEEP_KEY], [40, 50, RUNNABLE_KEY]]);
  assert.equal(l.waitOpen, null);
});

test('hovering the blocked stretch names the object, its type, the duration and the waker', () => {
  const { s, names, m, lane } = setup();
  assert.equal(wakeAt(s, 2, 40), 6);
  assert.equal(wakeAt(s, 7, 40), -1, 'the wake-up of another task is not this one');
  const rows = layoutLanes(m.lanes, 0, 0);
  const row = rows.find((r) => r.lane === lane(1));
  assert.ok(row);
  const vp = { t0: 0, startNs: 0, nsPerPx: 0.1, widthPx: 1000 };
  const h = hitTest(rows, vp, 250, row.yPx + row.heightPx - 3, { lastTs: s.lastTs });
  assert.equal(h?.kind, 'wait');
  assert.equal(h?.key, SLEEP_KEY);
  const text = describeHit(h!, m, s, names);
  assert.equal(text[0], 'blocked on kthreadd_wait (sem) for 30 ns, woken by host1 [7]');
  assert.ok(text.includes('task: kthreadd [2]'), text.join(' | '));
  const open = describeHit({ kind: 'wait', lane: lane(2), ev: 8, startNs: 60, endNs: 80, key: SLEEP_KEY }, m, s, names);
  assert.equal(open[0], 'blocked on sleep (timer) for 20 ns, not woken by the end of the trace');
  // the host wait that goes on from the wake-up is the task runnable, waiting for its turn
  const host = describeHit({ kind: 'wait', lane: lane(1), ev: 5, startNs: 40, endNs: 55, key: RUNNABLE_KEY }, m, s, names);
  assert.deepEqual([host[0], host[2]], ['runnable: woken by host1 [7], waiting to run (sem.down.wait)', 'on sem sched_sem:kthreadd']);
  const plain = describeHit({ kind: 'wait', lane: lane(1), ev: 5, startNs: 39, endNs: 55, key: DOWN_WAIT }, m, s, names);
  assert.equal(plain[0], 'blocked: sem.down.wait', 'a host wait with no sleep in front keeps its wording');
});

test('the wake-up arrow is hit along its line and its tooltip names the object', () => {
  const { s, names, m, lane } = setup();
  assert.deepEqual(Array.from(m.arrows.type.subarray(0, m.arrows.count)), [0, 2], 'the wake-up, then host1 switching to kthreadd');
  const rows = layoutLanes(m.lanes, 0, 0);
  const r1 = rows.find((r) => r.lane === lane(1))!;
  const r2 = rows.find((r) => r.lane === lane(2))!;
  const vp = { t0: 0, startNs: 0, nsPerPx: 0.1, widthPx: 1000 };
  const midY = (r1.yPx + r1.heightPx / 2 + r2.yPx + r2.heightPx / 2) / 2;
  const h = arrowAt(m.arrows, rows, vp, 401, midY, 3);
  assert.equal(h?.kind, 'arrow');
  assert.equal(h?.ev, 6);
  assert.equal(arrowAt(m.arrows, rows, vp, 420, midY, 3), undefined, 'not 20 pixels away');
  const text = describeHit(h!, m, s, names);
  assert.deepEqual(text.slice(0, 2), ['wake-up: host1 [7] wakes kthreadd [2]', 'from kthreadd_wait (sem)']);
});

test('the selection statistics break each task\'s blocked time down by wait object, longest first', () => {
  const f = new EventFactory();
  const s = new EventStore();
  const sleep = (ts: number, obj: number) => [
    f.make(ts, 'sched.switch', { host: 1, task: 2, obj, peer: 7, arg: 'block' }),
    f.make(ts, 'cpu.owner', { host: 1, task: 2, peer: 2 }),
  ];
  const wake = (ts: number, obj: number) => [
    f.make(ts, 'sched.wakeup', { host: 2, task: 7, obj, peer: 2 }),
    f.make(ts, 'sched.switch', { host: 2, task: 7, peer: 2 }),
    f.make(ts, 'cpu.owner', { host: 2, task: 7, peer: 1 }),
  ];
  s.append(encodeBatch([
    f.make(0, 'cpu.get', { host: 1, task: 2, arg: 1 }),
    ...sleep(10, 5), ...wake(40, 5), // 30 ns on the wait queue
    ...sleep(60, 6), ...wake(110, 6), // 50 ns on the timer
    ...sleep(120, 5), ...wake(130, 5), // 10 more on the wait queue
    f.make(140, 'syscall.enter', { host: 1, task: 2 }),
  ]));
  const names = new NameTable();
  names.add({ hosts: [[1, 'a'], [2, 'b']], tasks: [[2, 'kthreadd'], [7, 'host1']], objects: [[5, 'sem', 'kthreadd_wait'], [6, 'timer', 'sleep']] });
  const m = new TimelineModel(false);
  m.update(s);
  assert.deepEqual(blockedOn(m, s, 0, 200).get(2), [[6, 50], [5, 40]]);
  assert.deepEqual(blockedOn(m, s, 20, 125).get(2), [[6, 50], [5, 25]], 'clipped to the selection');
  assert.deepEqual(blockedOn(m, s, 0, 200, 1).get(2), [[6, 50]], 'top n');
  assert.equal(blockedOn(m, s, 0, 200).get(7), undefined, 'host1 never slept on an object');
  const sum = selectionSummary(m, s, names, 20, 125);
  const col = sum.header.indexOf('blocked on (top 5)');
  assert.ok(col > 0);
  const row = sum.rows.find((r) => r[0] === 'kthreadd [2]');
  assert.equal(row?.[col], 'sleep (timer) 50 ns, kthreadd_wait (sem) 25 ns');
  assert.equal(sum.rows.find((r) => r[0] === 'host1 [7]')?.[col], '—');
});

test('objects of one name add up in the breakdown text; at most five are listed', () => {
  const names = new NameTable();
  names.add({ hosts: [], tasks: [], objects: [[1, 'waitq', 'scenario_sleep'], [2, 'waitq', 'scenario_sleep'], [3, 'sem', 'empty']] });
  assert.equal(blockedOnText([[3, 300], [1, 200], [2, 200]], names), 'scenario_sleep (waitq) 400 ns, empty (sem) 300 ns');
  const many: [number, number][] = Array.from({ length: 7 }, (_, i) => [10 + i, 100 - i]);
  assert.equal(blockedOnText(many, names).split(', ').length, 5);
  assert.equal(blockedOnText(many, names).split(', ')[0], 'obj 10 100 ns');
  assert.equal(blockedOnText([], names), '—');
});
