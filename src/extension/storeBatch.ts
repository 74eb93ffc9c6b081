// A range of a columnar store as a webview batch, column by column: a snapshot of an opened
// 10M-event file goes out without making an object per event. Pure (no vscode): unit-tested.
import type { EventBatch } from '../protocol/chunk';
import { ARG_NULL, type EventStore } from '../trace/store';

export function encodeStoreRange(s: EventStore, from: number, to: number): EventBatch {
  const a = Math.max(0, from);
  const n = Math.max(0, Math.min(to, s.count) - a);
  const b: EventBatch = {
    count: n,
    seq: new Float64Array(n),
    ts: s.ts.slice(a, a + n),
    kind: s.kind.slice(a, a + n),
    host: Int32Array.from(s.host.subarray(a, a + n)),
    task: s.task.slice(a, a + n),
    obj: s.obj.slice(a, a + n),
    peer: s.peer.slice(a, a + n),
    gen: new Uint16Array(n),
    argType: new Uint8Array(n),
    argNum: new Float64Array(n),
    argStr: [],
  };
  const hasGen = s.gen.length > 0;
  for (let i = 0; i < n; i++) {
    const k = a + i;
    b.seq[i] = s.seq(k);
    if (hasGen) b.gen[i] = s.gen[k];
    const code = s.arg[k];
    if (code === ARG_NULL) continue;
    // odd codes are small integers; even ones interned strings or numbers (store.ts)
    const v = code & 1 ? (code - 1) / 2 : s.args.get(code / 2);
    if (typeof v === 'number') {
      b.argType[i] = 1;
      b.argNum[i] = v;
    } else {
      b.argType[i] = 2;
      b.argStr.push(v);
    }
  }
  return b;
}
