// Cuts byte chunks into lines without decoding: a chunk may end anywhere, even inside a UTF-8
// character, because only whole lines are handed on. Trailing CRs (console captures) are dropped.

/**
 * Receives one line as `buf[start, end)`, with its 1-based number. `buf[end]` is always a CR or
 * LF: a sentinel, so scans for digits or spaces stop at the line end without a bounds check.
 */
export type LineHandler = (buf: Uint8Array, start: number, end: number, lineNo: number) => void;

/** Longer lines are cut off: a binary blob or a runaway line must not grow memory without bound. */
export const MAX_LINE_BYTES = 1 << 20;

export class LineSplitter {
  private carry = new Uint8Array(256);
  private carryLen = 0;
  private overlong = false;
  lineNo = 0;
  bytes = 0;

  constructor(
    private readonly onLine: LineHandler,
    private readonly onOverlong: (lineNo: number) => void,
  ) {}

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let start = 0;
    if (this.carryLen > 0 || this.overlong) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.append(chunk, 0, chunk.length);
        return;
      }
      this.append(chunk, 0, nl);
      this.flushCarry();
      start = nl + 1;
    }
    this.words(chunk);
    for (let nl = this.nextLf(chunk, start); nl >= 0; nl = this.nextLf(chunk, start)) {
      this.emit(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length);
  }

  // The chunk as aligned 32-bit words (from byte `wordBase`), to look for LF four bytes at a time.
  private word: Int32Array = new Int32Array(0);
  private wordBase = 0;

  private words(chunk: Uint8Array): void {
    const pad = (4 - (chunk.byteOffset & 3)) & 3;
    const n = chunk.length > pad ? (chunk.length - pad) >> 2 : 0;
    this.word = new Int32Array(chunk.buffer, chunk.byteOffset + pad, n);
    this.wordBase = pad;
  }

  /** Index of the first LF at or after `i` in the chunk `words` was given, or -1. */
  private nextLf(c: Uint8Array, i: number): number {
    const n = c.length;
    const base = this.wordBase;
    const word = this.word;
    while (i < n && (i < base || ((i - base) & 3) !== 0)) {
      if (c[i] === 10) return i;
      i++;
    }
    if (i >= n) return -1;
    for (let k = (i - base) >> 2; k < word.length; k++) {
      // A word holds an LF when word ^ 0x0a0a0a0a has a zero byte (the exact zero-byte test).
      const x = word[k] ^ 0x0a0a0a0a;
      if (((x - 0x01010101) & ~x & 0x80808080) !== 0) {
        let j = base + (k << 2);
        while (j < n && c[j] !== 10) j++;
        return j < n ? j : -1;
      }
    }
    for (i = Math.max(i, base + (word.length << 2)); i < n; i++) if (c[i] === 10) return i;
    return -1;
  }

  end(): void {
    if (this.carryLen > 0 || this.overlong) this.flushCarry();
  }

  private append(chunk: Uint8Array, a: number, b: number): void {
    if (this.overlong) return;
    const need = this.carryLen + (b - a);
    if (need > MAX_LINE_BYTES) {
      this.overlong = true;
      return;
    }
    if (need >= this.carry.length) {
      const grown = new Uint8Array(Math.max(need + 1, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(a, b), this.carryLen);
    this.carryLen = need;
  }

  private flushCarry(): void {
    if (this.overlong) {
      this.lineNo++;
      this.onOverlong(this.lineNo);
    } else {
      this.carry[this.carryLen] = 10; // the sentinel the handler relies on
      this.emit(this.carry, 0, this.carryLen);
    }
    this.carryLen = 0;
    this.overlong = false;
  }

  private emit(buf: Uint8Array, start: number, end: number): void {
    this.lineNo++;
    while (end > start && buf[end - 1] === 13) end--;
    while (start < end && buf[start] === 13) start++;
    this.onLine(buf, start, end, this.lineNo);
  }
}
