// A kernel running live in the extension host: the runtime produces events in slices (the
// editor never freezes), a paced runner releases them to the session in scaled wall-clock time.
import { performance } from 'node:perf_hooks';
import type { NamesDelta } from '../protocol/messages';
import { PacedRunner } from '../runtime/host/pacedRunner';
import { KEXEC_ON_CRASH } from '../runtime/kernel/kexec';
import { NR } from '../runtime/kernel/syscallNumbers';
import { bootTestProgram, type TestResult } from '../runtime/program/defaultProgram';
import { createBootTests } from '../runtime/program/bootTests';
import { DEFAULT_CMDLINE, Runtime, type RuntimeScenario } from '../runtime/runtime';
import type { EventKind, TraceEvent, TraceNames } from '../trace/events';
import { TraceSession } from './session';

/** Entry address of the staged image; the model keeps it only for the trace. */
const CRASH_IMAGE_ENTRY = 0x1000000;

export interface LiveKernelOptions {
  seed: number;
  /** A runtime already set up by a scenario (it starts its own threads); default: LKL's boot tests. */
  runtime?: Runtime;
  /** Virtual ns shown per wall ns. */
  speed: number;
  cmdline?: string;
  scenario?: RuntimeScenario;
  /** The scenario's own threads (names), shown first on the timeline. */
  threads?: readonly string[];
  title?: string;
  onEnd?(k: LiveKernel): void;
  /** Each batch as it is shown (after the session has it). */
  onReleased?(batch: readonly TraceEvent[]): void;
}

/** Names added or changed since the last call, as a protocol delta. */
class NamesTracker {
  private readonly sent = { hosts: new Map<number, string>(), tasks: new Map<number, string>(), objects: new Map<number, string>() };

  constructor(private readonly names: TraceNames) {}

  delta(): NamesDelta | null {
    const d: NamesDelta = { hosts: [], tasks: [], objects: [] };
    for (const [id, n] of this.names.hosts) if (this.sent.hosts.get(id) !== n) (this.sent.hosts.set(id, n), d.hosts.push([id, n]));
    for (const [id, n] of this.names.tasks) if (this.sent.tasks.get(id) !== n) (this.sent.tasks.set(id, n), d.tasks.push([id, n]));
    for (const [id, o] of this.names.objects) {
      if (this.sent.objects.get(id) !== o.name) (this.sent.objects.set(id, o.name), d.objects.push([id, o.type, o.name]));
    }
    return d.hosts.length + d.tasks.length + d.objects.length ? d : null;
  }
}

