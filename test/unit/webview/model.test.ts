import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch, validateBatch } from '../../../src/protocol/chunk';
import { EventFactory, KIND_CODE } from '../../../src/trace/events';
import { TimelineModel } from '../../../webview/timeline/model';
import { EventStore } from '../../../webview/timeline/store';
import { selectionStats } from '../../../webview/timeline/stats';
import { selectionSummary } from '../../../webview/timeline/summary';
import { compileQuery, findKind, findNext } from '../../../webview/timeline/search';
import { NameTable } from '../../../webview/timeline/names';
import { laneTitles, visibleLanes } from '../../../webview/timeline/scene';
import { layoutLanes } from '../../../webview/timeline/lanes';
import { syntheticTrace } from '../../../bench/syntheticTrace';

function runtimeTrace(): EventStore {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'boot.phase.begin', { host: 0, task: 1, arg: 'start_kernel' }),
    f.make(5, 'boot.initcall.begin', { host: 0, task: 1, arg: 'ramfs_init' }),
    f.make(8, 'boot.initcall.end', { host: 0, task: 1, arg: 'ramfs_init' }),
    f.make(10, 'cpu.get', { host: 0, task: 1, arg: 1 }),
    f.make(20, 'sem.down.wait', { host: 1, task: 2, obj: 7 }),
    f.make(30, 'sem.up', { host: 0, task: 1, obj: 7, peer: 1 }),
    f.make(30, 'sched.switch', { host: 0, task: 1, peer: 2 }),
  ]));
  s.append(encodeBatch([
    f.make(30, 'cpu.owner', { host: 0, task: 1, peer: 1 }),
    f.make(35, 'sem.down', { host: 1, task: 2, obj: 7 }),
    f.make(40, 'boot.phase.end', { host: 1, task: 2, arg: 'start_kernel' }),
    f.make(60, 'panic', { host: 1, task: 2, arg: 'oops' }),
  ].map((e, i) => ({ ...e, seq: 7 + i }))));
  return s;
}

test('runtime events derive host-thread running slices, waits, phases, arrows and markers', () => {
  const s = runtimeTrace();
  const m = new TimelineModel(false);
  assert.equal(m.update(s), 11);
  assert.deepEqual(m.lanes.map((l) => `${l.kind}:${l.key}`), ['boot:0', 'initcall:0', 'cpuOwner:0', 'host:0', 'host:1']);
  const h0 = m.lanes[3];
  const h1 = m.lanes[4];
  assert.deepEqual([h0.runs[0].count, h0.runs[0].start[0], h0.runs[0].end[0], h0.runs[0].key[0]], [1, 10, 30, 1]);
  assert.deepEqual(h1.open[0], { startNs: 30, key: 2, ev: 6 }, 'the switch starts the next task on its host thread');
  assert.deepEqual([h1.waits.start[0], h1.waits.end[0]], [20, 35]);
  assert.equal(h1.taskAt(50), 2);
  const types = Array.from(m.arrows.type.subarray(0, m.arrows.count));
  assert.deepEqual(types.sort(), [1, 2], 'one hand-off and one switch arrow');
  assert.equal(m.label(m.lanes[0].runs[0].key[0]), 'start_kernel');
  assert.equal(m.lanes[1].runs[0].count, 1);
  assert.deepEqual(m.markers.map((k) => k.kind), ['panic']);
  assert.deepEqual(m.objectLanes.get(7)?.marks.map((x) => x.count), [1, 2, 0, 0], 'one up, a wait and a down');
});

