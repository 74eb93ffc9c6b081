// lkl_sys_halt after arch/lkl/kernel/setup.c (seed 000, lkl-notes §6), each step traced by name.
// Where LKL hangs (app threads still blocked in syscalls, lkl/linux#228) we warn and release them.

import { NONE } from '../../trace/events';
import type { Fiber } from '../host/hostOps';
import type { Kernel } from '../kernel/kernel';
import {
  LINUX_REBOOT_CMD_RESTART,
  LINUX_REBOOT_MAGIC1,
  LINUX_REBOOT_MAGIC2,
  NR,
} from '../kernel/syscallNumbers';
import type { Setup } from './setup';

export const HALT_STEPS = [
  'reboot',
  'cpu_shutdown',
  'wait_shutdown',
  'syscalls_cleanup',
  'threads_cleanup',
  'tick_suspend',
  'free_mem',
  'thread_join',
] as const;
export type HaltStep = (typeof HALT_STEPS)[number];

export class Halt {
  constructor(
    private readonly k: Kernel,
    private readonly setup: Setup,
  ) {}

  step(kind: 'halt.step.begin' | 'halt.step.end', name: HaltStep): void {
    this.k.tracer.emit(kind, NONE, NONE, name);
  }

  *lklSysHalt(): Fiber<number> {
    const k = this.k;
    this.step('halt.step.begin', 'reboot');
    const ret = yield* k.syscalls.lklSyscall(NR.reboot, [
      LINUX_REBOOT_MAGIC1,
      LINUX_REBOOT_MAGIC2,
      LINUX_REBOOT_CMD_RESTART,
    ]);
    this.step('halt.step.end', 'reboot');
    if (ret < 0) return ret;
    k.isRunning = false;
    this.step('halt.step.begin', 'wait_shutdown');
    yield* k.cpu.waitShutdown();
    this.step('halt.step.end', 'wait_shutdown');
    this.step('halt.step.begin', 'syscalls_cleanup');
    yield* k.syscalls.syscallsCleanup();
    this.step('halt.step.end', 'syscalls_cleanup');
    this.step('halt.step.begin', 'threads_cleanup');
    yield* this.threadsCleanup();
    this.step('halt.step.end', 'threads_cleanup');
    this.step('halt.step.begin', 'tick_suspend');
    k.timers.stopTick();
    k.clockevent.shutdown();
    this.step('halt.step.end', 'tick_suspend');
    this.step('halt.step.begin', 'free_mem');
    k.host.memFree(k.memHandle);
    k.memHandle = 0;
    this.step('halt.step.end', 'free_mem');
    this.step('halt.step.begin', 'thread_join');
    const joined = yield* k.host.threadJoin(this.setup.kernelTid);
    this.step('halt.step.end', 'thread_join');
    k.tracer.emit('halt.done', NONE, NONE, joined);
    return 0;
  }

  /** Called from machine_restart/halt inside the reboot syscall. */
  machineHalt(): void {
    this.step('halt.step.begin', 'cpu_shutdown');
    this.k.cpu.shutdown();
    this.step('halt.step.end', 'cpu_shutdown');
  }

  /** threads_cleanup: warn about runnable threads, kill kernel threads, release host tasks. */
  private *threadsCleanup(): Fiber {
    const k = this.k;
    // Host tasks first: the released app threads then return -EINTR (and show it in the trace)
    // while the kernel threads below are joined, before halt.done.
    for (const t of [...k.tasks.values()]) {
      if (t === k.initTask || t.ti.dead || !t.isHostTask()) continue;
      // An aborted task must not be marked dead: dead wins in __switch_to and it would just exit.
      if (t.inSyscall && t.ti.tid) k.threads.abortHostTask(t);
      else {
        if (t.ti.schedSem) k.host.semFree(t.ti.schedSem);
        t.ti.schedSem = null;
        t.ti.dead = true;
      }
    }
    for (const t of [...k.tasks.values()]) {
      if (t === k.initTask || t.ti.dead || t.isHostTask()) continue;
      if (t.state === 'running') k.warn(`thread ${t.comm} still running while halting`);
      yield* k.threads.killThread(t);
    }
    const sem = k.initTask.ti.schedSem;
    if (sem) k.host.semFree(sem);
    k.initTask.ti.schedSem = null;
  }
}
