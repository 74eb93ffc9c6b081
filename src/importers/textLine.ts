// Byte-level reading of one trace text line: the line prefixes of ftrace, latency format,
// trace-cmd, perf and console (tp_printk) captures. Parsed by structure, right to left where a
// comm may contain spaces, '-', '=' or ':', never by splitting on spaces or by regex.
import { NONE as NONE_ID } from '../trace/events';
import { ByteCursor } from './byteCursor';

// Module-local copies: the transpiled import is a getter call on every use in a hot loop.
const NONE: number = NONE_ID;
const SP = 32;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** How the columns before the event name are laid out. */
export type Layout = 'ftrace' | 'latency' | 'perf' | 'printk';

export class LineCursor extends ByteCursor {
  // The line prefix, once parsed.
  cpu = NONE;
  pid = NONE;
  tgid = NONE;
  tsNs = 0.5; // a double from the start, so the object's shape never changes
  commA = 0;
  commB = 0;
  nameA = 0;
  nameB = 0;
  fieldsA = 0;
  /** printk time of a console line, or -1. */
  printkNs = -1.5;
  /** Hash of the event name, computed while scanning it. */
  nameHash = 0;
  /** Column of the TASK-PID dash in the previous line: most lines share it. */
  private dashCol = 16;

  /** `[  123.456789]` printk prefix (optionally with a `[T12]`/`[C1]` caller id); -1 if absent. */
  printkPrefix(i: number): number {
    const b = this.buf;
    this.printkNs = -1;
    if (b[i] !== 91) return -1;
    const ts = this.seconds(this.skipSpaces(i + 1));
    if (ts < 0 || b[this.next] !== 93) return -1;
    this.printkNs = ts;
    let j = this.next + 1;
    if (b[j] === 91) {
      // CONFIG_PRINTK_CALLER: [T<pid>] or [C<cpu>]
      const k = this.skipSpaces(j + 1);
      const id = this.uint(k + 1);
      if ((b[k] === 84 || b[k] === 67) && id >= 0 && b[this.next] === 93) {
        if (b[k] === 84) this.pid = id;
        else this.cpu = id;
        j = this.next + 1;
      }
    }
    return this.skipSpaces(j);
  }

  /** Reads the line prefix of `layout` from `i`; returns null or what was expected. */
  prefix(layout: Layout, i: number): string | null {
    this.cpu = NONE;
    this.pid = NONE;
    this.tgid = NONE;
    this.commA = this.commB = i;
    switch (layout) {
      case 'ftrace': {
        const j = this.ftraceFast(this.skipSpaces(i));
        return j >= 0 ? this.eventName(j) : this.ftracePrefix(this.skipSpaces(i));
      }
      case 'latency': return this.latencyPrefix(this.skipSpaces(i));
      case 'perf': return this.perfPrefix(this.skipSpaces(i));
      case 'printk': {
        const j = this.printkPrefix(i);
        if (j < 0) return 'expected a "[SECONDS.FRACTION]" console timestamp';
        this.tsNs = this.printkNs;
        return this.eventName(j);
      }
    }
  }

  /**
   * Finds `-PID` followed by spaces and then `[`/`(` (mode 0) or a CPU number glued to its flags
   * (mode 1): the end of a comm of any content. Tries the column of the previous line first.
   */
  private taskPid(i: number, mode: number): number {
    const guess = this.start + this.dashCol;
    if (guess >= i) {
      const m = this.pidAt(guess, mode);
      if (m >= 0) return m;
    }
    const b = this.buf;
    for (let k = i; k < this.lineEnd; k++) {
      if (b[k] !== 45) continue;
      const m = this.pidAt(k, mode);
      if (m >= 0) {
        this.dashCol = k - this.start;
        return m;
      }
    }
    return -1;
  }

