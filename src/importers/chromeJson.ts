// Chrome Trace Event JSON from other tools (object or array form; B/E/X/i/I/M/C, flows s/t/f and
// bind ids) and LKL Scope's own files, read back losslessly from `args.lkl`. Streams through
// the trace layer's element scanner: no string larger than one element is built.
import { NONE, emptyNames, isObjectType, type EventArg, type EventKind, type TraceEvent, type TraceMeta } from '../trace/events';
import { eventFromLkl } from '../trace/chromeJsonReader';
import { ChromeJsonScanner, JsonSyntaxError } from '../trace/jsonScanner';
import { EventStore } from '../trace/store';
import { Diagnostics } from './diagnostics';
import { finishResult } from './result';
import type { ImportOptions, ImportResult, Importer } from './types';

interface ChromeElement {
  ph?: unknown; name?: unknown; ts?: unknown; dur?: unknown; pid?: unknown; tid?: unknown;
  id?: unknown; id2?: unknown; bind_id?: unknown; flow_in?: unknown; flow_out?: unknown; args?: Record<string, unknown>;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NONE);

export class ChromeJsonImporter implements Importer {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly diags: Diagnostics;
  private readonly foreign: TraceEvent[] = [];
  private readonly foreignSrc: string[] = [];
  private readonly own: TraceEvent[] = [];
  private readonly names = emptyNames();
  private ownMeta: TraceMeta | null = null;
  private readonly hosts = new Map<number, number>();
  private readonly counts = { parsed: 0, skipped: 0, broken: 0 };
  private bytes = 0;
  private newlines = 0;
  private endsWithNewline = false;
  private failed = false;
  private readonly scanner = new ChromeJsonScanner({
    element: (json, line) => this.element(json, line),
    topLevel: (key, json, line) => this.topLevel(key, json, line),
  });

