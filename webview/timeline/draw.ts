// One frame of the canvas: generation bands, lane backgrounds, lane contents (drawLanes),
// fault and phase markers, selection and A/B markers, the hovered item, and the label gutter.
import type { Swatch, Theme } from '../theme';
import { RectBatch, SPARSE_RECTS } from './batch';
import { drawLanes, type DrawCounts } from './drawLanes';
import type { Filters } from './filters';
import type { Hit } from './hitTest';
import type { LaneRow, Lane } from './lanes';
import { fineLevelJobs } from './lodCache';
import type { TimelineModel } from './model';
import type { NameTable } from './names';
import { prewarmViews, runInSlices, runLead, schedulePrewarm } from './prewarm';
import type { MarkSeries, SliceSeries } from './series';
import { endNs, xOf, type Viewport } from './scale';

export const GUTTER_PX = 190;

export interface Frame {
  ctx: CanvasRenderingContext2D;
  dpr: number;
  widthPx: number;
  heightPx: number;
  topPx: number;
  vp: Viewport;
  rows: LaneRow[];
  model: TimelineModel;
  names: NameTable;
  theme: Theme;
  filters: Filters;
  lastTs: number;
  kindCol: Uint8Array;
  selection?: [number, number];
  markerA?: number;
  markerB?: number;
  hover?: Hit;
}

const rects = new RectBatch();

export function drawFrame(f: Frame): DrawCounts {
  const counts = paint(f);
  let rest: (() => void)[] = [];
  schedulePrewarm(f.model, f.model.processed, () => runInSlices(rest), undefined, () => {
    // the first dense throwaway frames now, then the level builds and the other frames
    const [levels, frames] = warmUpJobs(f);
    rest = [...levels, ...runLead(frames)];
  });
  return counts;
}

/**
 * The warm-up (prewarm.ts): the fine LOD level builds, and deeper zooms of `f`'s view drawn
 * into an offscreen canvas of the same size (true: a dense frame).
 */
function warmUpJobs(f: Frame): [levels: (() => void)[], frames: (() => boolean)[]] {
  const slices: SliceSeries[] = [];
  const marks: MarkSeries[] = [];
  for (const l of f.model.lanes) {
    slices.push(...l.runs, l.waits);
    marks.push(...l.marks);
  }
  const levels = fineLevelJobs(slices, marks, f.vp.t0, f.lastTs - f.vp.t0);
  const frames: (() => boolean)[] = [];
  const canvas = document.createElement('canvas');
  canvas.width = f.ctx.canvas.width;
  canvas.height = f.ctx.canvas.height;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    for (const vp of prewarmViews(f.vp)) {
      frames.push(() => paint({ ...f, ctx, vp, selection: undefined, markerA: undefined, markerB: undefined, hover: undefined }).rects > SPARSE_RECTS);
    }
  }
  return [levels, frames];
}

function paint(f: Frame): DrawCounts {
  const { ctx, theme } = f;
  const sw = frameSwatches(theme);
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, f.widthPx, f.topPx);
  const x = (ts: number): number => GUTTER_PX + xOf(f.vp, ts);
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER_PX, f.topPx, f.widthPx - GUTTER_PX, f.heightPx - f.topPx);
  ctx.clip();
  // what lies under the lanes goes into the plot's pixel buffer, in painting order
  rects.begin(sw.bg, f.dpr, GUTTER_PX, f.topPx, f.widthPx - GUTTER_PX, f.heightPx - f.topPx, theme.outline !== '');
  drawGenerations(f, x, sw);
  for (let i = 1; i < f.rows.length; i += 2) rects.add(sw.stripe, GUTTER_PX, f.rows[i].yPx, f.widthPx - GUTTER_PX, f.rows[i].heightPx);
  if (f.selection) {
    const a = x(f.selection[0]);
    rects.add(sw.selection, a, f.topPx, Math.max(x(f.selection[1]) - a, 1), f.heightPx);
  }
  const counts = drawLanes({
    ctx, dpr: f.dpr, xPx: GUTTER_PX, vp: f.vp, rows: f.rows, model: f.model, names: f.names, theme,
    filters: f.filters, lastTs: f.lastTs, spanNs: f.lastTs - f.vp.t0, kindCol: f.kindCol, clipTopPx: f.topPx, clipBottomPx: f.heightPx, rects,
  });
  drawGenerationLabels(f, x);
  drawMarkers(f, x);
  for (const [ts, label] of [[f.markerA, 'A'], [f.markerB, 'B']] as const) {
    if (ts === undefined) continue;
    ctx.fillStyle = theme.focus;
    ctx.fillRect(x(ts) - 0.5, f.topPx, 1, f.heightPx);
    ctx.font = `bold 11px ${theme.font}`;
    ctx.fillText(label, x(ts) + 3, f.topPx + 10);
  }
  if (f.hover) drawHover(f, x);
  ctx.restore();
  drawGutter(f);
  return counts;
}

interface FrameSwatches {
  bg: Swatch;
  stripe: Swatch;
  selection: Swatch;
  band: Swatch;
  edge: Swatch;
}

const swatchCache = new WeakMap<Theme, FrameSwatches>();

