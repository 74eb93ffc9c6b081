// What is under the pointer: the nearest mark within a few pixels, else an arrow (wake-up,
// hand-off, switch) passing within a few pixels, else the slice (running, blocked or phase)
// containing the time under the pointer, else a fault marker. Pure: no DOM.
import type { Lane, LaneRow } from './lanes';
import type { Marker } from './model';
import { lowerBound, upperBound, type ArrowSeries, type MarkSeries, type OpenSlice, type SliceSeries } from './series';
import { tsOf, xOf, type Viewport } from './scale';

export type HitKind = 'mark' | 'slice' | 'wait' | 'marker' | 'arrow';

export interface Hit {
  kind: HitKind;
  lane?: Lane;
  /** Store index of the event (for a slice: the one that opened it). */
  ev: number;
  startNs: number;
  endNs: number;
  /** Phase label id or pid for slices, kind code for waits, mark class for marks, arrow type for arrows. */
  key: number;
}

export interface HitOptions {
  markTolPx?: number;
  sliceTolPx?: number;
  lastTs: number;
  markers?: readonly Marker[];
  /** Marks whose event the filters hide are not hit. */
  evVisible?: (ev: number) => boolean;
  /** Where fault/phase markers draw their labels [top, bottom): there a marker wins over lanes. */
  markerBandPx?: [number, number];
  /** Arrows between lanes (drawn from the middle of `from` to the near edge of `to`). */
  arrows?: ArrowSeries;
}

export function hitTest(rows: readonly LaneRow[], vp: Viewport, xPx: number, yPx: number, o: HitOptions): Hit | undefined {
  const row = rows.find((r) => yPx >= r.yPx && yPx < r.yPx + r.heightPx);
  const markTol = o.markTolPx ?? 4;
  const band = o.markerBandPx;
  if (band && yPx >= band[0] && yPx < band[1]) {
    const m = markerLabelAt(o.markers, vp, xPx, markTol);
    if (m) return m;
  }
  if (row) {
    const mark = nearestMark(row.lane, vp, xPx, markTol, o.evVisible);
    if (mark) return mark;
    const arrow = o.arrows ? arrowAt(o.arrows, rows, vp, xPx, yPx, markTol - 1) : undefined;
    if (arrow) return arrow;
    const t = tsOf(vp, xPx);
    const tol = (o.sliceTolPx ?? 2) * vp.nsPerPx;
    for (let d = row.lane.runs.length - 1; d >= 0; d--) {
      const h = sliceAt(row.lane.runs[d], row.lane.open[d], t, tol, o.lastTs);
      if (h) return { ...h, kind: 'slice', lane: row.lane };
    }
    const w = sliceAt(row.lane.waits, row.lane.waitOpen ?? undefined, t, tol, o.lastTs);
    if (w) return { ...w, kind: 'wait', lane: row.lane };
  }
  return markerAt(o.markers, vp, xPx, markTol);
}

/** A marker whose label (drawn right of its line, or left of it at the view's right edge) is at xPx. */
function markerLabelAt(markers: readonly Marker[] | undefined, vp: Viewport, xPx: number, tolPx: number): Hit | undefined {
  const labelPx = 64;
  for (let i = (markers?.length ?? 0) - 1; i >= 0; i--) {
    const m = (markers as readonly Marker[])[i];
    const mx = xOf(vp, m.tsNs);
    const left = mx + labelPx > vp.widthPx ? mx - labelPx : mx - tolPx;
    if (xPx >= left && xPx <= left + labelPx + tolPx) return { kind: 'marker', ev: m.ev, startNs: m.tsNs, endNs: m.tsNs, key: -1 };
  }
  return undefined;
}

/**
 * The arrow passing within tolPx of the pointer, among those ending near its time; none where
 * arrows are too dense to be drawn (drawLanes skips them there too).
 */
