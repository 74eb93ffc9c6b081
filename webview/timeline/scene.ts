// Which lanes a frame shows under the filters, and the root element's data-attributes that
// tests and the e2e harness read (lane titles, event count, visible range). Pure but for the
// dataset object it is handed.
import type { Filters } from './filters';
import { laneTitle } from './draw';
import type { Lane, LaneRow } from './lanes';
import type { TimelineModel } from './model';
import type { NameTable } from './names';
import type { Viewport } from './scale';

/** Host/CPU lanes pass the cpu and task filters; object lanes are added for the object filter. */
export function visibleLanes(model: TimelineModel, f: Filters): Lane[] {
  const lanes = model.lanes.filter((l) => {
    const thread = l.kind === 'cpu' || l.kind === 'host';
    if (thread && f.cpus && !f.cpus.has(l.key)) return false;
    if (thread && f.tasks && ![...f.tasks].some((t) => l.seenTasks.has(t))) return false;
    return true;
  });
  for (const id of f.objects ?? []) {
    const l = model.objectLanes.get(id);
    if (l) lanes.push(l);
  }
  return lanes;
}

/** "title ↔ carried task" per row, the task being the one carried at the view's right edge. */
export function laneTitles(rows: readonly LaneRow[], names: NameTable, atNs: number): string[] {
  return rows.map((r) => {
    const carried = r.lane.kind === 'host' || r.lane.kind === 'cpu' ? r.lane.taskAt(atNs) : -1;
    return carried >= 0 ? `${laneTitle(r.lane, names)} ↔ ${names.task(carried)}` : laneTitle(r.lane, names);
  });
}

export function writeDataset(d: DOMStringMap, rows: readonly LaneRow[], names: NameTable, vp: Viewport, events: number, lastTs: number): void {
  const endNs = vp.t0 + vp.startNs + vp.widthPx * vp.nsPerPx;
  d.lanes = String(rows.length);
  d.events = String(events);
  d.viewStartNs = String(vp.t0 + vp.startNs);
  d.viewEndNs = String(endNs);
  d.nsPerPx = String(vp.nsPerPx);
  d.laneTitles = laneTitles(rows, names, Math.min(endNs, lastTs)).join('|');
}