/** Stable swatches per theme (the pixel buffer caches colours by swatch identity). */
function frameSwatches(t: Theme): FrameSwatches {
  let s = swatchCache.get(t);
  if (!s) {
    s = {
      bg: { colour: t.bg, alpha: 1 }, stripe: { colour: t.fg, alpha: 0.04 }, selection: { colour: t.selection, alpha: 0.35 },
      band: { colour: t.focus, alpha: 0.07 }, edge: { colour: t.focus, alpha: 1 },
    };
    swatchCache.set(t, s);
  }
  return s;
}

/** Every other kexec generation shaded, and a line where each begins (under the lanes). */
function drawGenerations(f: Frame, x: (ts: number) => number, sw: FrameSwatches): void {
  const gens = f.model.gens;
  if (gens.length < 2) return;
  gens.forEach((g, i) => {
    const a = x(g.startNs);
    const b = x(gens[i + 1]?.startNs ?? f.lastTs);
    if (i % 2 === 1) rects.add(sw.band, a, f.topPx, b - a, f.heightPx);
    rects.add(sw.edge, a - 1, f.topPx, 2, f.heightPx);
  });
}

function drawGenerationLabels(f: Frame, x: (ts: number) => number): void {
  const { ctx, theme } = f;
  if (f.model.gens.length < 2) return;
  ctx.fillStyle = theme.focus;
  ctx.font = `11px ${theme.font}`;
  ctx.textBaseline = 'alphabetic';
  for (const g of f.model.gens) ctx.fillText(`generation ${g.gen}`, Math.max(x(g.startNs), GUTTER_PX) + 4, f.heightPx - 6);
}

function drawMarkers(f: Frame, x: (ts: number) => number): void {
  const { ctx, theme } = f;
  ctx.font = `bold 11px ${theme.font}`;
  ctx.textBaseline = 'middle';
  let lastLabelX = -Infinity;
  for (const m of f.model.markers) {
    const mx = x(m.tsNs);
    if (mx < GUTTER_PX - 50 || mx > f.widthPx + 2) continue;
    const fault = m.kind === 'panic' || m.kind === 'deadlock';
    ctx.fillStyle = fault ? theme.fault : theme.focus;
    ctx.fillRect(mx - (fault ? 1 : 0.5), f.topPx, fault ? 2 : 1, f.heightPx);
    if (mx - lastLabelX > 60) {
      const text = m.kind.toUpperCase();
      const w = ctx.measureText(text).width + 8;
      const lx = mx + w > f.widthPx ? mx - w : mx; // keep the label inside the view
      ctx.fillRect(lx, f.topPx, w, 15);
      ctx.fillStyle = theme.bg;
      ctx.fillText(text, lx + 4, f.topPx + 8);
      lastLabelX = lx + w;
    }
  }
}

function drawHover(f: Frame, x: (ts: number) => number): void {
  const h = f.hover as Hit;
  const row = f.rows.find((r) => r.lane === h.lane);
  f.ctx.strokeStyle = f.theme.focus;
  f.ctx.lineWidth = 2;
  const a = x(h.startNs);
  const w = Math.max(x(h.endNs) - a, 2);
  if (row) f.ctx.strokeRect(a - 1, row.yPx + 1, w + 2, row.heightPx - 2);
  else f.ctx.strokeRect(a - 2, f.topPx, 4, f.heightPx - f.topPx);
}

/** Lane title and, for host/CPU lanes, the task carried at the right edge of the view. */
export function laneTitle(lane: Lane, names: NameTable): string {
  switch (lane.kind) {
    case 'boot': return 'boot phases';
    case 'initcall': return 'initcalls';
    case 'halt': return 'halt steps';
    case 'cpuOwner': return 'LKL CPU owner';
    case 'cpu': return `CPU ${lane.key}`;
    case 'object': return names.object(lane.key);
    default: return names.host(lane.key);
  }
}

function drawGutter(f: Frame): void {
  const { ctx, theme } = f;
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, f.topPx, GUTTER_PX, f.heightPx - f.topPx);
  ctx.fillStyle = theme.grid;
  ctx.fillRect(GUTTER_PX - 1, 0, 1, f.heightPx);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, f.topPx, GUTTER_PX - 1, f.heightPx - f.topPx);
  ctx.clip();
  ctx.textBaseline = 'middle';
  const atNs = f.vp.t0 + Math.min(endNs(f.vp), f.lastTs - f.vp.t0);
  for (const r of f.rows) {
    if (r.yPx + r.heightPx < f.topPx || r.yPx > f.heightPx) continue;
    const lane = r.lane;
    const carried = lane.kind === 'host' || lane.kind === 'cpu' ? lane.taskAt(atNs) : -1;
    ctx.fillStyle = theme.fg;
    ctx.font = `12px ${theme.font}`;
    const title = laneTitle(lane, f.names);
    if (carried >= 0 || lane.kind === 'cpu') {
      ctx.fillText(clip(title, 14), 6, r.yPx + r.heightPx / 2);
      ctx.fillStyle = theme.muted;
      ctx.font = `11px ${theme.font}`;
      ctx.fillText(`↔ ${clip(carried > 0 || lane.kind === 'host' ? f.names.task(carried) : 'idle', 15)}`, 94, r.yPx + r.heightPx / 2);
    } else ctx.fillText(clip(title, 28), 6, r.yPx + r.heightPx / 2);
  }
  ctx.restore();
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
