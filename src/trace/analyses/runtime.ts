// Analyses of runtime traces: host semaphore hold and wait times, LKL CPU contention and the
// critical path of boot and halt. Pure functions of the event stream (time order).
import { NONE, type TraceEvent } from '../events';
import { summarize, type LatencySummary } from './percentiles';

export interface SemStats {
  obj: number;
  /** sem.down.wait → sem.down of the same host thread. */
  waitNs: LatencySummary & { totalNs: number };
  /** sem.down → the next sem.up of the same host thread on the same semaphore. */
  holdNs: LatencySummary & { totalNs: number };
}

export interface CpuContention {
  /** cpu.get.wait → cpu.get per host thread. */
  waitNs: LatencySummary & { totalNs: number };
  /** Time during which at least one host thread waited for the LKL CPU. */
  contendedNs: number;
  /** Most host threads waiting at once. */
  maxWaiters: number;
}

export interface Phase {
  track: 'boot' | 'initcall' | 'halt';
  name: string;
  beginNs: number;
  endNs: number;
  durNs: number;
  /** Phases open in the same generation when this one began (0: top level). */
  depth: number;
  /** Kernel generation (kexec increments it): a new kernel's boot is not inside the old one's halt. */
  gen: number;
}

export interface CriticalPath {
  phases: Phase[];
  /** The top-level boot phases and halt steps in order; each names its longest nested phase. */
  path: (Phase & { longestChild: string | null })[];
  /** Time covered by no top-level phase between the first begin and the last end. */
  gapNs: number;
}

const withTotal = (s: number[]): LatencySummary & { totalNs: number } => ({ ...summarize(s), totalNs: s.reduce((x, y) => x + y, 0) });

export function semaphoreStats(events: Iterable<TraceEvent>): SemStats[] {
  const waits = new Map<number, number[]>();
  const holds = new Map<number, number[]>();
  const waitStart = new Map<string, number>();
  const holdStart = new Map<string, number>();
  const push = (m: Map<number, number[]>, obj: number, v: number) => {
    let l = m.get(obj);
    if (!l) m.set(obj, (l = []));
    l.push(v);
  };
  for (const e of events) {
    if (e.obj === NONE) continue;
    const key = `${e.host}:${e.obj}`;
    if (e.kind === 'sem.down.wait') waitStart.set(key, e.ts);
    else if (e.kind === 'sem.down') {
      const w = waitStart.get(key);
      if (w !== undefined) push(waits, e.obj, e.ts - w);
      waitStart.delete(key);
      holdStart.set(key, e.ts);
    } else if (e.kind === 'sem.up') {
      const h = holdStart.get(key);
      if (h !== undefined) push(holds, e.obj, e.ts - h);
      holdStart.delete(key);
    }
  }
  const objs = [...new Set([...waits.keys(), ...holds.keys()])].sort((a, b) => a - b);
  return objs.map((obj) => ({ obj, waitNs: withTotal(waits.get(obj) ?? []), holdNs: withTotal(holds.get(obj) ?? []) }));
}

export function cpuContention(events: Iterable<TraceEvent>): CpuContention {
  const waiting = new Map<number, number>();
  const samples: number[] = [];
  let contended = 0;
  let since = 0;
  let maxWaiters = 0;
  for (const e of events) {
    if (e.kind === 'cpu.get.wait' && !waiting.has(e.host)) {
      if (waiting.size === 0) since = e.ts;
      waiting.set(e.host, e.ts);
      maxWaiters = Math.max(maxWaiters, waiting.size);
    } else if (e.kind === 'cpu.get' && waiting.has(e.host)) {
      samples.push(e.ts - (waiting.get(e.host) as number));
      waiting.delete(e.host);
      if (waiting.size === 0) contended += e.ts - since;
    }
  }
  return { waitNs: withTotal(samples), contendedNs: contended, maxWaiters };
}

const TRACKS: Record<string, { track: Phase['track']; begin: boolean }> = {
  'boot.phase.begin': { track: 'boot', begin: true }, 'boot.phase.end': { track: 'boot', begin: false },
  'boot.initcall.begin': { track: 'initcall', begin: true }, 'boot.initcall.end': { track: 'initcall', begin: false },
  'halt.step.begin': { track: 'halt', begin: true }, 'halt.step.end': { track: 'halt', begin: false },
};

export function criticalPath(events: Iterable<TraceEvent>): CriticalPath {
  const phases: Phase[] = [];
  const open: { track: Phase['track']; name: string; beginNs: number; gen: number; depth: number }[] = [];
  for (const e of events) {
    const t = TRACKS[e.kind];
    if (!t) continue;
    const name = String(e.arg ?? e.kind);
    if (t.begin) {
      const depth = open.filter((o) => o.gen === e.gen).length;
      open.push({ track: t.track, name, beginNs: e.ts, gen: e.gen, depth });
      continue;
    }
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k].track !== t.track || open[k].name !== name || open[k].gen !== e.gen) continue;
      const o = open.splice(k, 1)[0];
      phases.push({ ...o, endNs: e.ts, durNs: e.ts - o.beginNs });
      break;
    }
  }
  phases.sort((a, b) => a.beginNs - b.beginNs || a.depth - b.depth);
  const top = phases.filter((p) => p.depth === 0 && p.track !== 'initcall');
  const path = top.map((p) => {
    const kids = phases.filter((c) => c !== p && c.gen === p.gen && c.beginNs >= p.beginNs && c.endNs <= p.endNs && c.depth > p.depth);
    const longest = kids.reduce<Phase | null>((m, c) => (!m || c.durNs > m.durNs ? c : m), null);
    return { ...p, longestChild: longest ? longest.name : null };
  });
  let gap = 0;
  for (let i = 1; i < top.length; i++) gap += Math.max(0, top[i].beginNs - top[i - 1].endNs);
  return { phases, path, gapNs: gap };
}
