// Strings from byte ranges, interned by content so a comm seen a million times is decoded once.
// Entries keep their bytes: lookups compare bytes, which also works for non-ASCII comms.

const decoder = new TextDecoder('utf-8');
const MAX_ENTRIES = 1 << 16;
const FRONT_MASK = 255;

/** An interned byte string, with per-use caches the importers fill in. */
export interface ByteEntry {
  bytes: Uint8Array;
  str: string;
  next: ByteEntry | undefined;
  /** Store arg code, once computed (NaN until then). */
  arg: number;
  /** Event name: its source id and mapping, once known (-1 until then). */
  src: number;
  ev: number;
}

/** Decodes `buf[a, b)`: ASCII by char codes, anything else through TextDecoder (U+FFFD for junk). */
export function decodeBytes(buf: Uint8Array, a: number, b: number): string {
  let s = '';
  for (let i = a; i < b; i++) {
    const c = buf[i];
    if (c >= 0x80) return decoder.decode(buf.subarray(a, b));
    s += String.fromCharCode(c);
  }
  return s;
}

export class ByteStrings {
  private readonly table = new Map<number, ByteEntry>();
  private size = 0;
  private readonly front: (ByteEntry | undefined)[] = new Array(FRONT_MASK + 1).fill(undefined);
  private readonly frontHash = new Int32Array(FRONT_MASK + 1);

  get(buf: Uint8Array, a: number, b: number): string {
    return this.entry(buf, a, b).str;
  }

  entry(buf: Uint8Array, a: number, b: number): ByteEntry {
    let h = 0x811c9dc5 | 0;
    for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i], 16777619);
    return this.hashed(buf, a, b, h);
  }

  /** `entry` when the caller already computed the FNV-1a hash of the bytes. */
  hashed(buf: Uint8Array, a: number, b: number, h: number): ByteEntry {
    // A direct-mapped front cache: the few names and states of a trace hit it without a Map probe.
    const slot = h & FRONT_MASK;
    const f = this.front[slot];
    if (f !== undefined && this.frontHash[slot] === h && f.bytes.length === b - a) {
      const k = f.bytes;
      let j = 0;
      while (j < k.length && k[j] === buf[a + j]) j++;
      if (j === k.length) return f;
    }
    const e = this.lookup(buf, a, b, h);
    this.front[slot] = e;
    this.frontHash[slot] = h;
    return e;
  }

  private lookup(buf: Uint8Array, a: number, b: number, h: number): ByteEntry {
    const head = this.table.get(h);
    for (let e = head; e !== undefined; e = e.next) {
      const k = e.bytes;
      if (k.length !== b - a) continue;
      let j = 0;
      while (j < k.length && k[j] === buf[a + j]) j++;
      if (j === k.length) return e;
    }
    const e: ByteEntry = { bytes: buf.slice(a, b), str: decodeBytes(buf, a, b), next: head, arg: NaN, src: -1, ev: -1 };
    if (this.size < MAX_ENTRIES) {
      this.table.set(h, e);
      this.size++;
    }
    return e;
  }
}
