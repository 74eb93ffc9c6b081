// HostOps: the lkl_host_operations contract (lkl-notes §1). The arch layer touches the host only
// through it. Blocking operations are generators: kernel code calls them with `yield*`.

/** What a fiber yields when it cannot continue; the host resumes it by calling `resume`. */
export interface Blocker {
  arm(resume: () => void): void;
}

/** A host-thread body or any code that may block: a generator yielding Blockers. */
export type Fiber<T = void> = Generator<Blocker, T, unknown>;

/** Host thread id; 0 means "no thread" (LKL's lkl_thread_t 0). */
export type HostThreadId = number;

/** Opaque handles: `id` is the trace object id. */
export interface HostSem {
  readonly id: number;
}
export interface HostMutex {
  readonly id: number;
}
export interface HostTimer {
  readonly id: number;
}
export interface TlsKey {
  readonly id: number;
}

/** The jmp_buf of jmp_buf_set/jmp_buf_longjmp; only the host reads `state`. */
export interface JmpBuf {
  state: unknown;
}

export function newJmpBuf(): JmpBuf {
  return { state: null };
}

export interface HostOps {
  /** Console output (lkl_ops->print). */
  print(text: string): void;
  /** Kernel panic: stops every host thread; never returns. */
  panic(reason: string): never;
  /** Counting semaphore with an initial count; `name` labels it in the trace. */
  semAlloc(count: number, name?: string): HostSem;
  semFree(sem: HostSem): void;
  /** Returns the host thread it released, or 0 when none was waiting. */
  semUp(sem: HostSem): HostThreadId;
  semDown(sem: HostSem): Fiber;
  /** sem_trywait: takes a unit without blocking; false when none is available. */
  semTryDown(sem: HostSem): boolean;
  mutexAlloc(recursive: boolean, name?: string): HostMutex;
  mutexFree(m: HostMutex): void;
  mutexLock(m: HostMutex): Fiber;
  /** pthread_mutex_trylock: false when another thread holds it (or a recursive relock). */
  mutexTryLock(m: HostMutex): boolean;
  mutexUnlock(m: HostMutex): void;
  /** Starts a host thread running `fn`; returns its id, 0 on failure. */
  threadCreate(fn: () => Fiber, name?: string): HostThreadId;
  threadDetach(t: HostThreadId): void;
  /** Ends the calling host thread (after its TLS destructors); never returns. */
  threadExit(): never;
  /** 0 when `t` has ended, -1 for an unknown or detached thread. */
  threadJoin(t: HostThreadId): Fiber<number>;
  threadSelf(): HostThreadId;
  threadEqual(a: HostThreadId, b: HostThreadId): boolean;
  /** A TLS key whose destructor runs on a thread's exit while its value is set; null on failure. */
  tlsAlloc(destructor?: (value: unknown) => Fiber): TlsKey | null;
  tlsFree(key: TlsKey): void;
  tlsSet(key: TlsKey, value: unknown): number;
  tlsGet(key: TlsKey): unknown;
  /** Accounted memory: returns a handle, 0 on failure. */
  memAlloc(bytes: number): number;
  memFree(handle: number): void;
  /** Monotonic time in ns. */
  time(): number;
  /** A one-shot timer whose `fn` runs on a host thread of its own when it expires. */
  timerAlloc(fn: () => Fiber, name?: string): HostTimer;
  /** Arms (or re-arms) the timer `deltaNs` from now. */
  timerSetOneshot(t: HostTimer, deltaNs: number): number;
  timerFree(t: HostTimer): void;
  /** Records a jump-back point in `jb`, then runs `f`; returns when `f` returns or on a longjmp to `jb`. */
  jmpBufSet(jb: JmpBuf, f: () => Fiber): Fiber<number>;
  /** Unwinds the calling thread to the `jmpBufSet` that recorded `jb`. */
  jmpBufLongjmp(jb: JmpBuf, val: number): never;
  /** Modelled CPU work (not in LKL): the calling thread runs for `ns` of host time. */
  spin(ns: number): Fiber;
}

/** Optional single-step forms of the blocking ops (no generator): null when done at once, else
 * the one blocker to yield, after which the op has completed. Wrappers use them to save frames. */
export interface StepHostOps {
  semDownStep(sem: HostSem): Blocker | null;
  mutexLockStep(m: HostMutex): Blocker | null;
}

/**
 * A sem down in two calls with no generator frame (the context-switch hot path): `begin` returns
 * the blocker to yield, or null when a unit was taken at once; `end` runs once it is done.
 */
export interface SplitSemDown {
  semDownBegin(sem: HostSem): Blocker | null;
  semDownEnd(sem: HostSem): void;
}

/** The split form of `h`'s sem down, when it has one (a traced host over a stepping host). */
export function splitSemDown(h: HostOps): SplitSemDown | null {
  const x = h as Partial<{ splitSemDown(): SplitSemDown | null }>;
  return typeof x.splitSemDown === 'function' ? x.splitSemDown() : null;
}

export function hasSteps(h: HostOps): h is HostOps & StepHostOps {
  const x = h as Partial<StepHostOps>;
  return typeof x.semDownStep === 'function' && typeof x.mutexLockStep === 'function';
}
