// The runtime's event emitter: stamps each event with virtual time, the calling host thread and
// the task it carries, keeps names, and hands batches to subscribers.

import {
  EventFactory,
  type EventArg,
  type EventKind,
  NONE as NO_ID,
  type ObjectType,
  type TraceEvent,
  type TraceNames,
  emptyNames,
} from '../../trace/events';

/** Module-local copy: imported bindings are getters in unbundled builds (hot path). */
const NONE = NO_ID;

export interface TracerClock {
  time(): number;
  threadSelf(): number;
  threadName(id: number): string;
}

export class Tracer {
  readonly names: TraceNames = emptyNames();
  /** Every event, in seq order, when `keep` is set. */
  readonly events: TraceEvent[] = [];
  /** When false, emit only counts (benchmarks with tracing off). */
  enabled = true;
  keep = true;
  gen = 0;
  /** Events emitted, counted even when tracing is off (run bounds). */
  count = 0;
  /** Task carried by each host thread (kernel threads, bound host tasks). */
  readonly taskOfHost = new Map<number, number>();
  private readonly factory = new EventFactory();
  /** Reused argument object for EventFactory.make (one allocation per event, not two). */
  private readonly fields = {
    host: NONE,
    task: NONE,
    obj: NONE,
    peer: NONE,
    arg: null as EventArg,
    gen: 0,
  };
  private batch: TraceEvent[] = [];
  private readonly listeners = new Set<(batch: readonly TraceEvent[]) => void>();

  constructor(private readonly clock: TracerClock) {}

  emit(kind: EventKind, obj = NONE, peer = NONE, arg: EventArg = null): void {
    this.count++;
    if (!this.enabled) return;
    const h = this.clock.threadSelf() || NONE;
    this.push(kind, h, obj, peer, arg, this.taskOfHost.get(h) ?? NONE);
  }

  /** Emits with an explicit `task` (switch prev, waker, forking parent). */
  emitTask(kind: EventKind, task: number, obj = NONE, peer = NONE, arg: EventArg = null): void {
    this.count++;
    if (!this.enabled) return;
    this.push(kind, this.clock.threadSelf() || NONE, obj, peer, arg, task);
  }

  /** Emits on behalf of host thread `host` (thread exit, seen from the host loop). */
  emitFor(host: number, kind: EventKind, obj = NONE, peer = NONE, arg: EventArg = null): void {
    this.count++;
    if (!this.enabled) return;
    this.push(kind, host, obj, peer, arg, this.taskOfHost.get(host) ?? NONE);
  }

  private push(
    kind: EventKind,
    host: number,
    obj: number,
    peer: number,
    arg: EventArg,
    task: number,
  ): void {
    if (host !== NONE && !this.names.hosts.has(host)) {
      this.names.hosts.set(host, this.clock.threadName(host));
    }
    const f = this.fields;
    f.host = host;
    f.task = task;
    f.obj = obj;
    f.peer = peer;
    f.arg = arg;
    f.gen = this.gen;
    const e = this.factory.make(this.clock.time(), kind, f);
    if (this.keep) this.events.push(e);
    this.batch.push(e);
  }

  nameObject(id: number, type: ObjectType, name: string): void {
    this.names.objects.set(id, { type, name });
  }

  nameTask(pid: number, comm: string): void {
    this.names.tasks.set(pid, comm);
  }

  nameHost(id: number, name: string): void {
    this.names.hosts.set(id, name);
  }

  /** Calls `fn` with each batch of new events (delivered by `flush`); returns an unsubscribe. */
  subscribe(fn: (batch: readonly TraceEvent[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Delivers events emitted since the last flush (also those from before a late subscribe). */
  flush(): void {
    if (this.batch.length === 0) return;
    const b = this.batch;
    this.batch = [];
    for (const fn of this.listeners) fn(b);
  }
}
