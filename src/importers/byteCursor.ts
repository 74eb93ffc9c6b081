// Scanning one line of bytes: decimals, timestamps, spaces and fixed keys, found left to right or
// right to left. Every line handed in has a CR or LF at `lineEnd` (see lineSplitter.ts), so digit
// and space loops stop there without a bounds check per byte.

const SP = 32;

/** A fixed byte string to match, with its skip table for `findLast`. */
export interface Pattern {
  bytes: Uint8Array;
  /** Bytes to move left when a window starting with byte `c` fails: the first index >= 1 of `c`, else the length. */
  shift: Uint8Array;
}

export function pattern(s: string): Pattern {
  const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0));
  const shift = new Uint8Array(256).fill(bytes.length);
  for (let q = bytes.length - 1; q >= 1; q--) shift[bytes[q]] = q;
  return { bytes, shift };
}

/** Reads the line `buf[start, lineEnd)`; `next` is where the last number ended. */
export class ByteCursor {
  buf: Uint8Array = new Uint8Array(0);
  start = 0;
  lineEnd = 0;
  /** Position after the last number read by `uint`/`seconds`. */
  next = 0;

  /** Unsigned decimal at `i` (at most 16 digits), or -1 when there is no digit there. */
  uint(i: number): number {
    const b = this.buf;
    let v = 0;
    let j = i;
    // The line's sentinel (CR/LF at lineEnd) ends the digits: no bounds check per byte.
    if (i <= this.lineEnd) {
      for (const cap = i + 16; j < cap; j++) {
        const d = b[j] - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
    }
    this.next = j;
    return j === i ? -1 : v;
  }

  /** `SECONDS.FRACTION` at `i` as integer ns (fractions past 9 digits are cut), or -1. */
  seconds(i: number): number {
    const s = this.uint(i);
    const b = this.buf;
    if (s < 0 || b[this.next] !== 46) return -1;
    let j = this.next + 1;
    let frac = 0;
    // Integer digits, no parseFloat: 9 kept (ns), the rest skipped; the sentinel ends the loop.
    const keep = j + 9;
    for (let d = b[j] - 48; d >= 0 && d <= 9; d = b[++j] - 48) if (j < keep) frac = frac * 10 + d;
    const digits = Math.min(j, keep) - (this.next + 1);
    if (digits === 0) return -1;
    for (let d = digits; d < 9; d++) frac *= 10;
    this.next = j;
    return s * 1e9 + frac;
  }

  skipSpaces(i: number): number {
    const b = this.buf;
    if (i < this.lineEnd) while (b[i] === SP) i++;
    return i;
  }

  startsWith(p: Pattern, i: number): boolean {
    const q = p.bytes;
    const n = q.length;
    if (i + n > this.lineEnd) return false;
    const b = this.buf;
    for (let k = 0; k < n; k++) if (b[i + k] !== q[k]) return false;
    return true;
  }

  /** Start of the last occurrence of `p` inside `[from, to)`, or -1. */
  findLast(p: Pattern, from: number, to: number): number {
    // Horspool, right to left: a failed window moves left by the skip of its first byte, so
    // digits and comm letters absent from a key are passed `m` bytes at a time.
    const b = this.buf;
    const q = p.bytes;
    const shift = p.shift;
    const m = q.length;
    const last = q[m - 1];
    for (let s = to - m; s >= from; s -= shift[b[s]]) {
      if (b[s + m - 1] !== last) continue;
      let k = m - 2;
      while (k >= 0 && b[s + k] === q[k]) k--;
      if (k < 0) return s;
    }
    return -1;
  }

  protected skipToken(j: number): number {
    const b = this.buf;
    const end = this.lineEnd;
    while (j < end && b[j] !== SP) j++;
    return j;
  }
}
