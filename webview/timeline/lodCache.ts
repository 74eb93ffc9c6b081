// Cached coarse levels for the LOD reducer. Cells are aligned to t0, so what lod.ts makes of a
// series at one cell size does not depend on where the view is: at coarse zoom it is computed
// once over the whole series (and extended as events stream in), and each frame then walks only
// the cached cells in view instead of searching the raw events. Fine zoom reads the raw series.
import { cellNs, lodMarkColumns, lodMarks, lodSlices, reduceSlices, type RectEmit } from './lod';
import { gallopLowerBound, MarkSeries, SliceSeries, type OpenSlice } from './series';
import type { Viewport } from './scale';

/** Cache a level only when it holds at most this many cells over the whole trace. */
const MAX_CELLS = 1 << 14;
/**
 * Finer levels, up to this many cells, are built only by the idle warm-up (warmFineLevels) and
 * used once built: at 10M events the raw reducer at those zooms cost 10-25 ms a frame.
 */
const MAX_FINE_CELLS = 1 << 16;
/** Levels warmed ahead of use: from about half a screen of cells up to MAX_CELLS. */
const MIN_WARM_CELLS = 1 << 9;

interface SliceLevel {
  out: SliceSeries;
  /** Source intervals consumed so far. */
  upTo: number;
}

interface MarkLevel {
  out: MarkSeries;
  /** Source marks consumed so far. */
  upTo: number;
}

const sliceLevels = new WeakMap<SliceSeries, Map<number, SliceLevel>>();
const markLevels = new WeakMap<MarkSeries, Map<number, MarkLevel>>();

function worthCaching(count: number, spanNs: number, cell: number, maxCells = MAX_CELLS): boolean {
  const cells = spanNs / cell;
  return cells <= maxCells && count > 2 * cells;
}

/** A level to draw from: a cacheable one (built now if need be) or a fine one already built. */
function useLevel(count: number, spanNs: number, cell: number, built: boolean): boolean {
  return worthCaching(count, spanNs, cell) || (built && worthCaching(count, spanNs, cell, MAX_FINE_CELLS));
}

/** lodSlices through a cached level when one pays off. `spanNs` = last - first timestamp. */
export function drawSlices(s: SliceSeries, vp: Viewport, spanNs: number, emit: RectEmit, open?: OpenSlice, lastTs = 0): number {
  const cell = cellNs(vp.nsPerPx);
  if (!useLevel(s.count, spanNs, cell, sliceLevels.get(s)?.has(cell) === true)) return lodSlices(s, vp, emit, open, lastTs);
  return lodSlices(sliceLevel(s, vp.t0, cell, spanNs), vp, emit, open, lastTs);
}

function sliceLevel(s: SliceSeries, t0: number, cell: number, spanNs: number): SliceSeries {
  let levels = sliceLevels.get(s);
  if (!levels) sliceLevels.set(s, (levels = new Map()));
  let lv = levels.get(cell);
  if (!lv) {
    levels.set(cell, (lv = { out: new SliceSeries(), upTo: 0 }));
    lv.out.reserve(Math.min(s.count, 2 * Math.ceil(spanNs / cell) + 16));
  }
  extendSlices(lv, s, t0, cell);
  return lv.out;
}

function markLevel(m: MarkSeries, t0: number, cell: number, spanNs: number): MarkSeries {
  let levels = markLevels.get(m);
  if (!levels) markLevels.set(m, (levels = new Map()));
  let lv = levels.get(cell);
  if (!lv) {
    levels.set(cell, (lv = { out: new MarkSeries(), upTo: 0 }));
    lv.out.reserve(Math.min(m.count, Math.ceil(spanNs / cell) + 16));
  }
  extendMarks(lv, m, t0, cell);
  return lv.out;
}

/**
 * Builds (or extends) every cacheable level of these series now, so the first zoom into a
 * level does not pay for it mid-gesture. Called after new events arrive.
 */
export function warmLevels(slices: readonly SliceSeries[], marks: readonly MarkSeries[], t0: number, spanNs: number): void {
  if (spanNs <= 0) return;
  warmRange(slices, marks, spanNs, cellNs(spanNs / MAX_CELLS) * 2, MIN_WARM_CELLS, MAX_CELLS, (s, cell) => sliceLevel(s, t0, cell, spanNs), (m, cell) => markLevel(m, t0, cell, spanNs));
}

