// Runtime-trace analyses on small hand-made streams: semaphore wait/hold, LKL CPU contention,
// the critical path of boot and halt.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuContention, criticalPath, semaphoreStats } from '../../../../src/trace/analyses/runtime';
import { EventFactory } from '../../../../src/trace/events';

test('semaphore wait (down.wait → down) and hold (down → up) per semaphore', () => {
  const f = new EventFactory();
  const ev = [
    f.make(0, 'sem.down', { host: 1, obj: 7 }),
    f.make(5, 'sem.down.wait', { host: 2, obj: 7 }),
    f.make(30, 'sem.up', { host: 1, obj: 7, peer: 2 }),
    f.make(32, 'sem.down', { host: 2, obj: 7 }),
    f.make(50, 'sem.up', { host: 2, obj: 7 }),
  ];
  const [s] = semaphoreStats(ev);
  assert.equal(s.obj, 7);
  assert.deepEqual([s.waitNs.count, s.waitNs.max, s.waitNs.totalNs], [1, 27, 27]);
  assert.deepEqual([s.holdNs.count, s.holdNs.max, s.holdNs.totalNs], [2, 30, 48]);
});

test('LKL CPU contention: waits, contended time and most waiters', () => {
  const f = new EventFactory();
  const c = cpuContention([
    f.make(10, 'cpu.get.wait', { host: 1 }), f.make(12, 'cpu.get.wait', { host: 2 }),
    f.make(20, 'cpu.get', { host: 1 }), f.make(25, 'cpu.get', { host: 2 }),
    f.make(40, 'cpu.get.wait', { host: 3 }), f.make(41, 'cpu.get', { host: 3 }),
  ]);
  assert.deepEqual([c.waitNs.count, c.waitNs.totalNs, c.waitNs.max, c.contendedNs, c.maxWaiters], [3, 24, 13, 16, 2]);
});

test('critical path: top-level boot phases and halt steps with their longest nested phase', () => {
  const f = new EventFactory();
  const p = criticalPath([
    f.make(0, 'boot.phase.begin', { arg: 'setup' }),
    f.make(10, 'boot.initcall.begin', { arg: 'a_init' }), f.make(15, 'boot.initcall.end', { arg: 'a_init' }),
    f.make(15, 'boot.initcall.begin', { arg: 'b_init' }), f.make(40, 'boot.initcall.end', { arg: 'b_init' }),
    f.make(50, 'boot.phase.end', { arg: 'setup' }),
    f.make(60, 'halt.step.begin', { arg: 'threads cleanup' }), f.make(90, 'halt.step.end', { arg: 'threads cleanup' }),
  ]);
  assert.deepEqual(p.path.map((x) => [x.track, x.name, x.durNs, x.longestChild]), [
    ['boot', 'setup', 50, 'b_init'], ['halt', 'threads cleanup', 30, null],
  ]);
  assert.equal(p.gapNs, 10);
  assert.equal(p.phases.length, 4);
});
