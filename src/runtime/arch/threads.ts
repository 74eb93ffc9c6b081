// Kernel threads on host threads, after arch/lkl/kernel/threads.c (seed 001, lkl-notes §3): one
// scheduling semaphore per task, __switch_to hands the CPU over and blocks or jumps back.

import { NONE } from '../../trace/events';
import type { Fiber, HostSem } from '../host/hostOps';
import type { Kernel } from '../kernel/kernel';
import { TIF_HOST_THREAD, TIF_SCHED_JB, type Task } from '../kernel/task';

/** Thrown through a host task's syscall when halt releases it (lkl/linux#228 would hang). */
export const ABORT_TOKEN = { token: 'syscall_aborted' } as const;

export class Threads {
  constructor(private readonly k: Kernel) {}

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
    k.current = next;
    next.ti.prevSched = prev;
    k.absPrev = prev;
    if (!next.ti.tid) k.bug(`switch to ${next.comm} with no host thread`);
    if (!k.cpu.tryChangeOwner(next.ti.tid)) yield* k.cpu.changeOwner(next.ti.tid);
    // The jump buffer is copied before next runs: next may reuse prev's thread_info.
    let jb = null;
    if (prev.ti.flags & TIF_SCHED_JB) {
      prev.ti.flags &= ~TIF_SCHED_JB;
      jb = { state: prev.ti.schedJb.state };
    }
    k.host.semUp(next.ti.schedSem as HostSem);
    if (jb) k.host.jmpBufLongjmp(jb, 1);
    yield* k.host.semDown(prev.ti.schedSem as HostSem);
    if (prev.ti.dead) k.host.threadExit();
    if (prev.ti.aborted) throw ABORT_TOKEN;
    return k.absPrev;
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
