// The deterministic host: host threads are fibers run one at a time, picked from an event queue
// keyed on (virtual ns, seq); a seeded PRNG fixes wake-up latencies and which waiter an up releases.

import { EventQueue } from './eventQueue';
import {
  EXIT_TOKEN, type FiberRec, JumpTarget, PANIC_TOKEN, type QueueItem, type TimerRec,
} from './fiber';
import type {
  Blocker, Fiber, HostMutex, HostOps, HostSem, HostThreadId, HostTimer, JmpBuf, TlsKey,
} from './hostOps';
import { Prng } from './prng';

/** Modelled host costs in virtual ns. */
export interface HostCosts {
  /** Delay between a wake-up (sem up, unlock, exit) and the woken thread running. */
  wakeNs: number;
  /** Uniform jitter added to wakeNs, drawn from the seed. */
  wakeJitterNs: number;
}

export const DEFAULT_COSTS: HostCosts = { wakeNs: 200, wakeJitterNs: 100 };

/** Hands out trace object ids shared by the host and the arch layer (irqs). */
export class IdAllocator {
  private next = 1;
  alloc(): number {
    return this.next++;
  }
}

interface Sem { id: number; count: number; waiters: FiberRec[]; freed: boolean }
interface Mutex { id: number; recursive: boolean; owner: FiberRec | null; depth: number; waiters: FiberRec[] }

const PARKED: Blocker = { arm() {} };

export class DeterministicHost implements HostOps {
  now = 0;
  /** Set once a panic (or fault) stopped the host. */
  panicReason: string | null = null;
  /** Called when a fiber dies of an unexpected exception (a runtime bug, reported as a panic). */
  onFault: ((message: string) => void) | null = null;
  /** Called when a host thread has ended (after its TLS destructors). */
  onThreadExit: ((id: HostThreadId) => void) | null = null;
  readonly console: string[] = [];
  memBytes = 0;

  private readonly queue = new EventQueue<QueueItem>();
  private readonly prng: Prng;
  private readonly fibers = new Map<number, FiberRec>();
  private readonly sems = new Map<number, Sem>();
  private readonly mutexes = new Map<number, Mutex>();
  private readonly timers = new Map<number, TimerRec>();
  private readonly tlsKeys = new Map<number, { destructor?: (v: unknown) => Fiber }>();
  private readonly mem = new Map<number, number>();
  private nextThread = 1;
  private nextHandle = 1;
  private current: FiberRec | null = null;

  constructor(seed: number, readonly ids = new IdAllocator(), readonly costs = DEFAULT_COSTS) {
    this.prng = new Prng(seed);
  }

  /** Runs the next queued host event; false when nothing is queued or the host stopped. */
  step(): boolean {
    if (this.panicReason !== null) return false;
    const e = this.queue.pop();
    if (!e) return false;
    if (e.timeNs > this.now) this.now = e.timeNs;
    const item = e.value;
    if ('fn' in item) this.fire(item);
    else {
      item.entry = null;
      this.resume(item);
    }
    return true;
  }

  /** Virtual time of the next queued event, or null. */
  nextEventNs(): number | null {
    return this.queue.peek()?.timeNs ?? null;
  }

  /** Live threads and what they wait on, for deadlock reports. */
  blockedThreads(): { id: HostThreadId; name: string; waitingOn: number }[] {
    const out = [];
    for (const f of this.fibers.values()) {
      if (f.state === 'blocked') out.push({ id: f.id, name: f.name, waitingOn: f.waitingOn });
    }
    return out;
  }

  threadName(id: HostThreadId): string {
    return this.fibers.get(id)?.name ?? `thread ${id}`;
  }

  isLive(id: HostThreadId): boolean {
    const f = this.fibers.get(id);
    return f !== undefined && f.state !== 'done';
  }

  private resume(f: FiberRec): void {
    this.current = f;
    f.state = 'running';
    let r: IteratorResult<Blocker, void>;
    try {
      r = f.gen.next();
    } catch (err) {
      this.current = null;
      if (err !== PANIC_TOKEN) this.fault(f, err);
      return;
    }
    this.current = null;
    if (r.done) return this.finish(f);
    if (f.state === 'running') {
      // A blocker from outside the host's own ops: it decides when to resume.
      f.state = 'blocked';
      r.value.arm(() => this.ready(f, 0));
    }
  }

  private fault(f: FiberRec, err: unknown): void {
    f.state = 'done';
    const msg = err instanceof Error ? `${err.message}` : `uncaught ${JSON.stringify(err)}`;
    this.panicReason = `host thread ${f.name}: ${msg}`;
    this.onFault?.(this.panicReason);
  }

  private finish(f: FiberRec): void {
    f.state = 'done';
    this.onThreadExit?.(f.id);
    for (const j of f.joiners) {
      j.resumeValue = 0;
      this.wake(j);
    }
    f.joiners = [];
    if (f.detached) this.fibers.delete(f.id);
  }

