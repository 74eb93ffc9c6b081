// The LKL CPU lock, after arch/lkl/kernel/cpu.c (seed 001, lkl-notes §4): one owner host thread,
// a re-entrant count, sleepers on one semaphore, a shutdown gate and a pending-irq flag.

import { NONE as NO_ID } from '../../trace/events';
import type { Fiber, HostMutex, HostSem, HostThreadId } from '../host/hostOps';
import { kindCode } from '../host/tracer';
import type { Kernel } from '../kernel/kernel';

/** Module-local copy: imported bindings are getters in unbundled builds (hot path). */
const NONE = NO_ID;
const CPU_OWNER = kindCode('cpu.owner');

/** Added to the gate by cpu_shutdown: any later getter sees ≥ MAX and backs off. */
export const MAX_THREADS = 1000000;

export class Cpu {
  owner: HostThreadId = 0;
  count = 0;
  sleepers = 0;
  shutdownGate = 0;
  irqsPending = false;
  private lock: HostMutex | null = null;
  private sem: HostSem | null = null;
  private shutdownSem: HostSem | null = null;

  constructor(private readonly k: Kernel) {}

  init(): void {
    const h = this.k.host;
    this.lock = h.mutexAlloc(false, 'cpu.lock');
    this.sem = h.semAlloc(0, 'cpu.sem');
    this.shutdownSem = h.semAlloc(0, 'shutdown_sem');
  }

  /** __cpu_try_get_lock: -2 gate closed (no mutex), -1 shutdown, 0 owned elsewhere, 1 got it. */
  private *tryGetLock(n: number): Fiber<number> {
    const old = this.shutdownGate;
    this.shutdownGate += n;
    if (old >= MAX_THREADS) return -2;
    if (!this.k.host.mutexTryLock(this.lock as HostMutex))
      yield* this.k.host.mutexLock(this.lock as HostMutex);
    if (this.shutdownGate >= MAX_THREADS) return -1;
    const self = this.k.host.threadSelf();
    if (this.owner !== 0 && this.owner !== self) return 0;
    this.owner = self;
    this.count++;
    return 1;
  }

  private tryGetUnlock(ret: number, n: number): void {
    if (ret >= -1) this.k.host.mutexUnlock(this.lock as HostMutex);
    this.shutdownGate -= n;
  }

  /** lkl_cpu_get: 1 when owned (re-entrant), < 0 once shutting down. */
  *get(): Fiber<number> {
    const t = this.k.tracer;
    let ret = yield* this.tryGetLock(1);
    let waited = false;
    while (ret === 0) {
      if (!waited) t.emit('cpu.get.wait', NONE, this.owner || NONE);
      waited = true;
      this.sleepers++;
      this.tryGetUnlock(ret, 0);
      yield* this.k.host.semDown(this.sem as HostSem);
      ret = yield* this.tryGetLock(0);
    }
    this.tryGetUnlock(ret, 1);
    t.emit('cpu.get', NONE, NONE, ret > 0 ? this.count : ret);
    return ret;
  }

  /** lkl_cpu_put: runs pending irqs, lets a host task with company schedule away, else releases. */
  *put(): Fiber {
    const h = this.k.host;
    const lock = this.lock as HostMutex;
    if (!h.mutexTryLock(lock)) yield* h.mutexLock(lock);
    if (this.count === 0 || this.owner === 0 || this.owner !== h.threadSelf()) {
      this.k.bug('cpu_put: unbalanced put');
    }
    while (this.irqsPending && !this.k.irq.disabled) {
      this.irqsPending = false;
      h.mutexUnlock(lock);
      yield* this.k.irq.runIrqs();
      if (!h.mutexTryLock(lock)) yield* h.mutexLock(lock);
    }
    if (this.k.current.isHostTask() && !this.k.sched.singleTaskRunning() && this.count === 1) {
      if (this.k.irq.inInterrupt) this.k.bug('cpu_put: in interrupt');
      h.mutexUnlock(lock);
      this.k.tracer.emit('cpu.put', NONE, NONE, 'sched_jb');
      yield* this.k.threads.threadSchedJb();
      return;
    }
    if (--this.count > 0) {
      h.mutexUnlock(lock);
      this.k.tracer.emit('cpu.put', NONE, NONE, this.count);
      return;
    }
    this.k.tracer.emit('cpu.put', NONE, NONE, 0);
    if (this.sleepers > 0) {
      this.sleepers--;
      h.semUp(this.sem as HostSem);
    }
    this.owner = 0;
    this.k.tracer.emit('cpu.owner', NONE, NONE);
    h.mutexUnlock(lock);
  }

