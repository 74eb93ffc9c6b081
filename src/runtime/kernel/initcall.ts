// Initcalls by level (include/linux/init.h order), each traced with boot.initcall.begin/end.

import { NONE } from '../../trace/events';
import type { Fiber } from '../host/hostOps';
import type { Kernel } from './kernel';

export const INITCALL_LEVELS = [
  'early',
  'core',
  'postcore',
  'arch',
  'subsys',
  'fs',
  'rootfs',
  'device',
  'late',
] as const;
export type InitcallLevel = (typeof INITCALL_LEVELS)[number];

export interface Initcall {
  readonly level: InitcallLevel;
  readonly name: string;
  /** Returns 0 or a negative errno (logged, boot continues, as Linux). */
  readonly fn: (k: Kernel) => Fiber<number>;
}

export class Initcalls {
  private readonly calls: Initcall[] = [];

  register(call: Initcall): void {
    this.calls.push(call);
  }

  *runLevel(k: Kernel, level: InitcallLevel): Fiber {
    for (const c of this.calls) {
      if (c.level !== level) continue;
      k.tracer.emit('boot.initcall.begin', NONE, NONE, c.name);
      const ret = yield* c.fn(k);
      if (ret < 0) k.printk(3, `initcall ${c.name} returned ${ret}`);
      k.tracer.emit('boot.initcall.end', NONE, NONE, c.name);
    }
  }

  /** do_initcalls: every level after early. */
  *runAll(k: Kernel): Fiber {
    for (const level of INITCALL_LEVELS) if (level !== 'early') yield* this.runLevel(k, level);
  }
}