  private pidAt(k: number, mode: number): number {
    const b = this.buf;
    if (b[k] !== 45) return -1;
    const pid = this.uint(k + 1);
    if (pid < 0 || b[this.next] !== SP) return -1;
    const m = this.skipSpaces(this.next);
    if (m >= this.lineEnd) return -1;
    const c = b[m];
    if (mode === 0 ? c !== 91 && c !== 40 : !isDigit(c) || this.uint(m) < 0 || isDigit(b[this.next]) || b[this.next] === SP) {
      return -1;
    }
    this.commB = k;
    this.pid = pid;
    return m;
  }

  /**
   * The usual ftrace line in one pass over locals: the dash in the previous line's column, no
   * TGID column. Reads what `ftracePrefix` reads, the same way; returns the position after the
   * timestamp's ':', or -1 to let `ftracePrefix` decide (and word the error) from the start.
   */
  private ftraceFast(i: number): number {
    const b = this.buf;
    const end = this.lineEnd;
    const k = this.start + this.dashCol;
    if (k < i || k >= end || b[k] !== 45) return -1;
    // The sentinel at `end` (CR/LF) stops every digit and space loop below.
    let j = k + 1;
    let pid = 0;
    for (let d = b[j] - 48; d >= 0 && d <= 9; d = b[++j] - 48) pid = pid * 10 + d;
    if (j === k + 1 || j - k > 17 || b[j] !== SP) return -1;
    while (b[j] === SP) j++;
    if (b[j] !== 91) return -1;
    let q = j + 1;
    let cpu = 0;
    for (let d = b[q] - 48; d >= 0 && d <= 9; d = b[++q] - 48) cpu = cpu * 10 + d;
    if (q === j + 1 || q - j > 17 || b[q] !== 93) return -1;
    j = q + 1;
    while (b[j] === SP) j++;
    if (j < end && !isDigit(b[j])) {
      while (j < end && b[j] !== SP) j++; // the flags column
      while (b[j] === SP) j++;
    }
    let sec = 0;
    q = j;
    for (let d = b[q] - 48; d >= 0 && d <= 9; d = b[++q] - 48) sec = sec * 10 + d;
    if (q === j || q - j > 16 || b[q] !== 46) return -1;
    const f0 = ++q;
    const keep = f0 + 9;
    let frac = 0;
    for (let d = b[q] - 48; d >= 0 && d <= 9; d = b[++q] - 48) if (q < keep) frac = frac * 10 + d;
    const digits = Math.min(q, keep) - f0;
    if (digits === 0 || b[q] !== 58) return -1;
    for (let d = digits; d < 9; d++) frac *= 10;
    this.commA = i;
    this.commB = k;
    this.pid = pid;
    this.cpu = cpu;
    this.tsNs = sec * 1e9 + frac;
    this.next = q;
    return q + 1;
  }

  // `comm-pid [(tgid)] [cpu] [flags] secs.frac: name: fields` (ftrace, trace-cmd report)
  private ftracePrefix(i: number): string | null {
    const b = this.buf;
    this.commA = i;
    let j = this.taskPid(i, 0);
    if (j < 0) return 'expected "TASK-PID [CPU]" at the start of the line';
    if (b[j] === 40) {
      j = this.skipSpaces(j + 1);
      const tgid = this.uint(j);
      if (tgid >= 0) {
        this.tgid = tgid;
        j = this.next;
      } else while (j < this.lineEnd && b[j] === 45) j++;
      if (b[j] !== 41) return 'expected ")" closing the TGID column';
      j = this.skipSpaces(j + 1);
    }
    const cpu = this.uint(j + 1);
    if (b[j] !== 91 || cpu < 0 || b[this.next] !== 93) return 'expected "[CPU]" after the task';
    this.cpu = cpu;
    j = this.skipSpaces(this.next + 1);
    if (j < this.lineEnd && !isDigit(b[j])) j = this.skipSpaces(this.skipToken(j));
    return this.timestamp(j);
  }

