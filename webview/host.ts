// The webview's transport to its host. Inside VS Code: acquireVsCodeApi (postMessage, state).
// Standalone (out/boot.html): the trace embedded as JSON in #lkl-data is replayed as the
// messages a host would send (init, names, events, status) once the page says `ready`.
import type { EventBatch } from '../src/protocol/chunk';
import { PROTOCOL_VERSION, type FromWebview, type StandaloneData } from '../src/protocol/messages';

interface VsCodeApi {
  postMessage(m: unknown): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface Transport {
  readonly mode: 'vscode' | 'standalone';
  post(m: FromWebview): void;
  /** Subscribes to host messages (unvalidated: the app validates them); returns unsubscribe. */
  onMessage(f: (m: unknown) => void): () => void;
  getState(): unknown;
  setState(s: unknown): void;
}

export function connect(): Transport {
  return typeof acquireVsCodeApi === 'function' ? vscodeTransport(acquireVsCodeApi()) : standaloneTransport();
}

function vscodeTransport(api: VsCodeApi): Transport {
  return {
    mode: 'vscode',
    post: (m) => api.postMessage(m),
    onMessage(f) {
      const h = (e: MessageEvent): void => f(e.data);
      window.addEventListener('message', h);
      return () => window.removeEventListener('message', h);
    },
    getState: () => api.getState(),
    setState: (s) => api.setState(s),
  };
}

/** Listeners of the standalone page; `lklScope.deliver` (bench, tests) feeds them directly. */
function standaloneTransport(): Transport {
  const listeners = new Set<(m: unknown) => void>();
  const deliver = (m: unknown): void => listeners.forEach((f) => f(m));
  let state: unknown;
  /** What the page would have sent a host (the last 100), for tests. */
  const posted: FromWebview[] = [];
  (window as unknown as { lklScope?: unknown }).lklScope = { deliver, posted };
  return {
    mode: 'standalone',
    post(m) {
      posted.push(m);
      if (posted.length > 100) posted.shift();
      if (m.type === 'ready') replayEmbedded(deliver);
      else if (m.type === 'request') deliver({ type: 'reply', id: m.id, ok: false, error: 'no host in a standalone page' });
    },
    onMessage(f) {
      listeners.add(f);
      return () => listeners.delete(f);
    },
    getState: () => state,
    setState: (s) => {
      state = s;
    },
  };
}

function replayEmbedded(deliver: (m: unknown) => void): void {
  const el = document.getElementById('lkl-data');
  if (!el) return; // a page without data (the benchmark) is fed through lklScope.deliver
  let data: StandaloneData;
  try {
    data = JSON.parse(el.textContent ?? '') as StandaloneData;
  } catch (e) {
    deliver({ type: 'error', message: `embedded trace: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  const c = data.columns;
  if (typeof c !== 'object' || c === null) {
    deliver({ type: 'error', message: 'embedded trace: columns missing' });
    return;
  }
  deliver({ type: 'init', version: data.version ?? PROTOCOL_VERSION, session: data.session });
  const batch: EventBatch = {
    count: c.count,
    seq: Float64Array.from(c.seq ?? []),
    ts: Float64Array.from(c.ts ?? []),
    kind: Uint8Array.from(c.kind ?? []),
    host: Int32Array.from(c.host ?? []),
    task: Int32Array.from(c.task ?? []),
    obj: Int32Array.from(c.obj ?? []),
    peer: Int32Array.from(c.peer ?? []),
    gen: Uint16Array.from(c.gen ?? []),
    argType: Uint8Array.from(c.argType ?? []),
    argNum: Float64Array.from(c.argNum ?? []),
    argStr: c.argStr ?? [],
  };
  deliver({ type: 'events', seq: 0, batch });
  // a scenario run's notes; checked like any host message (a malformed list is an error state)
  const notes = (data as { notes?: unknown }).notes;
  if (notes !== undefined) deliver({ type: 'notes', added: notes });
  deliver({ type: 'status', state: data.status?.state ?? 'halted', detail: data.status?.detail });
}
