// The webview's columnar event store: batches from the host are appended into growable typed
// arrays (about 40 bytes an event, so 10M events fit), with string args kept sparse.
import type { EventBatch } from '../../src/protocol/chunk';
import { EVENT_KINDS, type TraceEvent } from '../../src/trace/events';
import { lowerBound } from './series';

const BIG_ROWS = 1 << 20;
/** The most rows reserved ahead on the host's word (about 1.3 GB of columns, mostly never touched). */
export const MAX_EXPECTED_ROWS = 1 << 25;

export class EventStore {
  count = 0;
  seq = new Float64Array(0);
  ts = new Float64Array(0);
  kind = new Uint8Array(0);
  host = new Int32Array(0);
  task = new Int32Array(0);
  obj = new Int32Array(0);
  peer = new Int32Array(0);
  gen = new Uint16Array(0);
  argNum = new Float64Array(0);
  /** 0 none, 1 number, 2 string (in argStr). */
  argType = new Uint8Array(0);
  argStr = new Map<number, string>();
  /** True while every appended ts is >= the one before: binary searches rely on it. */
  sorted = true;

  get firstTs(): number {
    return this.count > 0 ? this.ts[0] : 0;
  }

  get lastTs(): number {
    return this.count > 0 ? this.ts[this.count - 1] : 0;
  }

  /** Appends a validated batch (see validateBatch). */
  append(b: EventBatch): void {
    const base = this.count;
    const n = base + b.count;
    this.ensure(n);
    this.seq.set(b.seq, base);
    this.ts.set(b.ts, base);
    this.kind.set(b.kind, base);
    this.host.set(b.host, base);
    this.task.set(b.task, base);
    this.obj.set(b.obj, base);
    this.peer.set(b.peer, base);
    this.gen.set(b.gen, base);
    this.argNum.set(b.argNum, base);
    this.argType.set(b.argType, base);
    let s = 0;
    for (let i = 0; i < b.count; i++) {
      if (b.argType[i] === 2) this.argStr.set(base + i, b.argStr[s++] ?? '');
    }
    let prev = base > 0 ? this.ts[base - 1] : -Infinity;
    for (let i = base; i < n && this.sorted; i++) {
      if (this.ts[i] < prev) this.sorted = false;
      prev = this.ts[i];
    }
    this.count = n;
  }

  /** Room for at least n events in one allocation (for a caller that knows the total ahead). */
  reserve(n: number): void {
    if (n > this.ts.length) this.resize(n);
  }

  /**
   * Reserves room for `n` more events the host announced (its snapshot's size), so a bulk load
   * copies no column while growing: at 10M events the growth copies were a sixth of the load.
   * Capped, and best effort: a reservation that cannot be had leaves growth to append.
   */
  expect(n: number): void {
    const want = Math.min(this.count + Math.max(0, Math.floor(n)), MAX_EXPECTED_ROWS);
    try {
      this.reserve(want);
    } catch {
      // out of memory for the whole reservation: append grows as it goes
    }
  }

  private ensure(n: number): void {
    if (n <= this.ts.length) return;
    // past a million rows capacity grows fourfold: each growth copies every column into fresh
    // memory (page faults, then the copy), about a tenth of a 10M-event load when doubling;
    // capacity never written is only reserved address space
    let cap = Math.max(16, this.ts.length);
    while (cap < n) cap *= cap >= BIG_ROWS ? 4 : 2;
    this.resize(cap);
  }

  private resize(cap: number): void {
    // only the rows held are copied: after clear() nothing is, and fresh memory is not touched
    const n = this.count;
    const re = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(a: T): T => {
      const b = new (a.constructor as new (len: number) => T)(cap);
      if (n > 0) b.set(a.subarray(0, n) as T);
      return b;
    };
    this.seq = re(this.seq);
    this.ts = re(this.ts);
    this.kind = re(this.kind);
    this.host = re(this.host);
    this.task = re(this.task);
    this.obj = re(this.obj);
    this.peer = re(this.peer);
    this.gen = re(this.gen);
    this.argNum = re(this.argNum);
    this.argType = re(this.argType);
  }

  arg(i: number): number | string | null {
    const t = this.argType[i];
    return t === 1 ? this.argNum[i] : t === 2 ? (this.argStr.get(i) ?? '') : null;
  }

  event(i: number): TraceEvent {
    return {
      seq: this.seq[i],
      ts: this.ts[i],
      kind: EVENT_KINDS[this.kind[i]],
      host: this.host[i],
      task: this.task[i],
      obj: this.obj[i],
      peer: this.peer[i],
      arg: this.arg(i),
      gen: this.gen[i],
    };
  }

  /** First event index with ts >= tsNs. */
  indexAt(tsNs: number): number {
    return lowerBound(this.ts, this.count, tsNs);
  }

  clear(): void {
    this.count = 0;
    this.argStr.clear();
    this.sorted = true;
  }
}