  constructor(private readonly opts: ImportOptions = {}) {
    this.diags = new Diagnostics(opts.maxDiagnostics);
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) this.newlines++;
    if (chunk.length) this.endsWithNewline = chunk[chunk.length - 1] === 10;
    this.feed(this.decoder.decode(chunk, { stream: true }));
    this.opts.onProgress?.(this.bytes);
  }

  end(): ImportResult {
    this.feed(this.decoder.decode());
    if (!this.failed) this.guard(() => this.scanner.end());
    const lossless = this.ownMeta !== null;
    const events = lossless ? this.own : this.foreign;
    const srcNames: string[] = [];
    const srcOf = new Map<string, number>();
    const ids = new Uint16Array(events.length);
    events.forEach((e, i) => {
      const name = lossless ? e.kind : this.foreignSrc[i];
      let id = srcOf.get(name);
      if (id === undefined) srcOf.set(name, (id = srcNames.push(name) - 1));
      ids[i] = id;
    });
    if (lossless) this.counts.parsed = events.length;
    const store = new EventStore(events.length);
    store.appendBatch(events);
    return finishResult({
      format: lossless ? 'lkl-scope' : 'chrome-json',
      meta: this.ownMeta ?? { version: 1, source: 'chrome-json', names: this.names },
      store,
      diagnostics: this.diags.list,
      diagnosticCount: this.diags.count,
      lines: this.counts,
      sourceNames: srcNames,
      sourceIds: ids,
      tgids: new Map(),
      bytes: this.bytes,
    });
  }

  private feed(text: string): void {
    if (text && !this.failed) this.guard(() => this.scanner.push(text));
  }

  /** A JSON syntax error ends the scan (the rest cannot be framed); what was read is kept. */
  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      // The scanner parses top-level keys with JSON.parse, whose SyntaxError has no line: it is
      // located at the input read so far.
      if (!(e instanceof JsonSyntaxError) && !(e instanceof SyntaxError)) throw e;
      this.failed = true;
      this.counts.broken++;
      // An error at the very end is located on the last line, not the empty one after it.
      const last = Math.max(1, this.newlines + (this.endsWithNewline ? 0 : 1));
      const line = e instanceof JsonSyntaxError ? e.line : last;
      this.diags.add(Math.min(line, last), `expected valid JSON: ${e.message.replace(/^line \d+: /, '')}`);
    }
  }

  private topLevel(key: string, json: string, line: number): void {
    if (key !== 'metadata') return;
    try {
      const m = (JSON.parse(json) as Record<string, unknown> | null)?.['lkl-scope'];
      if (m === undefined) return;
      this.ownMeta = ownMeta(m, line);
    } catch (e) {
      this.diags.add(line, `expected LKL Scope metadata: ${(e as Error).message}`);
    }
  }

  private element(json: string, line: number): void {
    let el: ChromeElement;
    try {
      el = JSON.parse(json) as ChromeElement;
    } catch (e) {
      this.counts.broken++;
      this.diags.add(line, `expected a JSON object: ${(e as Error).message}`);
      return;
    }
    if (typeof el !== 'object' || el === null || Array.isArray(el)) {
      this.counts.broken++;
      this.diags.add(line, 'expected an event object');
      return;
    }
    if (el.args && typeof el.args === 'object' && el.args.lkl !== undefined) {
      try {
        this.own.push(eventFromLkl(el.args.lkl, line));
      } catch (e) {
        this.counts.broken++;
        this.diags.add(line, `expected a model event in args.lkl: ${(e as Error).message.replace(/^line \d+: /, '')}`);
      }
      return;
    }
    this.foreignElement(el, line);
  }

  /** Chrome pids become dense host ids (the store keeps hosts in 16 bits). */
  private hostOf(pid: number): number {
    if (pid === NONE) return NONE;
    let h = this.hosts.get(pid);
    if (h === undefined) {
      h = this.hosts.size;
      this.hosts.set(pid, h);
      if (!this.names.hosts.has(h)) this.names.hosts.set(h, `pid ${pid}`);
    }
    return h;
  }

  private foreignElement(el: ChromeElement, line: number): void {
    const ph = typeof el.ph === 'string' ? el.ph : '';
    const name = typeof el.name === 'string' ? el.name : '';
    const pid = this.hostOf(num(el.pid));
    const tid = num(el.tid);
    if (ph === 'M') {
      const label = el.args?.name;
      if (typeof label === 'string' && name === 'thread_name' && tid !== NONE) this.names.tasks.set(tid, label);
      else if (typeof label === 'string' && name === 'process_name' && pid !== NONE) this.names.hosts.set(pid, `${label} (pid ${el.pid})`);
      this.counts.skipped++;
      return;
    }
    if (!ph) {
      this.counts.broken++;
      this.diags.add(line, 'expected "ph" (the event phase)');
      return;
    }
    const tsUs = typeof el.ts === 'number' ? el.ts : ph === 'C' || ph === 'i' || ph === 'I' ? 0 : NaN;
    if (!Number.isFinite(tsUs)) {
      this.counts.broken++;
      this.diags.add(line, `expected a numeric "ts" in a "${ph}" event`);
      return;
    }
    const ts = Math.round(tsUs * 1000);
    const kind: EventKind = ph === 'i' || ph === 'I' || ph === 'R' ? 'marker' : 'generic';
    const extra: string[] = [];
    if (ph === 'X' && typeof el.dur === 'number') extra.push(`dur=${Math.round(el.dur * 1000)}ns`);
    for (const k of ['id', 'id2', 'bind_id', 'flow_in', 'flow_out'] as const) {
      if (el[k] !== undefined) extra.push(`${k}=${JSON.stringify(el[k])}`);
    }
    if (el.args && typeof el.args === 'object' && Object.keys(el.args).length) extra.push(`args=${JSON.stringify(el.args)}`);
    const arg: EventArg = kind === 'marker' && !extra.length ? name : `${ph} ${name}${extra.length ? ': ' + extra.join(' ') : ''}`;
    this.foreign.push({ seq: this.foreign.length, ts, kind, host: pid, task: tid, obj: NONE, peer: NONE, arg, gen: 0 });
    this.foreignSrc.push(name || ph);
    this.counts.parsed++;
  }
}

function ownMeta(m: unknown, line: number): TraceMeta {
  if (typeof m !== 'object' || m === null) throw new Error(`line ${line}: metadata.lkl-scope is not an object`);
  const o = m as Record<string, unknown>;
  if (o.version !== 1) throw new Error(`metadata.lkl-scope.version: expected 1, got ${JSON.stringify(o.version)}`);
  const names = emptyNames();
  const n = (o.names ?? {}) as Record<string, Record<string, unknown> | undefined>;
  for (const [k, v] of Object.entries(n.hosts ?? {})) names.hosts.set(Number(k), String(v));
  for (const [k, v] of Object.entries(n.tasks ?? {})) names.tasks.set(Number(k), String(v));
  for (const [k, v] of Object.entries(n.objects ?? {})) {
    const r = v as { type?: string; name?: unknown };
    if (r && isObjectType(r.type)) {
      names.objects.set(Number(k), { type: r.type, name: String(r.name) });
    }
  }
  const meta: TraceMeta = { version: 1, source: (typeof o.source === 'string' ? o.source : 'lkl-scope') as TraceMeta['source'], names };
  if (typeof o.scenario === 'string') meta.scenario = o.scenario;
  if (typeof o.seed === 'number') meta.seed = o.seed;
  return meta;
}
