// The webview's columnar event store: batches from the host are appended into growable typed
// arrays (about 40 bytes an event, so 10M events fit), with string args kept sparse.
import type { EventBatch } from '../../src/protocol/chunk';
import { EVENT_KINDS, type TraceEvent } from '../../src/trace/events';
import { grow, lowerBound } from './series';

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
    this.reserve(n);
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

  private reserve(n: number): void {
    if (n <= this.ts.length) return;
    this.seq = grow(this.seq, n);
    this.ts = grow(this.ts, n);
    this.kind = grow(this.kind, n);
    this.host = grow(this.host, n);
    this.task = grow(this.task, n);
    this.obj = grow(this.obj, n);
    this.peer = grow(this.peer, n);
    this.gen = grow(this.gen, n);
    this.argNum = grow(this.argNum, n);
    this.argType = grow(this.argType, n);
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
