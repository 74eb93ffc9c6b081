// Runs the default program (boot → boot.c-like tests → halt) to completion on a fresh runtime.

import type { TraceEvent, TraceNames } from '../../trace/events';
import type { AppFn } from '../appApi';
import type { Fiber } from '../host/hostOps';
import {
  DEFAULT_CMDLINE,
  Runtime,
  type RunSummary,
  type RuntimeOptions,
  type RuntimeStatus,
} from '../runtime';
import { type BootTest, type BootTestEnv, createBootTests } from './bootTests';

export interface TestResult {
  name: string;
  ok: boolean;
  log: string;
  /** Virtual ns the test took. */
  durNs: number;
}

export interface ProgramResult {
  events: readonly TraceEvent[];
  names: TraceNames;
  status: RuntimeStatus;
  summary: RunSummary;
  tests: TestResult[];
}

/** The program as an app-thread body; results are pushed as each test ends. */
export function bootTestProgram(
  tests: readonly BootTest[],
  env: BootTestEnv,
  results: TestResult[],
): AppFn {
  return function* program(app): Fiber {
    for (const t of tests) {
      const t0 = app.nowNs();
      const out = yield* t.run(app, env);
      results.push({ name: t.name, ok: out.ok, log: out.log, durNs: app.nowNs() - t0 });
      // boot.c bails out when the kernel did not start: nothing after it can pass.
      if (t.name === 'start_kernel' && !out.ok) return;
    }
  };
}

export interface DefaultProgramOptions extends RuntimeOptions {
  wallMs?: () => number;
  tests?: readonly BootTest[];
}

export function runDefaultProgram(opts: DefaultProgramOptions = {}): ProgramResult {
  const rt = Runtime.create(opts);
  const results: TestResult[] = [];
  const tests = opts.tests ?? createBootTests();
  const env: BootTestEnv = {
    cmdline: opts.cmdline ?? DEFAULT_CMDLINE,
    wallMs: opts.wallMs,
    gen: () => rt.gen,
  };
  rt.start(bootTestProgram(tests, env, results), { autoBoot: false });
  const status = rt.runToEnd();
  // A test that never ended (panic, deadlock, bound) is reported as failed, not dropped.
  for (const t of tests.slice(results.length)) {
    results.push({
      name: t.name,
      ok: false,
      log: `not run: ${status} ${rt.statusDetail}`.trim(),
      durNs: 0,
    });
  }
  return { events: rt.events, names: rt.names, status, summary: rt.summary(), tests: results };
}
