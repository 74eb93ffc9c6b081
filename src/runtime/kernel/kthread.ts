// kthreadd and the usual kernel threads: ksoftirqd/0 (softirqs raised by irq_exit), kworker/0:0
// (a work queue), rcu_sched (grace periods on a timer). Each sleeps on a wait queue when idle.

import type { Fiber } from '../host/hostOps';
import type { Kernel } from './kernel';
import type { Task } from './task';
import { TICK_NS } from './timers';
import { Completion, WaitQueue } from './wait';

interface CreateRequest {
  name: string;
  fn: () => Fiber;
  done: Completion;
  task: Task | null;
}

export class Kthreads {
  readonly kthreaddDone: Completion;
  private readonly requests: CreateRequest[] = [];
  private readonly kthreaddWq: WaitQueue;
  private readonly softirqWq: WaitQueue;
  private readonly workWq: WaitQueue;
  private readonly rcuWq: WaitQueue;
  private readonly rcuGpWait: WaitQueue;
  private softirqPending: (() => void)[] = [];
  private readonly work: (() => Fiber)[] = [];
  private rcuCallbacks: (() => void)[] = [];
  workDone = 0;
  rcuGracePeriods = 0;

  constructor(private readonly k: Kernel) {
    this.kthreaddDone = new Completion(k, 'kthreadd_done');
    this.kthreaddWq = new WaitQueue(k, 'kthreadd');
    this.softirqWq = new WaitQueue(k, 'ksoftirqd');
    this.workWq = new WaitQueue(k, 'workqueue');
    this.rcuWq = new WaitQueue(k, 'rcu_gp');
    this.rcuGpWait = new WaitQueue(k, 'rcu_gp_wait');
  }

  /** kthreadd (pid 2): forks the kernel threads others ask for. */
  *kthreadd(): Fiber {
    for (;;) {
      yield* this.kthreaddWq.waitEvent(() => this.requests.length > 0);
      const req = this.requests.shift() as CreateRequest;
      req.task = this.k.kernelThread(req.fn, req.name);
      req.done.complete();
    }
  }

  /** kthread_run: asks kthreadd and waits until the thread exists. */
  *kthreadRun(name: string, fn: () => Fiber): Fiber<Task | null> {
    const req: CreateRequest = {
      name,
      fn,
      done: new Completion(this.k, `kthread_create:${name}`),
      task: null,
    };
    this.requests.push(req);
    this.kthreaddWq.wakeAll();
    yield* req.done.wait();
    return req.task;
  }

  /** Spawns ksoftirqd/0, kworker/0:0 and rcu_sched (early initcalls). */
  *spawnStandard(): Fiber {
    yield* this.kthreadRun('ksoftirqd/0', () => this.ksoftirqd());
    yield* this.kthreadRun('kworker/0:0', () => this.kworker());
    yield* this.kthreadRun('rcu_sched', () => this.rcuGp());
  }

  raiseSoftirq(fn: () => void): void {
    this.softirqPending.push(fn);
  }

  /** irq_exit: pending softirqs go to ksoftirqd (threaded softirqs). */
  irqExit(): void {
    if (this.softirqPending.length > 0) this.softirqWq.wakeAll();
  }

  private *ksoftirqd(): Fiber {
    for (;;) {
      yield* this.softirqWq.waitEvent(() => this.softirqPending.length > 0);
      const batch = this.softirqPending;
      this.softirqPending = [];
      for (const fn of batch) fn();
    }
  }

  queueWork(fn: () => Fiber): void {
    this.work.push(fn);
    this.workWq.wakeAll();
  }

  private *kworker(): Fiber {
    for (;;) {
      yield* this.workWq.waitEvent(() => this.work.length > 0);
      const fn = this.work.shift() as () => Fiber;
      yield* fn();
      this.workDone++;
    }
  }

  /** call_rcu: `fn` runs from softirq after the next grace period. */
  callRcu(fn: () => void): void {
    this.rcuCallbacks.push(fn);
    this.rcuWq.wakeAll();
  }

  private *rcuGp(): Fiber {
    const k = this.k;
    for (;;) {
      yield* this.rcuWq.waitEvent(() => this.rcuCallbacks.length > 0);
      const batch = this.rcuCallbacks;
      this.rcuCallbacks = [];
      // A grace period: wait one tick, as every task has passed a quiescent state by then.
      let elapsed = false;
      const gp = this.rcuGpWait;
      k.timers.add(TICK_NS, () => {
        elapsed = true;
        gp.wakeAll();
      });
      yield* gp.waitEvent(() => elapsed);
      this.rcuGracePeriods++;
      this.raiseSoftirq(() => {
        for (const fn of batch) fn();
      });
      this.softirqWq.wakeAll();
    }
  }
}
