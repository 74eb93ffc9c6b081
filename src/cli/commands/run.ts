// `lkl-scope run [SCENARIO] [--seed N] [--out FILE] [--html FILE]`: boots the runtime, runs the
// default program (boot.c-like tests, then halt) or a scenario, writes the trace, prints a summary.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runDefaultProgram, type TestResult } from '../../runtime/program/defaultProgram';
import type { RunSummary, RuntimeStatus } from '../../runtime/runtime';
import { formatError } from '../../runtime/scenario/located';
import { timelineNote } from '../../runtime/scenario/notes';
import { loadScenario } from '../../runtime/scenario/loader';
import { runScenario } from '../../runtime/scenario/runScenario';
import type { TimelineNote } from '../../protocol/messages';
import { writeChromeJson } from '../../trace/chromeJson';
import type { TraceEvent, TraceNames } from '../../trace/events';
import { intOption, parseCommandArgs } from '../args';
import { CliError, type CliIo, type Command } from '../command';
import { writeFileAtomic } from '../io';
import { loadSchedModule } from '../schedModule';
import { buildStandaloneHtml, readWebviewAssets } from '../standaloneHtml';

const USAGE = `usage: lkl-scope run [SCENARIO] [--seed N] [--out FILE] [--html FILE] [--dmesg]

Boots the kernel runtime, runs the default program (LKL's boot tests: mutex, semaphore, join,
start_kernel, getpid, syscall_latency, nanosleep, syscall_thread, many_syscall_threads,
stop_kernel) or SCENARIO (a .scenario.json file, or a name from scenarios/), and writes the trace.

  --seed N     seed of every choice the host makes (default 1, or the scenario's own seed);
               same seed, same file
  --out FILE   trace file, Chrome Trace Event JSON (default out/boot.trace.json)
  --html FILE  also write a self-contained timeline page (needs the built webview)
  --dmesg      print the kernel log (every generation's printk records) after the summary

Exit code 0 when the kernel halted cleanly (and every boot test passed), 1 otherwise.`;

interface RunOutcome {
  title: string;
  scenario: string;
  events: readonly TraceEvent[];
  names: TraceNames;
  status: RuntimeStatus;
  summary: RunSummary;
  tests: TestResult[];
  /** A scenario's notes that fired (the page draws them). */
  notes?: TimelineNote[];
}

/** The repository root: the nearest folder up from here with our package.json. */
export function repoRoot(): string {
  for (let d = __dirname; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'scenarios'))) return d;
    if (dirname(d) === d) return process.cwd();
  }
}

function scenarioPath(arg: string): string {
  if (existsSync(arg)) return arg;
  const named = join(
    repoRoot(),
    'scenarios',
    `${arg.replace(/\.scenario\.json$/, '')}.scenario.json`,
  );
  if (existsSync(named)) return named;
  throw new CliError(`run: no scenario file "${arg}" (nor ${named})`);
}

/** The kernel log from the trace's printk events, dmesg-style, one generation after another. */
export function dmesgText(events: readonly TraceEvent[]): string {
  let out = '';
  let gen = -1;
  for (const e of events) {
    if (e.kind !== 'printk') continue;
    if (e.gen !== gen) {
      if (gen >= 0) out += `--- kernel generation ${e.gen} (kexec) ---\n`;
      gen = e.gen;
    }
    out += `[${(e.ts / 1e9).toFixed(6).padStart(12)}] ${String(e.arg)}\n`;
  }
  return out;
}

function runScenarioFile(arg: string, seed: number | undefined): RunOutcome {
  const path = scenarioPath(arg);
  const loaded = loadScenario(readFileSync(path, 'utf8'), path);
  if (!loaded.ok) throw new CliError(loaded.errors.map(formatError).join('\n'));
  // A scenario's own scheduling class is JavaScript: the CLI runs what its user names.
  const mod = loadSchedModule(path, loaded.scenario);
  if (!mod.ok) throw new CliError(`run: ${mod.error}`);
  const run = runScenario(loaded.scenario, seed === undefined ? {} : { seed }, { schedClass: mod.factory });
  return {
    title: `${run.scenario.name ?? arg} (seed ${seed ?? run.summary.seed})`,
    scenario: arg,
    events: run.events,
    names: run.names,
    status: run.status,
    summary: run.summary,
    tests: [],
    notes: run.fired.map(timelineNote),
  };
}

