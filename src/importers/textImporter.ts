// One importer for every line-oriented trace text (ftrace, latency format, tp_printk console,
// trace-cmd report, perf script): the layouts differ only in the columns before the event name.
import { NONE as NONE_ID, emptyNames } from '../trace/events';
import { EventStore } from '../trace/store';
import { ByteStrings, type ByteEntry } from './byteStrings';
import { Diagnostics } from './diagnostics';
import { LineSplitter } from './lineSplitter';
import { EVENT_CODES, Ev, SchedFields } from './schedFields';
import type { Layout } from './textLine';
import { pattern } from './byteCursor';
import type { ImportOptions, ImportResult, Importer, TraceFormat } from './types';
import { finishResult } from './result';

// Module-local copy: the transpiled import is a getter call on every use in a hot loop.
const NONE: number = NONE_ID;
const COMM_SLOTS_MASK = 4095;
const HEADER_CPUS = pattern('#P:');
const CPUS = pattern('cpus=');
const VERSION = pattern('version = ');
const CPU = pattern('CPU');
const DUMPING = pattern('Dumping ftrace');
const DASHES = pattern('-----');

export class TextImporter extends SchedFields implements Importer {
  private readonly strings = new ByteStrings();
  private readonly names_ = new ByteStrings();
  private readonly functionEntry: ByteEntry = { bytes: new Uint8Array(0), str: 'function', next: undefined, arg: NaN, src: -1, ev: -1 };
  private readonly commPid = new Int32Array(COMM_SLOTS_MASK + 1).fill(-1);
  private readonly commEntry: (ByteEntry | undefined)[] = new Array(COMM_SLOTS_MASK + 1).fill(undefined);
  private readonly names = emptyNames();
  private readonly store = new EventStore(1 << 16);
  private srcIds = new Uint16Array(1024);
  private readonly srcNames: string[] = [];
  private readonly tgids = new Map<number, number>();
  private readonly diags: Diagnostics;
  private readonly splitter: LineSplitter;
  private readonly counts = { parsed: 0, skipped: 0, broken: 0 };
  private headerCpus: number | undefined;
  private src = 0;

  constructor(
    private readonly format: TraceFormat,
    private readonly layout: Layout,
    private readonly opts: ImportOptions = {},
  ) {
    super();
    this.diags = new Diagnostics(opts.maxDiagnostics);
    this.splitter = new LineSplitter(
      (buf, a, b, n) => this.line(buf, a, b, n),
      (n) => this.broken(n, 'expected a line shorter than 1 MiB (binary data?)'),
    );
  }

  push(chunk: Uint8Array): void {
    // A node Buffer is a Uint8Array subclass: one element type keeps the byte reads monomorphic.
    if (chunk.constructor !== Uint8Array) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    this.splitter.push(chunk);
    this.opts.onProgress?.(this.splitter.bytes);
  }

  end(): ImportResult {
    this.splitter.end();
    for (const h of this.hostsSeen()) if (h !== NONE && !this.names.hosts.has(h)) this.names.hosts.set(h, `CPU ${h}`);
    return finishResult({
      format: this.format,
      meta: { version: 1, source: this.format, names: this.names },
      store: this.store,
      diagnostics: this.diags.list,
      diagnosticCount: this.diags.count,
      lines: this.counts,
      sourceNames: this.srcNames,
      sourceIds: this.srcIds.subarray(0, this.store.count),
      tgids: this.tgids,
      headerCpus: this.headerCpus,
      bytes: this.splitter.bytes,
    });
  }

  /** Host (CPU) values in the store, ascending: a scan of the column, not the store's lane index (built on first use). */
  private hostsSeen(): number[] {
    const host = this.store.host;
    const n = this.store.count;
    let lo = 0x7fff;
    let hi = -0x8000;
    for (let i = 0; i < n; i++) {
      const h = host[i];
      if (h < lo) lo = h;
      if (h > hi) hi = h;
    }
    if (n === 0) return [];
    const seen = new Uint8Array(hi - lo + 1);
    for (let i = 0; i < n; i++) seen[host[i] - lo] = 1;
    const out: number[] = [];
    for (let k = 0; k < seen.length; k++) if (seen[k]) out.push(k + lo);
    return out;
  }

