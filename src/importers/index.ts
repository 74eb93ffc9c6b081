// The importer registry: sniff the first bytes, pick the importer, stream the rest through it.
import { emptyNames } from '../trace/events';
import { EventStore } from '../trace/store';
import { ChromeJsonImporter } from './chromeJson';
import { createFtraceImporter } from './ftrace';
import { createPerfImporter } from './perf';
import { finishResult } from './result';
import { SNIFF_BYTES, sniff, type Sniffed } from './sniff';
import { createTraceCmdImporter } from './traceCmd';
import type { ImportOptions, ImportResult, Importer, TraceFormat } from './types';

export { sniff, type Sniffed } from './sniff';
export { formatDiagnostic } from './diagnostics';
export type { Diagnostic, ImportOptions, ImportResult, Importer, LineCounts, TraceFormat } from './types';

/** The importer for a sniffed format. */
export function createImporter(s: Extract<Sniffed, { format: TraceFormat }>, opts: ImportOptions = {}): Importer {
  switch (s.format) {
    case 'chrome-json':
    case 'lkl-scope':
      return new ChromeJsonImporter(opts);
    case 'trace-cmd':
      return createTraceCmdImporter(opts);
    case 'perf':
      return createPerfImporter(opts);
    default:
      return createFtraceImporter(s.format, s.layout ?? 'ftrace', opts);
  }
}

/** A result with no events and one whole-file error (empty, binary, unrecognised). */
export function failedImport(error: string, bytes: number): ImportResult {
  return {
    ...finishResult({
      format: 'ftrace', meta: { version: 1, source: 'ftrace', names: emptyNames() }, store: new EventStore(16),
      diagnostics: [{ line: 0, message: error }], diagnosticCount: 1, lines: { parsed: 0, skipped: 0, broken: 0 },
      sourceNames: [], sourceIds: new Uint16Array(0), tgids: new Map(), bytes,
    }),
    error,
  };
}

/**
 * A push-style importer that sniffs once enough bytes have arrived (64 KiB or the end),
 * for callers that receive chunks as they come (the extension streaming a file).
 */
export class SniffingImporter implements Importer {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private inner: Importer | null = null;
  private error: string | null = null;
  private bytes = 0;

  constructor(private readonly opts: ImportOptions = {}) {}

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.inner) this.inner.push(chunk);
    else if (!this.error) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes >= SNIFF_BYTES) this.start();
    }
    this.opts.onProgress?.(this.bytes);
  }

  end(): ImportResult {
    if (!this.inner && !this.error) this.start();
    if (this.inner) return this.inner.end();
    return failedImport(this.error ?? 'no data', this.bytes);
  }

  private start(): void {
    const head = concat(this.pending, Math.min(this.pendingBytes, SNIFF_BYTES));
    const s = sniff(head);
    if (s.format === null) {
      this.error = s.error;
      this.pending = [];
      return;
    }
    this.inner = createImporter(s, { ...this.opts, onProgress: undefined }); // progress is reported here
    for (const c of this.pending) this.inner.push(c);
    this.pending = [];
  }
}

/** Imports a whole trace from byte chunks (sync or async iterable). Never throws for bad input. */
export async function importTrace(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const imp = new SniffingImporter(opts);
  for await (const c of chunks) imp.push(c);
  return imp.end();
}

/** Synchronous `importTrace` for callers that already hold the chunks. */
export function importTraceSync(chunks: Iterable<Uint8Array>, opts: ImportOptions = {}): ImportResult {
  const imp = new SniffingImporter(opts);
  for (const c of chunks) imp.push(c);
  return imp.end();
}

function concat(parts: Uint8Array[], max: number): Uint8Array {
  const out = new Uint8Array(max);
  let o = 0;
  for (const p of parts) {
    if (o >= max) break;
    const take = p.subarray(0, max - o);
    out.set(take, o);
    o += take.length;
  }
  return out;
}
