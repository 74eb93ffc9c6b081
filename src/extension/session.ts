// What a timeline shows: a trace that is complete (an opened file) or still growing (a live
// kernel). Panels subscribe to it; it knows nothing of webviews.
import type { KernelState, NamesDelta, SessionInfo, TimelineNote } from '../protocol/messages';
import type { TraceEvent, TraceMeta, TraceNames } from '../trace/events';

export interface SessionListener {
  events?(added: readonly TraceEvent[]): void;
  names?(added: NamesDelta): void;
  status?(state: KernelState, detail?: string): void;
  notes?(added: readonly TimelineNote[]): void;
}

export function namesToDelta(n: TraceNames): NamesDelta {
  return {
    hosts: [...n.hosts],
    tasks: [...n.tasks],
    objects: [...n.objects].map(([id, o]) => [id, o.type, o.name]),
  };
}

let nextId = 1;

export class TraceSession {
  readonly id = `s${nextId++}`;
  readonly events: TraceEvent[] = [];
  /** Scenario notes that have fired, in order (a snapshot resends them all). */
  readonly notes: TimelineNote[] = [];
  state: KernelState = 'idle';
  detail: string | undefined;
  private readonly listeners = new Set<SessionListener>();

  /** `threads`: a scenario's own threads, whose lanes the timeline shows first. */
  constructor(
    readonly title: string,
    readonly meta: TraceMeta,
    readonly live: boolean,
    readonly threads: readonly string[] = [],
  ) {}

  info(): SessionInfo {
    const s: SessionInfo = {
      id: this.id,
      title: this.title,
      source: this.meta.source,
      live: this.live,
      names: namesToDelta(this.meta.names),
      eventCount: this.events.length,
    };
    if (this.meta.scenario !== undefined) s.scenario = this.meta.scenario;
    if (this.meta.seed !== undefined) s.seed = this.meta.seed;
    if (this.threads.length > 0) s.threads = [...this.threads];
    return s;
  }

  subscribe(l: SessionListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  append(events: readonly TraceEvent[]): void {
    if (events.length === 0) return;
    for (const e of events) this.events.push(e);
    for (const l of this.listeners) l.events?.(events);
  }

  addNames(added: NamesDelta): void {
    for (const [id, name] of added.hosts) this.meta.names.hosts.set(id, name);
    for (const [pid, comm] of added.tasks) this.meta.names.tasks.set(pid, comm);
    for (const [id, type, name] of added.objects) this.meta.names.objects.set(id, { type, name });
    for (const l of this.listeners) l.names?.(added);
  }

  addNotes(added: readonly TimelineNote[]): void {
    if (added.length === 0) return;
    for (const n of added) this.notes.push(n);
    for (const l of this.listeners) l.notes?.(added);
  }

  setStatus(state: KernelState, detail?: string): void {
    this.state = state;
    this.detail = detail;
    for (const l of this.listeners) l.status?.(state, detail);
  }
}
