// Turns a validated Scenario into runtime work: registers its objects and calls on the kernel,
// then a "main" app thread boots, starts each thread at its time, waits, and ends the run.

import type { AppApi } from '../appApi';
import type { Fiber, HostThreadId } from '../host/hostOps';
import {
  LINUX_REBOOT_CMD_KEXEC,
  LINUX_REBOOT_MAGIC1,
  LINUX_REBOOT_MAGIC2,
  NR,
} from '../kernel/syscallNumbers';
import type { Runtime, RuntimeOptions, RuntimeScenario } from '../runtime';
import { CustomSchedClass, type CustomSchedFactory } from './customSched';
import { ScenarioState } from './scenarioState';
import { SCN, registerScenarioSyscalls } from './scenarioSyscalls';
import { appBody } from './threadBodies';
import type { Scenario } from './types';

/** kexec_load(2): the staged image's entry point, and the flag that loads it as the crash kernel. */
const KEXEC_ENTRY = 0x1000000;
const KEXEC_ON_CRASH = 0x00000001;

/** Features the kernel does not offer yet; the run goes on without them and says so. */
function unsupported(sc: Scenario, rt: Runtime): string[] {
  const out: string[] = [];
  const classes = new Set(rt.kernel.sched.classes.map((c) => c.name));
  for (const t of sc.threads) {
    const p = t.policy ?? 'normal';
    if (p === 'custom') continue;
    if (p !== 'normal' && !(p === 'idle' ? classes.has('idle') : classes.has('rt')))
      out.push(
        `policy ${p} of ${t.name}: this kernel has no such scheduling class yet; runs as normal`,
      );
  }
  return out;
}

export class ScenarioInterpreter implements RuntimeScenario {
  /** Set by install: the live state (moments, warnings, objects) of the run. */
  state: ScenarioState | null = null;
  /** Virtual time of boot.done, once booted. */
  bootDoneNs = -1;

  constructor(
    readonly scenario: Scenario,
    private readonly hooks: ScenarioHooks = {},
  ) {}

  get name(): string {
    return this.scenario.name;
  }

  install(rt: Runtime): void {
    const st = new ScenarioState(this.scenario, rt.kernel);
    this.state = st;
    registerScenarioSyscalls(rt.kernel, st);
    const self = this;
    rt.start(function* scenarioMain(app: AppApi): Fiber {
      self.bootDoneNs = app.nowNs();
      for (const w of unsupported(self.scenario, rt)) st.warn(w);
      self.installClass(rt, st);
      yield* self.main(app, st);
    });
  }

  /** The scenario's JavaScript class, from the factory the host loaded (runs in this fiber: a bad one panics). */
  private installClass(rt: Runtime, st: ScenarioState): void {
    const spec = this.scenario.schedClass;
    if (!spec) return;
    const f = this.hooks.schedClass;
    if (!f) {
      st.warn(`schedClass ${spec.module} was not loaded by the host; policy custom runs as normal`);
      return;
    }
    st.customClass = new CustomSchedClass(rt.kernel, f, rt.seed);
    rt.kernel.sched.addClass(st.customClass); // after rt, before fair
  }

  private *sleepUntil(app: AppApi, afterBootNs: number): Fiber {
    const delta = this.bootDoneNs + afterBootNs - app.nowNs();
    if (delta > 0) yield* app.nanosleep(delta);
  }

  private *main(app: AppApi, st: ScenarioState): Fiber {
    const sc = this.scenario;
    const endAt = sc.end.atNs;
    if (sc.kernel?.crashKernel) {
      const r = yield* app.syscall(
        NR.kexec_load,
        KEXEC_ENTRY,
        1,
        { cmdline: sc.cmdline ?? '' },
        KEXEC_ON_CRASH,
      );
      if (r < 0)
        st.warn(`kernel.crashKernel: kexec_load(KEXEC_ON_CRASH) returned ${r} (kexec is issue 6)`);
    }
    if (sc.threads.some((t) => t.kind === 'kernel' && t.spawned !== true)) {
      yield* app.syscall(SCN.launch, this.bootDoneNs);
    }
    // App threads are host threads: main starts them itself, at their times.
    const starts = sc.threads
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => t.kind === 'app' && t.spawned !== true)
      .sort((a, b) => (a.t.startNs ?? 0) - (b.t.startNs ?? 0) || a.i - b.i);
    const apps: HostThreadId[] = [];
    for (const { t } of starts) {
      if (endAt !== undefined && (t.startNs ?? 0) > endAt) break;
      yield* this.sleepUntil(app, t.startNs ?? 0);
      const id = app.spawn(appBody(t, st), t.name);
      st.hostOfThread.set(t.name, id);
      apps.push(id);
    }
    if (endAt !== undefined) yield* this.sleepUntil(app, endAt);
    else {
      for (const id of apps) yield* app.join(id);
      yield* app.syscall(SCN.waitKthreads);
    }
    yield* this.end(app, st);
  }

  private *end(app: AppApi, st: ScenarioState): Fiber {
    const end = this.scenario.end;
    if (end.action === 'none') return;
    if (end.action === 'panic') {
      yield* app.syscall(SCN.panic);
      return;
    }
    if (end.action === 'kexec') {
      const cmdline = end.cmdline ?? this.scenario.cmdline ?? '';
      const loaded = yield* app.syscall(NR.kexec_load, KEXEC_ENTRY, 1, { cmdline }, 0);
      const r =
        loaded < 0
          ? loaded
          : yield* app.syscall(
              NR.reboot,
              LINUX_REBOOT_MAGIC1,
              LINUX_REBOOT_MAGIC2,
              LINUX_REBOOT_CMD_KEXEC,
            );
      if (r < 0)
        st.warn(
          `kexec ${loaded < 0 ? 'kexec_load' : 'reboot'} returned ${r}: kexec is issue 6; halting instead`,
        );
      else if (end.thenHalt === false) return;
    }
    yield* app.halt();
  }
}

/** What the host gives a run beyond options: code it loaded (the runtime itself loads none). */
export interface ScenarioHooks {
  /** The scenario's `schedClass` module, loaded by the host (trusted workspaces only). */
  schedClass?: CustomSchedFactory;
}

/** Runtime options for a scenario: its seed, command line and limits, and the interpreter. */
export function scenarioRuntimeOptions(
  scenario: Scenario,
  overrides: RuntimeOptions = {},
  hooks: ScenarioHooks = {},
): RuntimeOptions & { scenario: ScenarioInterpreter } {
  // An override left undefined (e.g. no --seed) keeps the scenario's own value.
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return {
    seed: scenario.seed,
    cmdline: scenario.cmdline,
    maxVirtualNs: scenario.limits?.maxTimeNs,
    maxEvents: scenario.limits?.maxEvents,
    watchdog: scenario.kernel?.watchdog,
    ...given,
    scenario: new ScenarioInterpreter(scenario, hooks),
  };
}
