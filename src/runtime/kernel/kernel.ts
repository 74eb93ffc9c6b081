// The kernel instance: every subsystem of one generation, wired together by constructor (no module
// globals), plus fork, exit, panic, warn and printk. Kernel code runs on whichever host thread
// owns the CPU.

import { NONE } from '../../trace/events';
import { Cpu } from '../arch/cpu';
import { Irq } from '../arch/irq';
import { HostTasks } from '../arch/syscalls';
import { Threads } from '../arch/threads';
import { Clockevent } from '../arch/time';
import type { IdAllocator } from '../host/deterministicHost';
import type { Fiber, HostOps } from '../host/hostOps';
import type { Tracer } from '../host/tracer';
import type { FsKernel } from './fs/index';
import { Initcalls } from './initcall';
import { Kexec } from './kexec';
import { LogBuffer } from './printk';
import { Kthreads } from './kthread';
import { HOST_TASK_FLAGS, KTHREAD_FLAGS, Processes } from './process';
import { Sched } from './sched/core';
import { SyscallTable } from './syscallTable';
import { Task } from './task';
import { KernelTimers } from './timers';

/** A binary format handler: < 0 when it does not take `path`. */
export type Binfmt = (path: string) => Fiber<number>;

export class Kernel {
  readonly cpu: Cpu;
  readonly threads: Threads;
  readonly sched: Sched;
  readonly irq: Irq;
  readonly clockevent: Clockevent;
  readonly timers: KernelTimers;
  readonly kthreads: Kthreads;
  readonly initcalls = new Initcalls();
  readonly table = new SyscallTable();
  readonly syscalls: HostTasks;
  readonly tasks = new Map<number, Task>();
  readonly kexec: Kexec;
  readonly procs: Processes;
  /** The VFS of this generation (installVfs): clone and exit share, copy and free fd tables. */
  fs: FsKernel | null = null;
  /** Starts the app thread that carries a clone()d host task (the runtime's; null: -EINVAL). */
  startCloneThread: ((task: Task, fn: unknown, name: string) => number) | null = null;
  /** init_task: pid 0, swapper, later the idle task; runs on host thread K. */
  readonly initTask: Task;
  current: Task;
  absPrev: Task | null = null;
  isRunning = false;
  cmdline = '';
  memBytes = 64 << 20;
  memHandle = 0;
  /** Paths created in the root file system before the VFS is merged (issue 6): `/init`. */
  readonly rootfs = new Set<string>();
  readonly binfmts: Binfmt[] = [];
  /** Wait object name → its holder (mutex owners), for the deadlock wait-for graph. */
  readonly holders = new Map<string, () => Task | null>();
  /** Soft-lockup watchdog: a kernel task running longer than this without sleeping is reported. */
  watchdog: { thresholdNs: number; panic: boolean } | null = null;
  /** The kernel log ring buffer (dmesg, syslog(2)). */
  readonly log = new LogBuffer();
  private nextPid = 0;

  constructor(
    readonly host: HostOps,
    readonly tracer: Tracer,
    readonly ids: IdAllocator,
  ) {
    this.cpu = new Cpu(this);
    this.threads = new Threads(this);
    this.sched = new Sched(this);
    this.irq = new Irq(this);
    this.clockevent = new Clockevent(this);
    this.timers = new KernelTimers(this);
    this.kthreads = new Kthreads(this);
    this.syscalls = new HostTasks(this);
    this.kexec = new Kexec(this);
    this.procs = new Processes(this);
    this.initTask = this.newTask('swapper', 0, 0, true);
    this.current = this.initTask;
  }

  /** A task struct with the next pid (Processes.fork links it into its group). */
  newTask(comm: string, tgid: number | null, ppid: number, kthread: boolean): Task {
    const pid = this.nextPid++;
    const t = new Task(pid, tgid ?? pid, ppid, comm, this.sched.fair, kthread, this.host.time());
    this.tasks.set(pid, t);
    this.tracer.nameTask(pid, comm);
    return t;
  }

  /**
   * kernel_thread: a task with its own host thread running `fn`, or (fn null) a host task that
   * app threads carry. `thread` makes it a CLONE_THREAD sibling of the current task.
   */
  kernelThread(fn: (() => Fiber) | null, comm: string, thread = false): Task | null {
    const r = this.clone(thread ? HOST_TASK_FLAGS : KTHREAD_FLAGS, fn, comm);
    return typeof r === 'number' ? null : r;
  }

  /** clone from kernel code: CLONE_* flags as Linux (see kernel/process.ts); -errno on bad flags. */
  clone(flags: number, fn: (() => Fiber) | null, comm: string): Task | number {
    return this.procs.fork(flags, fn, comm);
  }

  /** Renames a task (comm) and its scheduling semaphore in the trace names. */
  rename(t: Task, comm: string): void {
    t.comm = comm;
    this.tracer.nameTask(t.pid, comm);
    if (t.ti.schedSem) this.tracer.nameObject(t.ti.schedSem.id, 'sem', `sched_sem:${comm}`);
  }

  /** do_exit: the task dies in schedule(); its successor frees it. */
  *doExit(code: number): Fiber {
    const t = this.current;
    t.exitCode = code;
    t.state = 'dead';
    this.tracer.emitTask('sched.exit', t.pid, NONE, NONE, code);
    this.procs.exitNotify(t, code);
    yield* this.sched.schedule();
    this.bug(`dead task ${t.comm} scheduled again`, 'kernel/kernel.ts:doExit');
  }

  panic(reason: string): never {
    this.tracer.emit('panic', NONE, this.current.pid, reason);
    this.printk(0, `Kernel panic - not syncing: ${reason}`);
    // With a crash image loaded the crash kernel boots instead (__crash_kexec).
    if (this.kexec.crashKexec()) return this.kexec.endPanicked();
    return this.host.panic(reason);
  }

  /** BUG(): a panic naming the source location (`file:function`) when given. */
  bug(what: string, where = ''): never {
    return this.panic(`BUG: ${what}${where ? ` at ${where}` : ''}`);
  }

  /** WARN(): a `warn` event (and a log record) naming the source location when given. */
  warn(what: string, where = ''): void {
    const text = where ? `${what} (at ${where})` : what;
    this.tracer.emit('warn', NONE, this.current.pid, text);
    this.log.add(4, `WARNING: ${text}`, this.host.time());
  }

  printk(level: number, text: string): void {
    this.log.add(level, text, this.host.time());
    this.tracer.emit('printk', NONE, NONE, text);
    this.host.print(`${text}\n`);
  }
}