export function arrowAt(a: ArrowSeries, rows: readonly LaneRow[], vp: Viewport, xPx: number, yPx: number, tolPx: number): Hit | undefined {
  if (a.count === 0) return undefined;
  const start = vp.t0 + vp.startNs;
  const end = start + vp.widthPx * vp.nsPerPx;
  if (lowerBound(a.toTs, a.count, end) - lowerBound(a.toTs, a.count, start) > vp.widthPx / 4) return undefined;
  const t = tsOf(vp, xPx);
  const tol = tolPx * vp.nsPerPx;
  const yOf = new Map<number, LaneRow>();
  for (const r of rows) yOf.set(r.lane.id, r);
  for (let i = lowerBound(a.toTs, a.count, t - tol); i < a.count && a.toTs[i] <= t + tol; i++) {
    const r0 = yOf.get(a.fromLane[i]);
    const r1 = yOf.get(a.toLane[i]);
    if (!r0 || !r1) continue;
    const y0 = r0.yPx + r0.heightPx / 2;
    const y1 = r1.yPx + (r1.yPx > r0.yPx ? 2 : r1.heightPx - 2);
    if (yPx < Math.min(y0, y1) || yPx > Math.max(y0, y1)) continue;
    const x0 = xOf(vp, a.fromTs[i]);
    const x1 = xOf(vp, a.toTs[i]);
    const x = y1 === y0 ? x1 : x0 + ((x1 - x0) * (yPx - y0)) / (y1 - y0);
    if (Math.abs(x - xPx) <= tolPx) return { kind: 'arrow', lane: r1.lane, ev: a.ev[i], startNs: a.fromTs[i], endNs: a.toTs[i], key: a.type[i] };
  }
  return undefined;
}

function markerAt(markers: readonly Marker[] | undefined, vp: Viewport, xPx: number, tolPx: number): Hit | undefined {
  for (const m of markers ?? []) {
    if (Math.abs(xOf(vp, m.tsNs) - xPx) <= tolPx) return { kind: 'marker', ev: m.ev, startNs: m.tsNs, endNs: m.tsNs, key: -1 };
  }
  return undefined;
}

function nearestMark(lane: Lane, vp: Viewport, xPx: number, tolPx: number, visible?: (c: number) => boolean): Hit | undefined {
  const t = tsOf(vp, xPx);
  let best: Hit | undefined;
  let bestPx = tolPx;
  for (let cls = 0; cls < lane.marks.length; cls++) {
    const m = lane.marks[cls];
    const i = nearestIndex(m, t);
    if (i < 0 || (visible && !visible(m.ev[i]))) continue;
    const d = Math.abs(xOf(vp, m.ts[i]) - xPx);
    if (d <= bestPx) {
      bestPx = d;
      best = { kind: 'mark', lane, ev: m.ev[i], startNs: m.ts[i], endNs: m.ts[i], key: cls };
    }
  }
  return best;
}

/** Index of the mark nearest to t, or -1 when the series is empty. */
export function nearestIndex(m: MarkSeries, t: number): number {
  if (m.count === 0) return -1;
  const i = lowerBound(m.ts, m.count, t);
  if (i === 0) return 0;
  if (i === m.count) return m.count - 1;
  return t - m.ts[i - 1] <= m.ts[i] - t ? i - 1 : i;
}

type SliceHit = Omit<Hit, 'kind' | 'lane'>;

/** The interval containing t, else one within tolNs of it (sub-pixel slices stay pickable). */
export function sliceAt(s: SliceSeries, open: OpenSlice | undefined, t: number, tolNs: number, lastTs: number): SliceHit | undefined {
  if (open && t >= open.startNs - tolNs && t <= Math.max(lastTs, open.startNs) + tolNs) {
    return { ev: open.ev, startNs: open.startNs, endNs: Math.max(lastTs, open.startNs), key: open.key };
  }
  const j = upperBound(s.start, s.count, t) - 1;
  let best = -1;
  let bestD = tolNs;
  for (const k of [j, j + 1]) {
    if (k < 0 || k >= s.count) continue;
    const d = t < s.start[k] ? s.start[k] - t : t > s.end[k] ? t - s.end[k] : 0;
    if (d <= bestD) {
      bestD = d;
      best = k;
    }
  }
  return best < 0 ? undefined : { ev: s.ev[best], startNs: s.start[best], endNs: s.end[best], key: s.key[best] };
}
