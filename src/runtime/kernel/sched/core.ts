// The scheduler core: classes asked in priority order (rt, fair, idle), the idle task as
// fallback, update_curr, wake-ups with cross-class preemption, policy and nice changes, and
// schedule() → __switch_to. No preemption (LKL's NO_PREEMPT): a task runs to a preemption point.

import { NONE as NO_ID } from '../../../trace/events';
import { SWITCH_SLOW as SWITCH_SLOW_ID } from '../../arch/threads';
import type { Blocker, Fiber } from '../../host/hostOps';
import { kindCode } from '../../host/tracer';
import type { Kernel } from '../kernel';
import { TIF_SCHED_JB as SCHED_JB_FLAG, type Task } from '../task';
import { FairClass, IdleClass } from './fair';
import { RtClass, SCHED_BATCH, SCHED_FIFO, SCHED_IDLE, SCHED_RR } from './rt';
import type { SchedClass } from './schedClass';

/** Module-local copies: imported bindings are getters in unbundled builds (hot path). */
const NONE = NO_ID;
const SWITCH_SLOW = SWITCH_SLOW_ID;
const TIF_SCHED_JB = SCHED_JB_FLAG;

/** scheduleBegin's answer when prev keeps the CPU (nothing else to run). */
export const NO_SWITCH: unique symbol = Symbol('no_switch');
const SCHED_SWITCH = kindCode('sched.switch');
const SCHED_WAKEUP = kindCode('sched.wakeup');

export class Sched {
  /** Highest priority first. */
  readonly classes: SchedClass[];
  readonly rt: RtClass;
  readonly fair: FairClass;
  readonly idle: IdleClass;
  /** Set by the tick or a preempting wake-up; honoured at preemption points only. */
  needResched = false;
  switches = 0;
  /** next of a switch scheduleBegin left to scheduleSlow (read at once, before any yield). */
  private slowNext: Task | null = null;

  constructor(private readonly k: Kernel) {
    this.rt = new RtClass();
    this.fair = new FairClass();
    this.idle = new IdleClass();
    this.classes = [this.rt, this.fair, this.idle];
  }

  /** Plugs a scenario's class in before `before` (default: before fair). */
  addClass(c: SchedClass, before: SchedClass = this.fair): void {
    const i = this.classes.indexOf(before);
    this.classes.splice(i < 0 ? this.classes.length : i, 0, c);
  }

  get nrRunning(): number {
    let n = 0;
    for (const c of this.classes) n += c.nrRunning;
    return n;
  }

  singleTaskRunning(): boolean {
    return this.nrRunning === 1;
  }

  /** update_curr: charges the running task up to now, so its keys are never stale. */
  updateCurr(): void {
    const cur = this.k.current;
    if (!cur || cur === this.k.initTask) return;
    const now = this.k.host.time();
    cur.schedClass.account(cur, now - cur.lastAccountNs);
    cur.lastAccountNs = now;
  }

  /** scheduler_tick: accounts, then asks the running task's class. */
  tick(): void {
    const cur = this.k.current;
    if (cur === this.k.initTask) return;
    this.updateCurr();
    if (cur.schedClass.tick(cur, this.k.host.time())) this.needResched = true;
    if (this.k.watchdog) this.watchdogCheck(cur, this.k.watchdog);
  }

  /** watchdog_timer_fn: a warning (and optionally a panic) once per awake period. */
  private watchdogCheck(cur: Task, wd: { thresholdNs: number; panic: boolean }): void {
    const stuck = this.k.host.time() - cur.awakeSinceNs;
    if (cur.isHostTask() || stuck <= wd.thresholdNs || cur.lockupReportedAt === cur.awakeSinceNs)
      return;
    cur.lockupReportedAt = cur.awakeSinceNs;
    const ms = Math.round(stuck / 1e6);
    const msg = `soft lockup - CPU#0 stuck for ${ms}ms! [${cur.comm}:${cur.pid}]`;
    this.k.warn(`BUG: ${msg}`, 'kernel/watchdog.c:watchdog_timer_fn');
    if (wd.panic) this.k.panic(`softlockup: hung tasks (${msg})`);
  }

