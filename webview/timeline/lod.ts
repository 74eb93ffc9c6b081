// Level of detail: a frame never draws more than its pixels can show. Time is cut into cells of
// a power-of-two width not wider than one pixel (Perfetto's quantisation: stable while panning);
// everything that starts inside one cell becomes one mark, found by binary search, so a frame
// costs O(cells x log n) however many events hide in a cell. A cell with any event draws one.
import { gallopLowerBound, lowerBound } from './series';
import { xOf, type Viewport } from './scale';

/** Key of a merged run where no single key holds half of it. */
export const MIXED = -2;
const NO_KEY = -0x80000000;

/** Largest power of two <= nsPerPx: the cell width in ns. */
export function cellNs(nsPerPx: number): number {
  return Math.pow(2, Math.floor(Math.log2(nsPerPx)));
}

export interface SliceCols {
  count: number;
  start: Float64Array;
  end: Float64Array;
  key: Int32Array;
}

/** x0/x1 in CSS px (x1 may equal x0: the drawer widens to 1 device px); merged = stands for many. */
export type RectEmit = (x0: number, x1: number, key: number, index: number, merged: boolean) => void;

/**
 * Emits the rectangles of non-overlapping intervals sorted by start (ends sorted too) that touch
 * the viewport, merging intervals narrower than a cell that start in the same cell, and joining
 * touching rects of the same key. `open` is an interval still running at `lastTs`.
 */
export function lodSlices(
  s: SliceCols,
  vp: Viewport,
  emit: RectEmit,
  open?: { startNs: number; key: number; ev: number },
  lastTs = 0,
): number {
  const a = vp.t0 + vp.startNs;
  const b = a + vp.widthPx * vp.nsPerPx;
  return reduceSlices(s, vp.t0, cellNs(vp.nsPerPx), a, b, vp.nsPerPx, lowerBound(s.end, s.count, a), (s0, s1, key, idx, merged) =>
    emit(xOf(vp, s0), xOf(vp, s1), key, idx, merged), open, lastTs);
}

/** lodSlices in ns: cells of `cell` ns aligned to t0; rects closer than `joinNs` join. */
export function reduceSlices(
  s: SliceCols,
  t0: number,
  cell: number,
  a: number,
  b: number,
  joinNs: number,
  startIndex: number,
  emit: RectEmit,
  open?: { startNs: number; key: number; ev: number },
  lastTs = 0,
): number {
  const n = s.count;
  let emitted = 0;
  let p0 = 0;
  let p1 = -Infinity;
  let lastKey = 0;
  let pidx = -1;
  let pmerged = false;
  let has = false;
  // width per key within the current run (three keys tracked, the rest pooled): a run shows the
  // key holding most of it, or MIXED when none holds half
  let k0 = 0, w0 = 0, k1 = NO_KEY, w1 = 0, k2 = NO_KEY, w2 = 0, wx = 0;
  const tally = (k: number, w: number): void => {
    if (k === k0) w0 += w;
    else if (k === k1) w1 += w;
    else if (k === k2) w2 += w;
    else if (k1 === NO_KEY) (k1 = k), (w1 = w);
    else if (k2 === NO_KEY) (k2 = k), (w2 = w);
    else wx += w;
  };
  const flush = (): void => {
    const best = w0 >= w1 && w0 >= w2 ? k0 : w1 >= w2 ? k1 : k2;
    const bw = Math.max(w0, w1, w2);
    emit(p0, p1, bw * 2 > w0 + w1 + w2 + wx ? best : MIXED, pidx, pmerged);
    emitted++;
  };
  const put = (x0: number, x1: number, key: number, idx: number, merged: boolean): void => {
    const w = Math.max(x1 - x0, 1e-9);
    if (has && x0 - p1 < joinNs && (key === lastKey || (merged && pmerged))) {
      // touching rects of one key join; so do touching merged cells of different keys: at
      // that density per-pixel colours would be noise, the run takes its dominant key
      if (x1 > p1) p1 = x1;
      tally(key, w);
      lastKey = key;
      pmerged = pmerged || merged;
      return;
    }
    if (has) flush();
    has = true;
    p0 = x0;
    p1 = x1;
    lastKey = key;
    pidx = idx;
    pmerged = merged;
    k0 = key;
    w0 = w;
    k1 = k2 = NO_KEY;
    w1 = w2 = wx = 0;
  };
  let i = startIndex;
  while (i < n && s.start[i] <= b) {
    const st = s.start[i];
    const en = s.end[i];
    if (en - st >= cell) {
      put(st, en, s.key[i], i, false);
      i++;
      continue;
    }
    const cellEnd = t0 + (Math.floor((st - t0) / cell) + 1) * cell;
    let j = gallopLowerBound(s.start, i + 1, n, cellEnd);
    if (j <= i) j = i + 1;
    const last = j - 1;
    if (last === i) put(st, en, s.key[i], i, false);
    else if (s.end[last] - s.start[last] >= cell) {
      // the cell's last interval is long: keep it exact, merge only the short ones before it
      put(st, s.start[last], s.key[i], i, true);
      put(s.start[last], s.end[last], s.key[last], last, false);
    } else put(st, s.end[last], s.key[i], i, true);
    i = j;
  }
  if (open && open.startNs <= b && lastTs >= a) put(open.startNs, Math.max(lastTs, open.startNs), open.key, -1, false);
  if (has) flush();
  return emitted;
}

export interface MarkCols {
  count: number;
  ts: Float64Array;
}

/** Emits one mark per cell holding any mark: x of the cell's first mark, how many it stands for. */
export function lodMarks(
  m: MarkCols,
  vp: Viewport,
  emit: (xPx: number, count: number, index: number) => void,
): number {
  const cell = cellNs(vp.nsPerPx);
  const a = vp.t0 + vp.startNs;
  const b = a + vp.widthPx * vp.nsPerPx;
  const n = m.count;
  let emitted = 0;
  let i = lowerBound(m.ts, n, a);
  while (i < n && m.ts[i] <= b) {
    const cellEnd = vp.t0 + (Math.floor((m.ts[i] - vp.t0) / cell) + 1) * cell;
    let j = gallopLowerBound(m.ts, i + 1, n, cellEnd);
    if (j <= i) j = i + 1;
    emit(xOf(vp, m.ts[i]), j - i, i);
    emitted++;
    i = j;
  }
  return emitted;
}