test('streaming in pieces derives the same slices as one batch', () => {
  const syn = syntheticTrace(20_000, { batchSize: 1000 });
  const whole = new EventStore();
  const mw = new TimelineModel(false);
  const piecewise = new EventStore();
  const mp = new TimelineModel(false);
  for (const b of syn.batches) {
    assert.equal(validateBatch(b), null);
    whole.append(b);
    piecewise.append(b);
    mp.update(piecewise);
  }
  mw.update(whole);
  assert.equal(mw.lanes.length, mp.lanes.length);
  for (let i = 0; i < mw.lanes.length; i++) {
    const a = mw.lanes[i].runs[0];
    const b = mp.lanes[i].runs[0];
    assert.equal(a.count, b.count);
    assert.deepEqual(a.start.subarray(0, a.count), b.start.subarray(0, b.count));
  }
  assert.ok(mw.lanes.length >= 12 + 3, 'host lanes plus cpu-owner and phase lanes');
});

test('imported traces get per-CPU lanes; idle (pid 0) leaves a gap', () => {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'sched.switch', { host: 0, task: 0, peer: 42 }),
    f.make(0, 'sched.switch', { host: 3, task: 0, peer: 43 }),
    f.make(100, 'sched.switch', { host: 0, task: 42, peer: 0 }),
    f.make(150, 'sched.wakeup', { host: 3, task: 43, peer: 42 }),
  ]));
  const m = new TimelineModel(true);
  m.update(s);
  assert.deepEqual(m.lanes.map((l) => `${l.kind}:${l.key}`), ['cpu:0', 'cpu:3']);
  assert.deepEqual([m.lanes[0].runs[0].start[0], m.lanes[0].runs[0].end[0], m.lanes[0].runs[0].key[0]], [0, 100, 42]);
  assert.equal(m.lanes[0].open.length, 0);
  assert.equal(m.lanes[1].open[0].key, 43);
  assert.equal(m.lanes[0].taskAt(120), 0);
});

test('selection statistics clip running and blocked time to the range', () => {
  const s = runtimeTrace();
  const m = new TimelineModel(false);
  m.update(s);
  const st = selectionStats(m, s, 15, 50);
  const t1 = st.tasks.find((t) => t.pid === 1);
  const t2 = st.tasks.find((t) => t.pid === 2);
  assert.equal(t1?.runningNs, 15);
  assert.equal(t2?.runningNs, 20, 'open slice up to the range end');
  assert.equal(t2?.blockedNs, 15);
  assert.equal(st.events, 6);
});

test('search matches kinds, comms and objects; next/previous step through them', () => {
  const s = runtimeTrace();
  const names = new NameTable();
  names.add({ hosts: [], tasks: [[2, 'kthreadd']], objects: [[7, 'sem', 'init_sem']] });
  const q = compileQuery('kthread', names);
  assert.deepEqual([...q.tasks], [2]);
  assert.equal(findNext(s, q, -1, 1), 4);
  assert.equal(findNext(s, q, 10, -1), 9);
  assert.equal(findNext(s, compileQuery('init_sem', names), 5, 1), 8);
  assert.equal(findKind(s, KIND_CODE.get('panic') as number, 0, 1), 10);
  assert.equal(findNext(s, compileQuery('', names), 0, 1), -1);
});

test('kexec generations become bands; kexec and halt are markers', () => {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'cpu.get', { host: 0, task: 1, arg: 1 }),
    f.make(100, 'kexec.exec', { host: 0, task: 1 }),
    f.make(200, 'cpu.get', { host: 5, task: 1, gen: 1, arg: 1 }),
    f.make(300, 'halt.done', { host: 5, task: 1, gen: 1 }),
  ]));
  const m = new TimelineModel(false);
  m.update(s);
  assert.deepEqual(m.gens, [{ gen: 0, startNs: 0, endNs: 100 }, { gen: 1, startNs: 200, endNs: 300 }]);
  assert.deepEqual(m.markers.map((k) => k.kind), ['kexec', 'halt.done']);
  assert.deepEqual([m.lanes.find((l) => l.kind === 'host' && l.key === 0)?.runs[0].end[0]], [200], 'the new generation takes the CPU');
});

