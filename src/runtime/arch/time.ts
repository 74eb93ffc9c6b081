// The "lkl" clockevent after arch/lkl/kernel/time.c (lkl-notes §5): one-shot on a host timer whose
// expiry triggers the timer irq on the timer's own host thread.

import type { Fiber, HostTimer } from '../host/hostOps';
import type { Kernel } from '../kernel/kernel';

export class Clockevent {
  timerIrq = -1;
  bootTimeNs = 0;
  private timer: HostTimer | null = null;

  constructor(private readonly k: Kernel) {}

  get ready(): boolean {
    return this.timer !== null;
  }

  /** time_init: timer irq, clockevent (set_state_oneshot allocates the host timer), boot time. */
  timeInit(): void {
    const k = this.k;
    this.timerIrq = k.irq.getFreeIrq('timer');
    k.irq.requestIrq(this.timerIrq, () => k.timers.runExpired());
    const irq = this.timerIrq;
    this.timer = k.host.timerAlloc(function* timerFn(): Fiber {
      yield* k.irq.trigger(irq);
    }, 'lkl');
    this.bootTimeNs = k.host.time();
    k.printk(6, `lkl: time and timers initialized (irq${irq})`);
  }

  setNextEvent(deltaNs: number): void {
    if (this.timer) this.k.host.timerSetOneshot(this.timer, Math.max(1, deltaNs));
  }

  /** tick_suspend_local → set_state_shutdown → timer_free. */
  shutdown(): void {
    if (this.timer) this.k.host.timerFree(this.timer);
    this.timer = null;
  }
}
