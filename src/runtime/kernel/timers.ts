// Kernel timers (hrtimer-like, run in the timer irq) on the one-shot clockevent, and the periodic
// tick (HZ=100) that runs only while a kernel thread is busy (NO_HZ_IDLE).

import type { Kernel } from './kernel';

export const HZ = 100;
export const TICK_NS = 1_000_000_000 / HZ;

export interface KTimer {
  readonly expiresNs: number;
  readonly seq: number;
  readonly fn: () => void;
  active: boolean;
}

export class KernelTimers {
  jiffies = 0;
  private list: KTimer[] = [];
  private seq = 0;
  private programmedNs = -1;
  private tickTimer: KTimer | null = null;

  constructor(private readonly k: Kernel) {}

  get pending(): number {
    return this.list.length;
  }

  /** Expiry of the earliest pending timer, or null. */
  nextExpiryNs(): number | null {
    return this.list[0]?.expiresNs ?? null;
  }

  /** Runs `fn` in the timer irq `delayNs` from now. */
  add(delayNs: number, fn: () => void): KTimer {
    const t: KTimer = {
      expiresNs: this.k.host.time() + Math.max(0, Math.round(delayNs)),
      seq: this.seq++,
      fn,
      active: true,
    };
    let i = this.list.length;
    while (i > 0 && this.list[i - 1].expiresNs > t.expiresNs) i--;
    this.list.splice(i, 0, t);
    this.program();
    return t;
  }

  cancel(t: KTimer): void {
    if (!t.active) return;
    t.active = false;
    const i = this.list.indexOf(t);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** Called from the timer irq: runs every expired timer, then re-arms the clockevent. */
  runExpired(): void {
    const now = this.k.host.time();
    this.programmedNs = -1;
    while (this.list.length > 0 && this.list[0].expiresNs <= now) {
      const t = this.list.shift() as KTimer;
      t.active = false;
      t.fn();
    }
    this.program();
  }

  private program(): void {
    const first = this.list[0];
    if (!first || first.expiresNs === this.programmedNs) return;
    this.programmedNs = first.expiresNs;
    this.k.clockevent.setNextEvent(first.expiresNs - this.k.host.time());
  }

  /** Starts the periodic tick if it is not running (a kernel thread is about to run). */
  ensureTick(): void {
    if (this.tickTimer || !this.k.clockevent.ready) return;
    this.tickTimer = this.add(TICK_NS, () => this.onTick());
  }

  stopTick(): void {
    if (this.tickTimer) this.cancel(this.tickTimer);
    this.tickTimer = null;
  }

  private onTick(): void {
    this.tickTimer = null;
    this.jiffies++;
    const k = this.k;
    const cur = k.current;
    k.sched.tick();
    // The tick stops when the CPU was idle (current is then a host task or the idle task).
    if (!cur.isHostTask() && cur !== k.initTask) this.ensureTick();
  }
}
