// What an application thread sees: LKL's app API (lkl_syscall, lkl_sys_*, lkl_start_kernel,
// lkl_sys_halt) and the host primitives, as generators run with `yield*`.

import type { Fiber, HostOps, HostThreadId } from './host/hostOps';
import type { SyscallArg } from './kernel/syscallTypes';

/** An application thread body. */
export type AppFn = (app: AppApi) => Fiber<void>;

export interface AppApi {
  /** The (traced) host operations, as lkl_host_ops for pre-boot tests. */
  readonly host: HostOps;
  /** lkl_syscall: a value or a negative errno; < 0 also after halt (-1/-2 from the CPU gate). */
  syscall(no: number, ...args: SyscallArg[]): Fiber<number>;
  getpid(): Fiber<number>;
  gettid(): Fiber<number>;
  /**
   * clone(flags, …): the child task runs `fn` on a new app thread (CLONE_THREAD: a thread of the
   * caller's group; without: a new process whose exit wait4 reports). The child's pid or -errno.
   */
  clone(flags: number, fn: AppFn, name?: string): Fiber<number>;
  /** exit(code): this app thread's task exits; the thread ends (never returns). */
  exit(code: number): Fiber<never>;
  /** exit_group(code): every thread of this task's group exits (never returns). */
  exitGroup(code: number): Fiber<never>;
  /** wait4(pid, status, options): a child's pid, 0 (WNOHANG) or -errno; status[0] gets the status. */
  wait4(pid: number, status?: Int32Array | null, options?: number): Fiber<number>;
  /** nanosleep for `ns`. */
  nanosleep(ns: number): Fiber<number>;
  /** lkl_start_kernel: 0 once the kernel runs (at most once per runtime). */
  startKernel(cmdline: string): Fiber<number>;
  /** lkl_sys_halt. */
  halt(): Fiber<number>;
  /** Starts another application thread; returns its host thread id (0 on failure). */
  spawn(fn: AppFn, name: string): HostThreadId;
  join(t: HostThreadId): Fiber<number>;
  /** Virtual time in ns. */
  nowNs(): number;
  /** A line for the run's log (the selftest's YAML log). */
  log(text: string): void;
}
