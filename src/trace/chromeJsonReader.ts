// Reads LKL Scope's own Chrome JSON back into model events (the lossless half of chromeJson.ts).
// Only elements with `args.lkl` are model events; the rest were derived for other viewers.
import {
  emptyNames, isEventKind, isObjectType, OBJECT_TYPES,
  type TraceEvent, type TraceMeta, type TraceNames, type TraceSource,
} from './events';
import { ChromeJsonScanner, JsonSyntaxError } from './jsonScanner';

/** A file that is not a valid LKL Scope trace; `line` is 1-based, `field` names what was wrong. */
export class TraceFormatError extends Error {
  constructor(readonly line: number, readonly field: string, detail: string) {
    super(`line ${line}: ${field}: ${detail}`);
  }
}

const SOURCES: ReadonlySet<string> = new Set([
  'runtime', 'ftrace', 'ftrace-latency', 'tp_printk', 'trace-cmd', 'perf', 'chrome-json', 'lkl-scope',
]);

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Converts one `args.lkl` object, or throws naming the bad field. */
export function eventFromLkl(v: unknown, line: number): TraceEvent {
  if (typeof v !== 'object' || v === null) throw new TraceFormatError(line, 'args.lkl', 'is not an object');
  const o = v as Record<string, unknown>;
  for (const f of ['seq', 'ts', 'host', 'task', 'obj', 'peer', 'gen'] as const) {
    if (!isInt(o[f])) throw new TraceFormatError(line, `args.lkl.${f}`, `expected an integer, got ${JSON.stringify(o[f])}`);
  }
  if (!isEventKind(o.kind)) throw new TraceFormatError(line, 'args.lkl.kind', `${JSON.stringify(o.kind)} is not an event kind`);
  const arg = o.arg;
  if (!(arg === null || typeof arg === 'number' || typeof arg === 'string')) {
    throw new TraceFormatError(line, 'args.lkl.arg', 'expected a number, a string or null');
  }
  return {
    seq: o.seq as number, ts: o.ts as number, kind: o.kind, host: o.host as number, task: o.task as number,
    obj: o.obj as number, peer: o.peer as number, arg, gen: o.gen as number,
  };
}

function namesFromJson(v: unknown, line: number): TraceNames {
  const names = emptyNames();
  if (typeof v !== 'object' || v === null) throw new TraceFormatError(line, 'metadata.lkl-scope.names', 'is not an object');
  const o = v as Record<string, Record<string, unknown> | undefined>;
  for (const [k, name] of Object.entries(o.hosts ?? {})) names.hosts.set(Number(k), String(name));
  for (const [k, name] of Object.entries(o.tasks ?? {})) names.tasks.set(Number(k), String(name));
  for (const [k, ob] of Object.entries(o.objects ?? {})) {
    const r = ob as { type?: unknown; name?: unknown } | null;
    if (!r || !isObjectType(r.type)) {
      throw new TraceFormatError(line, `metadata.lkl-scope.names.objects.${k}.type`, `expected one of ${OBJECT_TYPES.join(', ')}`);
    }
    names.objects.set(Number(k), { type: r.type, name: String(r.name) });
  }
  return names;
}

/** Push-style reader: feed bytes with `push`, then `end()` returns the trace. */
export class ChromeJsonReader {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly events: TraceEvent[] = [];
  private meta: TraceMeta | null = null;
  private readonly scanner = new ChromeJsonScanner({
    element: (json, line) => {
      let el: { args?: { lkl?: unknown } };
      try {
        el = JSON.parse(json);
      } catch (e) {
        throw new TraceFormatError(line, 'traceEvents', `malformed event: ${(e as Error).message}`);
      }
      if (el && el.args && el.args.lkl !== undefined) this.events.push(eventFromLkl(el.args.lkl, line));
    },
    topLevel: (key, json, line) => {
      if (key !== 'metadata') return;
      const m = JSON.parse(json)?.['lkl-scope'];
      if (m === undefined) return;
      if (m.version !== 1) throw new TraceFormatError(line, 'metadata.lkl-scope.version', `expected 1, got ${JSON.stringify(m.version)}`);
      if (!SOURCES.has(m.source)) throw new TraceFormatError(line, 'metadata.lkl-scope.source', `unknown source ${JSON.stringify(m.source)}`);
      this.meta = { version: 1, source: m.source as TraceSource, names: namesFromJson(m.names, line) };
      if (typeof m.scenario === 'string') this.meta.scenario = m.scenario;
      if (isInt(m.seed)) this.meta.seed = m.seed;
    },
  });

  push(bytes: Uint8Array): void {
    this.feed(this.decoder.decode(bytes, { stream: true }));
  }

  pushText(text: string): void {
    this.feed(text);
  }

  end(): { meta: TraceMeta; events: TraceEvent[] } {
    this.feed(this.decoder.decode());
    this.wrap(() => this.scanner.end());
    if (!this.meta) throw new TraceFormatError(0, 'metadata.lkl-scope', 'missing: not an LKL Scope trace');
    return { meta: this.meta, events: this.events };
  }

  private feed(text: string): void {
    if (text) this.wrap(() => this.scanner.push(text));
  }

  private wrap(f: () => void): void {
    try {
      f();
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new TraceFormatError(e.line, 'json', e.message.replace(/^line \d+: /, ''));
      throw e;
    }
  }
}

/** Reads a whole trace from byte chunks (sync or async iterable). */
export async function readChromeJson(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<{ meta: TraceMeta; events: TraceEvent[] }> {
  const r = new ChromeJsonReader();
  for await (const c of chunks) r.push(c);
  return r.end();
}
