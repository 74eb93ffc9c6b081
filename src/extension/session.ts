// What a timeline shows: a trace that is complete (an opened file) or still growing (a live
// kernel). Panels subscribe to it; it knows nothing of webviews. Its events live in columns (an
// opened file's importer store is adopted as is): a 10M-event trace is never 10M objects here.
import type { KernelState, NamesDelta, SessionInfo, TimelineNote } from '../protocol/messages';
import type { TraceEvent, TraceMeta, TraceNames } from '../trace/events';
import { EventStore } from '../trace/store';

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
  private store = new EventStore();
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
      eventCount: this.store.count,
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

  /** How many events the session holds. */
  get eventCount(): number {
    return this.store.count;
  }

  /** Events [from, to) as objects (a snapshot's batch, a writer's stream): made on demand. */
  events(from = 0, to = this.store.count): TraceEvent[] {
    return this.store.events(from, Math.min(to, this.store.count));
  }

  iterEvents(): Iterable<TraceEvent> {
    return this.store.iterEvents();
  }

  /** The columns themselves (read-only use: batches for the webview). */
  get columns(): EventStore {
    return this.store;
  }

  lastEvent(): TraceEvent | undefined {
    return this.store.count ? this.store.event(this.store.count - 1) : undefined;
  }

  /** The event numbered `seq`, if the session holds it. */
  eventBySeq(seq: number): TraceEvent | undefined {
    const s = this.store;
    const guess = seq - s.seqBase;
    if (guess >= 0 && guess < s.count && s.seq(guess) === seq) return s.event(guess);
    for (let i = 0; i < s.count; i++) if (s.seq(i) === seq) return s.event(i);
    return undefined;
  }

  append(events: readonly TraceEvent[]): void {
    if (events.length === 0) return;
    this.store.appendBatch(events);
    for (const l of this.listeners) l.events?.(events);
  }

  /** An opened file's events: its importer's store becomes the session's (no copy, no objects). */
  adopt(store: EventStore): void {
    if (this.store.count > 0) throw new Error(`session ${this.title} already holds events`);
    this.store = store;
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
