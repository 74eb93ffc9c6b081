// Time <-> pixel maths over time relative to the trace start, so float64 keeps ns precision at
// deep zoom on traces whose absolute timestamps are ~1e15 ns. Also maps d3-zoom transforms.

/** What one frame shows: `startNs` is relative to `t0` (the trace's first timestamp). */
export interface Viewport {
  t0: number;
  startNs: number;
  nsPerPx: number;
  widthPx: number;
}

/** d3-zoom's identity (k = 1) shows this many ns per pixel. */
export const BASE_NS_PER_PX = 1e6;
/** Deepest zoom: ten pixels per nanosecond. */
export const MIN_NS_PER_PX = 0.1;

export function xOf(vp: Viewport, tsNs: number): number {
  return (tsNs - vp.t0 - vp.startNs) / vp.nsPerPx;
}

/** Absolute ns at pixel x. */
export function tsOf(vp: Viewport, xPx: number): number {
  return vp.t0 + (vp.startNs + xPx * vp.nsPerPx);
}

export function endNs(vp: Viewport): number {
  return vp.startNs + vp.widthPx * vp.nsPerPx;
}

/** The viewport a d3-zoom transform {k, x} stands for. */
export function viewFromTransform(k: number, x: number, t0: number, widthPx: number): Viewport {
  const nsPerPx = BASE_NS_PER_PX / k;
  return { t0, startNs: -x * nsPerPx, nsPerPx, widthPx };
}

/** The d3-zoom transform {k, x} that shows [startNs, startNs + nsPerPx * width). */
export function transformFor(startNs: number, nsPerPx: number): { k: number; x: number } {
  return { k: BASE_NS_PER_PX / nsPerPx, x: -startNs / nsPerPx };
}

/** Zooms by `factor` (>1 zooms in) keeping the time under xPx fixed. */
export function zoomAround(vp: Viewport, xPx: number, factor: number): Viewport {
  const nsPerPx = Math.max(MIN_NS_PER_PX, vp.nsPerPx / factor);
  const at = vp.startNs + xPx * vp.nsPerPx;
  return { ...vp, nsPerPx, startNs: at - xPx * nsPerPx };
}

export function panBy(vp: Viewport, dxPx: number): Viewport {
  return { ...vp, startNs: vp.startNs + dxPx * vp.nsPerPx };
}

/** Shows [fromNs, toNs] (relative) with a small margin. */
export function fitRange(fromNs: number, toNs: number, t0: number, widthPx: number): Viewport {
  const span = Math.max(toNs - fromNs, 1);
  const nsPerPx = Math.max(MIN_NS_PER_PX, (span * 1.04) / Math.max(widthPx, 1));
  return { t0, startNs: fromNs - span * 0.02, nsPerPx, widthPx };
}

const UNITS: [number, string][] = [[1e9, 's'], [1e6, 'ms'], [1e3, 'µs'], [1, 'ns']];

/** A duration with a unit chosen for its size: 1.5 ms, 250 ns, 2.000001 s (up to ns digits). */
export function formatDuration(ns: number, maxDigits = 3): string {
  const a = Math.abs(ns);
  for (const [div, unit] of UNITS) {
    if (a >= div || div === 1) {
      const v = ns / div;
      const digits = Math.min(maxDigits, Math.max(0, Math.log10(div) | 0));
      return `${trimZeros(v.toFixed(digits))} ${unit}`;
    }
  }
  return `${ns} ns`;
}

/** A relative timestamp with ns resolution: "+1.000000123 s". */
export function formatTimestamp(relNs: number): string {
  const sign = relNs < 0 ? '-' : '';
  const a = Math.round(Math.abs(relNs));
  const s = Math.floor(a / 1e9);
  const frac = String(a - s * 1e9).padStart(9, '0');
  return `${sign}${s}.${frac} s`;
}

/** Axis tick label for relative ns, with just enough digits to tell ticks `stepNs` apart. */
export function formatTick(relNs: number, stepNs: number): string {
  const [div, name] = UNITS.find(([d]) => stepNs * 10 >= d) ?? UNITS[3];
  const digits = Math.min(9, Math.max(0, Math.ceil(Math.log10(div / stepNs) - 1e-9)));
  return `${(relNs / div).toFixed(digits)} ${name}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
