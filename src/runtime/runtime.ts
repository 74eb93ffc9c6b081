// The runtime API used by the CLI and the extension: one kernel on the deterministic host, run to
// the end or in slices, with run bounds, a status, and event batches for subscribers.

import { type TraceEvent, type TraceNames } from '../trace/events';
import type { AppApi, AppFn } from './appApi';
import { Generations } from './generations';
import { DeterministicHost, type HostCosts, IdAllocator } from './host/deterministicHost';
import type { Fiber, HostOps, HostThreadId } from './host/hostOps';
import { TracedHost } from './host/tracedHost';
import { Tracer } from './host/tracer';
import type { FsKernel } from './kernel/fs/index';
import type { Kernel } from './kernel/kernel';
import { NR } from './kernel/syscallNumbers';
import type { SyscallArg } from './kernel/syscallTypes';
import type { Task } from './kernel/task';
import { RunState, type RunSummary, type RuntimeStatus } from './runState';

export type { RuntimeStatus, RunSummary } from './runState';

/** A scenario installs its threads and objects on a created runtime (issue 8 adapts to this). */
export interface RuntimeScenario {
  readonly name: string;
  install(rt: Runtime): void;
}

export interface RuntimeOptions {
  seed?: number;
  cmdline?: string;
  scenario?: RuntimeScenario;
  /** Stop with status 'stopped' past this virtual time (default 600 s). */
  maxVirtualNs?: number;
  /** Stop with status 'stopped' past this many events (default 20 M). */
  maxEvents?: number;
  /** Emit events (default true); off, events are only counted (benchmarks). */
  trace?: boolean;
  /** Keep every event in `events` (default true). */
  keepEvents?: boolean;
  costs?: HostCosts;
  /** Soft-lockup watchdog: warn when a kernel task runs this long without sleeping (or panic). */
  watchdog?: { thresholdNs: number; panic?: boolean };
}

export const DEFAULT_CMDLINE = 'mem=32M loglevel=8';

export class Runtime {
  readonly seed: number;
  readonly cmdline: string;
  readonly names: TraceNames;
  readonly host: DeterministicHost;
  /** The traced host the kernel and app threads use. */
  readonly ops: HostOps;
  readonly tracer: Tracer;
  private readonly state: RunState;
  /** The kernel generation now running (kexec replaces it; gen is tracer.gen). */
  private readonly gens: Generations;
  private panicRequested = false;
  private readonly pending: { fn: AppFn; name: string }[] = [];
  private readonly appThreads = new Set<HostThreadId>();
  private started = false;
  private haltRequested = false;
  private appCount = 0;
  readonly appLog: string[] = [];

  static create(opts: RuntimeOptions = {}): Runtime {
    return new Runtime(opts);
  }

  private constructor(opts: RuntimeOptions) {
    this.seed = opts.seed ?? 1;
    this.cmdline = opts.cmdline ?? DEFAULT_CMDLINE;
    const ids = new IdAllocator();
    const watchdog = opts.watchdog
      ? { thresholdNs: opts.watchdog.thresholdNs, panic: opts.watchdog.panic ?? false }
      : null;
    this.host = new DeterministicHost(this.seed, ids, opts.costs);
    this.tracer = new Tracer(this.host);
    this.tracer.enabled = opts.trace ?? true;
    this.tracer.keep = opts.keepEvents ?? true;
    this.names = this.tracer.names;
    this.ops = new TracedHost(this.host, this.tracer);
    this.gens = new Generations(this.ops, this.tracer, ids, watchdog, {
      startCloneThread: (task, fn, name) => this.startThread(fn as AppFn, name, task),
      booted: (r, gen) => {
        if (r === 0) this.state.setStatus('running');
        else this.state.setStatus('panic', `kexec boot of generation ${gen} failed: ${r}`);
      },
    });
    this.state = new RunState(this, opts.maxVirtualNs ?? 600e9, opts.maxEvents ?? 20e6);
    this.host.onThreadExit = (id) => {
      this.tracer.emitFor(id, 'thread.exit');
      this.appThreads.delete(id);
    };
    this.host.onFault = (msg) => this.state.fault(msg);
    opts.scenario?.install(this);
  }

  /** The kernel generation now running. */
  get kernel(): Kernel {
    return this.gens.k;
  }
  /** The VFS of the running generation: ramfs root, /proc, pipes, epoll (kernel/fs). */
  get fs(): FsKernel {
    return this.gens.fs;
  }
  /** Kernel generation (0 at first boot; each kexec adds one). */
  get gen(): number {
    return this.tracer.gen;
  }

  get status(): RuntimeStatus {
    return this.state.status;
  }
  /** Why the run stopped (panic reason, bound reached, deadlock), or ''. */
  get statusDetail(): string {
    return this.state.detail;
  }
  get events(): readonly TraceEvent[] {
    return this.tracer.events;
  }
  get virtualNs(): number {
    return this.host.now;
  }
  /** True once halted, panicked, deadlocked or stopped: nothing more will run. */
  get finished(): boolean {
    return this.state.finished;
  }
  get booted(): boolean {
    return this.kernel.isRunning;
  }