export class LiveKernel {
  readonly runtime: Runtime;
  readonly session: TraceSession;
  readonly tests: TestResult[] = [];
  private readonly runner: PacedRunner;
  private readonly tracker: NamesTracker;
  private ended = false;
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: LiveKernelOptions) {
    // keepEvents off: the session keeps what is released; the runtime need not hold a second copy.
    this.runtime = opts.runtime ?? Runtime.create({ seed: opts.seed, cmdline: opts.cmdline, scenario: opts.scenario, keepEvents: false });
    const names: TraceNames = { hosts: new Map(), tasks: new Map(), objects: new Map() };
    this.session = new TraceSession(
      opts.title ?? (opts.scenario ? opts.scenario.name : 'live kernel'),
      { version: 1, source: 'runtime', scenario: opts.scenario?.name ?? opts.title ?? 'default', seed: this.runtime.seed, names },
      true,
      opts.threads,
    );
    this.tracker = new NamesTracker(this.runtime.names);
    this.runner = new PacedRunner(this.runtime, {
      schedule: (fn, ms) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          fn();
        }, ms);
        this.timers.add(t);
      },
      nowMs: () => performance.now(),
      deliver: (batch) => {
        const d = this.tracker.delta();
        if (d) this.session.addNames(d);
        this.session.append(batch);
        this.followState(batch);
        this.opts.onReleased?.(batch);
      },
      speed: opts.speed,
      onDrained: () => this.checkEnd(),
    });
    // The runtime runs ahead of what is shown: its final status is kept until the events that led
    // to it are released; meanwhile the session's state follows the released events.
    this.runtime.onStatus((status, detail) => {
      this.pendingStatus = { status, detail };
    });
    this.session.setStatus('booting');
  }

  private followState(batch: readonly TraceEvent[]): void {
    let next = this.session.state;
    for (const e of batch) {
      if (e.kind === 'boot.done') next = 'running';
      else if (e.kind === 'halt.step.begin' && next !== 'halting') next = 'halting';
      else if (e.kind === 'kexec.exec') next = 'booting';
      else if (e.kind === 'panic') next = 'panic';
    }
    if (next !== this.session.state) this.session.setStatus(next);
  }

  private pendingStatus: { status: string; detail: string } | undefined;

  /** Boots and runs LKL's boot tests except stop_kernel; the kernel then idles until halted. */
  start(paused = false): void {
    this.userPaused = paused;
    if (this.opts.runtime) {
      if (!paused) this.runner.resume();
      return;
    }
    const env = { cmdline: this.opts.cmdline ?? DEFAULT_CMDLINE };
    // The kernel stays up for the user: no halt, no reboot into another generation, no deadlock.
    const tests = createBootTests().filter((t) => !/^(stop_kernel|kexec_|crash_kexec|deadlock)/.test(t.name));
    this.runtime.start(bootTestProgram(tests, env, this.tests), { autoBoot: false });
    if (!paused) this.runner.resume();
  }

  /** Paused by the user (the runner also pauses itself when it has nothing to release). */
  get paused(): boolean {
    return this.userPaused;
  }

  private userPaused = false;

  get finished(): boolean {
    return this.ended;
  }

  pause(): void {
    this.userPaused = true;
    this.runner.pause();
  }

  resume(): void {
    // poke first: a drained runner stays paused until resumed, and resume alone does not refill it.
    this.userPaused = false;
    this.runner.poke();
    this.runner.resume();
  }

  /** Releases everything up to the next event of `kind`; false if the run ended first. */
  stepTo(kind: EventKind | readonly EventKind[]): boolean {
    this.userPaused = true;
    const found = this.runner.stepTo(kind);
    this.checkEnd();
    return found;
  }

  /** Loads a kernel image with the running command line and reboots into it (kexec). */
  kexecReboot(cmdline?: string): void {
    this.runtime.kexecReboot(cmdline);
    this.resume();
  }

  /** Panics the kernel; with `crashKernel`, first loads a crash image so crash_kexec boots it. */
  triggerPanic(crashKernel: boolean): void {
    if (!crashKernel) this.runtime.triggerPanic('triggered from VS Code');
    else {
      const cmdline = this.runtime.kernel.cmdline;
      // One thread, so the crash image is loaded before the panic.
      this.runtime.spawnAppThread(function* loadThenPanic(app) {
        const r = yield* app.syscall(NR.kexec_load, CRASH_IMAGE_ENTRY, 1, { cmdline }, KEXEC_ON_CRASH);
        if (r < 0) app.log(`kexec_load(KEXEC_ON_CRASH) = ${r}`);
        yield* app.syscall(NR.scope_panic, 'triggered from VS Code, crash kernel loaded');
      }, 'panic');
    }
    this.resume();
  }

  halt(): void {
    this.runtime.halt();
    this.resume();
  }

  private checkEnd(): void {
    // Ended only when the runtime has finished and every event it made has been shown.
    if (this.ended || !this.runtime.finished || this.runner.pending > 0) return;
    const d = this.tracker.delta();
    if (d) this.session.addNames(d);
    this.ended = true;
    const s = this.pendingStatus ?? { status: this.runtime.status, detail: this.runtime.statusDetail };
    this.session.setStatus(s.status as 'halted', s.detail || undefined);
    this.opts.onEnd?.(this);
  }

  dispose(): void {
    this.runner.dispose();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
