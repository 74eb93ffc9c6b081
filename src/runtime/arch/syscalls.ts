// Syscalls from host threads after arch/lkl/kernel/syscalls.c (lkl-notes §2 step 5, §3): host
// tasks bound by TLS, switch_to_host_task, lkl_syscall, the idle host task, del_host_task.

import { NONE } from '../../trace/events';
import type { Fiber, HostSem, TlsKey } from '../host/hostOps';
import * as errno from '../kernel/errno';
import type { Kernel } from '../kernel/kernel';
import {
  CLONE_THREAD,
  CSIGNAL,
  HOST_TASK_FLAGS,
  KTHREAD_FLAGS,
  SIGCHLD,
} from '../kernel/process';
import { NR } from '../kernel/syscallNumbers';
import {
  type SyscallArg,
  type SyscallBlock,
  type SyscallContext,
  type WaitQueueLike,
  isSyscallBlock,
} from '../kernel/syscallTypes';
import { TIF_HOST_THREAD, TIF_SCHED_JB, type Task } from '../kernel/task';
import { WaitQueue } from '../kernel/wait';
import { ABORT_TOKEN } from './threads';

/** Modelled kernel work per syscall entry, in ns. */
export const SYSCALL_COST_NS = 120;

interface Subscribable {
  subscribe(fn: () => void): () => void;
}

export class HostTasks {
  taskKey: TlsKey | null = null;
  host0: Task | null = null;
  idleHostTask: Task | null = null;
  syscallCount = 0;
  private hostTaskId = 0;

  constructor(private readonly k: Kernel) {}

  /** syscalls_init, from lkl_run_init on pid 1: it becomes host0; TLS key; idle host task. */
  syscallsInit(): void {
    const k = this.k;
    const cur = k.current;
    k.rename(cur, 'host0');
    cur.ti.flags |= TIF_HOST_THREAD;
    this.host0 = cur;
    k.procs.markHostGroup(cur.tgid);
    this.taskKey = k.host.tlsAlloc((v) => this.delHostTask(v as Task));
    // No exit signal: a "clone child", so host0's group can wait4 for its own children only.
    k.clone(KTHREAD_FLAGS & ~CSIGNAL, () => this.idleHostTaskLoop(), 'idle_host_task');
  }

  private *idleHostTaskLoop(): Fiber {
    const k = this.k;
    const me = k.current;
    me.ti.flags |= TIF_HOST_THREAD;
    this.idleHostTask = me;
    for (;;) {
      yield* k.cpu.put();
      yield* k.host.semDown(me.ti.schedSem as HostSem);
      if (!this.idleHostTask) k.host.threadExit();
      yield* k.threads.scheduleTail(me.ti.prevSched);
    }
  }

  /** wakeup_idle_host_task, from arch_cpu_idle. */
  wakeupIdleHostTask(): void {
    if (this.idleHostTask && !this.k.sched.needResched)
      this.k.sched.wakeUpProcess(this.idleHostTask);
  }

  /** switch_to_host_task: bind `task` to this host thread and wait until it is current. */
  *switchToHostTask(task: Task): Fiber {
    const k = this.k;
    if (!task.isHostTask()) k.warn(`switch_to_host_task: ${task.comm} is not a host task`);
    task.ti.tid = k.host.threadSelf();
    k.tracer.taskOfHost.set(task.ti.tid, task.pid);
    if (k.current === task) return;
    k.sched.wakeUpProcess(task);
    yield* k.threads.threadSchedJb();
    // Usually already upped by the switch that made `task` current: no need to block.
    if (!k.host.semTryDown(task.ti.schedSem as HostSem))
      yield* k.host.semDown(task.ti.schedSem as HostSem);
    if (k.threads.needsTail(k.absPrev)) yield* k.threads.scheduleTail(k.absPrev);
  }

  /** new_host_task: a thread of host0, or (new_thread_group_leader) a new group of its own. */
  private *newHostTask(no: number): Fiber<Task | null> {
    const k = this.k;
    if (!this.host0) return null;
    yield* this.switchToHostTask(this.host0);
    const flags =
      no === NR.new_thread_group_leader
        ? (HOST_TASK_FLAGS & ~CLONE_THREAD) | SIGCHLD
        : HOST_TASK_FLAGS;
    const t = k.clone(flags, null, `host${++this.hostTaskId}`);
    return typeof t === 'number' ? null : t;
  }

  /** A clone()d host task gets its app thread: bound by TLS before the thread's first syscall. */
  bindHostTask(task: Task): void {
    if (this.taskKey) this.k.host.tlsSet(this.taskKey, task);
  }

  /** Host task numbers as LKL counts them (`host%d`), for clone()d tasks too. */
  nextHostTaskName(): string {
    return `host${++this.hostTaskId}`;
  }

