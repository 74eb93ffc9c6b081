// kexec, two-phase (lkl-notes §10, seed 004): kexec_load stages an image (or the crash image),
// reboot(LINUX_REBOOT_CMD_KEXEC) shuts this kernel down and boots the image in the same host,
// and a panic with a crash image boots the crash kernel. LKL has no kexec: the steps below are
// this model's own, traced as halt.step.begin/end (never the host-halt steps threads_cleanup or
// thread_join: the host stays up), followed by kexec.exec; the next kernel's events carry gen+1.

import { NONE } from '../../trace/events';
import type { Fiber } from '../host/hostOps';
import { ABORT_TOKEN } from '../arch/threads';
import * as errno from './errno';
import type { Kernel } from './kernel';
import type { SyscallArg } from './syscallTypes';
import type { Task } from './task';

export const KEXEC_ON_CRASH = 0x1;
export const KEXEC_PRESERVE_CONTEXT = 0x2;
export const KEXEC_ARCH_MASK = 0xffff0000;
export const KEXEC_SEGMENT_MAX = 16;

/** Steps of kernel_kexec (normal path), in order. */
export const KEXEC_STEPS = [
  'reboot_notifiers',
  'device_shutdown',
  'migrate_to_reboot_cpu',
  'syscore_shutdown',
  'machine_shutdown',
  'machine_kexec',
] as const;
/** Steps of __crash_kexec. */
export const CRASH_KEXEC_STEPS = ['machine_crash_shutdown', 'machine_kexec'] as const;

export interface KexecImage {
  readonly entry: number;
  readonly nrSegments: number;
  readonly cmdline: string;
  readonly crash: boolean;
}

/** What the runtime provides: boot `image` as the next generation on the calling host thread. */
export interface KexecHooks {
  bootNext(image: KexecImage): Fiber<number>;
  /** Starts a host thread of its own running `fn` (the crash path's boot). */
  spawn(fn: () => Fiber, name: string): void;
}

/** The command line of a segment list: `{cmdline}` or an array of segments, one carrying it. */
function segmentsCmdline(a: SyscallArg): string | null {
  if (a === null || typeof a !== 'object' || a instanceof Uint8Array || a instanceof Int32Array)
    return null;
  const list: unknown[] = Array.isArray(a) ? a : [a];
  for (const s of list) {
    const c = (s as { cmdline?: unknown } | null)?.cmdline;
    if (typeof c === 'string') return c;
  }
  return '';
}

export class Kexec {
  image: KexecImage | null = null;
  crashImage: KexecImage | null = null;
  hooks: KexecHooks | null = null;
  /** Set once this kernel handed over: its syscall paths must not touch the CPU again. */
  done = false;
  /** Set from the first shutdown step on (normal or crash path). */
  inProgress = false;

  constructor(private readonly k: Kernel) {}

  private step(kind: 'halt.step.begin' | 'halt.step.end', name: string): void {
    this.k.tracer.emit(kind, NONE, NONE, name);
  }