/**
 * Builds the fine levels (more than MAX_CELLS cells, up to MAX_FINE_CELLS) of these series:
 * for the idle warm-up after a large trace arrives, never on a frame's critical path.
 */
export function warmFineLevels(slices: readonly SliceSeries[], marks: readonly MarkSeries[], t0: number, spanNs: number): void {
  for (const job of fineLevelJobs(slices, marks, t0, spanNs)) job();
}

/**
 * warmFineLevels as one job per series and level, coarsest level first (the one a user zooming
 * in reaches first), so the warm-up can yield between them.
 */
export function fineLevelJobs(slices: readonly SliceSeries[], marks: readonly MarkSeries[], t0: number, spanNs: number): (() => void)[] {
  const jobs: { cell: number; run: () => void }[] = [];
  if (spanNs > 0) {
    warmRange(slices, marks, spanNs, cellNs(spanNs / MAX_FINE_CELLS) * 2, MAX_CELLS + 1, MAX_FINE_CELLS,
      (s, cell) => jobs.push({ cell, run: () => sliceLevel(s, t0, cell, spanNs) }),
      (m, cell) => jobs.push({ cell, run: () => markLevel(m, t0, cell, spanNs) }));
  }
  return jobs.sort((a, b) => b.cell - a.cell).map((j) => j.run);
}

/** Visits the cacheable levels from cell `from` up, doubling, while a level holds >= `minCells` cells. */
function warmRange(
  slices: readonly SliceSeries[],
  marks: readonly MarkSeries[],
  spanNs: number,
  from: number,
  minCells: number,
  maxCells: number,
  slice: (s: SliceSeries, cell: number) => void,
  mark: (m: MarkSeries, cell: number) => void,
): void {
  for (let cell = from; spanNs / cell >= minCells; cell *= 2) {
    for (const s of slices) if (worthCaching(s.count, spanNs, cell, maxCells)) slice(s, cell);
    for (const m of marks) if (worthCaching(m.count, spanNs, cell, maxCells)) mark(m, cell);
  }
}

/** Recomputes the level from its last rect on (that rect may grow with new intervals). */
function extendSlices(lv: SliceLevel, s: SliceSeries, t0: number, cell: number): void {
  const out = lv.out;
  if (lv.upTo === s.count) return;
  // out.ev holds the source index each rect starts at
  const from = out.count > 0 ? out.ev[--out.count] : 0;
  reduceSlices(s, t0, cell, -Infinity, Infinity, cell, from, (a, b, key, idx) => out.push(a, b, key, idx));
  lv.upTo = s.count;
}

/** lodMarks through a cached level when one pays off. */
export function drawMarks(m: MarkSeries, vp: Viewport, spanNs: number, emit: (xPx: number, count: number, index: number) => void): number {
  const cell = cellNs(vp.nsPerPx);
  if (!useLevel(m.count, spanNs, cell, markLevels.get(m)?.has(cell) === true)) return lodMarks(m, vp, emit);
  return lodMarks(markLevel(m, vp.t0, cell, spanNs), vp, emit);
}

/** lodMarkColumns through a cached level when one pays off (the level choice of drawMarks). */
export function markColumns(m: MarkSeries, vp: Viewport, spanNs: number, columns: Uint8Array, width: number): number {
  const cell = cellNs(vp.nsPerPx);
  if (!useLevel(m.count, spanNs, cell, markLevels.get(m)?.has(cell) === true)) return lodMarkColumns(m, vp, columns, width);
  return lodMarkColumns(markLevel(m, vp.t0, cell, spanNs), vp, columns, width);
}

/** Appends the first mark of each newly occupied cell, skipping through cells by galloping. */
function extendMarks(lv: MarkLevel, m: MarkSeries, t0: number, cell: number): void {
  const out = lv.out;
  let i = lv.upTo;
  if (out.count > 0 && i < m.count) {
    const lastEnd = t0 + (Math.floor((out.ts[out.count - 1] - t0) / cell) + 1) * cell;
    i = gallopLowerBound(m.ts, i, m.count, lastEnd);
  }
  while (i < m.count) {
    out.push(m.ts[i], m.ev[i]);
    const cellEnd = t0 + (Math.floor((m.ts[i] - t0) / cell) + 1) * cell;
    i = Math.max(i + 1, gallopLowerBound(m.ts, i + 1, m.count, cellEnd));
  }
  lv.upTo = m.count;
}