test('visible lanes follow the cpu, task and object filters', () => {
  const s = runtimeTrace();
  const m = new TimelineModel(false);
  m.update(s);
  const names = new NameTable();
  const keys = (f: Parameters<typeof visibleLanes>[1]): string[] => visibleLanes(m, f).map((l) => `${l.kind}:${l.key}`);
  assert.deepEqual(keys({ kinds: null, tasks: null, cpus: new Set([1]), objects: null }), ['boot:0', 'initcall:0', 'cpuOwner:0', 'host:1']);
  assert.deepEqual(keys({ kinds: null, tasks: new Set([1]), cpus: null, objects: new Set([7]) }), ['boot:0', 'initcall:0', 'cpuOwner:0', 'host:0', 'object:7']);
  const rows = layoutLanes(visibleLanes(m, { kinds: null, tasks: null, cpus: null, objects: null }), 0, 0);
  assert.deepEqual(laneTitles(rows, names, 100).slice(3), ['host 0 ↔ pid 1', 'host 1 ↔ pid 2']);
});

test('selection summary uses the shared analyses when the range has scheduler switches', () => {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'sched.switch', { host: 0, task: 0, peer: 42, arg: 'R' }),
    f.make(100, 'sched.switch', { host: 0, task: 42, peer: 0, arg: 'S' }),
    f.make(150, 'sched.wakeup', { host: 1, task: 0, peer: 42 }), // task = the waker (idle), peer = the woken task
    f.make(180, 'sched.switch', { host: 0, task: 0, peer: 42, arg: 'R' }),
    f.make(300, 'sched.switch', { host: 0, task: 42, peer: 0, arg: 'S' }),
  ]));
  const m = new TimelineModel(true);
  m.update(s);
  const names = new NameTable();
  names.add({ hosts: [], tasks: [[42, 'worker']], objects: [] });
  const sum = selectionSummary(m, s, names, 0, 300);
  assert.deepEqual(sum.header, ['task', 'running', 'share', 'runnable', 'blocked', 'switches in', 'wake p50 / p95', 'blocked on (top 5)']);
  assert.equal(sum.rows[0][0], 'worker [42]');
  assert.equal(sum.rows[0][1], '220 ns');
  assert.equal(sum.rows[0][6], '30 ns / 30 ns');
  assert.match(sum.title, /wake-up latency p50 30 ns/);
  const rs = runtimeTrace();
  const rm = new TimelineModel(false);
  rm.update(rs);
  const lkl = selectionSummary(rm, rs, names, 31, 50); // no switch in range: the LKL view
  assert.equal(lkl.rows[0][0], 'pid 2');
  assert.equal(lkl.header[1], 'running (LKL CPU)');
  assert.doesNotMatch(lkl.title, /LKL CPU:/, 'nobody waited for the CPU in this range');
});

test('selection summary of a runtime range says how threads queued for the LKL CPU', () => {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'cpu.get', { host: 0, task: 1 }),
    f.make(10, 'cpu.get.wait', { host: 1 }),
    f.make(20, 'cpu.get.wait', { host: 2 }),
    f.make(50, 'cpu.put', { host: 0, task: 1 }),
    f.make(50, 'cpu.get', { host: 1 }),
    f.make(90, 'cpu.put', { host: 1 }),
    f.make(90, 'cpu.get', { host: 2 }),
  ]));
  const m = new TimelineModel(false);
  m.update(s);
  const sum = selectionSummary(m, s, new NameTable(), 0, 100);
  // waits of 40 and 70 ns; someone waited from 10 to 90; two at once at most
  assert.match(sum.title, /; LKL CPU: 2 waits \(p95 70 ns, max 70 ns\), contended 80 ns, up to 2 waiting$/);
  // the same range of an imported trace (per-CPU lanes) says nothing of an LKL CPU
  const im = new TimelineModel(true);
  im.update(s);
  assert.doesNotMatch(selectionSummary(im, s, new NameTable(), 0, 100).title, /LKL CPU/);
});
