// The kernel objects a scenario declares: counting semaphores and mutexes (with optional priority
// inheritance), plus kernel sleep and busy compute. All run with the LKL CPU held, as kernel code.

import type { Fiber } from '../host/hostOps';
import type { Kernel } from '../kernel/kernel';
import { NICE_TO_WEIGHT } from '../kernel/sched/fair';
import { SCHED_FIFO, SCHED_IDLE, SCHED_RR } from '../kernel/sched/rt';
import type { Task } from '../kernel/task';
import type { ScenarioThread } from './types';
import { WaitQueue } from '../kernel/wait';
import { type CustomSchedClass, setCustomClass } from './customSched';

/** Compute is modelled in slices; between them deferred irqs run and a resched is honoured. */
export const COMPUTE_SLICE_NS = 100_000;

/** Called when a task is about to sleep on a scenario object (for notes and tests). */
export type BlockHook = (t: Task, on: string) => void;

/** Sleeps until `cond()` holds, as wait_event, telling `onBlock` each time it sleeps. */
function* sleepUntil(
  k: Kernel,
  wq: WaitQueue,
  on: string,
  cond: () => boolean,
  onBlock: BlockHook,
): Fiber {
  while (!cond()) {
    onBlock(k.current, on);
    yield* wq.sleepOnce();
  }
}

export class ScenarioSemaphore {
  private readonly wq: WaitQueue;
  constructor(
    private readonly k: Kernel,
    readonly name: string,
    private count: number,
    private readonly onBlock: BlockHook,
  ) {
    this.wq = new WaitQueue(k, `sem:${name}`);
  }
  *down(): Fiber {
    yield* sleepUntil(this.k, this.wq, this.name, () => this.count > 0, this.onBlock);
    this.count--;
  }
  up(): void {
    this.count++;
    this.wq.wakeOne();
  }
}

function setNice(k: Kernel, t: Task, nice: number): void {
  t.nice = nice;
  t.weight = NICE_TO_WEIGHT[nice + 20];
  k.sched.traceAttr(t);
}

/**
 * A mutex with an owner. With inheritance the owner runs at the best nice of itself and its
 * waiters until it unlocks (one level: the fair class has no RT priorities to inherit yet).
 */
export class ScenarioMutex {
  owner: Task | null = null;
  private readonly wq: WaitQueue;
  private readonly waiters = new Set<Task>();
  private ownerBaseNice = 0;

  constructor(
    private readonly k: Kernel,
    readonly name: string,
    private readonly inherit: boolean,
    private readonly onBlock: BlockHook,
  ) {
    this.wq = new WaitQueue(k, `mutex:${name}`);
    // the deadlock report's wait-for graph names the owner as the holder
    k.holders.set(`mutex:${name}`, () => this.owner);
  }

  *lock(): Fiber {
    const me = this.k.current;
    this.waiters.add(me);
    yield* sleepUntil(
      this.k,
      this.wq,
      this.name,
      () => this.owner === null,
      (t, on) => {
        this.boost();
        this.onBlock(t, on);
      },
    );
    this.waiters.delete(me);
    this.owner = me;
    this.ownerBaseNice = me.nice;
    this.boost();
  }

  unlock(): void {
    const me = this.k.current;
    if (this.owner !== me)
      this.k.bug(`scenario mutex ${this.name} unlocked by ${me.comm}, not its owner`);
    if (this.inherit) setNice(this.k, me, this.ownerBaseNice);
    this.owner = null;
    this.wq.wakeOne();
  }

  private boost(): void {
    if (!this.inherit || !this.owner) return;
    let best = this.ownerBaseNice;
    for (const w of this.waiters) if (w !== this.owner) best = Math.min(best, w.nice);
    if (best !== this.owner.nice) setNice(this.k, this.owner, best);
  }
}

/** msleep: a kernel timer wakes the task. */
export function* kernelSleep(k: Kernel, ns: number): Fiber {
  let done = false;
  const wq = new WaitQueue(k, 'scenario_sleep');
  k.timers.add(ns, () => {
    done = true;
    wq.wakeAll();
  });
  yield* wq.waitEvent(() => done);
}

/** Busy kernel work: deferred irqs (the tick, timer wake-ups) run between slices, then cond_resched. */
export function* kernelCompute(k: Kernel, ns: number): Fiber {
  let left = ns;
  while (left > 0) {
    const d = Math.min(left, COMPUTE_SLICE_NS);
    yield* k.host.spin(d);
    left -= d;
    yield* k.irq.localIrqEnable();
    // cond_resched: prev stays a candidate (Sched.condResched passes yielding=true, which skips it).
    if (k.sched.needResched) yield* k.sched.schedule();
  }
}

export { setNice };

/**
 * Applies a thread's declared policy (fifo/rr/idle through sched_setscheduler's core, custom into
 * the scenario's own class when the host loaded one) or nice.
 */
export function applySchedParams(k: Kernel, t: Task, thread: ScenarioThread, custom: CustomSchedClass | null = null): void {
  const p = thread.policy ?? 'normal';
  if (p === 'custom') {
    // nice first: the class reads the weight (lottery tickets, say) when the task joins it
    if (thread.nice !== undefined) setNice(k, t, thread.nice);
    if (custom) setCustomClass(k, t, custom);
  } else if (p === 'fifo' || p === 'rr') k.sched.setScheduler(t, p === 'fifo' ? SCHED_FIFO : SCHED_RR, thread.priority ?? 1);
  else if (p === 'idle') k.sched.setScheduler(t, SCHED_IDLE, 0);
  else if (thread.nice !== undefined) setNice(k, t, thread.nice);
}

/** Whether a thread declares anything applySchedParams would change. */
export const hasSchedParams = (thread: ScenarioThread): boolean =>
  (thread.policy ?? 'normal') !== 'normal' || thread.nice !== undefined;