  /** wake_up_new_task (sched.fork is emitted by the caller). */
  wakeUpNew(t: Task): void {
    t.state = 'running';
    t.awakeSinceNs = this.k.host.time();
    t.schedClass.enqueue(t, this.k.host.time(), false);
  }

  /**
   * try_to_wake_up: false if already runnable or dead. `waker` defaults to current; `obj` is the
   * wait object (queue, timer) the wake-up comes through.
   */
  wakeUpProcess(t: Task, waker?: Task, obj = NONE): boolean {
    if (t.state === 'running' || t.state === 'dead') return false;
    t.state = 'running';
    t.waitingOn = null;
    t.waitObj = NONE;
    t.awakeSinceNs = this.k.host.time();
    t.schedClass.enqueue(t, this.k.host.time(), true);
    const by = waker ?? this.k.current;
    this.k.tracer.emitTaskCode(SCHED_WAKEUP, by ? by.pid : NONE, obj, t.pid, null);
    this.checkPreemptCurr(t);
    return true;
  }

  private rank(c: SchedClass): number {
    return this.classes.indexOf(c);
  }

  /** check_preempt_curr: a higher class always wins; the same class decides itself. */
  private checkPreemptCurr(t: Task): void {
    const cur = this.k.current;
    if (!cur || cur === t) return;
    if (cur === this.k.initTask) {
      this.needResched = true;
      return;
    }
    const a = this.rank(t.schedClass);
    const b = this.rank(cur.schedClass);
    if (a < b) this.needResched = true;
    else if (a === b) {
      this.updateCurr();
      if (t.schedClass.checkPreempt(cur, t)) this.needResched = true;
    }
  }

  /** __sched_setscheduler: moves `t` to the class of `policy` (validated by the caller). */
  setScheduler(t: Task, policy: number, prio: number): void {
    const cls = policy === SCHED_FIFO || policy === SCHED_RR ? this.rt
      : policy === SCHED_IDLE ? this.idle : this.fair;
    if (t === this.k.current) this.updateCurr();
    const queued = t.onRq;
    if (queued) t.schedClass.dequeue(t, this.k.host.time());
    t.policy = policy;
    t.rtPriority = cls === this.rt ? prio : 0;
    t.rrSliceNs = 0;
    t.schedClass = cls;
    if (queued) cls.enqueue(t, this.k.host.time(), false);
    if (t === this.k.current) this.needResched = true;
    else if (queued) this.checkPreemptCurr(t);
    this.traceAttr(t);
  }

  /** sched.setattr: how `t` runs now (class and priority), for the timeline and the tree view. */
  traceAttr(t: Task): void {
    this.k.tracer.emitTask('sched.setattr', t.pid, NONE, NONE, schedAttr(this, t));
  }

  /** rt_mutex_setprio: `t` runs in `cls` at `prio` (a PI boost or its end); policy unchanged. */
  setPrio(t: Task, cls: SchedClass, prio: number): void {
    if (t.schedClass === cls && t.rtPriority === prio) return;
    const now = this.k.host.time();
    if (t === this.k.current) this.updateCurr();
    const queued = t.onRq;
    if (queued) t.schedClass.dequeue(t, now);
    t.rtPriority = prio;
    t.schedClass = cls;
    if (queued) cls.enqueue(t, now, false);
    if (t === this.k.current) this.needResched = true;
    else if (queued) this.checkPreemptCurr(t);
    this.traceAttr(t);
  }

  /** A real-time `waiter` blocks on a PI mutex `owner` holds: the owner runs at its priority. */
  piBoost(owner: Task, waiter: Task): void {
    if (waiter.schedClass !== this.rt) return;
    if (owner.schedClass === this.rt && owner.rtPriority >= waiter.rtPriority) return;
    owner.piBase ??= { cls: owner.schedClass, prio: owner.rtPriority };
    this.setPrio(owner, this.rt, waiter.rtPriority);
  }

  /** After an unlock: the highest donor left on `t`'s PI mutexes, else its own priority. */
  piRestore(t: Task): void {
    const base = t.piBase;
    if (!base) return;
    let top = base.cls === this.rt ? base.prio : 0;
    for (const m of t.piLocks)
      for (const d of m.donors) if (d.schedClass === this.rt) top = Math.max(top, d.rtPriority);
    if (top > (base.cls === this.rt ? base.prio : 0)) return this.setPrio(t, this.rt, top);
    t.piBase = null;
    this.setPrio(t, base.cls, base.prio);
  }

