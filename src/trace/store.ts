// Columnar event store: one typed array per field, interned args, batch append, O(log n) slices
// by time and by lane (host thread or CPU). 27 bytes per event (28 once a kexec bumps the
// generation) plus 4 for the lane index.
// No node or DOM: the webview uses it as is.
import { EVENT_KINDS, KIND_CODE, type EventArg, type TraceEvent } from './events';
import { InternTable } from './strings';

/** Arg code of `null`. Odd codes are small integers (`n * 2 + 1`), even codes interned values. */
export const ARG_NULL = -0x80000000;
const SMALL = 0x3fffffff;

export class EventStore {
  count = 0;
  ts: Float64Array;
  kind: Uint8Array;
  host: Int16Array;
  task: Int32Array;
  obj: Int32Array;
  peer: Int32Array;
  arg: Int32Array;
  /** Kernel generation; empty until the first event with gen ≠ 0 (imports never have one). Read with genOf. */
  gen: Uint8Array = new Uint8Array(0);
  /** Strings and numbers that do not fit an odd arg code. */
  readonly args = new InternTable<string | number>();
  /** seq of event 0; seq is `seqBase + index` while `seqCol` is null. */
  seqBase = 0;
  private seqCol: Float64Array | null = null;
  private lanesBuilt = 0;
  private laneLists = new Map<number, { idx: Int32Array; n: number }>();
  private unsorted = 0;

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.ts = new Float64Array(n);
    this.kind = new Uint8Array(n);
    this.host = new Int16Array(n);
    this.task = new Int32Array(n);
    this.obj = new Int32Array(n);
    this.peer = new Int32Array(n);
    this.arg = new Int32Array(n);
  }

  /** Arg code for a value (interning strings and large or fractional numbers). */
  argCode(a: EventArg): number {
    if (a === null) return ARG_NULL;
    if (typeof a === 'number' && Number.isInteger(a) && a >= -SMALL && a <= SMALL) return a * 2 + 1;
    return this.args.intern(a) * 2;
  }

  argOf(i: number): EventArg {
    const c = this.arg[i];
    if (c === ARG_NULL) return null;
    return c & 1 ? (c - 1) / 2 : this.args.get(c / 2);
  }

  /** Appends one event from column values; `argCode` from `argCode()`. Returns its index. */
  append(ts: number, kind: number, host: number, task: number, obj: number, peer: number, argCode: number, gen: number): number {
    const i = this.count;
    if (i === this.ts.length) this.grow(i * 2);
    if (i > 0 && ts < this.ts[i - 1]) this.unsorted++;
    this.ts[i] = ts;
    this.kind[i] = kind;
    this.host[i] = host;
    this.task[i] = task;
    this.obj[i] = obj;
    this.peer[i] = peer;
    this.arg[i] = argCode;
    if (gen !== 0 || this.gen.length) this.setGen(i, gen);
    if (this.seqCol) this.seqCol[i] = this.seqBase + i;
    this.count = i + 1;
    return i;
  }

  /** Appends one event object; hosts must fit 16 bits and gen 8 bits (the store's column widths). */
  appendEvent(e: TraceEvent): void {
    if (e.host < -1 || e.host > 0x7fff || e.gen < 0 || e.gen > 0xff) {
      throw new RangeError(`event ${e.seq}: host ${e.host} or gen ${e.gen} outside the store's column range`);
    }
    if (this.count === 0) this.seqBase = e.seq;
    else if (e.seq !== this.seqBase + this.count && !this.seqCol) {
      this.seqCol = new Float64Array(this.ts.length);
      for (let k = 0; k < this.count; k++) this.seqCol[k] = this.seqBase + k;
    }
    const i = this.append(e.ts, KIND_CODE.get(e.kind) ?? 0, e.host, e.task, e.obj, e.peer, this.argCode(e.arg), e.gen);
    if (this.seqCol) this.seqCol[i] = e.seq;
  }

  /** Appends a batch (events in seq order). */
  appendBatch(events: readonly TraceEvent[]): void {
    if (this.count + events.length > this.ts.length) this.grow(Math.max(this.ts.length * 2, this.count + events.length));
    for (const e of events) this.appendEvent(e);
  }

  genOf(i: number): number {
    return this.gen.length ? this.gen[i] : 0;
  }

  private setGen(i: number, gen: number): void {
    if (this.gen.length === 0) this.gen = new Uint8Array(this.ts.length);
    this.gen[i] = gen;
  }

  seq(i: number): number {
    return this.seqCol ? this.seqCol[i] : this.seqBase + i;
  }

  event(i: number): TraceEvent {
    return {
      seq: this.seq(i), ts: this.ts[i], kind: EVENT_KINDS[this.kind[i]], host: this.host[i], task: this.task[i],
      obj: this.obj[i], peer: this.peer[i], arg: this.argOf(i), gen: this.genOf(i),
    };
  }

  /** Materialises events `[from, to)` as objects (for writers and tests; the hot paths read columns). */
  events(from = 0, to = this.count): TraceEvent[] {
    const out = new Array<TraceEvent>(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.event(i);
    return out;
  }

  /** Yields events `[from, to)` one object at a time (streaming writers need no whole array). */
  *iterEvents(from = 0, to = this.count): Generator<TraceEvent> {
    for (let i = from; i < to; i++) yield this.event(i);
  }

  /** True while timestamps never decrease, which the range queries need. */
  get sorted(): boolean {
    return this.unsorted === 0;
  }

  /** First index with `ts >= tsNs` (binary search). */
  lowerBound(tsNs: number, lo = 0, hi = this.count): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] < tsNs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index range `[lo, hi)` of events with `t0 <= ts < t1`. */
  range(t0: number, t1: number): [number, number] {
    const lo = this.lowerBound(t0);
    return [lo, this.lowerBound(t1, lo)];
  }

  /** Lanes (host ids) present, ascending. */
  lanes(): number[] {
    this.buildLanes();
    return [...this.laneLists.keys()].sort((a, b) => a - b);
  }

  /** Event indices of one lane, in time order (a view: do not keep across appends). */
  laneIndex(host: number): Int32Array {
    this.buildLanes();
    const l = this.laneLists.get(host);
    return l ? l.idx.subarray(0, l.n) : new Int32Array(0);
  }

  /** Indices of `host`'s events with `t0 <= ts < t1`, in O(log n). */
  laneRange(host: number, t0: number, t1: number): Int32Array {
    const idx = this.laneIndex(host);
    const lb = (t: number, lo: number): number => {
      let hi = idx.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.ts[idx[mid]] < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const lo = lb(t0, 0);
    return idx.subarray(lo, lb(t1, lo));
  }

  /** Reorders events by time (stable), renumbering seq from `seqBase`; returns the old index of each. */
  sortByTime(): Int32Array {
    if (this.sorted) return Int32Array.from({ length: this.count }, (_, i) => i);
    const n = this.count;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.ts[a] - this.ts[b] || a - b);
    const perm = Int32Array.from(order);
    const take = <A extends Float64Array | Uint8Array | Int16Array | Int32Array>(col: A): void => {
      const copy = col.slice(0, n);
      for (let i = 0; i < n; i++) col[i] = copy[perm[i]];
    };
    take(this.ts); take(this.kind); take(this.host); take(this.task); take(this.obj); take(this.peer); take(this.arg);
    if (this.gen.length) take(this.gen);
    this.seqCol = null;
    this.unsorted = 0;
    this.laneLists = new Map();
    this.lanesBuilt = 0;
    return perm;
  }

  /** Drops spare capacity (after the last append). */
  trim(): void {
    if (this.ts.length !== this.count) this.grow(this.count);
    for (const l of this.laneLists.values()) if (l.idx.length !== l.n) l.idx = l.idx.slice(0, l.n);
  }

  /** Bytes held per event: columns, lane index and interned args. */
  bytesPerEvent(): number {
    let b = this.ts.byteLength + this.kind.byteLength + this.host.byteLength + this.task.byteLength +
      this.obj.byteLength + this.peer.byteLength + this.arg.byteLength + this.gen.byteLength + (this.seqCol?.byteLength ?? 0);
    for (const l of this.laneLists.values()) b += l.idx.byteLength;
    return (b + this.args.approxBytes()) / Math.max(1, this.count);
  }

  private buildLanes(): void {
    for (let i = this.lanesBuilt; i < this.count; i++) {
      const h = this.host[i];
      let l = this.laneLists.get(h);
      if (!l) this.laneLists.set(h, (l = { idx: new Int32Array(64), n: 0 }));
      if (l.n === l.idx.length) {
        const g = new Int32Array(l.n * 2);
        g.set(l.idx);
        l.idx = g;
      }
      l.idx[l.n++] = i;
    }
    this.lanesBuilt = this.count;
  }

  private grow(n: number): void {
    const cp = <A extends Float64Array | Uint8Array | Int16Array | Int32Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a.subarray(0, Math.min(this.count, n)));
      return b;
    };
    this.ts = cp(this.ts, (k) => new Float64Array(k));
    this.kind = cp(this.kind, (k) => new Uint8Array(k));
    this.host = cp(this.host, (k) => new Int16Array(k));
    this.task = cp(this.task, (k) => new Int32Array(k));
    this.obj = cp(this.obj, (k) => new Int32Array(k));
    this.peer = cp(this.peer, (k) => new Int32Array(k));
    this.arg = cp(this.arg, (k) => new Int32Array(k));
    if (this.gen.length) this.gen = cp(this.gen, (k) => new Uint8Array(k));
    if (this.seqCol) this.seqCol = cp(this.seqCol, (k) => new Float64Array(k));
  }
}
