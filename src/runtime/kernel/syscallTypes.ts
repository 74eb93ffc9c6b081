// The contract between the syscall table and the modules that register handlers (basic calls,
// the test channel, the VFS). Handlers are plain functions: to sleep they return a SyscallBlock
// naming wait queues and a retry, and the table does the scheduling (same shape as
// fs/waitQueue's FsBlock).

/** One syscall argument: LKL passes longs; buffers, paths and out-structs are JS values here. */
export type SyscallArg =
  | number
  | bigint
  | string
  | Uint8Array
  | Int32Array
  | Record<string, unknown>
  | unknown[]
  | null
  | undefined;

/** What a handler needs from a wait queue: wake every sleeper after a state change. */
export interface WaitQueueLike {
  wakeAll(): void;
}

/**
 * "Would block", with no side effect done yet: the caller sleeps on any of `queues`; when woken
 * the table calls `retry()` (which may block again). If `timeoutNs` elapses first the result is
 * `onTimeout()` (or 0 without one).
 */
export interface SyscallBlock {
  readonly kind: 'block';
  readonly queues: readonly WaitQueueLike[];
  readonly reason: string;
  readonly timeoutNs?: number;
  retry(): SyscallResult;
  onTimeout?(): number;
}

/** A value (≥ 0), a negative errno, or a request to block. */
export type SyscallResult = number | SyscallBlock;

/** The calling task, as a handler sees it. */
export interface SyscallContext {
  readonly pid: number;
  readonly tgid: number;
  readonly ppid: number;
  readonly comm: string;
  /** Kernel generation (incremented by kexec). */
  readonly gen: number;
  /** Virtual time in ns. */
  nowNs(): number;
  /** A traced kernel wait queue; `name` says what it guards (e.g. `pipe:3:rd`). */
  newWaitQueue(name: string): WaitQueueLike;
}

export type SyscallHandler = (ctx: SyscallContext, args: readonly SyscallArg[]) => SyscallResult;

export interface SyscallDef {
  readonly no: number;
  readonly name: string;
  readonly handler: SyscallHandler;
}

/** A module's handlers; registering one whose number is taken is an error naming both sets. */
export interface SyscallHandlerSet {
  readonly name: string;
  readonly defs: readonly SyscallDef[];
}

export function isSyscallBlock(r: SyscallResult): r is SyscallBlock {
  return typeof r === 'object';
}
