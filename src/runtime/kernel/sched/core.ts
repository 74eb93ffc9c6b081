// The scheduler core: classes asked in priority order, the idle task as fallback, wake-ups, and
// schedule() → __switch_to. No preemption (LKL's NO_PREEMPT): a task runs until it sleeps.

import { NONE as NO_ID } from '../../../trace/events';
import type { Fiber } from '../../host/hostOps';
import type { Kernel } from '../kernel';
import { TIF_SCHED_JB, type Task } from '../task';
import { FairClass } from './fair';
import type { SchedClass } from './schedClass';

/** Module-local copy: imported bindings are getters in unbundled builds (hot path). */
const NONE = NO_ID;

export class Sched {
  /** Highest priority first; issue 6 adds rt ahead of fair and idle after it. */
  readonly classes: SchedClass[];
  readonly fair: FairClass;
  /** Set by the tick or a preempting wake-up; honoured at preemption points only. */
  needResched = false;
  switches = 0;

  constructor(private readonly k: Kernel) {
    this.fair = new FairClass();
    this.classes = [this.fair];
  }

  get nrRunning(): number {
    let n = 0;
    for (const c of this.classes) n += c.nrRunning;
    return n;
  }

  singleTaskRunning(): boolean {
    return this.nrRunning === 1;
  }

  /** wake_up_new_task. */
  wakeUpNew(t: Task): void {
    t.state = 'running';
    t.schedClass.enqueue(t, this.k.host.time(), false);
  }

  /** wake_up_process: false if already runnable or dead. */
  wakeUpProcess(t: Task): boolean {
    if (t.state === 'running' || t.state === 'dead') return false;
    t.state = 'running';
    t.waitingOn = null;
    t.schedClass.enqueue(t, this.k.host.time(), true);
    this.k.tracer.emitTask('sched.wakeup', this.k.current?.pid ?? NONE, NONE, t.pid);
    const cur = this.k.current;
    if (cur && cur !== t && (cur === this.k.initTask || t.schedClass.checkPreempt(cur, t))) {
      this.needResched = true;
    }
    return true;
  }

  private pickNext(prev: Task, yielding: boolean): Task {
    const now = this.k.host.time();
    for (const c of this.classes) {
      const t = c.pickNext(prev, now, yielding);
      if (t) return t;
    }
    return this.k.initTask;
  }

  /** schedule(): with the CPU held, on the host thread of `current`'s caller. */
  *schedule(yielding = false): Fiber {
    const k = this.k;
    const prev = k.current;
    const now = k.host.time();
    this.needResched = false;
    if (prev !== k.initTask) prev.schedClass.account(prev, now - prev.execStartNs);
    if (prev.state !== 'running') prev.schedClass.dequeue(prev, now);
    const next = this.pickNext(prev, yielding);
    if (next === prev) {
      prev.execStartNs = now;
      return;
    }
    next.execStartNs = now;
    next.nrSwitches++;
    this.switches++;
    if (!next.isHostTask() && next !== k.initTask) k.timers.ensureTick();
    // How prev leaves: jumps back (host task), blocks on its semaphore, or blocks to be killed.
    const how = prev.ti.flags & TIF_SCHED_JB ? 'jb' : prev.state === 'dead' ? 'dead' : 'block';
    k.tracer.emitTask('sched.switch', prev.pid, NONE, next.pid, how);
    const last = yield* k.threads.switchTo(prev, next);
    if (k.threads.needsTail(last)) yield* k.threads.scheduleTail(last);
  }

  /** cond_resched: a preemption point for long-running kernel loops. */
  *condResched(): Fiber {
    if (this.needResched) yield* this.schedule(true);
  }
}
