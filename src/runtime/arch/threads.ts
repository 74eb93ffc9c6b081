// Kernel threads on host threads, after arch/lkl/kernel/threads.c (seed 001, lkl-notes §3): one
// scheduling semaphore per task, __switch_to hands the CPU over and blocks or jumps back.

import { NONE } from '../../trace/events';
import {
  type Blocker,
  type Fiber,
  type HostSem,
  type SplitSemDown,
  splitSemDown,
} from '../host/hostOps';
import type { Kernel } from '../kernel/kernel';
import { TIF_HOST_THREAD, TIF_SCHED_JB as SCHED_JB_FLAG, type Task } from '../kernel/task';

/** Module-local copy: imported bindings are getters in unbundled builds (hot path). */
const TIF_SCHED_JB = SCHED_JB_FLAG;

/** switchFast could not switch without blocking: use switchTo. */
export const SWITCH_SLOW: unique symbol = Symbol('switch_slow');

/** Thrown through a host task's syscall when halt releases it (lkl/linux#228 would hang). */
export const ABORT_TOKEN = { token: 'syscall_aborted' } as const;

export class Threads {
  /** The host's frame-free sem down for __switch_to, when it has one. */
  private readonly split: SplitSemDown | null;

  constructor(private readonly k: Kernel) {
    this.split = splitSemDown(k.host);
  }

  /** threads_init: init_task gets its scheduling semaphore and the calling host thread. */
  threadsInit(initTask: Task): void {
    initTask.ti.schedSem = this.k.host.semAlloc(0, `sched_sem:${initTask.comm}`);
    initTask.ti.tid = this.k.host.threadSelf();
    this.k.tracer.taskOfHost.set(initTask.ti.tid, initTask.pid);
  }

  /** copy_thread: a host thread parked on the task's semaphore, or only a flag for host tasks. */
  copyThread(t: Task, fn: (() => Fiber) | null): boolean {
    t.ti.schedSem = this.k.host.semAlloc(0, `sched_sem:${t.comm}`);
    if (!fn) {
      t.ti.flags |= TIF_HOST_THREAD;
      return true;
    }
    t.fn = fn;
    const tid = this.k.host.threadCreate(() => this.threadBootstrap(t), t.comm);
    if (tid === 0) return false;
    t.ti.tid = tid;
    this.k.tracer.taskOfHost.set(tid, t.pid);
    return true;
  }

  private *threadBootstrap(t: Task): Fiber {
    yield* this.k.host.semDown(t.ti.schedSem as HostSem);
    // LKL has no check here (lkl-notes §6): a thread killed before its first run would run f().
    if (t.ti.dead) this.k.host.threadExit();
    if (t.ti.prevSched) yield* this.scheduleTail(t.ti.prevSched);
    if (t.fn) yield* t.fn();
    yield* this.k.doExit(0);
  }

  /**
   * __switch_to(prev, next) on prev's host thread with the CPU held. Returns the task most
   * recently switched away from, once prev runs again; never returns when prev jumps back.
   */
  *switchTo(prev: Task, next: Task): Fiber<Task | null> {
    const k = this.k;
    this.enter(prev, next);
    if (!k.cpu.tryChangeOwner(next.ti.tid)) yield* k.cpu.changeOwner(next.ti.tid);
    const sem = this.handOver(prev, next);
    const split = this.split;
    if (split !== null) {
      const b = split.semDownBegin(sem);
      if (b !== null) yield b;
      split.semDownEnd(sem);
    } else yield* k.host.semDown(sem);
    return this.switchDone(prev);
  }

  /**
   * switchTo without a generator frame, for schedule() (the hot path): SWITCH_SLOW, having done
   * nothing, when the CPU owner cannot change at once or the host has no split sem down; else
   * the blocker to yield (null: prev's semaphore was taken at once), then call switchDone.
   */
  switchFast(prev: Task, next: Task): Blocker | null | typeof SWITCH_SLOW {
    const split = this.split;
    if (split === null) return SWITCH_SLOW;
    if (!next.ti.tid) this.k.bug(`switch to ${next.comm} with no host thread`);
    if (!this.k.cpu.tryChangeOwner(next.ti.tid)) return SWITCH_SLOW;
    this.enter(prev, next);
    return split.semDownBegin(this.handOver(prev, next));
  }

