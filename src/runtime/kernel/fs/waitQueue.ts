// How the VFS asks the scheduler to sleep: a handler returns a block naming the wait queues to
// sleep on and a retry (syscallTypes' SyscallBlock); the VFS itself never schedules. Queues come
// from a factory so the runtime can supply its own traced wait queues.

import type { SyscallBlock, SyscallResult, WaitQueueLike } from '../syscallTypes';

export type { WaitQueueLike } from '../syscallTypes';

/** Builds one wait queue; `name` says what it guards (e.g. `pipe:3:rd`). */
export type WaitQueueFactory = (name: string) => WaitQueueLike;

/**
 * "Would block" (the runtime's SyscallBlock): no further side effect happened. Sleep the caller on
 * any of `queues`; when one wakes it, call `retry()` (which may block again). If `timeoutNs` is set
 * and elapses first, the result is `onTimeout()`. `timeoutNs` is what remains when it is returned.
 */
export type FsBlock = SyscallBlock;

/** A syscall result: a value (>= 0), a negative errno, or a request to block. */
export type FsResult = SyscallResult;

export function isBlock(r: FsResult): r is FsBlock {
  return typeof r === 'object';
}

export function block(
  reason: string,
  queues: readonly WaitQueueLike[],
  retry: () => FsResult,
  timeout?: { timeoutNs: number; onTimeout: () => number },
): FsBlock {
  return timeout
    ? {
        kind: 'block',
        reason,
        queues,
        retry,
        timeoutNs: timeout.timeoutNs,
        onTimeout: timeout.onTimeout,
      }
    : { kind: 'block', reason, queues, retry };
}

/** A plain wait queue for tests and standalone use: subscribers are called on every wake. */
export class SimpleWaitQueue implements WaitQueueLike {
  private readonly subs = new Set<() => void>();
  wakeCount = 0;

  constructor(readonly name: string) {}

  /** Calls `fn` on the next wakes until the returned function is called. */
  subscribe(fn: () => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  wakeAll(): void {
    this.wakeCount++;
    for (const fn of [...this.subs]) fn();
  }
}

export const simpleWaitQueueFactory: WaitQueueFactory = (name) => new SimpleWaitQueue(name);
