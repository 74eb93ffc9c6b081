// The selection statistics table: per task running and blocked time, share of the range,
// slices, and the busiest event kinds. Pure: no DOM.
import { EVENT_KINDS } from '../../src/trace/events';
import type { TimelineModel } from './model';
import type { NameTable } from './names';
import { formatDuration, formatTimestamp } from './scale';
import { selectionStats } from './stats';
import type { EventStore } from './store';

export interface Summary {
  title: string;
  header: string[];
  rows: string[][];
}

export function selectionSummary(m: TimelineModel, s: EventStore, names: NameTable, aNs: number, bNs: number, maxRows = 12): Summary {
  const st = selectionStats(m, s, aNs, bNs);
  const span = Math.max(bNs - aNs, 1);
  const kinds = [...st.byKind].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, n]) => `${EVENT_KINDS[k]} ${n}`);
  const title =
    `Selection ${formatTimestamp(aNs - s.firstTs)} + ${formatDuration(span, 6)}: ${st.events.toLocaleString()} events` +
    (kinds.length ? ` (${kinds.join(', ')})` : '');
  const rows = st.tasks.slice(0, maxRows).map((t) => [
    names.task(t.pid),
    formatDuration(t.runningNs),
    `${((100 * t.runningNs) / span).toFixed(1)} %`,
    formatDuration(t.blockedNs),
    String(t.slices),
  ]);
  return { title, header: ['task', 'running', 'share', 'blocked', 'slices'], rows };
}
