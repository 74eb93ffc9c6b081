// Event batches as columns for postMessage: each column is its own typed array, so a batch
// of a million events is a handful of ArrayBuffers rather than a million objects.
import { EVENT_KINDS, KIND_CODE, type TraceEvent } from '../trace/events';

/** Columns of `count` events. `argStr` holds only the string args, in event order. */
export interface EventBatch {
  count: number;
  seq: Float64Array;
  ts: Float64Array;
  kind: Uint8Array;
  host: Int32Array;
  task: Int32Array;
  obj: Int32Array;
  peer: Int32Array;
  gen: Uint16Array;
  /** 0 = no arg, 1 = number in argNum, 2 = next string of argStr. */
  argType: Uint8Array;
  argNum: Float64Array;
  argStr: string[];
}

export function encodeBatch(events: readonly TraceEvent[]): EventBatch {
  const n = events.length;
  const b: EventBatch = {
    count: n,
    seq: new Float64Array(n),
    ts: new Float64Array(n),
    kind: new Uint8Array(n),
    host: new Int32Array(n),
    task: new Int32Array(n),
    obj: new Int32Array(n),
    peer: new Int32Array(n),
    gen: new Uint16Array(n),
    argType: new Uint8Array(n),
    argNum: new Float64Array(n),
    argStr: [],
  };
  for (let i = 0; i < n; i++) {
    const e = events[i];
    b.seq[i] = e.seq;
    b.ts[i] = e.ts;
    b.kind[i] = KIND_CODE.get(e.kind) ?? 0;
    b.host[i] = e.host;
    b.task[i] = e.task;
    b.obj[i] = e.obj;
    b.peer[i] = e.peer;
    b.gen[i] = e.gen;
    if (typeof e.arg === 'number') {
      b.argType[i] = 1;
      b.argNum[i] = e.arg;
    } else if (typeof e.arg === 'string') {
      b.argType[i] = 2;
      b.argStr.push(e.arg);
    }
  }
  return b;
}

export function decodeBatch(b: EventBatch): TraceEvent[] {
  const out: TraceEvent[] = new Array(b.count);
  let s = 0;
  for (let i = 0; i < b.count; i++) {
    const t = b.argType[i];
    out[i] = {
      seq: b.seq[i],
      ts: b.ts[i],
      kind: EVENT_KINDS[b.kind[i]],
      host: b.host[i],
      task: b.task[i],
      obj: b.obj[i],
      peer: b.peer[i],
      arg: t === 1 ? b.argNum[i] : t === 2 ? b.argStr[s++] : null,
      gen: b.gen[i],
    };
  }
  return out;
}

/** The ArrayBuffers of a batch, for a transfer list. */
export function batchBuffers(b: EventBatch): ArrayBuffer[] {
  return [b.seq, b.ts, b.kind, b.host, b.task, b.obj, b.peer, b.gen, b.argType, b.argNum].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Checks a batch that crossed a trust boundary; returns a message naming the bad field. */
export function validateBatch(b: unknown): string | null {
  if (typeof b !== 'object' || b === null) return 'batch is not an object';
  const r = b as Record<string, unknown>;
  const n = r.count;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return 'batch.count is not a count';
  const cols: [string, Function][] = [
    ['seq', Float64Array], ['ts', Float64Array], ['kind', Uint8Array], ['host', Int32Array],
    ['task', Int32Array], ['obj', Int32Array], ['peer', Int32Array], ['gen', Uint16Array],
    ['argType', Uint8Array], ['argNum', Float64Array],
  ];
  for (const [name, ctor] of cols) {
    const c = r[name];
    if (!(c instanceof ctor)) return `batch.${name} is not a ${ctor.name}`;
    if ((c as Float64Array).length !== n) return `batch.${name} has length ${(c as Float64Array).length}, expected ${n}`;
  }
  if (!Array.isArray(r.argStr)) return 'batch.argStr is not an array';
  const kinds = r.kind as Uint8Array;
  for (let i = 0; i < n; i++) if (kinds[i] >= EVENT_KINDS.length) return `batch.kind[${i}] is ${kinds[i]}`;
  return null;
}