  /** set_user_nice. */
  setNice(t: Task, nice: number): void {
    if (t === this.k.current) this.updateCurr();
    t.nice = Math.max(-20, Math.min(19, Math.trunc(nice)));
    if (t.schedClass instanceof FairClass) t.schedClass.reweight(t);
    if (t === this.k.current) this.needResched = true;
    this.traceAttr(t);
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
    const prev = this.k.current;
    const b = this.scheduleBegin(yielding);
    if (b === NO_SWITCH) return;
    if (b === SWITCH_SLOW) return yield* this.scheduleSlow(prev);
    if (b !== null) yield b as Blocker; // neither sentinel (local copies do not narrow)
    const tail = this.scheduleEnd(prev);
    if (tail !== null) yield* tail;
  }

  /**
   * schedule() without its generator frame, for the sleep hot path (wait queues, semaphores):
   * NO_SWITCH when prev keeps the CPU; SWITCH_SLOW when the caller must finish with
   * `yield* scheduleSlow(prev)` at once; else the blocker to yield (null: none), then
   * scheduleEnd(prev) once prev runs again.
   */
  scheduleBegin(yielding: boolean): Blocker | null | typeof SWITCH_SLOW_ID | typeof NO_SWITCH {
    const k = this.k;
    const prev = k.current;
    const now = k.host.time();
    this.needResched = false;
    this.updateCurr();
    if (prev.state !== 'running') prev.schedClass.dequeue(prev, now);
    const next = this.pickNext(prev, yielding);
    if (next === prev) {
      prev.execStartNs = now;
      return NO_SWITCH;
    }
    next.execStartNs = now;
    next.lastAccountNs = now;
    next.nrSwitches++;
    this.switches++;
    if (!next.isHostTask() && next !== k.initTask) k.timers.ensureTick();
    // How prev leaves: jumps back (host task), blocks on its semaphore, or blocks to be killed.
    const how = prev.ti.flags & TIF_SCHED_JB ? 'jb' : prev.state === 'dead' ? 'dead' : 'block';
    // A sleeping prev names what it waits on (obj), so the timeline can link it to the waker.
    const obj = prev.state === 'running' ? NONE : prev.waitObj;
    k.tracer.emitTaskCode(SCHED_SWITCH, prev.pid, obj, next.pid, how);
    // __switch_to inline when it cannot block on the CPU lock: one generator frame less per switch.
    const b = k.threads.switchFast(prev, next);
    if (b === SWITCH_SLOW) this.slowNext = next;
    return b;
  }

  /** The rest of a switch scheduleBegin could not do inline (the CPU lock was busy). */
  *scheduleSlow(prev: Task): Fiber {
    const next = this.slowNext as Task;
    this.slowNext = null;
    const th = this.k.threads;
    const last = yield* th.switchTo(prev, next);
    if (th.needsTail(last)) yield* th.scheduleTail(last);
  }

  /** prev runs again after scheduleBegin's blocker: the schedule_tail to run, if any. */
  scheduleEnd(prev: Task): Fiber | null {
    const th = this.k.threads;
    const last = th.switchDone(prev);
    return th.needsTail(last) ? th.scheduleTail(last) : null;
  }

  /** cond_resched: a preemption point; the current task stays a candidate (unlike yield). */
  *condResched(): Fiber {
    if (this.needResched) yield* this.schedule(false);
  }
}

/** How `t` runs, as sched.setattr says it (events.ts). */
export function schedAttr(s: Sched, t: Task): string {
  const boosted = t.piBase ? ' (boosted)' : '';
  if (t.schedClass === s.rt) return `${t.policy === SCHED_RR ? 'rr' : 'fifo'} ${t.rtPriority}${boosted}`;
  if (t.schedClass === s.idle || t.policy === SCHED_IDLE) return `idle${boosted}`;
  if (t.schedClass === s.fair) return `${t.policy === SCHED_BATCH ? 'batch' : 'normal'} nice ${t.nice}${boosted}`;
  return `${t.schedClass.name}${boosted}`;
}

