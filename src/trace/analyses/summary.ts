// The `lkl-scope stats --json` object (field names are a contract) and the two-trace diff.
import { EVENT_KINDS, NONE, type TraceNames, type TraceSource } from '../events';
import type { EventStore } from '../store';
import { cpuContention, criticalPath, semaphoreStats } from './runtime';
import { schedStats } from './sched';

export interface TraceSummary {
  format: string;
  events: number;
  bySource: Record<string, number>;
  byKind: Record<string, number>;
  cpus: number;
  tasks: number;
  /** Seconds, as the file prints them. */
  firstTs: number;
  lastTs: number;
  lines: { parsed: number; skipped: number; broken: number };
  diagnostics: { line: number; message: string }[];
  perTask: {
    pid: number; comm: string; runningNs: number; runnableNs: number; blockedNs: number; switchesIn: number;
    wakeups: number; wakeLatencyNs: { p50: number; p95: number; p99: number; max: number };
  }[];
  perCpu: { cpu: number; busyNs: number; idleNs: number }[];
  /** Runtime traces only (DESIGN.md "Analyses"): LKL CPU contention, the boot/halt path, semaphores. */
  lkl?: LklSummary;
}

export interface LklSummary {
  /** cpu.get.wait → cpu.get per host thread; the time any thread waited; the most waiting at once. */
  cpu: { waits: number; waitP50Ns: number; waitP95Ns: number; waitMaxNs: number; waitTotalNs: number; contendedNs: number; maxWaiters: number };
  /** Top-level boot phases and halt steps in order, each with its longest nested phase. */
  criticalPath: { track: string; name: string; gen: number; beginNs: number; durNs: number; longestChild: string | null }[];
  /** Time between top-level phases that no phase covers. */
  gapNs: number;
  /** Host semaphores anyone waited on, by total wait, top 20: waits, wait total and p95, hold total. */
  semaphores: { id: number; name: string; waits: number; waitTotalNs: number; waitP95Ns: number; holdTotalNs: number }[];
}

function lklSummary(store: EventStore, names: TraceNames): LklSummary {
  const cpu = cpuContention(store.iterEvents());
  const path = criticalPath(store.iterEvents());
  const sems = semaphoreStats(store.iterEvents())
    .filter((s) => s.waitNs.count > 0)
    .sort((a, b) => b.waitNs.totalNs - a.waitNs.totalNs || a.obj - b.obj)
    .slice(0, 20);
  return {
    cpu: {
      waits: cpu.waitNs.count, waitP50Ns: cpu.waitNs.p50, waitP95Ns: cpu.waitNs.p95, waitMaxNs: cpu.waitNs.max,
      waitTotalNs: cpu.waitNs.totalNs, contendedNs: cpu.contendedNs, maxWaiters: cpu.maxWaiters,
    },
    criticalPath: path.path.map((p) => ({ track: p.track, name: p.name, gen: p.gen, beginNs: p.beginNs, durNs: p.durNs, longestChild: p.longestChild })),
    gapNs: path.gapNs,
    semaphores: sems.map((s) => ({
      id: s.obj, name: names.objects.get(s.obj)?.name ?? `sem ${s.obj}`, waits: s.waitNs.count,
      waitTotalNs: s.waitNs.totalNs, waitP95Ns: s.waitNs.p95, holdTotalNs: s.holdNs.totalNs,
    })),
  };
}

export interface SummaryInput {
  format: string;
  store: EventStore;
  names: TraceNames;
  bySource: Record<string, number>;
  lines: { parsed: number; skipped: number; broken: number };
  diagnostics: readonly { line: number; message: string }[];
  /** Where the events came from (the file's meta.source): 'runtime' has one LKL CPU. */
  source?: TraceSource;
}

