// The runtime's event emitter: stamps each event with virtual time, the calling host thread and
// the task it carries, keeps names, and hands batches to subscribers. Events are held by column
// (EventLog); objects are built only for subscribers and readers of `events`.

import {
  type EventArg,
  type EventKind,
  KIND_CODE,
  NONE as NO_ID,
  type ObjectType,
  type TraceEvent,
  type TraceNames,
  emptyNames,
} from '../../trace/events';
import { EventLog } from './eventLog';

/** Module-local copy: imported bindings are getters in unbundled builds (hot path). */
const NONE = NO_ID;

/**
 * The code of a kind (its EVENT_KINDS index) for emitCode/emitTaskCode: hot callers look it up
 * once at module load, so no event costs a string-keyed map lookup.
 */
export function kindCode(kind: EventKind): number {
  return KIND_CODE.get(kind) as number;
}

export interface TracerClock {
  time(): number;
  threadSelf(): number;
  threadName(id: number): string;
}

/**
 * Task carried by each host thread, as a Map for its users, mirrored in an array by host id so
 * the emit path reads it without a map lookup.
 */
export class HostTasks extends Map<number, number> {
  private readonly byHost: number[] = [];

  override set(host: number, task: number): this {
    if (host >= 0 && host < 1 << 20) this.byHost[host] = task;
    return super.set(host, task);
  }

  override delete(host: number): boolean {
    if (host >= 0 && host < 1 << 20) this.byHost[host] = NONE;
    return super.delete(host);
  }

  override clear(): void {
    this.byHost.length = 0;
    super.clear();
  }

  /** The task `host` carries, NONE if none. */
  taskOf(host: number): number {
    const t = this.byHost[host];
    return t !== undefined ? t : host >= 1 << 20 ? (this.get(host) ?? NONE) : NONE;
  }
}

export class Tracer {
  readonly names: TraceNames = emptyNames();
  /** When false, emit only counts (benchmarks with tracing off). */
  enabled = true;
  keep = true;
  gen = 0;
  /** Events emitted, counted even when tracing is off (run bounds). */
  count = 0;
  /** Task carried by each host thread (kernel threads, bound host tasks). */
  readonly taskOfHost = new HostTasks();
  private readonly log = new EventLog();
  /** Objects built so far for `events` (a prefix of the log, kept mode only). */
  private readonly built: TraceEvent[] = [];
  /** Log index of the first event not yet flushed. */
  private flushed = 0;
  /** Host ids whose name is known to be in names.hosts (names only grow). */
  private readonly hostNamed: boolean[] = [];
  private readonly listeners = new Set<(batch: readonly TraceEvent[]) => void>();

  constructor(private readonly clock: TracerClock) {}

  emit(kind: EventKind, obj = NONE, peer = NONE, arg: EventArg = null): void {
    this.count++;
    if (!this.enabled) return;
    const h = this.clock.threadSelf() || NONE;
    this.push(kindCode(kind), h, obj, peer, arg, this.taskOfHost.taskOf(h));
  }

  /** emit with the kind's code (kindCode): the switch path's events. */
  emitCode(code: number, obj: number, peer: number): void {
    this.count++;
    if (!this.enabled) return;
    const h = this.clock.threadSelf() || NONE;
    this.push(code, h, obj, peer, null, this.taskOfHost.taskOf(h));
  }

  /** Emits with an explicit `task` (switch prev, waker, forking parent). */
  emitTask(kind: EventKind, task: number, obj = NONE, peer = NONE, arg: EventArg = null): void {
    this.emitTaskCode(kindCode(kind), task, obj, peer, arg);
  }

  /** emitTask with the kind's code (kindCode). */
  emitTaskCode(code: number, task: number, obj: number, peer: number, arg: EventArg): void {
    this.count++;
    if (!this.enabled) return;
    this.push(code, this.clock.threadSelf() || NONE, obj, peer, arg, task);
  }

  /** Emits on behalf of host thread `host` (thread exit, seen from the host loop). */
  emitFor(host: number, kind: EventKind, obj = NONE, peer = NONE, arg: EventArg = null): void {
    this.count++;
    if (!this.enabled) return;
    this.push(kindCode(kind), host, obj, peer, arg, this.taskOfHost.taskOf(host));
  }

  private push(
    code: number,
    host: number,
    obj: number,
    peer: number,
    arg: EventArg,
    task: number,
  ): void {
    if (host !== NONE && this.hostNamed[host] !== true) this.nameHostOnce(host);
    this.log.pushCode(this.clock.time(), code, host, task, obj, peer, arg, this.gen);
  }

  private nameHostOnce(host: number): void {
    if (!this.names.hosts.has(host)) this.names.hosts.set(host, this.clock.threadName(host));
    if (host >= 0 && host < 1 << 20) this.hostNamed[host] = true;
  }

  /** Every event, in seq order, when `keep` is set (objects built on first read, then kept). */
  get events(): TraceEvent[] {
    if (this.keep) this.build(this.log.length);
    return this.built;
  }

  /** Bytes of the column store (benchmarks). */
  get logBytes(): number {
    return this.log.bytes;
  }

  private build(to: number): void {
    const b = this.built;
    for (let i = b.length; i < to; i++) b.push(this.log.get(i));
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
    const from = this.flushed;
    const to = this.log.length;
    if (from === to) return;
    this.flushed = to;
    if (this.listeners.size > 0) {
      let b: TraceEvent[];
      if (this.keep) {
        this.build(to);
        b = this.built.slice(from, to);
      } else b = this.log.slice(from, to);
      for (const fn of this.listeners) fn(b);
    }
    if (!this.keep) {
      this.log.clear();
      this.flushed = 0;
    }
  }
}
