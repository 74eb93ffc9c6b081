// Host threads as fibers: the event queue keyed on (virtual ns, seq), resuming one fiber at a time,
// thread create/exit/join, TLS and its destructors. The deterministic host adds the primitives.

import { EventQueue } from './eventQueue';
import { EXIT_TOKEN, type FiberRec, PANIC_TOKEN, type QueueItem, type TimerRec } from './fiber';
import type { Blocker, Fiber, HostThreadId, TlsKey } from './hostOps';
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

/** What a parked fiber yields: the host itself decides when it resumes. */
export const PARKED: Blocker = { arm() {} };

export abstract class FiberHost {
  now = 0;
  /** Set once a panic (or fault) stopped the host. */
  panicReason: string | null = null;
  /** Called when a fiber dies of an unexpected exception (a runtime bug, reported as a panic). */
  onFault: ((message: string) => void) | null = null;
  /** Called when a host thread has ended (after its TLS destructors). */
  onThreadExit: ((id: HostThreadId) => void) | null = null;

  protected readonly queue = new EventQueue<QueueItem>();
  protected readonly prng: Prng;
  protected readonly fibers = new Map<number, FiberRec>();
  private readonly tlsKeys = new Map<number, { destructor?: (v: unknown) => Fiber }>();
  private nextThread = 1;
  protected nextHandle = 1;
  protected current: FiberRec | null = null;

  constructor(
    seed: number,
    readonly ids: IdAllocator,
    readonly costs: HostCosts,
  ) {
    this.prng = new Prng(seed);
  }

  /** A timer expired (its entry came off the queue). */
  protected abstract fire(t: TimerRec): void;

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

  /**
   * Runs `f` to its next blocker. The thread body's generator is resumed directly (no wrapper
   * frame on every switch); its end or a thread exit then runs the TLS destructors in a second
   * generator, within the same step, as a wrapper's code after `yield* fn()` would.
   */
  private resume(f: FiberRec): void {
    this.current = f;
    f.state = 'running';
    let r: IteratorResult<Blocker, void>;
    for (;;) {
      try {
        // The body is called on its first run, as a wrapper's `yield* fn()` would.
        if (f.gen === null) f.gen = (f.start as () => Fiber)();
        r = f.gen.next();
      } catch (err) {
        if (err === EXIT_TOKEN && !f.inDestructors) {
          this.startDestructors(f);
          if (f.inDestructors) continue;
          r = { done: true, value: undefined };
          break;
        }
        this.current = null;
        if (err !== PANIC_TOKEN) this.fault(f, err);
        return;
      }
      if (r.done && !f.inDestructors) {
        this.startDestructors(f);
        if (f.inDestructors) continue;
      }
      break;
    }
    this.current = null;
    if (r.done) return this.finish(f);
    if (f.state === 'running') {
      // A blocker from outside the host's own ops: it decides when to resume.
      f.state = 'blocked';
      r.value.arm(() => this.ready(f, 0));
    }
  }

  /** The body ended: switches `f` to its TLS destructors if any value is set. */
  private startDestructors(f: FiberRec): void {
    if (f.tls.size === 0) return;
    f.inDestructors = true;
    f.gen = this.destructors(f);
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

  protected ready(f: FiberRec, delayNs: number): void {
    f.state = 'ready';
    f.waitingOn = -1;
    const slot = f.slot;
    if (slot !== null && slot.index < 0) f.entry = this.queue.reinsert(slot, this.now + delayNs);
    else f.entry = f.slot = this.queue.push(this.now + delayNs, f);
  }

  protected wake(f: FiberRec): void {
    this.ready(f, this.costs.wakeNs + this.prng.below(this.costs.wakeJitterNs + 1));
  }

  protected self(): FiberRec {
    if (!this.current) throw new Error('host op called outside a host thread');
    return this.current;
  }

  protected park(waitingOn: number): Blocker {
    const f = this.self();
    f.state = 'blocked';
    f.waitingOn = waitingOn;
    return PARKED;
  }

  /** Removes and returns one waiter, chosen by the seed (no ordering guarantee, as posix). */
  protected takeWaiter(list: FiberRec[]): FiberRec {
    const i = this.prng.below(list.length);
    // The last (often only) waiter: no splice, no array allocated.
    if (i === list.length - 1) return list.pop() as FiberRec;
    return list.splice(i, 1)[0];
  }

  threadCreate(fn: () => Fiber, name?: string): HostThreadId {
    const id = this.nextThread++;
    const f: FiberRec = {
      id,
      name: name ?? `thread ${id}`,
      gen: null,
      start: fn,
      inDestructors: false,
      state: 'ready',
      entry: null,
      slot: null,
      tls: new Map(),
      joiners: [],
      detached: false,
      waitingOn: -1,
      resumeValue: 0,
    };
    this.fibers.set(id, f);
    this.ready(f, 0);
    return id;
  }

  private *destructors(f: FiberRec): Fiber {
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
}
