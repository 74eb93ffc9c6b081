// Kernel wait primitives on the scheduler: wait queues, counting semaphores, mutexes with an
// owner, completions. Sleeping = set state, join a queue, schedule(); waking = wake_up_process.
// Each queue is a named trace object: the sleeper's sched.switch and the sched.wakeup that ends
// the sleep carry its id in `obj`. Plain queues, completions and child-exit waits are registered
// as 'waitq', semaphores as 'sem', mutexes as 'mutex'.

import type { ObjectType } from '../../trace/events';
import { SWITCH_SLOW as SWITCH_SLOW_ID } from '../arch/threads';
import type { Blocker, Fiber } from '../host/hostOps';
import type { WaitQueueLike } from './syscallTypes';
import type { Kernel } from './kernel';
import { NO_SWITCH as NO_SWITCH_ID } from './sched/core';
import type { Task } from './task';

/** Module-local copies: imported bindings are getters in unbundled builds (hot path). */
const SWITCH_SLOW = SWITCH_SLOW_ID;
const NO_SWITCH = NO_SWITCH_ID;

export class WaitQueue implements WaitQueueLike {
  private readonly waiters: Task[] = [];
  /** Trace object id (named `name`). */
  readonly obj: number;

  constructor(
    private readonly k: Kernel,
    readonly name: string,
    type: ObjectType = waitObjectType(name),
  ) {
    this.obj = k.ids.alloc();
    k.tracer.nameObject(this.obj, type, name);
  }

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
    for (const t of [...this.waiters]) this.k.sched.wakeUpProcess(t, undefined, this.obj);
  }

  /** Wakes the first waiter still asleep (FIFO, as exclusive waits). */
  wakeOne(): void {
    for (const t of this.waiters) if (this.k.sched.wakeUpProcess(t, undefined, this.obj)) return;
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
    me.waitObj = this.obj;
    // schedule() inline (scheduleBegin/End): no generator frame on the sleep hot path.
    const s = k.sched;
    const b = s.scheduleBegin(false);
    if (b === SWITCH_SLOW) yield* s.scheduleSlow(me);
    else if (b !== NO_SWITCH) {
      if (b !== null) yield b as Blocker;
      const tail = s.scheduleEnd(me);
      if (tail !== null) yield* tail;
    }
    this.remove(me);
  }
}

/**
 * The trace type of a queue named without one: callers outside this file (scenario objects) name
 * their semaphore and mutex queues `sem:` / `mutex:`; anything else is a plain wait queue.
 */
export function waitObjectType(name: string): ObjectType {
  return name.startsWith('sem:') ? 'sem' : name.startsWith('mutex:') ? 'mutex' : 'waitq';
}

export class KSemaphore {
  private readonly wq: WaitQueue;
  constructor(
    private readonly k: Kernel,
    readonly name: string,
    private count: number,
  ) {
    this.wq = new WaitQueue(k, `sem:${name}`, 'sem');
  }
  *down(): Fiber {
    if (this.count === 0) {
      // sleepOnce's body inline: one generator frame less per sleep (the switch hot path).
      const k = this.k;
      const me = k.current;
      const wq = this.wq;
      do {
        wq.add(me);
        me.state = 'uninterruptible';
        me.waitingOn = wq.name;
        me.waitObj = wq.obj;
        const s = k.sched;
        const b = s.scheduleBegin(false); // schedule() inline, as in sleepOnce
        if (b === SWITCH_SLOW) yield* s.scheduleSlow(me);
        else if (b !== NO_SWITCH) {
          if (b !== null) yield b as Blocker;
          const tail = s.scheduleEnd(me);
          if (tail !== null) yield* tail;
        }
        wq.remove(me);
      } while (this.count === 0);
    }
    this.count--;
  }
  up(): void {
    this.count++;
    this.wq.wakeOne();
  }
}

/**
 * A sleeping mutex with an owner. With `pi` (rt_mutex-like priority inheritance, off by default
 * so priority inversion can be shown) a real-time waiter lends its priority to the owner until
 * the owner unlocks. One level only: an owner blocked on another mutex does not pass it on.
 */
export class KMutex {
  owner: Task | null = null;
  readonly pi: boolean;
  private readonly wq: WaitQueue;
  /** Tasks asleep in lock(): the donors when the owner's priority is recomputed. */
  private readonly blocked = new Set<Task>();
  constructor(
    private readonly k: Kernel,
    readonly name: string,
    opts: { pi?: boolean } = {},
  ) {
    this.pi = opts.pi ?? false;
    this.wq = new WaitQueue(k, `mutex:${name}`, 'mutex');
    k.holders.set(`mutex:${name}`, () => this.owner);
  }
  *lock(): Fiber {
    const me = this.k.current;
    while (this.owner !== null) {
      this.blocked.add(me);
      if (this.pi) this.k.sched.piBoost(this.owner, me);
      yield* this.wq.sleepOnce();
      this.blocked.delete(me);
    }
    this.owner = me;
    if (this.pi) me.piLocks.add(this);
  }
  unlock(): void {
    const me = this.k.current;
    if (this.owner !== me) this.k.bug(`mutex ${this.name} unlocked by non-owner`);
    this.owner = null;
    if (this.pi) {
      me.piLocks.delete(this);
      this.k.sched.piRestore(me);
    }
    this.wq.wakeOne();
  }
  /** The waiters whose priority the owner may inherit. */
  get donors(): ReadonlySet<Task> {
    return this.blocked;
  }
}

export class Completion {
  private done = 0;
  private readonly wq: WaitQueue;
  constructor(
    k: Kernel,
    readonly name: string,
  ) {
    this.wq = new WaitQueue(k, `completion:${name}`, 'waitq');
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
