// The one message protocol between the extension host and the timeline webview (types only).
// Both sides build a `Handlers<…>` object, so a message type nobody handles is a compile error.
import type { ObjectType, TraceSource } from '../trace/events';
import type { EventBatch } from './chunk';

export const PROTOCOL_VERSION = 1;

export type KernelState = 'idle' | 'booting' | 'running' | 'halting' | 'halted' | 'panic' | 'deadlock' | 'stopped';

/** Names as plain arrays, so they survive structured cloning unchanged. */
export interface NamesDelta {
  hosts: [id: number, name: string][];
  tasks: [pid: number, comm: string][];
  objects: [id: number, type: ObjectType, name: string][];
}

/** What the panel shows: a live runtime session or an opened file. */
export interface SessionInfo {
  id: string;
  title: string;
  source: TraceSource;
  live: boolean;
  scenario?: string;
  seed?: number;
  names: NamesDelta;
  /** Events the session holds as this is sent (the snapshot that follows): room is reserved for them. */
  eventCount?: number;
  /** A scenario's own threads (their host threads' names): the timeline shows their lanes first. */
  threads?: string[];
}

/** View state the webview persists with setState and gets back on restore. */
export interface ViewState {
  viewStartNs?: number;
  viewEndNs?: number;
  filters?: { kinds?: string[]; tasks?: number[]; cpus?: number[]; objects?: number[] };
  selection?: { startNs: number; endNs: number };
  followLive?: boolean;
  /** Object ids (semaphores, mutexes) shown as their own lanes, in the order they were added. */
  objectLanes?: number[];
}

/** A scenario's teaching note, drawn on the timeline at the moment it fired. */
export interface TimelineNote {
  /** Virtual time of the moment, ns (same clock as the events). */
  ts: number;
  /** The scenario's note id (or its `when` text): stable across restarts with the same seed. */
  id: string;
  text: string;
  /** The thread or object the note is about, when it names one (NONE-free: omitted). */
  task?: number;
  obj?: number;
}

/**
 * A visible range relative to the first event of the trace, so two runs whose clocks start
 * at different times can be lined up side by side.
 */
export interface RelativeRange {
  offsetStartNs: number;
  offsetEndNs: number;
}

/** Requests the extension makes of the webview. */
export type WebviewRequest = { kind: 'exportImage'; format: 'png' | 'svg' } | { kind: 'viewState' };

/** The palette commands the webview may run (the panel's run controls); nothing else. */
export const RUN_COMMANDS = ['pause', 'resume', 'stepSwitch', 'stepUpDown', 'stepPhase', 'halt', 'restart'] as const;
export type RunCommand = (typeof RUN_COMMANDS)[number];

/** Requests the webview makes of the extension. */
export type HostRequest =
  | { kind: 'openSource'; seq: number }
  | { kind: 'runCommand'; command: RunCommand };

export type ToWebview =
  /** Full snapshot: sent after `ready`, on reattach, and when the session changes. */
  | { type: 'init'; version: number; session: SessionInfo; view?: ViewState }
  /** A batch of events as columns; `seq` counts batches so a gap is visible. */
  | { type: 'events'; seq: number; batch: EventBatch }
  /** Names registered since the last message. */
  | { type: 'names'; added: NamesDelta }
  /** Kernel or import state for the status line. */
  | { type: 'status'; state: KernelState; detail?: string; virtualNs?: number }
  /** Progress of a long import, 0..1. */
  | { type: 'progress'; fraction: number; detail?: string }
  /** A failed import or run: the webview shows an error state with this text. */
  | { type: 'error'; message: string }
  /** Select and reveal something chosen elsewhere (tree view). */
  | { type: 'reveal'; startNs: number; endNs: number; task?: number; obj?: number }
  /** Scenario notes that fired since the last message (live runs) or all of them (snapshot). */
  | { type: 'notes'; added: TimelineNote[] }
  /** Compare mode: show this relative range (the other side of the comparison moved). */
  | { type: 'syncView'; range: RelativeRange }
  /** Compare mode on or off: the label names the other side ("compared with …"). */
  | { type: 'compare'; peer: string | null }
  | { type: 'request'; id: number; req: WebviewRequest }
  | { type: 'reply'; id: number; ok: boolean; error?: string; body?: unknown };

export type FromWebview =
  | { type: 'ready'; version: number }
  | { type: 'select'; startNs: number; endNs: number }
  | { type: 'viewState'; view: ViewState }
  /** The user changed the visible range (at most once per frame); used to sync a compare peer. */
  | { type: 'viewRange'; range: RelativeRange }
  | { type: 'error'; message: string }
  | { type: 'request'; id: number; req: HostRequest }
  | { type: 'reply'; id: number; ok: boolean; error?: string; body?: unknown };

/** One handler per message type; a missing one does not compile. */
export type Handlers<U extends { type: string }> = {
  [K in U['type']]: (m: Extract<U, { type: K }>) => void;
};

/**
 * The trace a standalone page (out/boot.html, no VS Code) embeds as JSON in
 * `<script type="application/json" id="lkl-data">`: the session, the final status and the
 * EventBatch columns as plain arrays (kind as its code in EVENT_KINDS).
 */
export interface StandaloneData {
  version: number;
  session: SessionInfo;
  status?: { state: KernelState; detail?: string };
  /** A scenario run's notes that fired (absent for a plain boot or an imported trace). */
  notes?: TimelineNote[];
  columns: {
    count: number;
    seq: number[];
    ts: number[];
    kind: number[];
    host: number[];
    task: number[];
    obj: number[];
    peer: number[];
    gen: number[];
    argType: number[];
    argNum: number[];
    argStr: string[];
  };
}