  /** switchFast's second half, once prev runs again: returns abs_prev. */
  switchDone(prev: Task): Task | null {
    this.split?.semDownEnd(prev.ti.schedSem as HostSem);
    return this.resumed(prev);
  }

  private enter(prev: Task, next: Task): void {
    const k = this.k;
    k.current = next;
    next.ti.prevSched = prev;
    k.absPrev = prev;
    if (!next.ti.tid) k.bug(`switch to ${next.comm} with no host thread`);
  }

  /** Wakes next's host thread; prev jumps back (never returns) or gets its sem to sleep on. */
  private handOver(prev: Task, next: Task): HostSem {
    const k = this.k;
    // The jump buffer is copied before next runs: next may reuse prev's thread_info.
    let jb = null;
    if (prev.ti.flags & TIF_SCHED_JB) {
      prev.ti.flags &= ~TIF_SCHED_JB;
      jb = { state: prev.ti.schedJb.state };
    }
    k.host.semUp(next.ti.schedSem as HostSem);
    if (jb) k.host.jmpBufLongjmp(jb, 1);
    return prev.ti.schedSem as HostSem;
  }

  private resumed(prev: Task): Task | null {
    if (prev.ti.dead) this.k.host.threadExit();
    if (prev.ti.aborted) throw ABORT_TOKEN;
    return this.k.absPrev;
  }

  /**
   * thread_sched_jb: the current host task goes to sleep and the scheduler runs on this host
   * thread; __switch_to jumps back here instead of blocking it.
   */
  *threadSchedJb(): Fiber {
    const cur = this.k.current;
    if (!cur.isHostTask()) this.k.bug(`thread_sched_jb from non-host task ${cur.comm}`);
    cur.ti.flags |= TIF_SCHED_JB;
    cur.state = 'uninterruptible';
    const k = this.k;
    yield* k.host.jmpBufSet(cur.ti.schedJb, () => k.sched.schedule());
    cur.ti.flags &= ~TIF_SCHED_JB;
  }

  /** Whether scheduleTail has work (saves a generator on the common path). */
  needsTail(prev: Task | null): boolean {
    return (prev !== null && prev.state === 'dead' && !prev.ti.dead) || this.k.cpu.irqsPending;
  }

  /** schedule_tail / finish_task_switch: frees a dead prev, then delivers pending irqs. */
  *scheduleTail(prev: Task | null): Fiber {
    if (prev && prev.state === 'dead' && !prev.ti.dead) yield* this.releaseTask(prev);
    if (this.k.cpu.irqsPending && this.k.cpu.owner === this.k.host.threadSelf()) {
      yield* this.k.irq.localIrqEnable();
    }
  }

  /** arch_free_thread_stack: host tasks only free their semaphore; others are killed. */
  *releaseTask(t: Task): Fiber {
    if (t.isHostTask()) {
      t.ti.dead = true;
      if (t.ti.schedSem) this.k.host.semFree(t.ti.schedSem);
      t.ti.schedSem = null;
    } else {
      yield* this.killThread(t);
    }
    this.k.tasks.delete(t.pid);
  }

  /** kill_thread: dead + up + join; the thread exits when it wakes in __switch_to. */
  *killThread(t: Task): Fiber {
    t.ti.dead = true;
    const h = this.k.host;
    if (t.ti.schedSem) h.semUp(t.ti.schedSem);
    if (t.ti.tid) yield* h.threadJoin(t.ti.tid);
    if (t.ti.schedSem) h.semFree(t.ti.schedSem);
    t.ti.schedSem = null;
  }

  /** Releases a host task blocked in a syscall at halt: its syscall returns an error. */
  abortHostTask(t: Task): void {
    t.ti.aborted = true;
    this.k.tracer.emit(
      'warn',
      NONE,
      t.pid,
      `${t.comm} still blocked in a syscall at halt: released`,
    );
    if (t.ti.schedSem) this.k.host.semUp(t.ti.schedSem);
  }
}
