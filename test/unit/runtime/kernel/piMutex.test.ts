import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import type { Kernel } from '../../../../src/runtime/kernel/kernel';
import { SCHED_FIFO } from '../../../../src/runtime/kernel/sched/rt';
import { KMutex, WaitQueue } from '../../../../src/runtime/kernel/wait';
import { Runtime } from '../../../../src/runtime/runtime';
import { checkOrder } from '../../../helpers/orderChecker';

const MS = 1_000_000;

/** `ns` of CPU time: 100 µs slices, pending irqs delivered, then a preemption point. */
function* burn(k: Kernel, ns: number): Fiber {
  const me = k.current;
  k.sched.updateCurr();
  const until = me.sumExecNs + ns;
  for (; me.sumExecNs < until; k.sched.updateCurr()) {
    yield* k.host.spin(100_000);
    yield* k.irq.localIrqEnable();
    yield* k.sched.condResched();
  }
}

function* msleep(k: Kernel, q: WaitQueue, ns: number): Fiber {
  let done = false;
  k.timers.add(ns, () => {
    done = true;
    q.wakeAll();
  });
  yield* q.waitEvent(() => done);
}

interface Times {
  highLocked: number;
  mediumDone: number;
  lowUnlocked: number;
  lowPrioWhileHighWaits: number;
}

/**
 * The classic inversion: low (FIFO 10) holds the mutex, high (FIFO 90) wakes at 1 ms and blocks
 * on it, medium (FIFO 50) wakes at 2 ms and burns 20 ms of CPU.
 */
function inversion(pi: boolean): { rt: Runtime; t: Times } {
  const t: Times = { highLocked: 0, mediumDone: 0, lowUnlocked: 0, lowPrioWhileHighWaits: -1 };
  const rt = Runtime.create({
    seed: 11,
    scenario: {
      name: 'pi',
      install(r) {
        r.kernel.initcalls.register({
          level: 'late',
          name: 'pi_test',
          *fn(k) {
            const m = new KMutex(k, 'shared', { pi });
            const start = k.host.time();
            const spawn = (name: string, prio: number, body: () => Fiber) => {
              const task = k.kernelThread(body, name);
              assert.ok(task);
              k.sched.setScheduler(task, SCHED_FIFO, prio);
            };
            spawn('low', 10, function* low(): Fiber {
              yield* m.lock();
              yield* burn(k, 10 * MS);
              t.lowUnlocked = k.host.time() - start;
              m.unlock();
            });
            spawn('medium', 50, function* medium(): Fiber {
              yield* msleep(k, new WaitQueue(k, 'medium_sleep'), 2 * MS);
              yield* burn(k, 20 * MS);
              t.mediumDone = k.host.time() - start;
            });
            spawn('high', 90, function* high(): Fiber {
              yield* msleep(k, new WaitQueue(k, 'high_sleep'), 1 * MS);
              const owner = m.owner;
              const lock = m.lock();
              // The first step blocks; the owner's priority is what PI made it.
              let r = lock.next();
              t.lowPrioWhileHighWaits = owner ? owner.rtPriority : -1;
              while (!r.done) {
                yield r.value;
                r = lock.next();
              }
              t.highLocked = k.host.time() - start;
              m.unlock();
            });
            return 0;
          },
        });
      },
    },
  });
  rt.start(function* main(app): Fiber {
    yield* app.nanosleep(100 * MS);
    yield* app.halt();
  });
  rt.runToEnd();
  assert.equal(rt.status, 'halted', rt.statusDetail);
  assert.deepEqual(checkOrder(rt), []);
  return { rt, t };
}

describe('kernel mutex priority inheritance', () => {
  it('without PI (the default) high waits while medium runs: priority inversion', () => {
    const { t } = inversion(false);
    assert.equal(t.lowPrioWhileHighWaits, 10);
    const at = `high locked at ${t.highLocked}, medium done at ${t.mediumDone}`;
    assert.ok(t.highLocked > t.mediumDone, at);
    // low got 2 ms before medium woke, then its last 8 ms after medium's 20 ms.
    assert.ok(t.lowUnlocked >= 30 * MS && t.lowUnlocked < 31 * MS, `low unlocked ${t.lowUnlocked}`);
  });

  it('with PI low runs at high priority until it unlocks; high locks before medium ends', () => {
    const { rt, t } = inversion(true);
    assert.equal(t.lowPrioWhileHighWaits, 90);
    const at = `high locked at ${t.highLocked}, medium done at ${t.mediumDone}`;
    assert.ok(t.highLocked < t.mediumDone, at);
    assert.ok(t.highLocked >= t.lowUnlocked && t.lowUnlocked < 11 * MS, `low ${t.lowUnlocked}`);
    assert.ok(t.mediumDone >= 30 * MS, 'medium ran only after low and high');
    // The boost ends at unlock: low is back at its own priority.
    const low = [...rt.kernel.tasks.values()].find((x) => x.comm === 'low');
    if (low) assert.equal(low.rtPriority, 10);
    // the trace says so: sched.setattr of low, in order
    const lowPid = [...rt.names.tasks].find(([, c]) => c === 'low')?.[0];
    const attrs = rt.events.filter((e) => e.kind === 'sched.setattr' && e.task === lowPid).map((e) => e.arg);
    assert.deepEqual(attrs, ['fifo 10', 'fifo 90 (boosted)', 'fifo 10']);
  });

  it('without PI low is never boosted: its only sched.setattr is its own policy', () => {
    const { rt } = inversion(false);
    const lowPid = [...rt.names.tasks].find(([, c]) => c === 'low')?.[0];
    assert.deepEqual(rt.events.filter((e) => e.kind === 'sched.setattr' && e.task === lowPid).map((e) => e.arg), ['fifo 10']);
  });
});
