// The timeline webview panel: the ready → init handshake, event batches as columns at most once
// per frame, nothing sent while hidden (a fresh init on return), and requests that are
// rejected when the panel goes away.
import * as vscode from 'vscode';
import { batchBuffers, encodeBatch, type EventBatch } from '../protocol/chunk';
import {
  PROTOCOL_VERSION,
  type FromWebview, type Handlers, type HostRequest, type NamesDelta, type RelativeRange, type TimelineNote, type ToWebview, type ViewState, type WebviewRequest,
} from '../protocol/messages';
import type { TraceEvent } from '../trace/events';
import { Disposable } from './disposable';
import { timelineHtml } from './html';
import type { TraceSession } from './session';
import { encodeStoreRange } from './storeBatch';

export const TIMELINE_VIEW_TYPE = 'lklScope.timeline';
export const TIMELINE_TITLE = 'LKL Scope Timeline';
const FRAME_MS = 16;
const SNAPSHOT_BATCH = 250_000;

export interface PanelHost {
  extensionUri: vscode.Uri;
  log(line: string): void;
  onHostRequest(req: HostRequest): Promise<unknown>;
  onSelect?(startNs: number, endNs: number): void;
  /** The user moved the visible range (relative to the trace start): compare mode syncs its peer. */
  onViewRange?(range: RelativeRange): void;
}

export class TimelinePanel extends Disposable {
  private ready = false;
  private queue: TraceEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private batchSeq = 0;
  private nextRequestId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private unsubscribe: (() => void) | undefined;
  private viewState: ViewState | undefined;
  /** Resolves each time the webview completes the handshake (tests and commands wait on it). */
  private readonly readyEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private session: TraceSession,
    private readonly host: PanelHost,
    viewState?: ViewState,
  ) {
    super();
    this.viewState = viewState;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(host.extensionUri, 'media'),
      ],
    };
    panel.webview.html = timelineHtml(panel.webview, host.extensionUri, TIMELINE_TITLE);
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
    this._register(
      panel.onDidChangeViewState(() => {
        // Hidden webviews are torn down (no retainContextWhenHidden); they say `ready` again.
        if (!panel.visible) this.ready = false;
      }),
    );
    this._register(panel.onDidDispose(() => this.dispose()));
    this.attach(session);
  }

  get isReady(): boolean {
    return this.ready;
  }

  get currentSession(): TraceSession {
    return this.session;
  }

  /** Shows another session; the webview gets a fresh snapshot. */
  attach(session: TraceSession): void {
    if (session !== this.session) this.viewState = undefined; // a view belongs to its session
    this.unsubscribe?.();
    this.session = session;
    this.queue = [];
    this.unsubscribe = session.subscribe({
      events: (added) => this.enqueue(added),
      names: (added) => this.ready && this.post({ type: 'names', added }),
      status: (state, detail) => this.ready && this.post({ type: 'status', state, detail }),
      notes: (added) => this.postNotes(added),
    });
    if (this.ready) this.sendSnapshot();
  }

  /** Asks the webview for something; rejected if the panel closes first. */
  request(req: WebviewRequest): Promise<unknown> {
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      if (this.isDisposed) return reject(new Error('the timeline panel is closed'));
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'request', id, req });
    });
  }

  post(m: ToWebview, transfer?: ArrayBuffer[]): void {
    if (this.isDisposed) return;
    void transfer; // VS Code copies typed arrays efficiently; no transfer list in its API
    void this.panel.webview.postMessage(m);
  }

  private readonly handlers: Handlers<FromWebview> = {
    ready: (m) => {
      if (m.version !== PROTOCOL_VERSION) {
        this.post({ type: 'error', message: `webview protocol ${m.version}, extension ${PROTOCOL_VERSION}: reload the window` });
        return;
      }
      this.ready = true;
      this.sendSnapshot();
      this.readyEmitter.fire();
    },
    select: (m) => this.host.onSelect?.(m.startNs, m.endNs),
    viewRange: (m) => this.host.onViewRange?.(m.range),
    viewState: (m) => {
      this.viewState = m.view;
    },
    error: (m) => this.host.log(`webview error: ${m.message}`),
    request: (m) => {
      this.host.onHostRequest(m.req).then(
        (body) => this.post({ type: 'reply', id: m.id, ok: true, body }),
        (e: unknown) => this.post({ type: 'reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
    },
    reply: (m) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.body);
      else p.reject(new Error(m.error ?? 'the webview refused the request'));
    },
  };

  /** Messages cross a trust boundary: check the shape before dispatching. */
  private receive(m: unknown): void {
    if (typeof m !== 'object' || m === null || typeof (m as { type?: unknown }).type !== 'string') {
      this.host.log(`ignored malformed message from the webview: ${JSON.stringify(m)?.slice(0, 200)}`);
      return;
    }
    const type = (m as { type: string }).type;
    if (!Object.prototype.hasOwnProperty.call(this.handlers, type)) {
      this.host.log(`ignored unknown message type "${type}" from the webview`);
      return;
    }
    (this.handlers[type as FromWebview['type']] as (x: unknown) => void)(m);
  }

  private sendSnapshot(): void {
    this.queue = [];
    this.batchSeq = 0;
    this.post({ type: 'init', version: PROTOCOL_VERSION, session: this.session.info(), view: this.viewState });
    this.post({ type: 'status', state: this.session.state, detail: this.session.detail });
    const cols = this.session.columns;
    for (let i = 0; i < cols.count; i += SNAPSHOT_BATCH) this.postBatch(encodeStoreRange(cols, i, i + SNAPSHOT_BATCH));
    if (this.session.notes.length > 0) this.post({ type: 'notes', added: [...this.session.notes] });
  }

  /** Notes go after the events they point at: the queued batch is flushed first. */
  private postNotes(added: readonly TimelineNote[]): void {
    if (!this.ready) return; // the next snapshot carries them
    this.flush();
    this.post({ type: 'notes', added: [...added] });
  }

  private enqueue(added: readonly TraceEvent[]): void {
    if (!this.ready) return; // the next snapshot carries them
    for (const e of added) this.queue.push(e);
    this.flushTimer ??= setTimeout(() => this.flush(), FRAME_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (!this.ready || !this.panel.visible || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.sendBatch(batch);
  }

  private sendBatch(events: readonly TraceEvent[]): void {
    this.postBatch(encodeBatch(events));
  }

  private postBatch(batch: EventBatch): void {
    this.post({ type: 'events', seq: this.batchSeq++, batch }, batchBuffers(batch));
  }

  sendNames(added: NamesDelta): void {
    if (this.ready) this.post({ type: 'names', added });
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.unsubscribe?.();
    for (const p of this.pending.values()) p.reject(new Error('the timeline panel was closed'));
    this.pending.clear();
    super.dispose();
    this.panel.dispose();
  }
}
