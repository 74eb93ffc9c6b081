// Draws one frame's lane contents: running slices, waits, marks and arrows, all through the LOD
// reducer and batched per colour; labels inside slices wide enough to hold one.
import { KIND_CODE } from '../../src/trace/events';
import { DOWN, FAULT, MARK_CLASS, OTHER, UP } from './markClass';
import type { Swatch, Theme } from '../theme';
import { swatchIndex, type RectBatch } from './batch';
import type { Filters } from './filters';
import type { LaneRow } from './lanes';
import { cellNs, MIXED } from './lod';
import { drawSlices, markColumns } from './lodCache';
import { RUNNABLE_KEY, type TimelineModel } from './model';
import type { NameTable } from './names';
import { lowerBound } from './series';
import { xOf, type Viewport } from './scale';

const CPU_WAIT = KIND_CODE.get('cpu.get.wait') as number;

export interface LaneFrame {
  ctx: CanvasRenderingContext2D;
  dpr: number;
  xPx: number;
  vp: Viewport;
  rows: LaneRow[];
  model: TimelineModel;
  names: NameTable;
  theme: Theme;
  filters: Filters;
  lastTs: number;
  /** Last minus first timestamp of the trace (which LOD levels are worth caching). */
  spanNs: number;
  /** The store's kind column (the kind filter reads it). */
  kindCol: Uint8Array;
  clipTopPx: number;
  clipBottomPx: number;
  /** The plot's pixel buffer, begun by the caller; drawLanes adds the lanes and flushes it. */
  rects: RectBatch;
}

export interface DrawCounts {
  rects: number;
  marks: number;
  arrows: number;
}

const labels: [x: number, y: number, w: number, text: string][] = [];

export function drawLanes(f: LaneFrame): DrawCounts {
  const { ctx, theme, vp, filters, rects } = f;
  const counts: DrawCounts = { rects: 0, marks: 0, arrows: 0 };
  const under = rects.count; // background rects the caller added
  const minW = 1 / f.dpr;
  const sws = swatches(theme);
  labels.length = 0;
  for (const row of f.rows) {
    if (row.yPx + row.heightPx < f.clipTopPx || row.yPx > f.clipBottomPx) continue;
    const lane = row.lane;
    const phase = lane.kind === 'boot' || lane.kind === 'initcall' || lane.kind === 'halt';
    // thread and object lanes: a band of marks on top, the running (holding) bar, a thin
    // blocked (waiting) bar at the bottom
    const banded = lane.kind === 'host' || lane.kind === 'cpu' || lane.kind === 'object';
    const barH = phase ? 12 : lane.kind === 'cpuOwner' ? 14 : 13;
    const barY = row.yPx + (banded ? 9 : 3);
    for (let d = 0; d < lane.runs.length; d++) {
      const y = barY + d * 12;
      const swatchOf = (key: number): Swatch => {
        if (phase) return theme.palette[swatchIndex(key, theme.palette.length)];
        if (key === MIXED) return sws.mixed;
        if (key < 0) return sws.none;
        if (filters.tasks && !filters.tasks.has(key)) return sws.dim;
        return theme.palette[swatchIndex(key, theme.palette.length)];
      };
      counts.rects += drawSlices(lane.runs[d], vp, f.spanNs, (x0, x1, key, _i, merged) => {
        const a = snap(Math.max(x0, -2), f.dpr);
        const w = Math.max(snap(Math.min(x1, vp.widthPx + 2), f.dpr) - a, minW);
        rects.add(swatchOf(key), f.xPx + a, y, w, barH);
        if (!merged && w > 50 && labels.length < 300) {
          labels.push([f.xPx + a, y + barH / 2, w, phase ? f.model.label(key) : key >= 0 ? f.names.task(key) : '']);
        }
      }, lane.open[d], f.lastTs);
    }
    const waitY = row.yPx + row.heightPx - 5;
    counts.rects += drawSlices(lane.waits, vp, f.spanNs, (x0, x1, key) => {
      const a = snap(Math.max(x0, -2), f.dpr);
      const w = Math.max(snap(Math.min(x1, vp.widthPx + 2), f.dpr) - a, minW);
      if (lane.kind === 'cpuOwner') rects.add(sws.queue, f.xPx + a, row.yPx + 18, w, Math.min(key, 4) * 1.5);
      else if (lane.kind === 'object') rects.add(sws.wait, f.xPx + a, waitY, w, 3);
      else rects.add(key === CPU_WAIT ? sws.cpuWait : key === RUNNABLE_KEY ? sws.runnable : sws.wait, f.xPx + a, waitY, w, 3);
    }, lane.waitOpen ?? undefined, f.lastTs);
    counts.marks += drawMarks(f, row, minW);
  }
  counts.rects = rects.count - under;
  rects.flush(ctx, theme.outline);
  drawLabels(ctx, theme);
  counts.arrows = drawArrows(f);
  return counts;
}

