// Start of the kernel after arch/lkl/kernel/setup.c (seed 000, lkl-notes §2): init_sem, the CPU,
// a host thread for start_kernel, /init exec'd through LKL's binfmt, then the caller takes the CPU.

import { NONE } from '../../trace/events';
import type { Fiber, HostSem } from '../host/hostOps';
import * as errno from '../kernel/errno';
import type { Kernel } from '../kernel/kernel';

export class Setup {
  /** Host thread K: runs start_kernel, then the idle loop. */
  kernelTid = 0;
  initSemUps = 0;
  private initSem: HostSem | null = null;

  constructor(private readonly k: Kernel) {}

  private phase(kind: 'boot.phase.begin' | 'boot.phase.end', name: string): void {
    this.k.tracer.emit(kind, NONE, NONE, name);
  }

  /** lkl_start_kernel, on the application's thread: returns 0 once the kernel runs. */
  *lklStartKernel(cmdline: string): Fiber<number> {
    const k = this.k;
    const h = k.host;
    this.phase('boot.phase.begin', 'lkl_start_kernel');
    k.cmdline = cmdline;
    this.initSem = h.semAlloc(0, 'init_sem');
    k.cpu.init();
    this.kernelTid = h.threadCreate(() => this.lklRunKernel(), 'kernel');
    if (this.kernelTid === 0) return -errno.ENOMEM;
    yield* h.semDown(this.initSem);
    h.semFree(this.initSem);
    this.initSem = null;
    // This thread now backs host0 (pid 1), whose host thread exited after /init.
    const self = h.threadSelf();
    k.current.ti.tid = self;
    k.tracer.taskOfHost.set(self, k.current.pid);
    yield* k.cpu.changeOwner(self);
    yield* k.cpu.put();
    k.isRunning = true;
    this.phase('boot.phase.end', 'lkl_start_kernel');
    k.tracer.emit('boot.done', NONE, NONE, cmdline);
    return 0;
  }

  private *lklRunKernel(): Fiber {
    const k = this.k;
    k.threads.threadsInit(k.initTask);
    k.current = k.initTask;
    yield* k.cpu.get();
    yield* this.startKernel();
  }

  private *startKernel(): Fiber {
    const k = this.k;
    this.phase('boot.phase.begin', 'start_kernel');
    this.setupArch();
    k.clockevent.timeInit();
    this.phase('boot.phase.end', 'start_kernel');
    this.phase('boot.phase.begin', 'rest_init');
    k.kernelThread(() => this.kernelInit(), 'init');
    k.kernelThread(() => k.kthreads.kthreadd(), 'kthreadd');
    k.kthreads.kthreaddDone.completeAll();
    this.phase('boot.phase.end', 'rest_init');
    yield* this.cpuIdleLoop();
  }

  /** setup_arch: command line and bootmem (`mem=` overrides the 64 MiB default). */
  private setupArch(): void {
    const k = this.k;
    const mem = /(?:^|\s)mem=(\d+)([KMG]?)/.exec(k.cmdline);
    if (mem) {
      const unit = mem[2] === 'G' ? 1 << 30 : mem[2] === 'M' ? 1 << 20 : mem[2] === 'K' ? 1024 : 1;
      k.memBytes = Number(mem[1]) * unit;
    }
    k.memHandle = k.host.memAlloc(k.memBytes);
    k.printk(5, `Kernel command line: ${k.cmdline}`);
    k.printk(6, `Memory: ${k.memBytes >> 10}K available`);
  }

  /** The idle task: runs when nothing else can; before the idle host task exists it busy-waits. */
  private *cpuIdleLoop(): Fiber {
    const k = this.k;
    for (;;) {
      yield* k.cpu.idle();
      if (k.sched.nrRunning > 0) {
        yield* k.sched.schedule();
        continue;
      }
      // Nothing runnable and no idle host task yet: spin until the next timer (LKL spins too).
      const next = k.timers.nextExpiryNs();
      yield* k.host.spin(next === null ? 1_000_000 : Math.max(1, next - k.host.time()));
    }
  }

  /** kernel_init (pid 1): initcalls, then exec of /init. */
  private *kernelInit(): Fiber {
    const k = this.k;
    yield* k.kthreads.kthreaddDone.wait();
    this.phase('boot.phase.begin', 'kernel_init');
    yield* k.initcalls.runLevel(k, 'early');
    this.phase('boot.phase.begin', 'initcalls');
    yield* k.initcalls.runAll(k);
    this.phase('boot.phase.end', 'initcalls');
    this.phase('boot.phase.end', 'kernel_init');
    const ret = yield* this.runInitProcess('/init');
    k.panic(`No working init found (run_init_process /init: ${errno.errnoName(ret)})`);
  }

  private *runInitProcess(path: string): Fiber<number> {
    const k = this.k;
    if (!k.rootfs.has(path)) return -errno.ENOENT;
    for (const fmt of k.binfmts) {
      const r = yield* fmt(path);
      if (r !== -errno.ENOEXEC) return r;
    }
    return -errno.ENOEXEC;
  }

  /** lkl_run_init: LKL's binfmt; sets up syscalls, releases the starter, ends this host thread. */
  *lklRunInit(path: string): Fiber<number> {
    if (path !== '/init') return -errno.ENOEXEC;
    const k = this.k;
    this.phase('boot.phase.begin', 'exec:/init');
    this.phase('boot.phase.begin', 'syscalls_init');
    k.syscalls.syscallsInit();
    this.phase('boot.phase.end', 'syscalls_init');
    this.phase('boot.phase.end', 'exec:/init');
    this.initSemUps++;
    k.host.semUp(this.initSem as HostSem);
    k.tracer.taskOfHost.delete(k.host.threadSelf());
    return k.host.threadExit();
  }
}
