// The selection statistics table. With scheduler events in the range (imported traces, or a
// runtime that emits sched.*) it uses the shared analyses (src/trace/analyses): per task
// running / runnable / blocked time and wake-up latency percentiles. Otherwise it falls back to
// the LKL view derived here: running on the LKL CPU and blocked in host waits. Either way a last
// column breaks each task's blocked time down by the wait objects it slept on. Pure: no DOM.
import { cpuContention, schedStats } from '../../src/trace/analyses';
import { KIND_CODE, EVENT_KINDS } from '../../src/trace/events';
import { EventStore as TraceStore } from '../../src/trace/store';
import type { TimelineModel } from './model';
import type { NameTable } from './names';
import { objectLabel } from './describe';
import { formatDuration, formatTimestamp } from './scale';
import { blockedOn, selectionStats } from './stats';
import type { EventStore } from './store';

export interface Summary {
  title: string;
  header: string[];
  rows: string[][];
}

/** Above this many events in the range the shared analyses are skipped (kept interactive). */
const MAX_ANALYSED = 2_000_000;
const SWITCH = KIND_CODE.get('sched.switch') as number;
const BLOCKED_ON = 'blocked on (top 5)';

export function selectionSummary(m: TimelineModel, s: EventStore, names: NameTable, aNs: number, bNs: number, maxRows = 12): Summary {
  const st = selectionStats(m, s, aNs, bNs);
  const span = Math.max(bNs - aNs, 1);
  const kinds = [...st.byKind].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, n]) => `${EVENT_KINDS[k]} ${n}`);
  const title =
    `Selection ${formatTimestamp(aNs - s.firstTs)} + ${formatDuration(span, 6)}: ${st.events.toLocaleString()} events` +
    (kinds.length ? ` (${kinds.join(', ')})` : '');
  const share = (ns: number): string => `${((100 * ns) / span).toFixed(1)} %`;
  const on = blockedOn(m, s, aNs, bNs, Infinity);
  const onText = (pid: number): string => blockedOnText(on.get(pid) ?? [], names);
  const analysable = st.events <= MAX_ANALYSED;
  let range: TraceStore | undefined;
  const rangeStore = (): TraceStore => (range ??= subStore(s, aNs, bNs));
  // the runtime (no per-CPU lanes): how app threads queued for the one LKL CPU in the range
  const contention = !m.perCpu && analysable ? cpuLine(rangeStore()) : '';
  if ((st.byKind.get(SWITCH) ?? 0) > 0 && analysable) {
    // the runtime's switches all happen on the one LKL CPU; obj says who sleeps
    const sched = schedStats(rangeStore(), { runtime: !m.perCpu });
    const w = sched.wakeLatencyNs;
    const rows = [...sched.tasks]
      .sort((x, y) => y.runningNs - x.runningNs || x.pid - y.pid)
      .slice(0, maxRows)
      .map((t) => [
        names.task(t.pid), formatDuration(t.runningNs), share(t.runningNs), formatDuration(t.runnableNs), formatDuration(t.blockedNs),
        String(t.switchesIn), t.wakeLatencyNs.count ? `${formatDuration(t.wakeLatencyNs.p50)} / ${formatDuration(t.wakeLatencyNs.p95)}` : '—',
        onText(t.pid),
      ]);
    const lat = w.count ? `; wake-up latency p50 ${formatDuration(w.p50)}, p95 ${formatDuration(w.p95)}, p99 ${formatDuration(w.p99)}, max ${formatDuration(w.max)} (${w.count})` : '';
    return { title: title + lat + contention, header: ['task', 'running', 'share', 'runnable', 'blocked', 'switches in', 'wake p50 / p95', BLOCKED_ON], rows };
  }
  const rows = st.tasks.slice(0, maxRows).map((t) => [
    names.task(t.pid), formatDuration(t.runningNs), share(t.runningNs), formatDuration(t.blockedNs), String(t.slices), onText(t.pid),
  ]);
  return { title: title + contention, header: ['task', 'running (LKL CPU)', 'share', 'blocked (host waits)', 'slices', BLOCKED_ON], rows };
}

/**
 * "name (type) 1.2 ms, …", top 5. Objects of the same name and type (e.g. one wait queue per
 * sleep) add up: the reader cannot tell them apart.
 */
export function blockedOnText(objs: readonly [number, number][], names: NameTable, top = 5): string {
  const byLabel = new Map<string, number>();
  for (const [o, ns] of objs) byLabel.set(objectLabel(names, o), (byLabel.get(objectLabel(names, o)) ?? 0) + ns);
  const list = [...byLabel].sort((x, y) => y[1] - x[1]).slice(0, top);
  return list.map(([label, ns]) => `${label} ${formatDuration(ns)}`).join(', ') || '—';
}

/** "; LKL CPU: 12 waits (p95 …, max …), contended …, up to 8 waiting", or '' when nobody waited. */
export function cpuLine(t: TraceStore): string {
  const c = cpuContention(t.iterEvents());
  if (c.waitNs.count === 0) return '';
  return `; LKL CPU: ${c.waitNs.count} waits (p95 ${formatDuration(c.waitNs.p95)}, max ${formatDuration(c.waitNs.max)}), ` +
    `contended ${formatDuration(c.contendedNs)}, up to ${c.maxWaiters} waiting`;
}

/** The events of [aNs, bNs] in the shared store type the analyses read. */
function subStore(s: EventStore, aNs: number, bNs: number): TraceStore {
  const i0 = s.indexAt(aNs);
  let i1 = i0;
  while (i1 < s.count && s.ts[i1] <= bNs) i1++;
  const t = new TraceStore(Math.max(16, i1 - i0));
  for (let i = i0; i < i1; i++) {
    t.append(s.ts[i], s.kind[i], s.host[i], s.task[i], s.obj[i], s.peer[i], t.argCode(s.arg(i)), s.gen[i]);
  }
  return t;
}