let columns = new Uint8Array(0);

/** Rounds to device pixels: unaligned edges are anti-aliased, which costs raster time and blurs. */
function snap(x: number, dpr: number): number {
  return Math.round(x * dpr) / dpr;
}

/**
 * Marks of one lane: per class, the LOD reducer marks the pixel columns holding any event, and
 * runs of marked columns become one rectangle each (a dense stretch is one block, not n ticks).
 */
function drawMarks(f: LaneFrame, row: LaneRow, minW: number): number {
  const { theme, vp, filters, rects } = f;
  const width = Math.ceil(vp.widthPx) + 2;
  if (columns.length < width) columns = new Uint8Array(width);
  let emitted = 0;
  // OTHER first, so semaphore ticks and faults stay on top
  for (const cls of [OTHER, UP, DOWN, FAULT]) {
    const series = row.lane.marks[cls];
    if (series.count === 0) continue;
    columns.fill(0, 0, width);
    // column c holds x in [c - 1, c): index 0 is the partly visible column left of the view
    if (filters.kinds) {
      for (const k of filters.kinds) if (MARK_CLASS[k] === cls) emitted += markColumns(row.lane.kindSeries(k, cls, f.kindCol), vp, f.spanNs, columns, width);
    } else emitted += markColumns(series, vp, f.spanNs, columns, width);
    const sw = swatches(theme).marks[cls];
    const half = 4;
    const y = cls === FAULT ? row.yPx + 1 : cls === DOWN ? row.yPx + 1 + half : cls === UP ? row.yPx + 1 : row.yPx + 2;
    const h = cls === FAULT ? row.heightPx - 2 : cls === OTHER ? half * 2 - 2 : half;
    const minWidth = cls === FAULT ? 2 : Math.max(1, minW);
    for (let c = 0; c < width; c++) {
      if (columns[c] === 0) continue;
      let e = c + 1;
      while (e < width && columns[e] === 1) e++;
      rects.add(sw, f.xPx + c - 1, y, Math.max(e - c, minWidth), h);
      c = e;
    }
  }
  return emitted;
}

interface Swatches {
  mixed: Swatch;
  dim: Swatch;
  none: Swatch;
  queue: Swatch;
  wait: Swatch;
  cpuWait: Swatch;
  /** Woken, waiting to run: the blocked colour, faint. */
  runnable: Swatch;
  marks: Swatch[];
}

const swatchCache = new WeakMap<Theme, Swatches>();

/** Stable swatch objects per theme (the batch keys buckets by identity). */
function swatches(t: Theme): Swatches {
  let s = swatchCache.get(t);
  if (!s) {
    const marks: Swatch[] = [];
    marks[UP] = { colour: t.semUp, alpha: 1 };
    marks[DOWN] = { colour: t.semDown, alpha: 1 };
    marks[FAULT] = { colour: t.fault, alpha: 1 };
    marks[OTHER] = { colour: t.other, alpha: 0.8 };
    s = {
      mixed: { colour: t.fg, alpha: 0.55 }, dim: { colour: t.other, alpha: 0.35 }, none: { colour: t.other, alpha: 0.8 }, queue: { colour: t.cpuWait, alpha: 0.9 },
      wait: { colour: t.wait, alpha: 0.7 }, cpuWait: { colour: t.cpuWait, alpha: 0.7 }, runnable: { colour: t.wait, alpha: 0.3 }, marks,
    };
    swatchCache.set(t, s);
  }
  return s;
}

