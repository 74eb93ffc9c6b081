// What every importer returns, and the options they take. Importers take bytes, never paths.
import type { TraceEvent, TraceMeta } from '../trace/events';
import type { EventStore } from '../trace/store';

/** Formats the sniffer recognises; the names are the `format` field of `lkl-scope stats --json`. */
export type TraceFormat =
  | 'ftrace'
  | 'ftrace-latency'
  | 'tp_printk'
  | 'trace-cmd'
  | 'perf'
  | 'chrome-json'
  | 'lkl-scope';

/** One located problem: `line` is 1-based (0 when it concerns the whole file). */
export interface Diagnostic {
  line: number;
  message: string;
}

export interface LineCounts {
  /** Lines that became an event. */
  parsed: number;
  /** Headers, comments, blank lines and console noise that carry no event. */
  skipped: number;
  /** Lines that looked like events but did not parse; each has a diagnostic. */
  broken: number;
}

export interface ImportOptions {
  /** Used only to locate diagnostics (`file:line: ...`). */
  fileName?: string;
  /** Called after each chunk with the bytes consumed so far. */
  onProgress?(bytes: number): void;
  /** Diagnostics kept in full (the count is always exact); default 1000. */
  maxDiagnostics?: number;
}

export interface ImportResult {
  format: TraceFormat;
  meta: TraceMeta;
  /** The events in columns; `ts` is non-decreasing (console captures are stably re-sorted). */
  store: EventStore;
  /** The same events as objects, in `seq` order (materialised from `store` on first access). */
  readonly events: TraceEvent[];
  /** The first `maxDiagnostics` problems; `diagnosticCount` has them all. */
  diagnostics: Diagnostic[];
  diagnosticCount: number;
  /** Set when nothing could be read at all (empty or binary file): one line naming what it is. */
  error?: string;
  lines: LineCounts;
  /** Events per original event name (`sched_switch`, `sched_wakeup_new`, `print`, ...). */
  bySource: Record<string, number>;
  /** Original event name of each event: `sourceNames[sourceIds[i]]` names `events[i]`. */
  sourceNames: string[];
  sourceIds: Uint16Array;
  /** Thread group of each pid, where the trace shows it (TGID column). */
  tgids: Map<number, number>;
  /** Number of CPUs the file's header announces, if it does. */
  headerCpus?: number;
  /** Bytes read. */
  bytes: number;
  /** How many events were moved to restore time order (tp_printk across CPUs). */
  reordered: number;
}

/** A push-style importer: feed chunks, then `end()`. Never throws for bad input. */
export interface Importer {
  push(chunk: Uint8Array): void;
  end(): ImportResult;
}
