// The scheduling-class interface. The core asks classes in priority order (rt, fair, idle) for
// the next task; a scenario can plug its own class with `Sched.addClass` (before fair, say).
//
// Contract for a class:
// - the running task stays on its class's queue while runnable (dequeue happens when it sleeps);
// - `account` is called with run time since the last accounting (update_curr), on switches,
//   ticks and before a wake-up preemption check, so keys such as vruntime are never stale;
// - `tick` and `checkPreempt` only request a reschedule; it happens at the next preemption
//   point (cond_resched, irq exit to a kernel thread, a syscall's end): LKL is NO_PREEMPT.

import type { Task } from '../task';

export interface SchedClass {
  /** Shown in /proc and the trace ('rt', 'fair', 'idle', or a scenario's own). */
  readonly name: string;
  /** Runnable tasks of this class, including the running one. */
  readonly nrRunning: number;
  /** `wakeup` is false for a new task (placement differs). */
  enqueue(t: Task, nowNs: number, wakeup: boolean): void;
  dequeue(t: Task, nowNs: number): void;
  /** The task to run next, or null; `prev` is still queued if runnable; `yielding` skips it. */
  pickNext(prev: Task, nowNs: number, yielding: boolean): Task | null;
  /** Accounts run time of the task on (or leaving) the CPU. */
  account(t: Task, deltaNs: number): void;
  /** Periodic tick for the running task; true requests a reschedule. */
  tick(curr: Task, nowNs: number): boolean;
  /** Whether a woken task of this class should preempt the running one of the same class. */
  checkPreempt(curr: Task, woken: Task): boolean;
}