  /** kexec_load(entry, nr_segments, segments, flags). */
  load(args: readonly SyscallArg[]): number {
    const k = this.k;
    if (k.current.uid !== 0) return -errno.EPERM;
    const [entry, nr, segs, flags] = args;
    if (typeof nr !== 'number' || !Number.isInteger(nr) || nr < 0) return -errno.EINVAL;
    const f = flags ?? 0;
    if (typeof f !== 'number' || (f & ~(KEXEC_ON_CRASH | KEXEC_PRESERVE_CONTEXT | KEXEC_ARCH_MASK)))
      return -errno.EINVAL;
    if (nr > KEXEC_SEGMENT_MAX) return -errno.EINVAL;
    const crash = (f & KEXEC_ON_CRASH) !== 0;
    const slot = crash ? 'crash' : 'normal';
    if (nr === 0) {
      if (crash) this.crashImage = null;
      else this.image = null;
      k.tracer.emit('kexec.unload', NONE, k.current.pid, slot);
      return 0;
    }
    if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < 0) return -errno.EINVAL;
    const cmdline = segmentsCmdline(segs);
    if (cmdline === null) return -errno.EFAULT;
    const image: KexecImage = { entry, nrSegments: nr, cmdline, crash };
    if (crash) this.crashImage = image;
    else this.image = image;
    k.tracer.emit('kexec.load', NONE, k.current.pid, JSON.stringify({ slot, entry, nr, cmdline }));
    return 0;
  }

  /** kernel_kexec, from reboot(LINUX_REBOOT_CMD_KEXEC) on the caller's host thread. */
  *reboot(): Fiber<number> {
    const k = this.k;
    const image = this.image;
    if (!image || !this.hooks) return -errno.EINVAL;
    this.inProgress = true;
    this.step('halt.step.begin', 'reboot_notifiers');
    k.printk(5, 'kexec: reboot notifiers');
    this.step('halt.step.end', 'reboot_notifiers');
    this.step('halt.step.begin', 'device_shutdown');
    this.step('halt.step.end', 'device_shutdown');
    this.step('halt.step.begin', 'migrate_to_reboot_cpu');
    this.step('halt.step.end', 'migrate_to_reboot_cpu');
    this.step('halt.step.begin', 'syscore_shutdown');
    this.stopClock();
    this.step('halt.step.end', 'syscore_shutdown');
    this.step('halt.step.begin', 'machine_shutdown');
    k.printk(5, 'kexec_core: Starting new kernel');
    this.stopOthers(k.current);
    yield* this.reapThreads(k.current);
    this.step('halt.step.end', 'machine_shutdown');
    return yield* this.machineKexec(image);
  }

  /** __crash_kexec from panic: false without a crash image (the panic stays a panic). */
  crashKexec(): boolean {
    const k = this.k;
    const image = this.crashImage;
    const hooks = this.hooks;
    if (!image || !hooks || this.done) return false;
    this.crashImage = null;
    this.inProgress = true;
    const me = k.current;
    this.step('halt.step.begin', 'machine_crash_shutdown');
    this.stopClock();
    this.stopOthers(me);
    this.step('halt.step.end', 'machine_crash_shutdown');
    const self = this;
    hooks.spawn(function* crashKexec(): Fiber {
      yield* self.reapThreads(null);
      yield* self.machineKexec(image);
    }, 'crash_kexec');
    return true;
  }

  /** The panicking context ends: a host task's syscall returns -EINTR, a kernel thread exits. */
  endPanicked(): never {
    const me = this.k.current;
    if (me.isHostTask() && me.inSyscall) throw ABORT_TOKEN;
    return this.k.host.threadExit();
  }

  private *machineKexec(image: KexecImage): Fiber<number> {
    const k = this.k;
    this.step('halt.step.begin', 'machine_kexec');
    this.done = true;
    k.isRunning = false;
    if (k.memHandle) k.host.memFree(k.memHandle);
    k.memHandle = 0;
    this.step('halt.step.end', 'machine_kexec');
    k.tracer.emit('kexec.exec', NONE, NONE, image.cmdline);
    return yield* (this.hooks as KexecHooks).bootNext(image);
  }

  private stopClock(): void {
    this.k.timers.stopTick();
    this.k.clockevent.shutdown();
  }

  /** Closes the CPU gate (waiters' gets fail) and releases host tasks blocked in syscalls. */
  private stopOthers(keep: Task): void {
    const k = this.k;
    k.cpu.kexecShutdown();
    for (const t of k.tasks.values()) {
      if (t === keep || !t.isHostTask() || t === k.syscalls.idleHostTask) continue;
      // Aborted (its syscall returns -EINTR), not dead: dead would make its thread just exit.
      if (t.inSyscall && t.ti.tid) k.threads.abortHostTask(t);
      else t.ti.dead = true;
    }
  }

  /** Ends every kernel thread of this kernel (idle host task, kthreads, the idle task's K). */
  private *reapThreads(keep: Task | null): Fiber {
    const k = this.k;
    const idle = k.syscalls.idleHostTask;
    if (idle) idle.ti.dead = true;
    yield* k.syscalls.syscallsCleanup();
    for (const t of [...k.tasks.values()]) {
      if (t === keep || t.ti.dead || t.isHostTask()) continue;
      yield* k.threads.killThread(t);
      t.state = 'dead';
    }
  }
}
