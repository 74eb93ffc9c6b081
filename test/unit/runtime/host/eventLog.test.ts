import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventLog } from '../../../../src/runtime/host/eventLog';
import { HostTasks, kindCode, Tracer } from '../../../../src/runtime/host/tracer';
import type { TraceEvent } from '../../../../src/trace/events';

test('the column log gives back each event as pushed: args, ids, gens, across chunks', () => {
  const log = new EventLog();
  const n = 40000; // more than two chunks
  for (let i = 0; i < n; i++) {
    const arg = i % 3 === 0 ? null : i % 3 === 1 ? i * 0.5 - 7 : `s${i % 5}`;
    log.push(i * 10 + 1, i % 2 ? 'sem.up' : 'sched.switch', i % 7, -1, i, i + 1, arg, i >= 30000 ? 2 : 0);
  }
  assert.equal(log.length, n);
  for (const i of [0, 1, 2, 16383, 16384, 29999, 30000, n - 1]) {
    const arg = i % 3 === 0 ? null : i % 3 === 1 ? i * 0.5 - 7 : `s${i % 5}`;
    assert.deepEqual(log.get(i), {
      seq: i,
      ts: i * 10 + 1,
      kind: i % 2 ? 'sem.up' : 'sched.switch',
      host: i % 7,
      task: -1,
      obj: i,
      peer: i + 1,
      arg,
      gen: i >= 30000 ? 2 : 0,
    });
  }
});

test('ids past int32 are kept exact; clear keeps seq numbering and the generation', () => {
  const log = new EventLog();
  log.push(5, 'warn', 1, 2 ** 40, -1, 3, 'big', 1);
  assert.equal(log.get(0).task, 2 ** 40);
  log.push(6, 'printk', 1, 2, 3, 4, -0.25, 1);
  log.clear();
  log.push(7, 'printk', 1, 2, 3, 4, 'x', 1);
  assert.deepEqual(log.slice(0, 1), [
    { seq: 2, ts: 7, kind: 'printk', host: 1, task: 2, obj: 3, peer: 4, arg: 'x', gen: 1 },
  ]);
});

function tracer(): Tracer {
  let now = 0;
  const t = new Tracer({ time: () => (now += 10), threadSelf: () => 1, threadName: () => 'h1' });
  t.taskOfHost.set(1, 9);
  return t;
}

test('subscribers get object batches; events are built lazily and are the same objects', () => {
  const t = tracer();
  const got: TraceEvent[][] = [];
  t.subscribe((b) => got.push([...b]));
  t.emit('sem.up', 4, -1, 2);
  t.emit('cpu.put', -1, -1, 'sched_jb');
  t.flush();
  t.emitTask('sched.switch', 3, -1, 5, 'block');
  t.flush();
  t.flush();
  assert.deepEqual(
    got.map((b) => b.map((e) => [e.seq, e.kind, e.task, e.arg])),
    [[[0, 'sem.up', 9, 2], [1, 'cpu.put', 9, 'sched_jb']], [[2, 'sched.switch', 3, 'block']]],
  );
  assert.equal(t.events.length, 3);
  assert.equal(t.events[2], got[1][0]);
  assert.equal(t.names.hosts.get(1), 'h1');
});

test('without keep, events stay empty and the log is dropped after each flush', () => {
  const t = tracer();
  t.keep = false;
  const seqs: number[] = [];
  t.subscribe((b) => seqs.push(...b.map((e) => e.seq)));
  t.emit('sem.up');
  t.flush();
  t.emit('sem.down');
  t.flush();
  assert.deepEqual(seqs, [0, 1]);
  assert.deepEqual(t.events, []);
  assert.equal(t.count, 2);
});

test('emits by kind code give the same events as by name; a host task change is seen at once', () => {
  const byName = tracer();
  const byCode = tracer();
  byName.emit('sem.up', 4, 7);
  byCode.emitCode(kindCode('sem.up'), 4, 7);
  byName.emitTask('sched.switch', 3, 8, 5, 'block');
  byCode.emitTaskCode(kindCode('sched.switch'), 3, 8, 5, 'block');
  for (const t of [byName, byCode]) {
    t.taskOfHost.set(1, 12); // host 1 now carries task 12
    t.emit('cpu.owner');
    t.taskOfHost.delete(1);
    t.emit('cpu.owner');
  }
  assert.deepEqual(byCode.events, byName.events);
  assert.deepEqual(byCode.events.map((e) => [e.kind, e.task, e.obj, e.peer]), [
    ['sem.up', 9, 4, 7], ['sched.switch', 3, 8, 5], ['cpu.owner', 12, -1, -1], ['cpu.owner', -1, -1, -1],
  ]);
  assert.ok(byCode.events.every((e) => e.host === 1));
});

test('host tasks: the array mirror follows set, delete and clear, and the Map stays usable', () => {
  const m = new HostTasks();
  m.set(3, 30).set(2 ** 21, 40);
  assert.deepEqual([m.taskOf(3), m.taskOf(2 ** 21), m.taskOf(4), m.taskOf(-1)], [30, 40, -1, -1]);
  assert.equal(m.get(3), 30);
  m.delete(3);
  assert.equal(m.taskOf(3), -1);
  m.set(5, 50);
  m.clear();
  assert.deepEqual([m.taskOf(5), m.size], [-1, 0]);
});
