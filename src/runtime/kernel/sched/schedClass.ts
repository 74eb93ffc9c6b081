// The scheduling-class interface: fair now; RT, idle and workshop classes plug in the same way
// (issue 6). The core asks classes in priority order for the next task.

import type { Task } from '../task';

export interface SchedClass {
  readonly name: string;
  /** Runnable tasks of this class, including the running one. */
  readonly nrRunning: number;
  /** `wakeup` is false for a new task (placement differs). */
  enqueue(t: Task, nowNs: number, wakeup: boolean): void;
  dequeue(t: Task, nowNs: number): void;
  /** The task to run next, or null; `prev` is still queued if runnable; `yielding` skips it once. */
  pickNext(prev: Task, nowNs: number, yielding: boolean): Task | null;
  /** Accounts run time of the task leaving (or still on) the CPU. */
  account(t: Task, deltaNs: number): void;
  /** Periodic tick for the running task; true requests a reschedule. */
  tick(curr: Task, nowNs: number): boolean;
  /** Whether a woken task should preempt the running one (honoured only at preemption points). */
  checkPreempt(curr: Task, woken: Task): boolean;
}