export function traceSummary(r: SummaryInput): TraceSummary {
  const { store } = r;
  // a runtime trace's host column is the host thread: its switches share the one LKL CPU
  const oneCpu = r.source === 'runtime';
  const s = schedStats(store, { runtime: oneCpu });
  const kindCounts = new Array<number>(EVENT_KINDS.length).fill(0);
  const cpus = new Set<number>();
  for (let i = 0; i < store.count; i++) {
    kindCounts[store.kind[i]]++;
    if (store.host[i] !== NONE) cpus.add(store.host[i]);
  }
  const byKind: Record<string, number> = {};
  EVENT_KINDS.forEach((k, i) => kindCounts[i] && (byKind[k] = kindCounts[i]));
  return {
    format: r.format,
    events: store.count,
    bySource: r.bySource,
    byKind,
    cpus: oneCpu ? 1 : cpus.size,
    tasks: s.pids.length,
    firstTs: s.firstTs / 1e9,
    lastTs: s.lastTs / 1e9,
    lines: r.lines,
    diagnostics: r.diagnostics.slice(0, 100).map((d) => ({ line: d.line, message: d.message })),
    perTask: s.tasks.map((t) => ({
      pid: t.pid, comm: r.names.tasks.get(t.pid) ?? '', runningNs: t.runningNs, runnableNs: t.runnableNs,
      blockedNs: t.blockedNs, switchesIn: t.switchesIn, wakeups: t.wakeups,
      wakeLatencyNs: { p50: t.wakeLatencyNs.p50, p95: t.wakeLatencyNs.p95, p99: t.wakeLatencyNs.p99, max: t.wakeLatencyNs.max },
    })),
    perCpu: s.cpus.map((c) => ({ cpu: c.cpu, busyNs: c.busyNs, idleNs: c.idleNs })),
    ...(oneCpu ? { lkl: lklSummary(store, r.names) } : {}),
  };
}

export interface DiffSide {
  switches: number;
  wakeups: number;
  /** Share of all busy CPU time, 0..1. */
  cpuShare: number;
  wakeLatencyMaxNs: number;
  /** Largest per-task p95 within the group. */
  wakeLatencyP95Ns: number;
  /** Time blocked (sleeping, waiting on an object), summed over the group's tasks. */
  blockedNs: number;
}

/** Tasks are matched by comm (pids differ between recordings); `a`/`b` are null where absent. */
export interface TraceDiff {
  overall: { a: DiffSide; b: DiffSide };
  perComm: { comm: string; tasksA: number; tasksB: number; a: DiffSide | null; b: DiffSide | null }[];
}

function sides(s: TraceSummary): { overall: DiffSide; byComm: Map<string, DiffSide & { tasks: number }> } {
  const busy = s.perCpu.reduce((x, c) => x + c.busyNs, 0) || 1;
  const byComm = new Map<string, DiffSide & { tasks: number }>();
  const overall: DiffSide = { switches: 0, wakeups: 0, cpuShare: 0, wakeLatencyMaxNs: 0, wakeLatencyP95Ns: 0, blockedNs: 0 };
  for (const t of s.perTask) {
    const comm = t.comm || `pid ${t.pid}`;
    let d = byComm.get(comm);
    if (!d) byComm.set(comm, (d = { tasks: 0, switches: 0, wakeups: 0, cpuShare: 0, wakeLatencyMaxNs: 0, wakeLatencyP95Ns: 0, blockedNs: 0 }));
    for (const x of [d, overall]) {
      x.switches += t.switchesIn;
      x.wakeups += t.wakeups;
      x.cpuShare += t.runningNs / busy;
      x.blockedNs += t.blockedNs;
      x.wakeLatencyMaxNs = Math.max(x.wakeLatencyMaxNs, t.wakeLatencyNs.max);
      x.wakeLatencyP95Ns = Math.max(x.wakeLatencyP95Ns, t.wakeLatencyNs.p95);
    }
    d.tasks++;
  }
  return { overall, byComm };
}

export function diffSummaries(a: TraceSummary, b: TraceSummary): TraceDiff {
  const sa = sides(a);
  const sb = sides(b);
  const comms = [...new Set([...sa.byComm.keys(), ...sb.byComm.keys()])].sort();
  const strip = (d: (DiffSide & { tasks: number }) | undefined): DiffSide | null => {
    if (!d) return null;
    const { tasks: _t, ...rest } = d;
    return rest;
  };
  return {
    overall: { a: sa.overall, b: sb.overall },
    perComm: comms.map((comm) => ({
      comm, tasksA: sa.byComm.get(comm)?.tasks ?? 0, tasksB: sb.byComm.get(comm)?.tasks ?? 0,
      a: strip(sa.byComm.get(comm)), b: strip(sb.byComm.get(comm)),
    })),
  };
}
