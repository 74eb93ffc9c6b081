// Level of detail: a frame never draws more than its pixels can show. Time is cut into cells of
// a power-of-two width not wider than one pixel (Perfetto's quantisation: stable while panning);
// everything that starts inside one cell becomes one mark, found by binary search, so a frame
// costs O(cells x log n) however many events hide in a cell. A cell with any event draws one.
import { gallopLowerBound, lowerBound } from './series';
import type { Viewport } from './scale';

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
  return reduceSlices(s, vp.t0, cellNs(vp.nsPerPx), a, b, vp.nsPerPx, lowerBound(s.end, s.count, a), emit, open, lastTs, vp);
}

/**
 * lodSlices in ns: cells of `cell` ns aligned to t0; rects closer than `joinNs` join. With
 * `toPx`, rects are emitted in that viewport's px (xOf's arithmetic), else in ns.
 */
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
  toPx?: Viewport,
): number {
  // ns to px here rather than in a wrapping closure: one call per rect, not three; without a
  // viewport (x - 0 - 0) / 1 is x exactly
  const ox = toPx ? toPx.t0 : 0;
  const os = toPx ? toPx.startNs : 0;
  const sc = toPx ? toPx.nsPerPx : 1;
  // One loop, no closures: the run being built lives in locals (closures over it kept every
  // double in a heap box and cost most of a dense frame's reduction).
  const n = s.count;
  const starts = s.start;
  const ends = s.end;
  const keys = s.key;
  const inv = 1 / cell; // cell is a power of two: multiplying by this is exact, like dividing
  let emitted = 0;
  // the run: [p0, p1], its first interval pidx, whether it stands for merged intervals
  let p0 = 0;
  let p1 = -Infinity;
  let lastKey = 0;
  let pidx = -1;
  let pmerged = false;
  let has = false;
  // width per key within the run (three keys tracked, the rest pooled): a run shows the key
  // holding most of it, or MIXED when none holds half
  let k0 = 0, w0 = 0, k1 = NO_KEY, w1 = 0, k2 = NO_KEY, w2 = 0, wx = 0;
  let openLeft = open !== undefined && open.startNs <= b && lastTs >= a;
  let i = startIndex;
  // each step yields one or two pieces (x0, x1, key, index, merged) to add to the run
  let ax0 = 0, ax1 = 0, akey = 0, aidx = 0, amerged = false;
  let bx0 = 0, bx1 = 0, bkey = 0, bidx = 0;
  for (;;) {
    let pieces = 1;
    if (i < n && starts[i] <= b) {
      const st = starts[i];
      const en = ends[i];
      if (en - st >= cell) {
        ax0 = st, ax1 = en, akey = keys[i], aidx = i, amerged = false;
        i++;
      } else {
        const cellEnd = t0 + (Math.floor((st - t0) * inv) + 1) * cell;
        // the next interval mostly starts in a later cell: look before galloping
        let j = i + 1;
        if (j < n && starts[j] < cellEnd) j = gallopLowerBound(starts, j + 1, n, cellEnd);
        const last = j - 1;
        if (last === i) (ax0 = st), (ax1 = en), (akey = keys[i]), (aidx = i), (amerged = false);
        else if (ends[last] - starts[last] >= cell) {
          // the cell's last interval is long: keep it exact, merge only the short ones before it
          ax0 = st, ax1 = starts[last], akey = keys[i], aidx = i, amerged = true;
          bx0 = starts[last], bx1 = ends[last], bkey = keys[last], bidx = last;
          pieces = 2;
        } else (ax0 = st), (ax1 = ends[last]), (akey = keys[i]), (aidx = i), (amerged = true);
        i = j;
      }
    } else if (openLeft && open) {
      openLeft = false;
      ax0 = open.startNs, ax1 = Math.max(lastTs, open.startNs), akey = open.key, aidx = -1, amerged = false;
    } else break;
    for (let q = 0; q < pieces; q++) {
      const x0 = q === 0 ? ax0 : bx0;
      const x1 = q === 0 ? ax1 : bx1;
      const key = q === 0 ? akey : bkey;
      const merged = q === 0 ? amerged : false;
      const w = Math.max(x1 - x0, 1e-9);
      if (has && x0 - p1 < joinNs && (key === lastKey || (merged && pmerged))) {
        // touching rects of one key join; so do touching merged cells of different keys: at
        // that density per-pixel colours would be noise, the run takes its dominant key
        if (x1 > p1) p1 = x1;
        if (key === k0) w0 += w;
        else if (key === k1) w1 += w;
        else if (key === k2) w2 += w;
        else if (k1 === NO_KEY) (k1 = key), (w1 = w);
        else if (k2 === NO_KEY) (k2 = key), (w2 = w);
        else wx += w;
        lastKey = key;
        pmerged = pmerged || merged;
        continue;
      }
      if (has) {
        emit((p0 - ox - os) / sc, (p1 - ox - os) / sc, runKey(k0, w0, k1, w1, k2, w2, wx), pidx, pmerged);
        emitted++;
      }
      has = true;
      p0 = x0;
      p1 = x1;
      lastKey = key;
      pidx = q === 0 ? aidx : bidx;
      pmerged = merged;
      k0 = key;
      w0 = w;
      k1 = k2 = NO_KEY;
      w1 = w2 = wx = 0;
    }
  }
  if (has) {
    emit((p0 - ox - os) / sc, (p1 - ox - os) / sc, runKey(k0, w0, k1, w1, k2, w2, wx), pidx, pmerged);
    emitted++;
  }
  return emitted;
}

