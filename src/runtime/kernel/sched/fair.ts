// A CFS-like fair class: nice weights (Linux's table), vruntime, placement of new and woken tasks.
// Run queue as an array scanned for the minimum: task counts here are small.

import type { Task } from '../task';
import type { SchedClass } from './schedClass';

/** sched_prio_to_weight, nice -20..19 (kernel/sched/core.c). */
export const NICE_TO_WEIGHT = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904,
  3906, 3121, 2501, 1991, 1586, 1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87,
  70, 56, 45, 36, 29, 23, 18, 15,
];

const SCHED_LATENCY_NS = 6_000_000;
const MIN_GRANULARITY_NS = 750_000;

export class FairClass implements SchedClass {
  readonly name = 'fair';
  private readonly rq: Task[] = [];
  private minVruntime = 0;
  private seq = 0;

  get nrRunning(): number {
    return this.rq.length;
  }

  enqueue(t: Task, _nowNs: number, wakeup: boolean): void {
    if (t.onRq) return;
    t.weight = NICE_TO_WEIGHT[Math.max(-20, Math.min(19, t.nice)) + 20];
    // New tasks start at min_vruntime; sleepers get at most half a latency of credit.
    const floor = wakeup ? this.minVruntime - SCHED_LATENCY_NS / 2 : this.minVruntime;
    t.vruntime = Math.max(t.vruntime, floor);
    t.onRq = true;
    t.enqueueSeq = this.seq++;
    this.rq.push(t);
  }

  dequeue(t: Task): void {
    if (!t.onRq) return;
    const i = this.rq.indexOf(t);
    if (i >= 0) this.rq.splice(i, 1);
    t.onRq = false;
  }

  pickNext(prev: Task, _nowNs: number, yielding: boolean): Task | null {
    let best: Task | null = null;
    for (const t of this.rq) {
      if (yielding && t === prev && this.rq.length > 1) continue;
      if (!best || t.vruntime < best.vruntime ||
        (t.vruntime === best.vruntime && t.enqueueSeq < best.enqueueSeq)) best = t;
    }
    if (best) this.minVruntime = Math.max(this.minVruntime, best.vruntime);
    return best;
  }

  account(t: Task, deltaNs: number): void {
    if (deltaNs <= 0) return;
    t.sumExecNs += deltaNs;
    t.vruntime += Math.round((deltaNs * 1024) / t.weight);
  }

  tick(curr: Task, nowNs: number): boolean {
    const ran = nowNs - curr.execStartNs;
    return this.rq.length > 1 && ran >= MIN_GRANULARITY_NS;
  }

  checkPreempt(curr: Task, woken: Task): boolean {
    return woken.vruntime + MIN_GRANULARITY_NS < curr.vruntime;
  }
}
