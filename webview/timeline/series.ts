// Growable typed-array columns for the webview's derived data (slices, marks, arrows).
// Geometric growth keeps appends amortised O(1) at 10M rows without per-row objects.

type Column = Float64Array | Int32Array | Uint8Array | Uint16Array;

/** From this many rows a column grows fourfold (see grow). */
export const BIG_COLUMN = 1 << 16;

/**
 * `a` with room for at least `need` rows, capacity growing `factor`-fold, fourfold once big (a
 * copy when it grows). Every growth copies into fresh memory, whose first touch (page faults)
 * costs several times the copy: at 10M events doubling made the model's growth a fifth of the
 * load. Capacity never written is only reserved address space.
 */
export function grow<T extends Column>(a: T, need: number, factor = 2): T {
  if (need <= a.length) return a;
  let cap = Math.max(16, a.length);
  while (cap < need) cap *= cap >= BIG_COLUMN ? Math.max(4, factor) : factor;
  return resized(a, cap);
}

/** A copy of `a` with capacity `cap` (>= a.length). */
export function resized<T extends Column>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** Index of the first element of sorted `a[0..n)` that is >= v. */
export function lowerBound(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lowerBound searching forward from `from` (a[from-1] < v assumed): gallops 1, 2, 4, ... then
 * bisects, so stepping through dense data costs O(log distance) rather than O(log n).
 */
export function gallopLowerBound(a: Float64Array, from: number, n: number, v: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < n && a[hi] < v) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of sorted `a[0..n)` that is > v. */
export function upperBound(a: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Non-overlapping intervals of one lane, sorted by start (so ends are sorted too: the LOD
 * reducer relies on it). `key` picks the colour (task pid, phase label id); `ev` the event
 * that opened the interval.
 */
export class SliceSeries {
  count = 0;
  start = new Float64Array(16);
  end = new Float64Array(16);
  key = new Int32Array(16);
  ev = new Int32Array(16);

  /** Grows capacity to at least n rows up front (one allocation instead of many doublings). */
  reserve(n: number): void {
    this.start = grow(this.start, n);
    this.end = grow(this.end, n);
    this.key = grow(this.key, n);
    this.ev = grow(this.ev, n);
  }

  push(startNs: number, endNs: number, key: number, ev: number): void {
    const n = this.count + 1;
    if (n > this.start.length) {
      this.start = grow(this.start, n);
      this.end = grow(this.end, n);
      this.key = grow(this.key, n);
      this.ev = grow(this.ev, n);
    }
    this.start[this.count] = startNs;
    this.end[this.count] = endNs;
    this.key[this.count] = key;
    this.ev[this.count] = ev;
    this.count = n;
  }
}

/** An interval begun but not yet ended; drawn up to the trace's last timestamp. */
export interface OpenSlice {
  startNs: number;
  key: number;
  ev: number;
}

/** Point events of one lane and one kind, sorted by time. */
export class MarkSeries {
  count = 0;
  ts = new Float64Array(16);
  ev = new Int32Array(16);

  reserve(n: number): void {
    this.ts = grow(this.ts, n);
    this.ev = grow(this.ev, n);
  }

  push(tsNs: number, ev: number): void {
    const n = this.count + 1;
    if (n > this.ts.length) {
      this.ts = grow(this.ts, n);
      this.ev = grow(this.ev, n);
    }
    this.ts[this.count] = tsNs;
    this.ev[this.count] = ev;
    this.count = n;
  }
}

export type ArrowType = 'wake' | 'handoff' | 'switch';
export const ARROW_TYPES: readonly ArrowType[] = ['wake', 'handoff', 'switch'];

/** Arrows between lanes, sorted by their start time. */
export class ArrowSeries {
  count = 0;
  fromTs = new Float64Array(16);
  toTs = new Float64Array(16);
  fromLane = new Int32Array(16);
  toLane = new Int32Array(16);
  type = new Uint8Array(16);
  ev = new Int32Array(16);

  push(fromTs: number, fromLane: number, toTs: number, toLane: number, type: ArrowType, ev: number): void {
    const n = this.count + 1;
    if (n > this.fromTs.length) {
      this.fromTs = grow(this.fromTs, n);
      this.toTs = grow(this.toTs, n);
      this.fromLane = grow(this.fromLane, n);
      this.toLane = grow(this.toLane, n);
      this.type = grow(this.type, n);
      this.ev = grow(this.ev, n);
    }
    const i = this.count;
    this.fromTs[i] = fromTs;
    this.toTs[i] = toTs;
    this.fromLane[i] = fromLane;
    this.toLane[i] = toLane;
    this.type[i] = ARROW_TYPES.indexOf(type);
    this.ev[i] = ev;
    this.count = n;
  }
}
