// `lkl-scope stats FILE [--json]` and `lkl-scope stats A B --diff [--json]`: what a trace holds
// and how its tasks were scheduled. The --json field names are a contract (issue 5).
import { diffSummaries, traceSummary, type TraceDiff, type TraceSummary } from '../../trace/analyses/index';
import { parseCommandArgs } from '../args';
import { CliError, type Command } from '../command';
import { loadTrace, reportDiagnostics } from './import';

function summaryOf(path: string, io: Parameters<Command['run']>[1], quiet: boolean): TraceSummary {
  const r = loadTrace(path);
  if (!quiet) reportDiagnostics(path, r, io);
  return traceSummary({ format: r.format, store: r.store, names: r.meta.names, bySource: r.bySource, lines: r.lines, diagnostics: r.diagnostics, source: r.meta.source });
}

const ms = (ns: number): string => (ns / 1e6).toFixed(3);
const us = (ns: number): string => (ns / 1e3).toFixed(1);
const pad = (s: string | number, n: number): string => String(s).padStart(n);

function table(s: TraceSummary): string {
  const out = [
    `format   ${s.format}`,
    `events   ${s.events}   cpus ${s.cpus}   tasks ${s.tasks}`,
    `time     ${s.firstTs.toFixed(6)} .. ${s.lastTs.toFixed(6)} s (${ms((s.lastTs - s.firstTs) * 1e9)} ms)`,
    `lines    ${s.lines.parsed} parsed, ${s.lines.skipped} skipped, ${s.lines.broken} broken`,
    '',
    'events by name:',
    ...Object.entries(s.bySource).sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${pad(v, 9)}  ${k}`),
    '',
    'per CPU:      busy ms     idle ms',
    ...s.perCpu.map((c) => `  ${pad(c.cpu, 4)}  ${pad(ms(c.busyNs), 11)} ${pad(ms(c.idleNs), 11)}`),
    '',
    'top tasks by running time:',
    '     pid  comm              running ms  runnable ms  switches  wakeups  lat p50 us  p95 us  max us',
  ];
  const top = [...s.perTask].sort((a, b) => b.runningNs - a.runningNs).slice(0, 20);
  for (const t of top) {
    out.push(`  ${pad(t.pid, 6)}  ${t.comm.slice(0, 16).padEnd(16)} ${pad(ms(t.runningNs), 11)} ${pad(ms(t.runnableNs), 12)} ` +
      `${pad(t.switchesIn, 9)} ${pad(t.wakeups, 8)} ${pad(us(t.wakeLatencyNs.p50), 11)} ${pad(us(t.wakeLatencyNs.p95), 7)} ${pad(us(t.wakeLatencyNs.max), 7)}`);
  }
  if (s.perTask.length > top.length) out.push(`  ... ${s.perTask.length - top.length} more tasks (--json lists all)`);
  if (s.lkl) out.push('', ...lklTable(s.lkl));
  return out.join('\n') + '\n';
}

function lklTable(l: NonNullable<TraceSummary['lkl']>): string[] {
  const c = l.cpu;
  return [
    'LKL CPU contention:',
    `  ${c.waits} waits for the CPU (cpu.get.wait): p50 ${us(c.waitP50Ns)} us, p95 ${us(c.waitP95Ns)} us, max ${us(c.waitMaxNs)} us, total ${ms(c.waitTotalNs)} ms`,
    `  contended for ${ms(c.contendedNs)} ms; at most ${c.maxWaiters} host threads waiting at once`,
    '',
    'boot and halt, top-level phases in order (longest nested phase):',
    ...l.criticalPath.map((p) => `  ${p.track.padEnd(5)} gen ${p.gen} ${p.name.slice(0, 28).padEnd(28)} ${pad(ms(p.durNs), 11)} ms${p.longestChild ? `  (${p.longestChild})` : ''}`),
    `  uncovered between phases: ${ms(l.gapNs)} ms`,
    '',
    'host semaphores by wait time:',
    '  name                          waits   wait ms   wait p95 us   held ms',
    ...l.semaphores.map((s) => `  ${s.name.slice(0, 28).padEnd(28)} ${pad(s.waits, 6)} ${pad(ms(s.waitTotalNs), 9)} ${pad(us(s.waitP95Ns), 13)} ${pad(ms(s.holdTotalNs), 9)}`),
  ];
}

function diffTable(a: string, b: string, d: TraceDiff): string {
  const row = (name: string, x: TraceDiff['overall']['a'] | null, y: TraceDiff['overall']['a'] | null) =>
    `  ${name.slice(0, 20).padEnd(20)} ${pad(x?.switches ?? '-', 8)} ${pad(y?.switches ?? '-', 8)}  ` +
    `${pad(x ? (x.cpuShare * 100).toFixed(1) : '-', 6)} ${pad(y ? (y.cpuShare * 100).toFixed(1) : '-', 6)}  ` +
    `${pad(x ? us(x.wakeLatencyP95Ns) : '-', 9)} ${pad(y ? us(y.wakeLatencyP95Ns) : '-', 9)}  ` +
    `${pad(x ? us(x.wakeLatencyMaxNs) : '-', 9)} ${pad(y ? us(y.wakeLatencyMaxNs) : '-', 9)}`;
  return [
    `A = ${a}`, `B = ${b}`, '',
    '  comm                 switches A/B     CPU% A/B     p95 lat us A/B      max lat us A/B',
    row('(all tasks)', d.overall.a, d.overall.b),
    ...d.perComm.map((c) => row(c.comm, c.a, c.b)),
  ].join('\n') + '\n';
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'scheduling statistics of a trace (per task, per CPU, wake-up latency); --diff compares two',
  usage: [
    'usage: lkl-scope stats FILE [--json]',
    '       lkl-scope stats A B --diff [--json]',
    '',
    'Imports FILE (any format lkl-scope import reads) and prints events by name and model kind,',
    'per-task running/runnable time, switches in, wake-ups and wake-up latency percentiles, and per-CPU',
    'busy/idle time; for the runtime\'s own traces also LKL CPU contention, the boot and halt phases in',
    'order with their longest nested phase, and host semaphores by wait time. --json prints one JSON',
    'object on stdout instead of the table:',
    '  {format, events, bySource, byKind, cpus, tasks, firstTs, lastTs, lines: {parsed, skipped, broken},',
    '   diagnostics: [{line, message}] (first 100), perTask: [{pid, comm, runningNs, runnableNs, switchesIn,',
    '   wakeups, wakeLatencyNs: {p50, p95, max}}], perCpu: [{cpu, busyNs, idleNs}],',
    '   lkl (runtime traces): {cpu: {waits, waitP50Ns, waitP95Ns, waitMaxNs, waitTotalNs, contendedNs,',
    '   maxWaiters}, criticalPath: [{track, name, gen, beginNs, durNs, longestChild}], gapNs,',
    '   semaphores: [{id, name, waits, waitTotalNs, waitP95Ns, holdTotalNs}]}}',
    '--diff compares two traces per comm and overall (switches, CPU share, latency percentiles);',
    'with --json it prints {a, b, diff}.',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('stats', args, { json: { type: 'boolean' }, diff: { type: 'boolean' } });
    if (values.diff) {
      if (positionals.length !== 2) throw new CliError('stats: --diff expects two files A B', 2);
      const [a, b] = positionals.map((p) => summaryOf(p, io, !!values.json));
      const d = diffSummaries(a, b);
      io.out(values.json ? JSON.stringify({ a, b, diff: d }) + '\n' : diffTable(positionals[0], positionals[1], d));
      return 0;
    }
    if (positionals.length !== 1) throw new CliError('stats: expected one FILE, or two with --diff (see lkl-scope stats --help)', 2);
    const s = summaryOf(positionals[0], io, !!values.json);
    io.out(values.json ? JSON.stringify(s) + '\n' : table(s));
    return 0;
  },
};
