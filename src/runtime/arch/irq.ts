// IRQs after arch/lkl/kernel/irq.c (lkl-notes §5): lkl_trigger_irq runs the handler on the
// caller's host thread when the CPU is free, else marks it pending for the owner's cpu_put.

import { NONE } from '../../trace/events';
import type { Fiber } from '../host/hostOps';
import * as errno from '../kernel/errno';
import type { Kernel } from '../kernel/kernel';

export const NR_IRQS = 4096;

interface IrqLine {
  name: string;
  obj: number;
  handler: (() => void) | null;
}

export class Irq {
  disabled = false;
  private depth = 0;
  private readonly lines = new Map<number, IrqLine>();
  private readonly pending = new Set<number>();

  constructor(private readonly k: Kernel) {}

  get inInterrupt(): boolean {
    return this.depth > 0;
  }

  /** lkl_get_free_irq: first free line ≥ 1; registers its trace object. */
  getFreeIrq(user: string): number {
    let irq = 1;
    while (this.lines.has(irq)) irq++;
    if (irq >= NR_IRQS) return -errno.ENOSPC;
    const obj = this.k.ids.alloc();
    this.lines.set(irq, { name: user, obj, handler: null });
    this.k.tracer.nameObject(obj, 'irq', `irq${irq}:${user}`);
    return irq;
  }

  requestIrq(irq: number, handler: () => void): number {
    const line = this.lines.get(irq);
    if (!line) return -errno.EINVAL;
    line.handler = handler;
    return 0;
  }

  setPending(irq: number): void {
    this.pending.add(irq);
  }

  /** lkl_trigger_irq, from any host thread: 0 when run or queued, < 0 on error or shutdown. */
  *trigger(irq: number): Fiber<number> {
    const line = this.lines.get(irq);
    if (!line) return -errno.EINVAL;
    const ret = yield* this.k.cpu.tryRunIrq(irq);
    this.k.tracer.emit(
      'irq.raise',
      line.obj,
      NONE,
      ret === 1 ? 'run' : ret === 0 ? 'pending' : ret,
    );
    if (ret <= 0) return ret;
    if (this.disabled) this.setPending(irq);
    else yield* this.runIrq(irq);
    yield* this.k.cpu.put();
    return 0;
  }

  /** run_irqs: every pending line, lowest first. */
  *runIrqs(): Fiber {
    while (this.pending.size > 0) {
      const irq = Math.min(...this.pending);
      this.pending.delete(irq);
      yield* this.runIrq(irq);
    }
  }

  private *runIrq(irq: number): Fiber {
    const line = this.lines.get(irq);
    if (!line) return;
    this.k.tracer.emit('irq.enter', line.obj);
    this.depth++;
    line.handler?.();
    this.depth--;
    this.k.kthreads.irqExit();
    this.k.tracer.emit('irq.exit', line.obj);
  }

  /** local_irq_enable / arch_local_irq_restore: delivers irqs deferred while the CPU was busy. */
  *localIrqEnable(): Fiber {
    this.disabled = false;
    if (this.k.cpu.irqsPending && !this.inInterrupt) {
      this.k.cpu.irqsPending = false;
      yield* this.runIrqs();
    }
  }
}
