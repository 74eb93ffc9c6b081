// Wraps any HostOps and emits the sem.*, mutex.*, thread.* and timer.* events for every host
// operation, so kernel code carries no tracing of host primitives.

import { NONE as NO_ID } from '../../trace/events';
import type {
  Blocker,
  Fiber,
  HostMutex,
  HostOps,
  HostSem,
  HostThreadId,
  HostTimer,
  JmpBuf,
  SplitSemDown,
  StepHostOps,
  TlsKey,
} from './hostOps';
import { hasSteps } from './hostOps';
import { kindCode, type Tracer } from './tracer';

/** Module-local copy: imported bindings are getters in unbundled builds (hot path). */
const NONE = NO_ID;
/** Codes of the events every context switch emits (Tracer.emitCode). */
const SEM_UP = kindCode('sem.up');
const SEM_DOWN = kindCode('sem.down');
const SEM_DOWN_WAIT = kindCode('sem.down.wait');
const MUTEX_LOCK = kindCode('mutex.lock');
const MUTEX_UNLOCK = kindCode('mutex.unlock');

export class TracedHost implements HostOps {
  /** The inner host's step forms, when it has them (one generator frame less per block). */
  private readonly steps: StepHostOps | null;

  constructor(
    private readonly inner: HostOps,
    private readonly t: Tracer,
  ) {
    this.steps = hasSteps(inner) ? inner : null;
  }

  print(text: string): void {
    this.inner.print(text);
  }
  panic(reason: string): never {
    return this.inner.panic(reason);
  }

  semAlloc(count: number, name?: string): HostSem {
    const s = this.inner.semAlloc(count, name);
    this.t.nameObject(s.id, 'sem', name ?? `sem#${s.id}`);
    this.t.emit('sem.alloc', s.id, NONE, count);
    return s;
  }
  semFree(sem: HostSem): void {
    this.t.emit('sem.free', sem.id);
    this.inner.semFree(sem);
  }
  semUp(sem: HostSem): HostThreadId {
    const woken = this.inner.semUp(sem);
    this.t.emitCode(SEM_UP, sem.id, woken || NONE);
    return woken;
  }
  semTryDown(sem: HostSem): boolean {
    const ok = this.inner.semTryDown(sem);
    if (ok) this.t.emitCode(SEM_DOWN, sem.id, NONE);
    return ok;
  }
  *semDown(sem: HostSem): Fiber {
    const st = this.steps;
    if (st !== null) {
      const b = st.semDownStep(sem);
      if (b !== null) {
        this.t.emitCode(SEM_DOWN_WAIT, sem.id, NONE);
        yield b;
      }
      this.t.emitCode(SEM_DOWN, sem.id, NONE);
      return;
    }
    const g = this.inner.semDown(sem);
    let r = g.next();
    if (!r.done) {
      this.t.emitCode(SEM_DOWN_WAIT, sem.id, NONE);
      while (!r.done) {
        yield r.value;
        r = g.next();
      }
    }
    this.t.emitCode(SEM_DOWN, sem.id, NONE);
  }

  /** semDown as SplitSemDown (same events, same order), when the inner host steps. */
  splitSemDown(): SplitSemDown | null {
    return this.steps !== null ? this : null;
  }
  semDownBegin(sem: HostSem): Blocker | null {
    const b = (this.steps as StepHostOps).semDownStep(sem);
    if (b !== null) this.t.emitCode(SEM_DOWN_WAIT, sem.id, NONE);
    return b;
  }
  semDownEnd(sem: HostSem): void {
    this.t.emitCode(SEM_DOWN, sem.id, NONE);
  }

