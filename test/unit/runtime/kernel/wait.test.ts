import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import type { Kernel } from '../../../../src/runtime/kernel/kernel';
import { NR } from '../../../../src/runtime/kernel/syscallNumbers';
import { Completion, KMutex, KSemaphore, waitObjectType } from '../../../../src/runtime/kernel/wait';
import { Runtime } from '../../../../src/runtime/runtime';
import { checkOrder } from '../../../helpers/orderChecker';

/** Boots with `setup` run as a late initcall, lets the kernel settle, halts. */
function withKthreads(setup: (k: Kernel, log: string[]) => void) {
  const log: string[] = [];
  const rt = Runtime.create({
    seed: 5,
    scenario: {
      name: 'kthreads',
      install(r) {
        r.kernel.initcalls.register({
          level: 'late',
          name: 'test_kthreads',
          *fn(k) {
            setup(k, log);
            return 0;
          },
        });
      },
    },
  });
  rt.start(function* main(app): Fiber {
    yield* app.nanosleep(30_000_000);
    yield* app.halt();
  });
  rt.runToEnd();
  return { rt, log };
}

test('kernel mutex: the second locker waits until the owner unlocks', () => {
  const { rt, log } = withKthreads((k, log) => {
    const m = new KMutex(k, 'test');
    const done = new Completion(k, 'first_locked');
    k.kernelThread(function* a(): Fiber {
      yield* m.lock();
      log.push('a locked');
      done.complete();
      yield* k.host.spin(50_000);
      yield* k.sched.schedule(true); // let b run while a holds the mutex
      log.push('a unlocks');
      m.unlock();
    }, 'locker_a');
    k.kernelThread(function* b(): Fiber {
      yield* done.wait();
      log.push('b locking');
      yield* m.lock();
      log.push('b locked');
      m.unlock();
    }, 'locker_b');
  });
  assert.equal(rt.status, 'halted');
  assert.deepEqual(log, ['a locked', 'b locking', 'a unlocks', 'b locked']);
  assert.deepEqual(checkOrder(rt), []);
});

test('kernel semaphore ping-pong alternates strictly and switches every time', () => {
  const { rt, log } = withKthreads((k, log) => {
    const ping = new KSemaphore(k, 'ping', 0);
    const pong = new KSemaphore(k, 'pong', 0);
    k.kernelThread(function* a(): Fiber {
      for (let i = 0; i < 5; i++) {
        log.push(`ping ${i}`);
        ping.up();
        yield* pong.down();
      }
    }, 'ping');
    k.kernelThread(function* b(): Fiber {
      for (let i = 0; i < 5; i++) {
        yield* ping.down();
        log.push(`pong ${i}`);
        pong.up();
      }
    }, 'pong');
  });
  assert.equal(rt.status, 'halted');
  assert.deepEqual(
    log,
    [0, 1, 2, 3, 4].flatMap((i) => [`ping ${i}`, `pong ${i}`]),
  );
  const pid = (comm: string) => [...rt.names.tasks].find(([, c]) => c === comm)?.[0];
  const toPong = rt.events.filter((e) => e.kind === 'sched.switch' && e.peer === pid('pong'));
  assert.ok(toPong.length >= 5);
  assert.ok(rt.events.some((e) => e.kind === 'sched.exit' && e.task === pid('ping')));
});

test('sched_yield returns 0 and lets a runnable kernel thread run first', () => {
  const log: string[] = [];
  const rt = Runtime.create({ seed: 8 });
  rt.start(function* main(app): Fiber {
    const k = rt.kernel;
    yield* app.getpid();
    k.kthreads.queueWork(function* work(): Fiber {
      log.push('work ran');
    });
    log.push(`yield = ${yield* app.syscall(NR.sched_yield)}`);
    yield* app.halt();
  });
  rt.runToEnd();
  assert.equal(rt.status, 'halted');
  assert.deepEqual(log, ['work ran', 'yield = 0']);
});

test('sleeps and wake-ups carry the wait object: queue, completion, mutex, sleep timer', () => {
  const { rt } = withKthreads((k) => {
    const m = new KMutex(k, 'objm');
    const c = new Completion(k, 'objc');
    k.kernelThread(function* waiter(): Fiber {
      yield* c.wait();
      yield* m.lock();
      m.unlock();
    }, 'obj_waiter');
    k.kernelThread(function* holder(): Fiber {
      yield* m.lock();
      c.complete();
      yield* k.host.spin(50_000);
      yield* k.sched.schedule(true); // the waiter now sleeps on the mutex
      m.unlock();
    }, 'obj_holder');
  });
  assert.equal(rt.status, 'halted');
  const pid = [...rt.names.tasks].find(([, c]) => c === 'obj_waiter')?.[0];
  const objName = (id: number) => rt.names.objects.get(id);
  const sleeps = rt.events
    .filter((e) => e.kind === 'sched.switch' && e.task === pid && e.obj >= 0)
    .map((e) => objName(e.obj));
  assert.deepEqual(sleeps, [
    { type: 'waitq', name: 'completion:objc' },
    { type: 'mutex', name: 'mutex:objm' },
  ]);
  const wakes = rt.events
    .filter((e) => e.kind === 'sched.wakeup' && e.peer === pid && e.obj >= 0)
    .map((e) => objName(e.obj)?.name);
  assert.deepEqual(wakes, ['completion:objc', 'mutex:objm']);
  // main's nanosleep: its host task sleeps on its timer and the timer wakes it.
  const timer = [...rt.names.objects].find(
    ([, o]) => o.type === 'timer' && o.name.startsWith('hrtimer_sleeper:'),
  );
  assert.ok(timer, 'a sleep timer object is named');
  const id = timer[0];
  assert.ok(rt.events.some((e) => e.kind === 'sched.switch' && e.obj === id));
  assert.ok(rt.events.some((e) => e.kind === 'sched.wakeup' && e.obj === id));
});

test('object types: wait queues and completions are waitq, semaphores sem, mutexes mutex', () => {
  const { rt } = withKthreads((k) => {
    new KSemaphore(k, 'typed_sem', 1);
    new KMutex(k, 'typed_mutex');
    new Completion(k, 'typed_done');
    k.procs.childWait(1);
  });
  const typeOf = (name: string) => [...rt.names.objects.values()].find((o) => o.name === name)?.type;
  assert.equal(typeOf('sem:typed_sem'), 'sem');
  assert.equal(typeOf('mutex:typed_mutex'), 'mutex');
  assert.equal(typeOf('completion:typed_done'), 'waitq');
  assert.equal(typeOf('wait_chldexit:1'), 'waitq');
  assert.equal(typeOf('rcu_gp'), 'waitq', 'a plain kernel wait queue');
  assert.ok([...rt.names.objects.values()].some((o) => o.type === 'sem' && o.name.startsWith('sched_sem:')));
  // queues made by name only (scenario objects) take their type from the prefix
  assert.deepEqual(['sem:s', 'mutex:m', 'scenario_sleep'].map(waitObjectType), ['sem', 'mutex', 'waitq']);
});