  /** changeOwner without a generator when cpu.lock is free (the usual case); false otherwise. */
  tryChangeOwner(owner: HostThreadId): boolean {
    if (!this.k.host.mutexTryLock(this.lock as HostMutex)) return false;
    this.setOwnerLocked(owner);
    return true;
  }

  private setOwnerLocked(owner: HostThreadId): void {
    if (this.count > 1) this.k.bug('bad count while changing owner');
    this.owner = owner;
    this.k.tracer.emitCode(CPU_OWNER, NONE, owner || NONE);
    this.k.host.mutexUnlock(this.lock as HostMutex);
  }

  /** lkl_cpu_change_owner: used by __switch_to and at the end of lkl_start_kernel. */
  *changeOwner(owner: HostThreadId): Fiber {
    if (!this.k.host.mutexTryLock(this.lock as HostMutex))
      yield* this.k.host.mutexLock(this.lock as HostMutex);
    this.setOwnerLocked(owner);
  }

  /** lkl_cpu_try_run_irq: 1 if the caller now owns the CPU; 0 marks the irq pending. */
  *tryRunIrq(irq: number): Fiber<number> {
    const ret = yield* this.tryGetLock(1);
    if (ret === 0) {
      this.k.irq.setPending(irq);
      this.irqsPending = true;
    }
    this.tryGetUnlock(ret, 1);
    if (ret === 1) this.k.tracer.emit('cpu.get', NONE, NONE, this.count);
    return ret;
  }

  /** lkl_cpu_shutdown, from machine_halt/restart. */
  shutdown(): void {
    this.shutdownGate += MAX_THREADS;
    this.k.tracer.emit('cpu.shutdown', NONE, NONE, 'gate');
  }

  /** kexec's machine_shutdown: close the gate and release every waiter (their get fails). */
  kexecShutdown(): void {
    this.shutdown();
    while (this.sleepers > 0) {
      this.sleepers--;
      if (this.sem) this.k.host.semUp(this.sem);
    }
  }

  *waitShutdown(): Fiber {
    const s = this.shutdownSem as HostSem;
    yield* this.k.host.semDown(s);
    this.k.host.semFree(s);
    this.shutdownSem = null;
  }

  /** lkl_cpu_cleanup; no accessor is in flight in a cooperative host, so no spin on the gate. */
  private cleanup(shutdown: boolean): void {
    const h = this.k.host;
    if (shutdown && this.shutdownSem) h.semUp(this.shutdownSem);
    else if (this.shutdownSem) h.semFree(this.shutdownSem);
    if (this.sem) h.semFree(this.sem);
    if (this.lock) h.mutexFree(this.lock);
    this.sem = null;
    this.lock = null;
  }

  get shuttingDown(): boolean {
    return this.shutdownGate >= MAX_THREADS;
  }

  /** arch_cpu_idle: at shutdown wake every sleeper, clean up, end the idle host thread. */
  *idle(): Fiber {
    if (this.shuttingDown) {
      if (!this.k.host.mutexTryLock(this.lock as HostMutex))
        yield* this.k.host.mutexLock(this.lock as HostMutex);
      while (this.sleepers > 0) {
        this.sleepers--;
        this.k.host.semUp(this.sem as HostSem);
      }
      this.k.host.mutexUnlock(this.lock as HostMutex);
      this.owner = 0;
      this.k.tracer.emit('cpu.owner', NONE, NONE);
      this.cleanup(true);
      this.k.host.threadExit();
    }
    yield* this.k.irq.localIrqEnable();
    this.k.syscalls.wakeupIdleHostTask();
  }
}