  /**
   * Starts the "main" application thread. It boots the kernel, then runs `program`; with
   * `autoBoot: false` the program boots it itself (app.startKernel), as LKL's boot test does.
   */
  start(program?: AppFn, opts: { autoBoot?: boolean } = {}): void {
    if (this.started) return;
    this.started = true;
    const rt = this;
    const autoBoot = opts.autoBoot ?? true;
    this.startThread(function* main(app: AppApi): Fiber {
      if (autoBoot && (yield* app.startKernel(rt.cmdline)) < 0) return;
      if (program) yield* program(app);
    }, 'main');
  }

  /** Starts an application thread once the kernel runs (at once if it already does). */
  spawnAppThread(fn: AppFn, name?: string): void {
    const n = name ?? `app${++this.appCount}`;
    if (this.kernel.isRunning) this.startThread(fn, n);
    else this.pending.push({ fn, name: n });
  }

  /** Requests lkl_sys_halt on a thread of its own, once the kernel runs. */
  halt(): void {
    if (this.haltRequested) return;
    this.haltRequested = true;
    const rt = this;
    this.spawnAppThread(function* halter(app): Fiber {
      yield* app.halt();
      rt.state.halted();
    }, 'halt');
  }

  /** Panics the kernel from an app thread of its own (the crash kernel boots if one is loaded). */
  triggerPanic(reason = 'triggered by the user'): void {
    if (this.panicRequested) return;
    this.panicRequested = true;
    this.spawnAppThread(function* panicker(app): Fiber {
      yield* app.syscall(NR.scope_panic, reason);
    }, 'panic');
  }

  /** Loads an image (default: the running cmdline) and kexecs into it, on its own app thread. */
  kexecReboot(cmdline?: string): void {
    const rt = this;
    this.spawnAppThread(function* kexecer(app): Fiber {
      const c = cmdline ?? rt.kernel.cmdline;
      const r = yield* app.syscall(NR.kexec_load, 0x1000000, 1, { cmdline: c }, 0);
      if (r < 0) {
        app.log(`kexec_load: ${r}`);
        return;
      }
      const b = yield* app.syscall(NR.reboot, 0xfee1dead, 672274793, 0x45584543);
      if (b < 0) app.log(`reboot(KEXEC): ${b}`);
    }, 'kexec');
  }

  /** Runs up to `maxSteps` host steps; true while there is more to run now (see `finished`). */
  runSlice(maxSteps: number): boolean {
    return this.state.runSlice(maxSteps);
  }

  /** Runs until finished or idle (nothing to run, waiting for a spawn or halt). */
  runToEnd(): RuntimeStatus {
    while (this.runSlice(100_000));
    return this.status;
  }

  /** Event batches as they are produced (delivered at the end of each slice). */
  subscribe(fn: (batch: readonly TraceEvent[]) => void): () => void {
    return this.tracer.subscribe(fn);
  }

  /** Status changes. */
  onStatus(fn: (status: RuntimeStatus, detail: string) => void): () => void {
    return this.state.onStatus(fn);
  }

  summary(): RunSummary {
    return this.state.summary();
  }

  /** Application threads still alive (for deadlock detection). */
  liveAppThreads(): HostThreadId[] {
    return [...this.appThreads].filter((t) => this.host.isLive(t));
  }

  /** Called by boot.done: releases app threads spawned before the kernel ran. */
  private releasePending(): void {
    for (const p of this.pending.splice(0)) this.startThread(p.fn, p.name);
  }

  /** An app thread; with `task`, a clone()d host task bound to it before `fn` runs. */
  private startThread(fn: AppFn, name: string, task?: Task): HostThreadId {
    const app = this.appApi();
    const k = this.gens.k;
    const body = task
      ? function* child(): Fiber {
          k.syscalls.bindHostTask(task);
          yield* fn(app);
        }
      : () => fn(app);
    const id = this.ops.threadCreate(body, name);
    if (id) this.appThreads.add(id);
    return id;
  }

  private appApi(): AppApi {
    const rt = this;
    const gens = this.gens;
    const sys = (no: number, ...args: SyscallArg[]): Fiber<number> => gens.lklSyscall(no, args);
    return {
      host: this.ops,
      syscall: sys,
      getpid: () => sys(NR.getpid),
      gettid: () => sys(NR.gettid),
      clone: (flags, fn, name) => sys(NR.clone, flags, { fn, name }),
      *exit(code) {
        yield* sys(NR.exit, code);
        return rt.ops.threadExit(); // only when the kernel did not take the thread (halted)
      },
      *exitGroup(code) {
        yield* sys(NR.exit_group, code);
        return rt.ops.threadExit();
      },
      wait4: (pid, status, options) => sys(NR.wait4, pid, status ?? null, options ?? 0),
      nanosleep: (ns) =>
        sys(NR.nanosleep, { tv_sec: Math.floor(ns / 1e9), tv_nsec: Math.round(ns % 1e9) }),
      *startKernel(cmdline) {
        const k = rt.kernel;
        if (rt.state.status !== 'booting' || k.isRunning) return -16; // -EBUSY
        const r = yield* gens.setup.lklStartKernel(cmdline);
        if (r === 0) {
          rt.state.setStatus('running');
          rt.releasePending();
        }
        return r;
      },
      *halt() {
        rt.state.setStatus('halting');
        const r = yield* gens.halt.lklSysHalt();
        if (r === 0) rt.state.halted();
        return r;
      },
      spawn: (fn, name) => rt.startThread(fn, name),
      join: (t) => rt.ops.threadJoin(t),
      nowNs: () => rt.host.now,
      log: (text) => {
        rt.appLog.push(text);
      },
    };
  }
}