  /** lkl_syscall: from any host thread; blocks while another thread owns the CPU. */
  *lklSyscall(no: number, args: readonly SyscallArg[]): Fiber<number> {
    const k = this.k;
    const got = yield* k.cpu.get();
    if (got < 0) return got;
    let task = this.taskKey ? (k.host.tlsGet(this.taskKey) as Task | null) : null;
    try {
      if (!task) {
        task = yield* this.newHostTask(no);
        if (!task || !this.taskKey) {
          yield* k.cpu.put();
          return -errno.ENOMEM;
        }
        k.host.tlsSet(this.taskKey, task);
      }
      yield* this.switchToHostTask(task);
      // A thread of a group that exit_group ended leaves at its next kernel entry.
      if (task.exiting) yield* this.exitThread();
      this.syscallCount++;
      k.tracer.emit('syscall.enter', NONE, NONE, k.table.name(no));
      task.inSyscall = true;
      const ret = yield* this.runSyscall(task, no, args);
      task.inSyscall = false;
      k.tracer.emit('syscall.exit', NONE, NONE, ret);
      // exit and exit_group do not return to the app (traced above so the syscall slice closes).
      if (task.exiting) yield* this.exitThread();
      // After kexec this kernel is gone: the thread now belongs to the next one.
      if (k.kexec.done) return ret;
      if (no === NR.reboot) {
        yield* k.threads.threadSchedJb();
        return ret;
      }
      yield* k.cpu.put();
      return ret;
    } catch (e) {
      if (e !== ABORT_TOKEN) throw e;
      if (task) task.inSyscall = false;
      k.tracer.emit('syscall.exit', NONE, NONE, -errno.EINTR);
      return -errno.EINTR;
    }
  }

  /** The app thread of an exiting host task ends; its TLS destructor runs do_exit. */
  private *exitThread(): Fiber<never> {
    yield* this.k.cpu.put();
    return this.k.host.threadExit();
  }

  private *runSyscall(task: Task, no: number, args: readonly SyscallArg[]): Fiber<number> {
    const k = this.k;
    yield* k.host.spin(SYSCALL_COST_NS);
    const e = k.table.lookup(no);
    if (!e) return -errno.ENOSYS;
    if (e.fiber) return yield* e.fiber(args);
    const handler = e.handler;
    if (!handler) return -errno.ENOSYS;
    const r = handler(this.context(task), args);
    return isSyscallBlock(r) ? yield* this.sleepOn(r) : r;
  }

  private context(task: Task): SyscallContext {
    const k = this.k;
    return {
      pid: task.pid,
      tgid: task.tgid,
      ppid: task.ppid,
      comm: task.comm,
      gen: k.tracer.gen,
      nowNs: () => k.host.time(),
      newWaitQueue: (name) => new WaitQueue(k, name),
    };
  }

  /** Sleeps on a handler's queues (and timeout), retrying it on each wake-up. */
  private *sleepOn(first: SyscallBlock): Fiber<number> {
    const k = this.k;
    let b = first;
    for (;;) {
      const me = k.current;
      let timedOut = false;
      const unsubs: (() => void)[] = [];
      for (const q of b.queues) unsubs.push(this.enqueueOn(q, me));
      const timerObj = b.timeoutNs === undefined ? NONE : this.sleepTimerObj(me);
      const timer =
        b.timeoutNs === undefined
          ? null
          : k.timers.add(b.timeoutNs, () => {
              timedOut = true;
              k.sched.wakeUpProcess(me, undefined, timerObj);
            });
      me.state = 'interruptible';
      me.waitingOn = b.reason;
      // The trace names one object per sleep: the first queue, else the timer.
      const q0 = b.queues[0];
      me.waitObj = q0 instanceof WaitQueue ? q0.obj : timerObj;
      yield* k.sched.schedule();
      for (const u of unsubs) u();
      if (timer) k.timers.cancel(timer);
      if (me.exiting) return -errno.EINTR;
      if (timedOut) return b.onTimeout ? b.onTimeout() : 0;
      const r = b.retry();
      if (!isSyscallBlock(r)) return r;
      b = r;
    }
  }

  /** The task's sleep timer as a trace object (hrtimer_sleeper): one per task, named once. */
  private sleepTimerObj(t: Task): number {
    if (t.timerObj < 0) {
      t.timerObj = this.k.ids.alloc();
      this.k.tracer.nameObject(t.timerObj, 'timer', `hrtimer_sleeper:${t.comm}:${t.pid}`);
    }
    return t.timerObj;
  }

  private enqueueOn(q: WaitQueueLike, me: Task): () => void {
    if (q instanceof WaitQueue) {
      q.add(me);
      return () => q.remove(me);
    }
    const s = q as Partial<Subscribable>;
    if (typeof s.subscribe === 'function')
      return s.subscribe(() => this.k.sched.wakeUpProcess(me));
    this.k.warn('sleep on a wait queue that cannot register sleepers');
    return () => {};
  }

  /** del_host_task: the TLS destructor when an app thread exits. */
  private *delHostTask(task: Task): Fiber {
    const k = this.k;
    const got = yield* k.cpu.get();
    if (got < 0) return;
    yield* this.switchToHostTask(task);
    this.hostTaskId--;
    task.ti.flags |= TIF_SCHED_JB;
    yield* k.host.jmpBufSet(task.ti.schedJb, () => k.doExit(task.exitCode));
    k.tracer.taskOfHost.delete(k.host.threadSelf());
  }

  /** syscalls_cleanup (halt step 4): end the idle host task and free the TLS key. */
  *syscallsCleanup(): Fiber {
    const k = this.k;
    const idle = this.idleHostTask;
    this.idleHostTask = null;
    if (idle) {
      k.host.semUp(idle.ti.schedSem as HostSem);
      yield* k.host.threadJoin(idle.ti.tid);
      idle.ti.dead = true;
      idle.state = 'dead';
      if (idle.ti.schedSem) k.host.semFree(idle.ti.schedSem);
      idle.ti.schedSem = null;
      k.tasks.delete(idle.pid);
    }
    if (this.taskKey) k.host.tlsFree(this.taskKey);
    this.taskKey = null;
  }
}