  private ready(f: FiberRec, delayNs: number): void {
    f.state = 'ready';
    f.waitingOn = -1;
    f.entry = this.queue.push(this.now + delayNs, f);
  }

  private wake(f: FiberRec): void {
    this.ready(f, this.costs.wakeNs + this.prng.below(this.costs.wakeJitterNs + 1));
  }

  private self(): FiberRec {
    if (!this.current) throw new Error('host op called outside a host thread');
    return this.current;
  }

  private park(waitingOn: number): Blocker {
    const f = this.self();
    f.state = 'blocked';
    f.waitingOn = waitingOn;
    return PARKED;
  }

  /** Removes and returns one waiter, chosen by the seed (no ordering guarantee, as posix). */
  private takeWaiter(list: FiberRec[]): FiberRec {
    const i = this.prng.below(list.length);
    return list.splice(i, 1)[0];
  }

  print(text: string): void {
    this.console.push(text);
  }

  panic(reason: string): never {
    this.panicReason = reason;
    throw PANIC_TOKEN;
  }

  /** Stops the host from outside any fiber (run bounds). */
  stop(reason: string): void {
    if (this.panicReason === null) this.panicReason = reason;
  }

  semAlloc(count: number): HostSem {
    const s: Sem = { id: this.ids.alloc(), count, waiters: [], freed: false };
    this.sems.set(s.id, s);
    return s;
  }

  semFree(sem: HostSem): void {
    const s = this.sems.get(sem.id);
    if (s) s.freed = true;
    this.sems.delete(sem.id);
  }

  semUp(sem: HostSem): HostThreadId {
    const s = this.sems.get(sem.id);
    if (!s) throw new Error(`sem_up on freed semaphore ${sem.id}`);
    if (s.waiters.length === 0) {
      s.count++;
      return 0;
    }
    const w = this.takeWaiter(s.waiters);
    this.wake(w);
    return w.id;
  }

  semTryDown(sem: HostSem): boolean {
    const s = this.sems.get(sem.id);
    if (!s || s.count === 0) return false;
    s.count--;
    return true;
  }

  *semDown(sem: HostSem): Fiber {
    const s = this.sems.get(sem.id);
    if (!s) throw new Error(`sem_down on freed semaphore ${sem.id}`);
    if (s.count > 0) {
      s.count--;
      return;
    }
    s.waiters.push(this.self());
    yield this.park(s.id);
  }

  mutexAlloc(recursive: boolean): HostMutex {
    const m: Mutex = { id: this.ids.alloc(), recursive, owner: null, depth: 0, waiters: [] };
    this.mutexes.set(m.id, m);
    return m;
  }

  mutexFree(m: HostMutex): void {
    this.mutexes.delete(m.id);
  }

  mutexTryLock(mutex: HostMutex): boolean {
    const m = this.mutexes.get(mutex.id);
    if (!m || m.owner !== null) return false;
    m.owner = this.self();
    m.depth = 1;
    return true;
  }

  *mutexLock(mutex: HostMutex): Fiber {
    const m = this.mutexes.get(mutex.id);
    if (!m) throw new Error(`mutex_lock on freed mutex ${mutex.id}`);
    const me = this.self();
    if (m.owner === null) {
      m.owner = me;
      m.depth = 1;
      return;
    }
    if (m.owner === me) {
      if (!m.recursive) this.panic(`non-recursive host mutex ${m.id} locked twice by ${me.name}`);
      m.depth++;
      return;
    }
    m.waiters.push(me);
    yield this.park(m.id);
  }

  mutexUnlock(mutex: HostMutex): void {
    const m = this.mutexes.get(mutex.id);
    if (!m || m.owner !== this.current) throw new Error(`mutex_unlock of mutex ${mutex.id} not owned`);
    if (--m.depth > 0) return;
    if (m.waiters.length === 0) {
      m.owner = null;
      return;
    }
    const w = this.takeWaiter(m.waiters);
    m.owner = w;
    m.depth = 1;
    this.wake(w);
  }

  /** The owner of a host mutex, for tracing; 0 when free. */
  mutexOwner(mutex: HostMutex): HostThreadId {
    return this.mutexes.get(mutex.id)?.owner?.id ?? 0;
  }

  threadCreate(fn: () => Fiber, name?: string): HostThreadId {
    const id = this.nextThread++;
    const f: FiberRec = {
      id, name: name ?? `thread ${id}`, gen: undefined as unknown as Fiber, state: 'ready',
      entry: null, tls: new Map(), joiners: [], detached: false, waitingOn: -1, resumeValue: 0,
    };
    f.gen = this.body(f, fn);
    this.fibers.set(id, f);
    this.ready(f, 0);
    return id;
  }

  private *body(f: FiberRec, fn: () => Fiber): Fiber {
    try {
      yield* fn();
    } catch (e) {
      if (e !== EXIT_TOKEN) throw e;
    }
    // POSIX-style TLS destructors: each key with a value set, value cleared first.
    for (const [key, value] of [...f.tls]) {
      f.tls.delete(key);
      const d = this.tlsKeys.get(key)?.destructor;
      if (!d || value === null || value === undefined) continue;
      try {
        yield* d(value);
      } catch (e) {
        if (e !== EXIT_TOKEN) throw e;
      }
    }
  }

