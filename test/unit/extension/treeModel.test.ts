import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TreeModel } from '../../../src/extension/treeModel';
import { emptyNames, EventFactory, NONE } from '../../../src/trace/events';

test('tasks: CPU time accrues between switches on one LKL CPU, states follow the runtime switch', () => {
  const names = emptyNames();
  names.tasks.set(1, 'init');
  const f = new EventFactory();
  const m = new TreeModel(names, true);
  // runtime conventions (events.ts): obj = what prev sleeps on (NONE: preempted), 'dead' = exit
  m.add([
    f.make(100, 'sched.switch', { host: 0, task: 0, peer: 1, arg: 'block' }),
    f.make(400, 'sched.switch', { host: 3, task: 1, obj: 9, peer: 2, arg: 'block' }), // another host thread switches
  ]);
  assert.equal(m.tasks.get(1)!.state, 'blocked');
  m.add([
    f.make(1000, 'sched.switch', { host: 5, task: 2, peer: 1, arg: 'dead' }),
    f.make(1200, 'sched.wakeup', { host: 5, task: 1, peer: 7 }), // task = the waker, peer = the woken task
  ]);
  assert.equal(m.tasks.get(1)!.comm, 'init');
  assert.equal(m.tasks.get(1)!.cpuNs, 300);
  assert.equal(m.tasks.get(1)!.state, 'running');
  assert.equal(m.tasks.get(1)!.switchesIn, 2);
  assert.equal(m.tasks.get(2)!.cpuNs, 600);
  assert.equal(m.tasks.get(2)!.state, 'dead');
  assert.equal(m.tasks.get(0)!.state, 'runnable');
  assert.equal(m.tasks.get(7)!.state, 'runnable');
});

test('semaphores: count, waiters released by an up that names them', () => {
  const names = emptyNames();
  names.objects.set(4, { type: 'sem', name: 'init_sem' });
  const f = new EventFactory();
  const m = new TreeModel(names, true);
  m.add([
    f.make(0, 'sem.alloc', { obj: 4, arg: 0 }),
    f.make(1, 'sem.down.wait', { host: 0, obj: 4 }),
    f.make(2, 'sem.down.wait', { host: 1, obj: 4 }),
  ]);
  assert.deepEqual(m.objects.get(4)!.waiters, [0, 1]);
  m.add([f.make(3, 'sem.up', { host: 2, obj: 4, peer: 1 }), f.make(3, 'sem.down', { host: 1, obj: 4 })]);
  assert.deepEqual(m.objects.get(4)!.waiters, [0]);
  assert.equal(m.objects.get(4)!.count, 0);
  m.add([f.make(4, 'sem.up', { host: 2, obj: 4, peer: NONE })]);
  assert.equal(m.objects.get(4)!.count, 1);
  assert.equal(m.objects.get(4)!.name, 'init_sem');
});

test('phases pair begin and end by name and generation', () => {
  const f = new EventFactory();
  const m = new TreeModel(emptyNames(), true);
  m.add([
    f.make(10, 'boot.phase.begin', { arg: 'start_kernel' }),
    f.make(20, 'boot.initcall.begin', { arg: 'fs_setup' }),
    f.make(25, 'boot.initcall.end', { arg: 'fs_setup' }),
    f.make(90, 'boot.phase.end', { arg: 'start_kernel' }),
    f.make(100, 'halt.step.begin', { arg: 'reboot' }),
  ]);
  assert.deepEqual(m.phases.map((p) => [p.group, p.name, p.startNs, p.endNs]), [
    ['boot', 'start_kernel', 10, 90],
    ['initcall', 'fs_setup', 20, 25],
    ['halt', 'reboot', 100, null],
  ]);
});

test('scheduling class: normal at first, then as sched.setattr says; a forked child inherits it', () => {
  const f = new EventFactory();
  const m = new TreeModel(emptyNames(), true);
  m.add([
    f.make(0, 'sched.fork', { task: 2, peer: 9, arg: 'low' }),
    f.make(1, 'sched.setattr', { task: 9, arg: 'fifo 50' }),
    f.make(2, 'sched.fork', { task: 9, peer: 10, arg: 'child' }),
    f.make(3, 'sched.setattr', { task: 11, arg: 'normal nice 5' }),
    f.make(4, 'sched.fork', { task: 0, peer: 1, arg: 'init' }), // the idle task forks init: normal
  ]);
  assert.equal(m.tasks.get(0)!.cls, 'idle');
  assert.equal(m.tasks.get(1)!.cls, 'normal nice 0');
  assert.equal(m.tasks.get(2)!.cls, 'normal nice 0');
  assert.equal(m.tasks.get(9)!.cls, 'fifo 50');
  assert.equal(m.tasks.get(10)!.cls, 'fifo 50');
  assert.equal(m.tasks.get(11)!.cls, 'normal nice 5');
  // an imported trace says nothing of classes: none is made up
  const imported = new TreeModel(emptyNames(), false);
  imported.add([f.make(0, 'sched.switch', { host: 0, task: 3, peer: 4, arg: 'S' })]);
  assert.equal(imported.tasks.get(4)!.cls, '');
});


test('LKL CPU: the owner cpu.owner names, who waits now, waits so far and the most at once', () => {
  const f = new EventFactory();
  const m = new TreeModel(emptyNames(), true);
  m.add([
    f.make(0, 'cpu.get', { host: 1 }),
    f.make(0, 'cpu.owner', { host: 1, peer: 1 }),
    f.make(1, 'cpu.get.wait', { host: 2 }),
    f.make(2, 'cpu.get.wait', { host: 3 }),
  ]);
  assert.deepEqual(m.cpu, { owner: 1, waiting: [2, 3], waits: 2, maxWaiting: 2 });
  m.add([
    f.make(5, 'cpu.put', { host: 1 }),
    f.make(5, 'cpu.owner', { host: 1, peer: 2 }),
    f.make(5, 'cpu.get', { host: 2 }),
    f.make(9, 'cpu.put', { host: 2 }),
    f.make(9, 'cpu.owner', { host: 2, peer: NONE }), // released
  ]);
  assert.deepEqual(m.cpu, { owner: NONE, waiting: [3], waits: 2, maxWaiting: 2 });
});