  mutexAlloc(recursive: boolean, name?: string): HostMutex {
    const m = this.inner.mutexAlloc(recursive, name);
    this.t.nameObject(m.id, 'mutex', name ?? `mutex#${m.id}`);
    return m;
  }
  mutexFree(m: HostMutex): void {
    this.inner.mutexFree(m);
  }
  mutexTryLock(m: HostMutex): boolean {
    const ok = this.inner.mutexTryLock(m);
    if (ok) this.t.emitCode(MUTEX_LOCK, m.id, NONE);
    return ok;
  }
  *mutexLock(m: HostMutex): Fiber {
    const st = this.steps;
    if (st !== null) {
      const b = st.mutexLockStep(m);
      if (b !== null) {
        this.t.emit('mutex.lock.wait', m.id);
        yield b;
      }
      this.t.emitCode(MUTEX_LOCK, m.id, NONE);
      return;
    }
    const g = this.inner.mutexLock(m);
    let r = g.next();
    if (!r.done) {
      this.t.emit('mutex.lock.wait', m.id);
      while (!r.done) {
        yield r.value;
        r = g.next();
      }
    }
    this.t.emitCode(MUTEX_LOCK, m.id, NONE);
  }
  mutexUnlock(m: HostMutex): void {
    this.t.emitCode(MUTEX_UNLOCK, m.id, NONE);
    this.inner.mutexUnlock(m);
  }

  threadCreate(fn: () => Fiber, name?: string): HostThreadId {
    const id = this.inner.threadCreate(fn, name);
    if (id !== 0 && name) this.t.nameHost(id, name);
    this.t.emit('thread.create', NONE, id || NONE, name ?? null);
    return id;
  }
  threadDetach(t: HostThreadId): void {
    this.inner.threadDetach(t);
  }
  threadExit(): never {
    return this.inner.threadExit();
  }
  *threadJoin(t: HostThreadId): Fiber<number> {
    const g = this.inner.threadJoin(t);
    let r = g.next();
    if (!r.done) {
      this.t.emit('thread.join.wait', NONE, t);
      while (!r.done) {
        yield r.value;
        r = g.next();
      }
    }
    this.t.emit('thread.join', NONE, t, r.value);
    return r.value;
  }
  threadSelf(): HostThreadId {
    return this.inner.threadSelf();
  }
  threadEqual(a: HostThreadId, b: HostThreadId): boolean {
    return this.inner.threadEqual(a, b);
  }

  tlsAlloc(destructor?: (value: unknown) => Fiber): TlsKey | null {
    return this.inner.tlsAlloc(destructor);
  }
  tlsFree(key: TlsKey): void {
    this.inner.tlsFree(key);
  }
  tlsSet(key: TlsKey, value: unknown): number {
    return this.inner.tlsSet(key, value);
  }
  tlsGet(key: TlsKey): unknown {
    return this.inner.tlsGet(key);
  }
  memAlloc(bytes: number): number {
    return this.inner.memAlloc(bytes);
  }
  memFree(handle: number): void {
    this.inner.memFree(handle);
  }
  time(): number {
    return this.inner.time();
  }

  timerAlloc(fn: () => Fiber, name?: string): HostTimer {
    const t = this.t;
    let id = NONE;
    const timer = this.inner.timerAlloc(function* fired(): Fiber {
      t.emit('timer.fire', id);
      yield* fn();
    }, name);
    id = timer.id;
    t.nameObject(id, 'timer', name ?? `timer#${id}`);
    return timer;
  }
  timerSetOneshot(timer: HostTimer, deltaNs: number): number {
    this.t.emit('timer.set', timer.id, NONE, deltaNs);
    return this.inner.timerSetOneshot(timer, deltaNs);
  }
  timerFree(timer: HostTimer): void {
    this.inner.timerFree(timer);
  }
  jmpBufSet(jb: JmpBuf, f: () => Fiber): Fiber<number> {
    return this.inner.jmpBufSet(jb, f);
  }
  jmpBufLongjmp(jb: JmpBuf, val: number): never {
    return this.inner.jmpBufLongjmp(jb, val);
  }
  spin(ns: number): Fiber {
    return this.inner.spin(ns);
  }
}
