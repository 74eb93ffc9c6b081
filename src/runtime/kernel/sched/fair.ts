// A CFS-like fair class: nice weights (Linux's table), vruntime, a latency period split by weight
// with a minimum granularity, and placement of new and woken tasks. The run queue is an array
// scanned for the minimum: task counts here are small.

import type { Task } from '../task';
import type { SchedClass } from './schedClass';

/** sched_prio_to_weight, nice -20..19 (kernel/sched/core.c). */
export const NICE_TO_WEIGHT = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916, 9548, 7620, 6100, 4904,
  3906, 3121, 2501, 1991, 1586, 1277, 1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87,
  70, 56, 45, 36, 29, 23, 18, 15,
];

export const SCHED_LATENCY_NS = 6_000_000;
export const MIN_GRANULARITY_NS = 750_000;
const WAKEUP_GRANULARITY_NS = 1_000_000;

export function niceWeight(nice: number): number {
  return NICE_TO_WEIGHT[Math.max(-20, Math.min(19, Math.trunc(nice))) + 20];
}

export class FairClass implements SchedClass {
  readonly name: string = 'fair';
  private readonly rq: Task[] = [];
  private minVruntime = 0;
  private seq = 0;
  private totalWeight = 0;

  get nrRunning(): number {
    return this.rq.length;
  }

  enqueue(t: Task, _nowNs: number, wakeup: boolean): void {
    if (t.onRq) return;
    t.weight = this.weightOf(t);
    // New tasks start at min_vruntime; sleepers get at most half a latency of credit.
    const floor = wakeup ? this.minVruntime - SCHED_LATENCY_NS / 2 : this.minVruntime;
    t.vruntime = Math.max(t.vruntime, floor);
    t.onRq = true;
    t.enqueueSeq = this.seq++;
    this.rq.push(t);
    this.totalWeight += t.weight;
  }

  protected weightOf(t: Task): number {
    return niceWeight(t.nice);
  }

  dequeue(t: Task): void {
    if (!t.onRq) return;
    const i = this.rq.indexOf(t);
    if (i >= 0) this.rq.splice(i, 1);
    t.onRq = false;
    this.totalWeight -= t.weight;
  }

  /** reweight_entity: a nice change while queued. */
  reweight(t: Task): void {
    const w = this.weightOf(t);
    if (t.onRq) this.totalWeight += w - t.weight;
    t.weight = w;
  }

  pickNext(prev: Task, _nowNs: number, yielding: boolean): Task | null {
    let best: Task | null = null;
    for (const t of this.rq) {
      if (yielding && t === prev && this.rq.length > 1) continue;
      if (
        !best ||
        t.vruntime < best.vruntime ||
        (t.vruntime === best.vruntime && t.enqueueSeq < best.enqueueSeq)
      )
        best = t;
    }
    if (best) this.minVruntime = Math.max(this.minVruntime, best.vruntime);
    return best;
  }

  account(t: Task, deltaNs: number): void {
    if (deltaNs <= 0) return;
    t.sumExecNs += deltaNs;
    t.vruntime += (deltaNs * 1024) / t.weight;
  }

  /** check_preempt_tick: the task used its weighted share of the latency period (≥ min gran). */
  tick(curr: Task, nowNs: number): boolean {
    if (this.rq.length < 2) return false;
    const ran = nowNs - curr.execStartNs;
    const period = Math.max(SCHED_LATENCY_NS, this.rq.length * MIN_GRANULARITY_NS);
    const slice = Math.max(MIN_GRANULARITY_NS, (period * curr.weight) / this.totalWeight);
    return ran >= slice;
  }

  /** check_preempt_wakeup; `curr.vruntime` is current (the core accounts before asking). */
  checkPreempt(curr: Task, woken: Task): boolean {
    const gran = (WAKEUP_GRANULARITY_NS * 1024) / woken.weight;
    return woken.vruntime + gran < curr.vruntime;
  }
}

/** SCHED_IDLE: fair among themselves at the lowest weight, only when nothing else runs. */
export class IdleClass extends FairClass {
  override readonly name = 'idle';
  protected override weightOf(): number {
    return 3;
  }
}
