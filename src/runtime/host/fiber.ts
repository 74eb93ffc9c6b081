// Host threads of the deterministic host: cooperative fibers (generators) and the tokens used to
// unwind them (thread exit, panic, longjmp). Tokens are plain objects: no stack capture.

import type { Fiber, HostThreadId } from './hostOps';
import type { QueueEntry } from './eventQueue';

export type FiberState = 'ready' | 'running' | 'blocked' | 'done';

export interface FiberRec {
  readonly id: HostThreadId;
  readonly name: string;
  /** The body's generator, then (after it ends or exits) its TLS destructors'. */
  gen: Fiber | null;
  /** The body, called on the thread's first run. */
  start: (() => Fiber) | null;
  inDestructors: boolean;
  state: FiberState;
  /** Queue entry while ready. */
  entry: QueueEntry<QueueItem> | null;
  /** The fiber's queue entry object, reused for each wake-up once popped. */
  slot: QueueEntry<QueueItem> | null;
  tls: Map<number, unknown>;
  joiners: FiberRec[];
  detached: boolean;
  /** Object id the fiber is blocked on (sem, mutex, join target), for deadlock reports. */
  waitingOn: number;
  /** Value handed to the fiber when it resumes (join result). */
  resumeValue: number;
}

export interface TimerRec {
  readonly id: number;
  readonly name: string;
  fn: () => Fiber;
  entry: QueueEntry<QueueItem> | null;
  /** The timer's own host thread, created on alloc; parked between expiries. */
  fiber: FiberRec | null;
  waiting: boolean;
  pendingFires: number;
  freed: boolean;
}

export type QueueItem = FiberRec | TimerRec;

export function isTimer(q: QueueItem): q is TimerRec {
  return 'fn' in q;
}

/** Thrown by threadExit; caught at the fiber's top. */
export const EXIT_TOKEN = { token: 'thread_exit' } as const;
/** Thrown by panic; caught by the host loop. */
export const PANIC_TOKEN = { token: 'panic' } as const;

/** The `state` of a JmpBuf while its jmpBufSet frame is live. */
export class JumpTarget {
  val = 0;
  constructor(readonly owner: HostThreadId) {}
}
