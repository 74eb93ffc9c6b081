// Tasks: pid, comm, state, flags, and the LKL thread_info (scheduling semaphore, jump-back
// buffer, backing host thread) that the arch layer switches on (lkl-notes §3).

import { type HostSem, type HostThreadId, type JmpBuf, newJmpBuf } from '../host/hostOps';
import type { Fiber } from '../host/hostOps';
import type { SchedClass } from './sched/schedClass';

/** thread_info flags (arch/lkl asm/thread_info.h). */
export const TIF_SCHED_JB = 1 << 7;
export const TIF_HOST_THREAD = 1 << 8;

/** running = runnable or on the CPU (TASK_RUNNING). */
export type TaskState = 'running' | 'interruptible' | 'uninterruptible' | 'dead';

export interface ThreadInfo {
  schedSem: HostSem | null;
  schedJb: JmpBuf;
  /** Set by kill_thread: the host thread exits when it next wakes. */
  dead: boolean;
  /** Set at halt for a host task still blocked in a syscall: its syscall returns an error. */
  aborted: boolean;
  /** Backing host thread (0 for a host task not yet bound). */
  tid: HostThreadId;
  prevSched: Task | null;
  flags: number;
}

export class Task {
  state: TaskState = 'running';
  readonly ti: ThreadInfo;
  /** Set while the task is on its class's run queue. */
  onRq = false;
  nice = 0;
  weight = 1024;
  vruntime = 0;
  sumExecNs = 0;
  /** When the task last got the CPU (its slice start). */
  execStartNs = 0;
  /** Run time is accounted up to here (update_curr runs between switches too). */
  lastAccountNs = 0;
  /** SCHED_NORMAL 0, SCHED_FIFO 1, SCHED_RR 2, SCHED_IDLE 5. */
  policy = 0;
  /** sched_priority 1..99 for FIFO/RR (higher runs first), 0 otherwise. */
  rtPriority = 0;
  /** PI mutexes held (kernel/wait.ts KMutex with pi). */
  readonly piLocks = new Set<{ readonly donors: ReadonlySet<Task> }>();
  /** Class and priority before a PI boost (null when not boosted). */
  piBase: { cls: SchedClass; prio: number } | null = null;
  /** Round-robin time left, in ns. */
  rrSliceNs = 0;
  /** Last wake-up (or fork): the soft-lockup watchdog measures from here. */
  awakeSinceNs = 0;
  /** awakeSinceNs of the last soft-lockup report (one report per awake period). */
  lockupReportedAt = -1;
  /** Credentials: 0 is privileged (CAP_SYS_BOOT, CAP_SYS_NICE). */
  uid = 0;
  nrSwitches = 0;
  /** FIFO order among equal keys in a class's queue. */
  enqueueSeq = 0;
  /** Kernel threads run `fn`; host tasks have none. */
  fn: (() => Fiber) | null = null;
  /** What the task sleeps on, for deadlock reports (issue 6). */
  waitingOn: string | null = null;
  /** The trace object of that wait (wait queue or sleep timer), -1 if none. */
  waitObj = -1;
  /** This task's sleep timer object (nanosleep and syscall timeouts), allocated on first use. */
  timerObj = -1;
  exitCode = 0;
  /** exit/exit_group was called: a host task's thread exits when its syscall returns. */
  exiting = false;
  /** Set while a host task runs a syscall handler (a blocked one is released at halt). */
  inSyscall = false;

  constructor(
    readonly pid: number,
    public tgid: number,
    public ppid: number,
    public comm: string,
    public schedClass: SchedClass,
    readonly kthread: boolean,
    readonly startNs: number,
  ) {
    this.ti = {
      schedSem: null,
      schedJb: newJmpBuf(),
      dead: false,
      aborted: false,
      tid: 0,
      prevSched: null,
      flags: 0,
    };
  }

  isHostTask(): boolean {
    return (this.ti.flags & TIF_HOST_THREAD) !== 0;
  }
}
