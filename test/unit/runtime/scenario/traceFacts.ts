// Facts read from a scenario run's trace, for the library tests: who ran when (from sched.switch),
// pids by name, and moments of scenario threads.
import type { TraceEvent, TraceNames } from '../../../../src/trace/events';
import type { ScenarioRun } from '../../../../src/runtime/scenario/runScenario';

/** The pid whose comm is `comm` (the latest if several). */
export function pidOf(names: TraceNames, comm: string): number {
  let pid = -1;
  for (const [p, c] of names.tasks) if (c === comm) pid = p;
  if (pid < 0) throw new Error(`no task named ${comm}`);
  return pid;
}

/** Running intervals [start, end) per pid, from the switches on the one LKL CPU. */
export function runningIntervals(events: readonly TraceEvent[]): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  let cur = -1;
  let since = 0;
  for (const e of events) {
    if (e.kind !== 'sched.switch') continue;
    if (cur >= 0 && e.ts > since) (out.get(cur) ?? out.set(cur, []).get(cur)!).push([since, e.ts]);
    cur = e.peer;
    since = e.ts;
  }
  return out;
}

/** How long `pid` ran inside [from, to). */
export function ranWithin(
  intervals: Map<number, [number, number][]>,
  pid: number,
  from: number,
  to: number,
): number {
  let sum = 0;
  for (const [a, b] of intervals.get(pid) ?? [])
    sum += Math.max(0, Math.min(b, to) - Math.max(a, from));
  return sum;
}

export function moment(run: ScenarioRun, thread: string, what: string, on?: string) {
  const m = run.moments.find((x) => x.thread === thread && x.what === what && x.on === on);
  if (!m) throw new Error(`no moment ${thread} ${what} ${on ?? ''}`);
  return m;
}

export function kinds(run: ScenarioRun, kind: string): TraceEvent[] {
  return run.events.filter((e) => e.kind === kind);
}
