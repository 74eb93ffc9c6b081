// The two-trace diff as a Markdown report (no vscode: unit-tested in node).
import type { ScenarioRun } from '../runtime/scenario/runScenario';
import { diffSummaries, traceSummary, type DiffSide, type TraceDiff } from '../trace/analyses/index';
import { EventStore } from '../trace/store';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;
const ms = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

function cell(d: DiffSide | null, f: (d: DiffSide) => string): string {
  return d ? f(d) : '—';
}

/** The diff as a Markdown report (pure; unit-tested). */
export function diffMarkdown(nameA: string, nameB: string, d: TraceDiff): string {
  const rows = [
    `# ${nameA} vs ${nameB}`,
    '',
    '| | A | B |',
    '|---|---:|---:|',
    `| switches | ${d.overall.a.switches} | ${d.overall.b.switches} |`,
    `| wake-ups | ${d.overall.a.wakeups} | ${d.overall.b.wakeups} |`,
    `| worst p95 wake-up latency | ${us(d.overall.a.wakeLatencyP95Ns)} | ${us(d.overall.b.wakeLatencyP95Ns)} |`,
    `| max wake-up latency | ${us(d.overall.a.wakeLatencyMaxNs)} | ${us(d.overall.b.wakeLatencyMaxNs)} |`,
    '',
    '## Per comm',
    '',
    '| comm | tasks A | tasks B | switches A | switches B | CPU share A | CPU share B | blocked A | blocked B | p95 latency A | p95 latency B |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const sorted = [...d.perComm].sort((x, y) => Math.max(y.a?.cpuShare ?? 0, y.b?.cpuShare ?? 0) - Math.max(x.a?.cpuShare ?? 0, x.b?.cpuShare ?? 0));
  for (const c of sorted) {
    rows.push(`| ${c.comm.replace(/\|/g, '\\|')} | ${c.tasksA} | ${c.tasksB} | ${cell(c.a, (s) => String(s.switches))} | ${cell(c.b, (s) => String(s.switches))} | ${cell(c.a, (s) => pct(s.cpuShare))} | ${cell(c.b, (s) => pct(s.cpuShare))} | ${cell(c.a, (s) => ms(s.blockedNs))} | ${cell(c.b, (s) => ms(s.blockedNs))} | ${cell(c.a, (s) => us(s.wakeLatencyP95Ns))} | ${cell(c.b, (s) => us(s.wakeLatencyP95Ns))} |`);
  }
  return rows.join('\n') + '\n';
}


/** Two scenario runs' differences (Compare Two Runs), from the same analyses as two traces. */
export function runsDiffMarkdown(labels: readonly [string, string], a: ScenarioRun, b: ScenarioRun): string {
  const sum = (r: ScenarioRun) => {
    const store = new EventStore(r.events.length + 1);
    store.appendBatch(r.events);
    const lines = { parsed: r.events.length, skipped: 0, broken: 0 };
    return traceSummary({ format: 'lkl-scope', store, names: r.names, bySource: { runtime: r.events.length }, lines, diagnostics: [], source: 'runtime' });
  };
  return diffMarkdown(labels[0], labels[1], diffSummaries(sum(a), sum(b)));
}
