// Kernel wait primitives on the scheduler: wait queues, counting semaphores, mutexes with an
// owner, completions. Sleeping = set state, join a queue, schedule(); waking = wake_up_process.

import type { Fiber } from '../host/hostOps';
import type { WaitQueueLike } from './syscallTypes';
import type { Kernel } from './kernel';
import type { Task } from './task';

export class WaitQueue implements WaitQueueLike {
  private readonly waiters: Task[] = [];

  constructor(
    private readonly k: Kernel,
    readonly name: string,
  ) {}

  get length(): number {
    return this.waiters.length;
  }

  add(t: Task): void {
    if (!this.waiters.includes(t)) this.waiters.push(t);
  }

  remove(t: Task): void {
    const i = this.waiters.indexOf(t);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  wakeAll(): void {
    for (const t of [...this.waiters]) this.k.sched.wakeUpProcess(t);
  }

  /** Wakes the first waiter still asleep (FIFO, as exclusive waits). */
  wakeOne(): void {
    for (const t of this.waiters) if (this.k.sched.wakeUpProcess(t)) return;
  }

  /** wait_event: sleeps until `cond()` holds; the caller must hold the CPU. */
  *waitEvent(cond: () => boolean): Fiber {
    while (!cond()) yield* this.sleepOnce();
  }

  /** One sleep on this queue until woken (callers re-check their condition). */
  *sleepOnce(): Fiber {
    const k = this.k;
    const me = k.current;
    this.add(me);
    me.state = 'uninterruptible';
    me.waitingOn = this.name;
    yield* k.sched.schedule();
    this.remove(me);
  }
}

export class KSemaphore {
  private readonly wq: WaitQueue;
  constructor(
    k: Kernel,
    readonly name: string,
    private count: number,
  ) {
    this.wq = new WaitQueue(k, `sem:${name}`);
  }
  *down(): Fiber {
    while (this.count === 0) yield* this.wq.sleepOnce();
    this.count--;
  }
  up(): void {
    this.count++;
    this.wq.wakeOne();
  }
}

export class KMutex {
  owner: Task | null = null;
  private readonly wq: WaitQueue;
  constructor(
    private readonly k: Kernel,
    readonly name: string,
  ) {
    this.wq = new WaitQueue(k, `mutex:${name}`);
    k.holders.set(`mutex:${name}`, () => this.owner);
  }
  *lock(): Fiber {
    yield* this.wq.waitEvent(() => this.owner === null);
    this.owner = this.k.current;
  }
  unlock(): void {
    if (this.owner !== this.k.current) this.k.bug(`mutex ${this.name} unlocked by non-owner`);
    this.owner = null;
    this.wq.wakeOne();
  }
}

export class Completion {
  private done = 0;
  private readonly wq: WaitQueue;
  constructor(
    k: Kernel,
    readonly name: string,
  ) {
    this.wq = new WaitQueue(k, `completion:${name}`);
  }
  *wait(): Fiber {
    yield* this.wq.waitEvent(() => this.done > 0);
    this.done--;
  }
  complete(): void {
    this.done++;
    this.wq.wakeOne();
  }
  completeAll(): void {
    this.done = Number.MAX_SAFE_INTEGER;
    this.wq.wakeAll();
  }
}