/** The key a run shows: the one holding more than half its width, else MIXED. */
function runKey(k0: number, w0: number, k1: number, w1: number, k2: number, w2: number, wx: number): number {
  const best = w0 >= w1 && w0 >= w2 ? k0 : w1 >= w2 ? k1 : k2;
  const bw = Math.max(w0, w1, w2);
  return bw * 2 > w0 + w1 + w2 + wx ? best : MIXED;
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
  // the per-cell loop of every dense frame: viewport fields in locals, no calls but the emit
  // and a gallop where a cell holds several marks (xOf's arithmetic, in its order)
  const { t0, startNs, nsPerPx } = vp;
  const cell = cellNs(nsPerPx);
  const inv = 1 / cell; // a power of two: multiplying by this is exact, like dividing
  const a = t0 + startNs;
  const b = a + vp.widthPx * nsPerPx;
  const ts = m.ts;
  const n = m.count;
  let emitted = 0;
  let i = lowerBound(ts, n, a);
  while (i < n) {
    const t = ts[i];
    if (t > b) break;
    const cellEnd = t0 + (Math.floor((t - t0) * inv) + 1) * cell;
    let j = i + 1;
    if (j < n && ts[j] < cellEnd) j = gallopLowerBound(ts, j + 1, n, cellEnd);
    emit((t - t0 - startNs) / nsPerPx, j - i, i);
    emitted++;
    i = j;
  }
  return emitted;
}

/**
 * lodMarks for the drawer, without a call per cell: sets columns[floor(x) + 1] for the x of
 * each cell's first mark where that index is in [0, width), the columns lodMarks' emits would
 * mark (same loop, same arithmetic); returns how many cells hold marks.
 */
export function lodMarkColumns(m: MarkCols, vp: Viewport, columns: Uint8Array, width: number): number {
  const { t0, startNs, nsPerPx } = vp;
  const cell = cellNs(nsPerPx);
  const inv = 1 / cell;
  const a = t0 + startNs;
  const b = a + vp.widthPx * nsPerPx;
  const ts = m.ts;
  const n = m.count;
  let cells = 0;
  let i = lowerBound(ts, n, a);
  while (i < n) {
    const t = ts[i];
    if (t > b) break;
    const cellEnd = t0 + (Math.floor((t - t0) * inv) + 1) * cell;
    let j = i + 1;
    if (j < n && ts[j] < cellEnd) j = gallopLowerBound(ts, j + 1, n, cellEnd);
    const c = Math.floor((t - t0 - startNs) / nsPerPx) + 1;
    if (c >= 0 && c < width) columns[c] = 1;
    cells++;
    i = j;
  }
  return cells;
}