  protected comm(pid: number, a: number, b: number): void {
    // Direct-mapped cache of the last comm bytes per pid: most events repeat a known name.
    const slot = pid & COMM_SLOTS_MASK;
    const known = this.commEntry[slot];
    if (known !== undefined && this.commPid[slot] === pid) {
      const k = known.bytes;
      const n = k.length;
      if (n === b - a) {
        const buf = this.buf;
        let j = 0;
        while (j < n && k[j] === buf[a + j]) j++;
        if (j === n) return;
      }
    }
    const e = this.strings.entry(this.buf, a, b);
    this.commPid[slot] = pid;
    this.commEntry[slot] = e;
    if (this.names.tasks.get(pid) !== e.str) this.names.tasks.set(pid, e.str);
  }

  protected strArg(a: number, b: number): number {
    const e = this.strings.entry(this.buf, a, b);
    if (e.arg !== e.arg) e.arg = this.store.argCode(e.str);
    return e.arg;
  }

  protected valArg(v: number | string): number {
    return this.store.argCode(v);
  }

  protected emit(kind: number, task: number, peer: number, obj: number, arg: number): void {
    const n = this.store.append(this.tsNs, kind, this.cpu, task, obj, peer, arg, 0);
    if (n === this.srcIds.length) {
      const grown = new Uint16Array(n * 2);
      grown.set(this.srcIds);
      this.srcIds = grown;
    }
    this.srcIds[n] = this.src;
  }

  private broken(lineNo: number, message: string): void {
    this.counts.broken++;
    this.diags.add(lineNo, message);
  }

  private line(buf: Uint8Array, a: number, b: number, lineNo: number): void {
    if (lineNo === 1 && buf[a] === 0xef && buf[a + 1] === 0xbb && buf[a + 2] === 0xbf) a += 3; // UTF-8 BOM
    this.buf = buf;
    this.start = a;
    this.lineEnd = b;
    const i = this.skipSpaces(a);
    if (i === b) {
      this.counts.skipped++;
      return;
    }
    if (buf[i] === 35) return this.comment(i);
    // Past the leading spaces already skipped here (the printk layout reads from the line start).
    let from = this.layout === 'printk' ? a : i;
    let console = false;
    if (buf[i] === 91 && this.layout !== 'printk') {
      const j = this.printkPrefix(i);
      if (j >= 0) {
        from = j;
        console = true;
      }
    }
    const c0 = buf[i];
    if ((c0 === 99 || c0 === 118 || c0 === 68 || c0 === 45) && this.noise(i)) {
      this.counts.skipped++;
      return;
    }
    const err = this.prefix(this.layout, from);
    if (err !== null) {
      // Console captures interleave other kernel messages: those are not trace lines.
      // A line whose TASK-PID column parsed is a (damaged) trace line, whatever surrounds it.
      if (this.layout === 'printk' || (this.pid === NONE && (console || this.startsWith(CPU, i)))) this.counts.skipped++;
      else this.broken(lineNo, err);
      return;
    }
    // An empty name is a function-tracer line: one `function` source for all of them.
    const ne = this.nameA === this.nameB ? this.functionEntry : this.names_.hashed(buf, this.nameA, this.nameB, this.nameHash);
    const name = ne.str;
    if (ne.src < 0) {
      if (this.layout === 'printk' && !/^[a-z0-9_]+$/.test(name)) {
        this.counts.skipped++;
        return;
      }
      ne.src = this.srcNames.push(name) - 1;
      ne.ev = EVENT_CODES.get(name) ?? Ev.Generic;
    }
    this.src = ne.src;
    if (this.tgid !== NONE && this.tgids.get(this.pid) !== this.tgid) this.tgids.set(this.pid, this.tgid);
    const ferr = this.fields(ne.ev, name);
    if (ferr !== null) return this.broken(lineNo, ferr);
    this.counts.parsed++;
    // The TASK column is the comm when the buffer was read: a fallback only.
    const slot = this.pid & COMM_SLOTS_MASK;
    if (this.pid > 0 && this.commB > this.commA && this.commPid[slot] !== this.pid && !this.names.tasks.has(this.pid)) {
      const s = this.strings.get(buf, this.commA, this.commB);
      if (s !== '<...>') this.names.tasks.set(this.pid, s);
    }
  }

  private comment(i: number): void {
    this.counts.skipped++;
    const p = this.findLast(HEADER_CPUS, i, this.lineEnd);
    if (p >= 0 && this.uint(p + 3) > 0) this.headerCpus = this.uint(p + 3);
  }

  /** Header and framing lines of trace-cmd and of console dumps. */
  private noise(i: number): boolean {
    if (this.startsWith(CPUS, i)) {
      const n = this.uint(i + 5);
      if (n > 0) this.headerCpus = n;
      return n >= 0 && this.next === this.lineEnd;
    }
    return this.startsWith(VERSION, i) || this.startsWith(DUMPING, i) || this.startsWith(DASHES, i);
  }
}