function drawLabels(ctx: CanvasRenderingContext2D, theme: Theme): void {
  ctx.fillStyle = theme.bg;
  ctx.font = `11px ${theme.font}`;
  ctx.textBaseline = 'middle';
  for (const [x, y, w, text] of labels) {
    const fit = Math.floor((w - 6) / 6.2);
    if (fit < 3 || !text) continue;
    ctx.fillText(text.length > fit ? `${text.slice(0, fit - 1)}…` : text, Math.max(x, 0) + 3, y);
  }
}

const ARROW_COLOURS = (t: Theme): string[] => [t.wake, t.handoff, t.switchArrow];

/** Arrows between lanes, at most one per lane pair per few pixels. */
function drawArrows(f: LaneFrame): number {
  const a = f.model.arrows;
  if (a.count === 0) return 0;
  const rowOf = new Map<number, LaneRow>();
  for (const r of f.rows) rowOf.set(r.lane.id, r);
  const vp = f.vp;
  const start = vp.t0 + vp.startNs;
  const end = start + vp.widthPx * vp.nsPerPx;
  const cell = Math.max(cellNs(vp.nsPerPx), 3 * vp.nsPerPx);
  // arrows only where they can be told apart: a few hundred at most
  const inView = lowerBound(a.toTs, a.count, end) - lowerBound(a.toTs, a.count, start);
  if (inView > vp.widthPx / 4) return 0;
  const paths = [new Path2D(), new Path2D(), new Path2D()];
  let drawn = 0;
  let i = lowerBound(a.toTs, a.count, start);
  const seen = new Set<number>();
  let cellEndNs = -Infinity;
  let examined = 0;
  for (; i < a.count && a.fromTs[i] <= end; i++) {
    if (a.toTs[i] >= cellEndNs) {
      seen.clear();
      examined = 0;
      cellEndNs = vp.t0 + (Math.floor((a.toTs[i] - vp.t0) / cell) + 1) * cell;
    } else if (++examined > 24) {
      // a dense cell: what it holds is sub-pixel anyway; jump to the next cell
      i = Math.max(i, lowerBound(a.toTs, a.count, cellEndNs) - 1);
      continue;
    }
    const pair = a.fromLane[i] * 4096 + a.toLane[i] * 4 + a.type[i];
    if (seen.has(pair)) continue;
    seen.add(pair);
    const r0 = rowOf.get(a.fromLane[i]);
    const r1 = rowOf.get(a.toLane[i]);
    if (!r0 || !r1) continue;
    const x0 = f.xPx + xOf(vp, a.fromTs[i]);
    const x1 = f.xPx + xOf(vp, a.toTs[i]);
    const y0 = r0.yPx + r0.heightPx / 2;
    const y1 = r1.yPx + (r1.yPx > r0.yPx ? 2 : r1.heightPx - 2);
    const p = paths[a.type[i]];
    p.moveTo(x0, y0);
    p.lineTo(x1, y1);
    const dir = y1 > y0 ? -1 : 1;
    p.moveTo(x1 - 3, y1 + dir * 5);
    p.lineTo(x1, y1);
    p.lineTo(x1 + 3, y1 + dir * 5);
    drawn++;
  }
  const colours = ARROW_COLOURS(f.theme);
  f.ctx.lineWidth = 1;
  paths.forEach((p, t) => {
    f.ctx.strokeStyle = colours[t];
    f.ctx.stroke(p);
  });
  return drawn;
}