  // `comm8-pid  CPUflags  NNNNus+: name: fields` (latency-format, ftrace_dump_on_oops)
  private latencyPrefix(i: number): string | null {
    const b = this.buf;
    this.commA = i;
    let j = this.taskPid(i, 1);
    if (j < 0) return 'expected "COMM-PID CPU FLAGS" at the start of the line';
    this.cpu = this.uint(j);
    j = this.skipSpaces(this.skipToken(this.next));
    const t = this.uint(j);
    if (t < 0) return 'expected a relative timestamp such as "41759us"';
    j = this.next;
    const us = b[j] === 117 && b[j + 1] === 115;
    if (us) j += 2;
    if (b[j] !== 58) j++; // the delay mark: ' ', '+', '!', '#', '*', '@', '$'
    if (b[j] !== 58) return 'expected ":" after the relative timestamp';
    this.tsNs = us ? t * 1000 : t;
    return this.eventName(j + 1);
  }

  // `comm pid[/tid] [cpu] secs.frac: sys:name: fields` (perf script)
  private perfPrefix(i: number): string | null {
    const b = this.buf;
    for (let k = i + 1; k < this.lineEnd; k++) {
      if (b[k] !== 91 || b[k - 1] !== SP) continue;
      const cpu = this.uint(k + 1);
      if (cpu < 0 || b[this.next] !== 93) continue;
      const after = this.next + 1;
      let m = k - 1;
      while (m > i && b[m] === SP) m--;
      const idEnd = m + 1;
      while (m >= i && isDigit(b[m])) m--;
      if (m + 1 === idEnd) continue;
      let id = this.uint(m + 1);
      if (m >= i && b[m] === 47) {
        m--; // pid/tid: the thread is what we model
        while (m >= i && isDigit(b[m])) m--;
      }
      if (m >= i && b[m] === 45) {
        m--; // perf prints `:-1 -1` when it does not know the task
        id = NONE;
      }
      if (m >= i && b[m] !== SP) continue;
      while (m >= i && b[m] === SP) m--;
      this.commA = i;
      this.commB = m + 1;
      this.pid = id;
      this.cpu = cpu;
      return this.timestamp(this.skipSpaces(after));
    }
    return 'expected "COMM PID [CPU]" at the start of the line';
  }

  private timestamp(j: number): string | null {
    const ts = this.seconds(j);
    if (ts < 0 || this.buf[this.next] !== 58) return 'expected a timestamp "SECONDS.FRACTION:"';
    this.tsNs = ts;
    return this.eventName(this.next + 1);
  }

  /** `name:` (or `sys:name:`) then the fields; the name has no spaces. */
  private eventName(j: number): string | null {
    const b = this.buf;
    j = this.skipSpaces(j);
    const a = j;
    let sys = j;
    let h = 0x811c9dc5 | 0;
    for (const end = this.lineEnd; j < end; j++) {
      const c = b[j];
      if (c > 91) {
        // Lower-case letters and '_': the usual name bytes, none of the stops below.
        h = Math.imul(h ^ c, 16777619);
        continue;
      }
      if (c === 58) {
        if (j + 1 === this.lineEnd || b[j + 1] === SP) break;
        sys = j + 1;
        h = 0x811c9dc5 | 0;
        continue;
      } else if (c === SP && j > a && b[j + 1] === 60 && b[j + 2] === 45) {
        // The function tracer: `func <-parent`, no event name.
        this.nameA = this.nameB = a;
        this.fieldsA = a;
        this.nameHash = 0;
        return null;
      } else if (c === SP || c === 91 || c === 61) return 'expected "EVENT: fields" after the timestamp';
      h = Math.imul(h ^ c, 16777619);
    }
    this.nameHash = h;
    if (j >= this.lineEnd || j === sys) return 'expected "EVENT: fields" after the timestamp';
    this.nameA = sys;
    this.nameB = j;
    this.fieldsA = this.skipSpaces(j + 1);
    if (a === j) return 'expected an event name';
    return null;
  }
}