  threadDetach(t: HostThreadId): void {
    const f = this.fibers.get(t);
    if (!f) return;
    f.detached = true;
    if (f.state === 'done') this.fibers.delete(t);
  }

  threadExit(): never {
    throw EXIT_TOKEN;
  }

  *threadJoin(t: HostThreadId): Fiber<number> {
    const f = this.fibers.get(t);
    const me = this.self();
    if (!f || f.detached || f === me) return -1;
    if (f.state !== 'done') {
      f.joiners.push(me);
      me.resumeValue = -1;
      yield this.park(t);
      if (me.resumeValue !== 0) return -1;
    }
    this.fibers.delete(t);
    return 0;
  }

  threadSelf(): HostThreadId {
    return this.current?.id ?? 0;
  }

  threadEqual(a: HostThreadId, b: HostThreadId): boolean {
    return a === b;
  }

  tlsAlloc(destructor?: (value: unknown) => Fiber): TlsKey | null {
    const id = this.nextHandle++;
    this.tlsKeys.set(id, { destructor });
    return { id };
  }

  tlsFree(key: TlsKey): void {
    this.tlsKeys.delete(key.id);
    for (const f of this.fibers.values()) f.tls.delete(key.id);
  }

  tlsSet(key: TlsKey, value: unknown): number {
    if (!this.tlsKeys.has(key.id)) return -1;
    this.self().tls.set(key.id, value);
    return 0;
  }

  tlsGet(key: TlsKey): unknown {
    return this.current?.tls.get(key.id) ?? null;
  }

  memAlloc(bytes: number): number {
    if (!(bytes >= 0)) return 0;
    const h = this.nextHandle++;
    this.mem.set(h, bytes);
    this.memBytes += bytes;
    return h;
  }

  memFree(handle: number): void {
    const n = this.mem.get(handle);
    if (n === undefined) return;
    this.memBytes -= n;
    this.mem.delete(handle);
  }

  time(): number {
    return this.now;
  }

  timerAlloc(fn: () => Fiber, name?: string): HostTimer {
    const t: TimerRec = {
      id: this.ids.alloc(), name: name ?? 'timer', fn, entry: null, fiber: null,
      waiting: false, pendingFires: 0, freed: false,
    };
    this.timers.set(t.id, t);
    return t;
  }

  timerSetOneshot(timer: HostTimer, deltaNs: number): number {
    const t = this.timers.get(timer.id);
    if (!t || t.freed) return -1;
    if (t.entry) this.queue.cancel(t.entry);
    t.entry = this.queue.push(this.now + Math.max(0, Math.round(deltaNs)), t);
    return 0;
  }

  timerFree(timer: HostTimer): void {
    const t = this.timers.get(timer.id);
    if (!t) return;
    if (t.entry) this.queue.cancel(t.entry);
    t.entry = null;
    t.freed = true;
    this.timers.delete(timer.id);
    // Its parked thread ends (as timer_delete ends a SIGEV_THREAD timer).
    if (t.fiber && t.waiting) {
      t.waiting = false;
      t.fiber.state = 'done';
      this.fibers.delete(t.fiber.id);
    }
  }

  private fire(t: TimerRec): void {
    t.entry = null;
    if (t.freed) return;
    t.pendingFires++;
    if (!t.fiber) {
      const timer = t;
      const id = this.threadCreate(() => this.timerLoop(timer), `timer:${t.name}`);
      t.fiber = this.fibers.get(id) ?? null;
    } else if (t.waiting) {
      t.waiting = false;
      this.ready(t.fiber, 0);
    }
  }

  private *timerLoop(t: TimerRec): Fiber {
    for (;;) {
      if (t.pendingFires === 0) {
        t.waiting = true;
        yield this.park(t.id);
        continue;
      }
      t.pendingFires--;
      yield* t.fn();
    }
  }

  *jmpBufSet(jb: JmpBuf, f: () => Fiber): Fiber<number> {
    const target = new JumpTarget(this.threadSelf());
    const saved = jb.state;
    jb.state = target;
    try {
      yield* f();
      return 0;
    } catch (e) {
      if (e === target) return target.val;
      throw e;
    } finally {
      if (jb.state === target) jb.state = saved;
    }
  }

  jmpBufLongjmp(jb: JmpBuf, val: number): never {
    const target = jb.state;
    if (!(target instanceof JumpTarget) || target.owner !== this.threadSelf()) {
      throw new Error('longjmp to a jump buffer not set on this host thread');
    }
    target.val = val;
    throw target;
  }

  *spin(ns: number): Fiber {
    const f = this.self();
    this.park(-1);
    this.ready(f, Math.max(0, Math.round(ns)));
    yield PARKED;
  }
}
