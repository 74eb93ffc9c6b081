// The real-time class: SCHED_FIFO and SCHED_RR, priorities 1..99 (higher first), one FIFO queue
// per priority. FIFO runs until it sleeps or yields; RR rotates equal priorities every slice.

import type { Task } from '../task';
import type { SchedClass } from './schedClass';

export const SCHED_NORMAL = 0;
export const SCHED_FIFO = 1;
export const SCHED_RR = 2;
export const SCHED_BATCH = 3;
export const SCHED_IDLE = 5;
export const MAX_RT_PRIO = 99;
/** RR_TIMESLICE: 100 ms. */
export const RR_SLICE_NS = 100_000_000;

export class RtClass implements SchedClass {
  readonly name = 'rt';
  /** Queues indexed by priority; the running task stays at its place while runnable. */
  private readonly queues = new Map<number, Task[]>();
  private count = 0;

  get nrRunning(): number {
    return this.count;
  }

  enqueue(t: Task): void {
    if (t.onRq) return;
    let q = this.queues.get(t.rtPriority);
    if (!q) {
      q = [];
      this.queues.set(t.rtPriority, q);
    }
    q.push(t);
    t.onRq = true;
    this.count++;
    if (t.rrSliceNs <= 0) t.rrSliceNs = RR_SLICE_NS;
  }

  dequeue(t: Task): void {
    if (!t.onRq) return;
    const q = this.queues.get(t.rtPriority);
    const i = q ? q.indexOf(t) : -1;
    if (q && i >= 0) q.splice(i, 1);
    t.onRq = false;
    this.count--;
  }

  private requeueTail(t: Task): void {
    const q = this.queues.get(t.rtPriority);
    if (!q) return;
    const i = q.indexOf(t);
    if (i >= 0) q.splice(i, 1);
    q.push(t);
  }

  pickNext(prev: Task, _nowNs: number, yielding: boolean): Task | null {
    if (yielding && prev.onRq && prev.schedClass === this) this.requeueTail(prev);
    let best = -1;
    for (const [prio, q] of this.queues) if (q.length > 0 && prio > best) best = prio;
    return best < 0 ? null : (this.queues.get(best) as Task[])[0];
  }

  account(t: Task, deltaNs: number): void {
    if (deltaNs <= 0) return;
    t.sumExecNs += deltaNs;
    if (t.policy === SCHED_RR) t.rrSliceNs -= deltaNs;
  }

  /** task_tick_rt: FIFO never; RR when its slice is used and a peer of equal priority waits. */
  tick(curr: Task): boolean {
    if (curr.policy !== SCHED_RR || curr.rrSliceNs > 0) return false;
    curr.rrSliceNs = RR_SLICE_NS;
    const q = this.queues.get(curr.rtPriority);
    if (!q || q.length < 2) return false;
    this.requeueTail(curr);
    return true;
  }

  checkPreempt(curr: Task, woken: Task): boolean {
    return woken.rtPriority > curr.rtPriority;
  }
}
