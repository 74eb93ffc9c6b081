// Lanes of the timeline and their vertical layout. Runtime traces get one lane per host thread
// (labelled with the kernel task it carries), a CPU-owner lane and boot/initcall/halt phase lanes;
// imported traces get one lane per CPU. Pure: no DOM.
import { MARK_CLASSES } from './markClass';
import { MarkSeries, SliceSeries, type OpenSlice } from './series';

export type LaneKind = 'boot' | 'initcall' | 'halt' | 'cpuOwner' | 'host' | 'cpu' | 'object';

const RANK: Record<LaneKind, number> = { boot: 0, initcall: 1, halt: 2, cpuOwner: 3, host: 4, cpu: 4, object: 5 };
const HEIGHT_PX: Record<LaneKind, number> = { boot: 18, initcall: 18, halt: 18, cpuOwner: 24, host: 28, cpu: 28, object: 28 };

export class Lane {
  /** Running intervals by nesting depth (only phase lanes nest). */
  readonly runs: SliceSeries[] = [new SliceSeries()];
  /** Open interval per depth; phase lanes use it as a stack. */
  readonly open: OpenSlice[] = [];
  /** Blocked intervals (sem/mutex/join/cpu_get waits, task sleeps); key = the wait's kind code. */
  readonly waits = new SliceSeries();
  waitOpen: OpenSlice | null = null;
  /** A host wait begun while the task sleeps (SLEEP_KEY); it opens when the task is woken. */
  parked: OpenSlice | null = null;
  /** Point events by mark class (markClass.ts). */
  readonly marks: MarkSeries[] = Array.from({ length: MARK_CLASSES }, () => new MarkSeries());
  /** Per-kind marks, built on demand from the class series for the kind filter. */
  private readonly byKind = new Map<number, { s: MarkSeries; upTo: number }>();
  /** When the task carried by this lane changed: ts, and the pid in `ev`. */
  readonly tasks = new MarkSeries();
  /** Every pid this lane ever carried (task filter). */
  readonly seenTasks = new Set<number>();

  constructor(
    readonly id: number,
    readonly kind: LaneKind,
    readonly key: number,
  ) {}

  /** Records that the lane carries `pid` from tsNs on (-1: nothing, e.g. the thread exited). */
  carry(tsNs: number, pid: number): void {
    if (this.tasks.count > 0 ? this.tasks.ev[this.tasks.count - 1] === pid : pid < 0) return;
    this.tasks.push(tsNs, pid);
    if (pid >= 0) this.seenTasks.add(pid);
  }

  /** Marks of one kind (of class `cls`), extended incrementally from the class series. */
  kindSeries(code: number, cls: number, kindCol: Uint8Array): MarkSeries {
    let e = this.byKind.get(code);
    if (!e) this.byKind.set(code, (e = { s: new MarkSeries(), upTo: 0 }));
    const src = this.marks[cls];
    for (let i = e.upTo; i < src.count; i++) if (kindCol[src.ev[i]] === code) e.s.push(src.ts[i], src.ev[i]);
    e.upTo = src.count;
    return e.s;
  }

  runSeries(depth: number): SliceSeries {
    while (this.runs.length <= depth) this.runs.push(new SliceSeries());
    return this.runs[depth];
  }

  /**
   * Pid carried at tsNs (the last task change at or before it), or -1: before the lane's first
   * task and after its thread exited it carries nothing (not its first or last task: stale).
   */
  taskAt(tsNs: number): number {
    const t = this.tasks;
    let lo = 0;
    let hi = t.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t.ts[mid] <= tsNs) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? t.ev[lo - 1] : -1;
  }

  get heightPx(): number {
    return HEIGHT_PX[this.kind] + (this.runs.length > 1 ? (this.runs.length - 1) * 12 : 0);
  }
}

export function compareLanes(a: Lane, b: Lane): number {
  return RANK[a.kind] - RANK[b.kind] || a.key - b.key;
}

export interface LaneRow {
  lane: Lane;
  yPx: number;
  heightPx: number;
}

/** Stacks the visible lanes from `topPx`, shifted up by `scrollPx`. */
export function layoutLanes(lanes: readonly Lane[], topPx: number, scrollPx: number): LaneRow[] {
  const rows: LaneRow[] = [];
  let y = topPx - scrollPx;
  for (const lane of lanes) {
    const h = lane.heightPx;
    rows.push({ lane, yPx: y, heightPx: h });
    y += h;
  }
  return rows;
}

/** The row under yPx, or undefined. */
export function rowAt(rows: readonly LaneRow[], yPx: number): LaneRow | undefined {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].yPx + rows[mid].heightPx <= yPx) lo = mid + 1;
    else hi = mid;
  }
  const r = rows[lo];
  return r && r.yPx <= yPx ? r : undefined;
}

/** Total height of the lanes, for the scroll range. */
export function lanesHeightPx(lanes: readonly Lane[]): number {
  let h = 0;
  for (const l of lanes) h += l.heightPx;
  return h;
}
