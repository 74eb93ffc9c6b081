// Kernel generations: builds each kernel with its syscalls, VFS and initcalls, lands kexec into
// the next one (gen + 1 on the same host), and routes app syscalls to whichever kernel runs,
// holding them while a kexec'd kernel boots.

import { Halt } from './arch/halt';
import { Setup } from './arch/setup';
import type { IdAllocator } from './host/deterministicHost';
import type { Fiber, HostOps, HostSem } from './host/hostOps';
import type { Tracer } from './host/tracer';
import { registerBootInitcalls } from './kernel/bootInitcalls';
import type { FsKernel } from './kernel/fs/index';
import { Kernel } from './kernel/kernel';
import type { KexecImage } from './kernel/kexec';
import type { SyscallArg } from './kernel/syscallTypes';
import { basicSyscalls, registerKernelSyscalls } from './kernel/sys/basic';
import { channelSyscalls } from './kernel/sys/channel';
import { registerProcSyscalls } from './kernel/sys/proc';
import { registerSchedSyscalls } from './kernel/sys/sched';
import { timeSyscalls } from './kernel/sys/time';
import type { Task } from './kernel/task';
import { createInit, installVfs } from './kernel/vfs';

/** What a generation needs from the runtime around it. */
export interface GenerationHooks {
  /** Starts the app thread a clone()d host task runs on (0 on failure). */
  startCloneThread(task: Task, fn: unknown, name: string): number;
  /** A kexec'd kernel finished booting with `r` (0 = running). */
  booted(r: number, gen: number): void;
}

export class Generations {
  /** The kernel generation now running. */
  k!: Kernel;
  setup!: Setup;
  halt!: Halt;
  fs!: FsKernel;
  /** Set while a kexec'd kernel boots: app syscalls wait on it. */
  private kexecSem: HostSem | null = null;
  private kexecWaiters = 0;

  constructor(
    private readonly ops: HostOps,
    private readonly tracer: Tracer,
    private readonly ids: IdAllocator,
    private readonly watchdog: { thresholdNs: number; panic: boolean } | null,
    private readonly hooks: GenerationHooks,
  ) {
    this.install();
  }

  /** A fresh kernel generation: its syscalls, a fresh rootfs, its initcalls and kexec hooks. */
  private install(): void {
    const k = new Kernel(this.ops, this.tracer, this.ids);
    k.watchdog = this.watchdog;
    const setup = new Setup(k);
    const halt = new Halt(k, setup);
    this.k = k;
    this.setup = setup;
    this.halt = halt;
    k.table.register(basicSyscalls);
    k.table.register(channelSyscalls());
    k.table.register(timeSyscalls);
    registerKernelSyscalls(k, () => halt.machineHalt());
    registerSchedSyscalls(k);
    registerProcSyscalls(k);
    k.startCloneThread = (task, fn, name) => this.hooks.startCloneThread(task, fn, name);
    const fs = installVfs(k);
    this.fs = fs;
    registerBootInitcalls(
      k,
      (path) => setup.lklRunInit(path),
      () => createInit(k, fs),
    );
    k.kexec.hooks = {
      bootNext: (image) => this.bootNext(image),
      spawn: (fn, name) => {
        this.ops.threadCreate(fn, name);
      },
    };
  }

  /** machine_kexec's landing: the image boots on the calling host thread as gen + 1. */
  private *bootNext(image: KexecImage): Fiber<number> {
    this.tracer.gen++;
    this.kexecSem = this.ops.semAlloc(0, 'kexec_boot');
    this.install();
    const r = yield* this.setup.lklStartKernel(image.cmdline);
    const sem = this.kexecSem;
    this.kexecSem = null;
    for (; this.kexecWaiters > 0; this.kexecWaiters--) this.ops.semUp(sem);
    this.hooks.booted(r, this.tracer.gen);
    return r;
  }

  /**
   * lkl_syscall on the running generation. During a kexec the call waits for the next kernel;
   * a call turned away by the old kernel's closed CPU gate is retried on the new one.
   */
  *lklSyscall(no: number, args: readonly SyscallArg[]): Fiber<number> {
    for (let tries = 0; ; tries++) {
      if (this.kexecSem) {
        this.kexecWaiters++;
        yield* this.ops.semDown(this.kexecSem);
      }
      const k = this.k;
      const r = yield* k.syscalls.lklSyscall(no, args);
      const turnedAway = (r === -1 || r === -2) && k.kexec.inProgress && k.cpu.shuttingDown;
      if (!turnedAway || tries >= 100) return r;
      // The crash path shuts the old kernel down before the next one exists: wait a little.
      if (!this.kexecSem && this.k === k) yield* this.ops.spin(10_000);
    }
  }
}
