// The deterministic host: host threads are fibers run one at a time, picked from an event queue
// keyed on (virtual ns, seq); a seeded PRNG fixes wake-up latencies and which waiter an up
// releases. Semaphores, mutexes, timers, memory, jump buffers.

import { type FiberRec, JumpTarget, PANIC_TOKEN, type TimerRec } from './fiber';
import { DEFAULT_COSTS, FiberHost, IdAllocator, PARKED } from './fiberHost';
import type {
  Blocker,
  Fiber,
  HostMutex,
  HostOps,
  HostSem,
  HostThreadId,
  HostTimer,
  JmpBuf,
} from './hostOps';

export { DEFAULT_COSTS, IdAllocator, type HostCosts } from './fiberHost';

interface Sem {
  id: number;
  count: number;
  waiters: FiberRec[];
  freed: boolean;
}
interface Mutex {
  id: number;
  recursive: boolean;
  owner: FiberRec | null;
  depth: number;
  waiters: FiberRec[];
}

export class DeterministicHost extends FiberHost implements HostOps {
  readonly console: string[] = [];
  memBytes = 0;
  private readonly sems = new Map<number, Sem>();
  private readonly mutexes = new Map<number, Mutex>();
  private readonly timers = new Map<number, TimerRec>();
  private readonly mem = new Map<number, number>();

  constructor(seed: number, ids = new IdAllocator(), costs = DEFAULT_COSTS) {
    super(seed, ids, costs);
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
    const b = this.semDownStep(sem);
    if (b !== null) yield b;
  }

  /** semDown without a generator: null when a unit was taken, else the blocker to yield once. */
  semDownStep(sem: HostSem): Blocker | null {
    const s = this.sems.get(sem.id);
    if (!s) throw new Error(`sem_down on freed semaphore ${sem.id}`);
    if (s.count > 0) {
      s.count--;
      return null;
    }
    s.waiters.push(this.self());
    return this.park(s.id);
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
    const b = this.mutexLockStep(mutex);
    if (b !== null) yield b;
  }

  /** mutexLock without a generator: null when locked, else the blocker to yield once. */
  mutexLockStep(mutex: HostMutex): Blocker | null {
    const m = this.mutexes.get(mutex.id);
    if (!m) throw new Error(`mutex_lock on freed mutex ${mutex.id}`);
    const me = this.self();
    if (m.owner === null) {
      m.owner = me;
      m.depth = 1;
      return null;
    }
    if (m.owner === me) {
      if (!m.recursive) this.panic(`non-recursive host mutex ${m.id} locked twice by ${me.name}`);
      m.depth++;
      return null;
    }
    m.waiters.push(me);
    return this.park(m.id);
  }

  mutexUnlock(mutex: HostMutex): void {
    const m = this.mutexes.get(mutex.id);
    if (!m || m.owner !== this.current)
      throw new Error(`mutex_unlock of mutex ${mutex.id} not owned`);
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
      id: this.ids.alloc(),
      name: name ?? 'timer',
      fn,
      entry: null,
      fiber: null,
      waiting: false,
      pendingFires: 0,
      freed: false,
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

  protected fire(t: TimerRec): void {
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