function runDefault(seed: number): RunOutcome {
  const r = runDefaultProgram({ seed, wallMs: () => performance.now() });
  return { title: `boot (seed ${seed})`, scenario: 'default', ...r };
}

export function printSummary(io: CliIo, o: RunOutcome, wallMs: number, files: string[]): void {
  const s = o.summary;
  const switches = o.events.reduce((n, e) => n + (e.kind === 'sched.switch' ? 1 : 0), 0);
  io.out(`status        ${o.status}${s.detail ? ` (${s.detail})` : ''}\n`);
  io.out(`events        ${s.events}\n`);
  io.out(`switches      ${switches}\n`);
  io.out(`syscalls      ${s.syscalls}\n`);
  io.out(`virtual time  ${(s.virtualNs / 1e6).toFixed(3)} ms\n`);
  io.out(`wall time     ${wallMs.toFixed(1)} ms\n`);
  if (o.tests.length > 0) {
    const failed = o.tests.filter((t) => !t.ok);
    io.out(
      `boot tests    ${o.tests.length - failed.length}/${o.tests.length} ok` +
        `${failed.length ? `; failed: ${failed.map((t) => t.name).join(', ')}` : ''}\n`,
    );
  }
  for (const f of files) io.out(`wrote         ${f}\n`);
}

export const runCommand: Command = {
  name: 'run',
  summary: 'boot the kernel, run the boot tests or a scenario, halt, write the trace',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('run', args, {
      seed: { type: 'string' },
      out: { type: 'string' },
      html: { type: 'string' },
      dmesg: { type: 'boolean' },
    });
    if (positionals.length > 1)
      throw new CliError('run: at most one SCENARIO (see lkl-scope run --help)', 2);
    // A scenario keeps its own seed unless --seed is given.
    const given = values.seed === undefined ? undefined : intOption('run', 'seed', values.seed, 1);
    const seed = given ?? 1;
    const out = values.out ?? join('out', 'boot.trace.json');
    const t0 = performance.now();
    const o = positionals[0] ? runScenarioFile(positionals[0], given) : runDefault(seed);
    const wallMs = performance.now() - t0;
    const meta = {
      version: 1 as const,
      source: 'runtime' as const,
      scenario: o.scenario,
      seed: o.summary.seed,
      names: o.names,
    };
    writeFileAtomic(out, writeChromeJson(meta, o.events));
    const files = [out];
    if (values.html) {
      const state = o.status === 'stopped' ? 'panic' : o.status;
      let assets: { scriptJs: string; css: string };
      try {
        assets = readWebviewAssets(repoRoot());
      } catch (e) {
        throw new CliError(`run: --html: ${(e as Error).message}`);
      }
      const html = buildStandaloneHtml({
        title: `LKL Scope: ${o.title}`,
        ...assets,
        events: o.events,
        session: {
          id: 'cli',
          title: o.title,
          source: 'runtime',
          live: false,
          scenario: o.scenario,
          seed: o.summary.seed,
          names: {
            hosts: [...o.names.hosts],
            tasks: [...o.names.tasks],
            objects: [...o.names.objects].map(([id, v]) => [id, v.type, v.name]),
          },
        },
        status: { state, detail: o.summary.detail || undefined },
        notes: o.notes,
      });
      writeFileAtomic(values.html, [html]);
      files.push(values.html);
    }
    printSummary(io, o, wallMs, files);
    if (values.dmesg) io.out(dmesgText(o.events));
    return o.status === 'halted' && o.tests.every((t) => t.ok) ? 0 : 1;
  },
};
