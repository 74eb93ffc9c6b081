// Statistics of a selected time range: per task running and blocked time (from the derived
// slices, clipped to the range) and events per kind. Pure: no DOM.
// TODO(issue 7): switch to src/trace/analyses when it lands, for runnable time and wake-up latency.
import { SLEEP_KEY, type TimelineModel } from './model';
import type { Lane } from './lanes';
import { lowerBound, type OpenSlice, type SliceSeries } from './series';
import type { EventStore } from './store';

export interface TaskStats {
  pid: number;
  runningNs: number;
  blockedNs: number;
  slices: number;
}

export interface SelectionStats {
  startNs: number;
  endNs: number;
  events: number;
  byKind: Map<number, number>;
  /** Sorted by running time, longest first. */
  tasks: TaskStats[];
}

/** Stats over absolute [aNs, bNs]. */
export function selectionStats(model: TimelineModel, store: EventStore, aNs: number, bNs: number): SelectionStats {
  const per = new Map<number, TaskStats>();
  const get = (pid: number): TaskStats => {
    let t = per.get(pid);
    if (!t) per.set(pid, (t = { pid, runningNs: 0, blockedNs: 0, slices: 0 }));
    return t;
  };
  const last = store.lastTs;
  for (const lane of model.lanes) {
    if (lane.kind !== 'host' && lane.kind !== 'cpu') continue;
    clipEach(lane.runs[0], lane.open[0], last, aNs, bNs, (key, d) => {
      const t = get(key);
      t.runningNs += d;
      t.slices++;
    });
    clipEach(lane.waits, lane.waitOpen ?? undefined, last, aNs, bNs, (_key, d, start) => {
      get(carried(lane, start)).blockedNs += d;
    });
  }
  const byKind = new Map<number, number>();
  const i0 = store.indexAt(aNs);
  let i = i0;
  for (; i < store.count && store.ts[i] <= bNs; i++) byKind.set(store.kind[i], (byKind.get(store.kind[i]) ?? 0) + 1);
  const tasks = [...per.values()].filter((t) => t.pid >= 0).sort((x, y) => y.runningNs - x.runningNs || x.pid - y.pid);
  return { startNs: aNs, endNs: bNs, events: i - i0, byKind, tasks };
}

/**
 * Per task, the wait objects it was blocked on within [aNs, bNs] (the sleeps its sched.switch
 * named), longest total first, at most `top` of them: [object id, ns][].
 */
export function blockedOn(model: TimelineModel, store: EventStore, aNs: number, bNs: number, top = 5): Map<number, [number, number][]> {
  const per = new Map<number, Map<number, number>>();
  for (const lane of model.lanes) {
    if (lane.kind !== 'host') continue;
    clipEach(lane.waits, lane.waitOpen ?? undefined, store.lastTs, aNs, bNs, (key, d, _start, ev) => {
      if (key !== SLEEP_KEY) return;
      const pid = store.task[ev];
      let m = per.get(pid);
      if (!m) per.set(pid, (m = new Map()));
      m.set(store.obj[ev], (m.get(store.obj[ev]) ?? 0) + d);
    });
  }
  const out = new Map<number, [number, number][]>();
  for (const [pid, m] of per) out.set(pid, [...m].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, top));
  return out;
}

function carried(lane: Lane, ts: number): number {
  return lane.taskAt(ts);
}

function clipEach(
  s: SliceSeries,
  open: OpenSlice | undefined,
  lastTs: number,
  a: number,
  b: number,
  f: (key: number, durNs: number, startNs: number, ev: number) => void,
): void {
  for (let i = lowerBound(s.end, s.count, a); i < s.count && s.start[i] <= b; i++) {
    const d = Math.min(s.end[i], b) - Math.max(s.start[i], a);
    if (d > 0) f(s.key[i], d, s.start[i], s.ev[i]);
  }
  if (open) {
    const d = Math.min(lastTs, b) - Math.max(open.startNs, a);
    if (d > 0) f(open.key, d, open.startNs, open.ev);
  }
}
