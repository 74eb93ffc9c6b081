// The runtime's in-memory event log, stored by column in fixed-size typed-array chunks (~33 bytes
// an event instead of a ~150-byte object); TraceEvent objects are built only when asked for.

import { EVENT_KINDS, type EventArg, type EventKind, type TraceEvent } from '../../trace/events';

/** Events per chunk; a power of two so an index splits with a shift and a mask. */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** Arg tags, kept in the top two bits of the kind byte (under 64 kinds). */
const ARG_NULL = 0;
const ARG_NUM = 1 << 6;
const ARG_STR = 2 << 6;
const KIND_MASK = 63;

const KIND_INDEX = new Map<string, number>(EVENT_KINDS.map((k, i) => [k, i]));
if (EVENT_KINDS.length > 64) throw new Error('eventLog: more than 64 event kinds');

/** Bytes per event: ts and arg (8 each), 4 ids (4 each), kind (1). */
const EVENT_BYTES = 33;

/** Four columns over one buffer: one backing store per chunk for the GC to track, not four. */
class Chunk {
  readonly ts: Float64Array;
  readonly arg: Float64Array;
  /** host, task, obj, peer of event i at 4i .. 4i+3. */
  readonly ids: Int32Array;
  readonly kind: Uint8Array;
  constructor() {
    const buf = new ArrayBuffer(CHUNK * EVENT_BYTES);
    this.ts = new Float64Array(buf, 0, CHUNK);
    this.arg = new Float64Array(buf, CHUNK * 8, CHUNK);
    this.ids = new Int32Array(buf, CHUNK * 16, CHUNK * 4);
    this.kind = new Uint8Array(buf, CHUNK * 32, CHUNK);
  }
}

export class EventLog {
  /** Events held; index i has seq `base + i`. */
  length = 0;
  base = 0;
  private readonly chunks: Chunk[] = [new Chunk()];
  private cur: Chunk;
  private off = 0;
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private lastStr: string | null = null;
  private lastStrId = 0;
  /** (index, gen) where the generation changed; gen before the first entry is 0. */
  private readonly gens: number[] = [];
  private lastGen = 0;
  /** Whole events whose ids do not fit an int32 (never in practice; kept exact anyway). */
  private readonly wide = new Map<number, TraceEvent>();

  constructor() {
    this.cur = this.chunks[0];
  }

  push(
    ts: number,
    kind: EventKind,
    host: number,
    task: number,
    obj: number,
    peer: number,
    arg: EventArg,
    gen: number,
  ): void {
    this.pushCode(ts, KIND_INDEX.get(kind) as number, host, task, obj, peer, arg, gen);
  }

  /** push with the kind as its code (EVENT_KINDS index): no string lookup on the hot path. */
  pushCode(
    ts: number,
    code: number,
    host: number,
    task: number,
    obj: number,
    peer: number,
    arg: EventArg,
    gen: number,
  ): void {
    if (this.off === CHUNK) this.nextChunk();
    const c = this.cur;
    const o = this.off++;
    const i = this.length++;
    if (gen !== this.lastGen) {
      this.lastGen = gen;
      this.gens.push(i, gen);
    }
    let k = code;
    c.ts[o] = ts;
    if (typeof arg === 'number') {
      k |= ARG_NUM;
      c.arg[o] = arg;
    } else if (typeof arg === 'string') {
      k |= ARG_STR;
      c.arg[o] = this.intern(arg);
    }
    c.kind[o] = k;
    const ids = c.ids;
    const b = o << 2;
    ids[b] = host;
    ids[b + 1] = task;
    ids[b + 2] = obj;
    ids[b + 3] = peer;
    if ((host | 0) !== host || (task | 0) !== task || (obj | 0) !== obj || (peer | 0) !== peer) {
      const kind = EVENT_KINDS[code];
      this.wide.set(i, { seq: this.base + i, ts, kind, host, task, obj, peer, arg, gen });
    }
  }

  /** Builds the event at index `i` (0 ≤ i < length). */
  get(i: number): TraceEvent {
    if (this.wide.size > 0) {
      const w = this.wide.get(i);
      if (w) return { ...w };
    }
    const c = this.chunks[i >>> CHUNK_BITS];
    const o = i & MASK;
    const k = c.kind[o];
    const tag = k & ~KIND_MASK;
    const b = o << 2;
    return {
      seq: this.base + i,
      ts: c.ts[o],
      kind: EVENT_KINDS[k & KIND_MASK],
      host: c.ids[b],
      task: c.ids[b + 1],
      obj: c.ids[b + 2],
      peer: c.ids[b + 3],
      arg: tag === ARG_NULL ? null : tag === ARG_NUM ? c.arg[o] : this.strings[c.arg[o]],
      gen: this.genAt(i),
    };
  }

  /** Events [from, to) as objects. */
  slice(from: number, to: number): TraceEvent[] {
    const out: TraceEvent[] = new Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.get(i);
    return out;
  }

  /** Drops every held event (seq numbering continues); keeps one chunk for reuse. */
  clear(): void {
    this.base += this.length;
    this.length = 0;
    this.chunks.length = 1;
    this.cur = this.chunks[0];
    this.off = 0;
    this.gens.length = 0;
    if (this.lastGen !== 0) this.gens.push(0, this.lastGen);
    this.wide.clear();
  }

  /** Bytes held by the columns (for benchmarks). */
  get bytes(): number {
    return this.chunks.length * CHUNK * EVENT_BYTES;
  }

  private nextChunk(): void {
    const c = new Chunk();
    this.chunks.push(c);
    this.cur = c;
    this.off = 0;
  }

  private intern(s: string): number {
    if (s === this.lastStr) return this.lastStrId;
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    this.lastStr = s;
    this.lastStrId = id;
    return id;
  }

  private genAt(i: number): number {
    const g = this.gens;
    let gen = 0;
    for (let j = 0; j < g.length && g[j] <= i; j += 2) gen = g[j + 1];
    return gen;
  }
}
