// The syscall table: handler sets registered by modules (basic calls, channel, VFS), plus
// kernel-internal handlers that run as fibers (sched_yield, reboot).

import type { Fiber } from '../host/hostOps';
import type { SyscallArg, SyscallDef, SyscallHandler, SyscallHandlerSet } from './syscallTypes';
import { NR_SYSCALLS } from './syscallNumbers';

export type KernelSyscall = (args: readonly SyscallArg[]) => Fiber<number>;

interface Entry {
  name: string;
  set: string;
  handler?: SyscallHandler;
  fiber?: KernelSyscall;
}

export class SyscallTable {
  private readonly entries = new Map<number, Entry>();

  /** Adds a module's handlers; throws on a number already taken (a wiring bug, not user input). */
  register(set: SyscallHandlerSet): void {
    for (const d of set.defs) this.add(d.no, { name: d.name, set: set.name, handler: d.handler });
  }

  registerKernel(no: number, name: string, fiber: KernelSyscall): void {
    this.add(no, { name, set: 'kernel', fiber });
  }

  private add(no: number, e: Entry): void {
    if (!Number.isInteger(no) || no < 0 || no >= NR_SYSCALLS) {
      throw new RangeError(`syscall ${e.name} (${e.set}): number ${no} out of range`);
    }
    const old = this.entries.get(no);
    if (old)
      throw new Error(`syscall ${no}: ${e.set}.${e.name} clashes with ${old.set}.${old.name}`);
    this.entries.set(no, e);
  }

  lookup(no: number): Entry | undefined {
    return this.entries.get(no);
  }

  name(no: number): string {
    return this.entries.get(no)?.name ?? `syscall_${no}`;
  }

  defs(): SyscallDef[] {
    const out: SyscallDef[] = [];
    for (const [no, e] of this.entries)
      if (e.handler) out.push({ no, name: e.name, handler: e.handler });
    return out;
  }
}
