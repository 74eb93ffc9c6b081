// The trace contract: every event the runtime emits and every importer produces.
// Runtime, importers, store, analyses, CLI, extension and webview all meet here (DESIGN.md "Trace events").

/** Every event kind, grouped by family as in DESIGN.md, plus the import family for real Linux traces. */
export const EVENT_KINDS = [
  // host semaphore
  'sem.alloc', 'sem.free', 'sem.up', 'sem.down.wait', 'sem.down',
  // host mutex
  'mutex.lock.wait', 'mutex.lock', 'mutex.unlock',
  // host thread
  'thread.create', 'thread.exit', 'thread.join.wait', 'thread.join',
  // host timer / irq
  'timer.set', 'timer.fire', 'irq.raise', 'irq.enter', 'irq.exit',
  // LKL CPU
  'cpu.get.wait', 'cpu.get', 'cpu.put', 'cpu.owner', 'cpu.shutdown',
  // scheduler
  'sched.switch', 'sched.wakeup', 'sched.fork', 'sched.exit', 'sched.setattr',
  // syscalls
  'syscall.enter', 'syscall.exit',
  // boot
  'boot.phase.begin', 'boot.phase.end', 'boot.initcall.begin', 'boot.initcall.end', 'boot.done',
  // halt
  'halt.step.begin', 'halt.step.end', 'halt.done',
  // kexec, faults
  'kexec.load', 'kexec.unload', 'kexec.exec', 'panic', 'deadlock', 'printk', 'warn',
  // imported from real traces: events with no runtime counterpart
  'sched.waking', 'sched.migrate', 'sched.runtime', 'sched.exec', 'marker', 'generic',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

/** Id used in `host`, `task`, `obj` and `peer` when the field does not apply. */
export const NONE = -1;

/** Payload: a number (count, errno, ns), a string (phase name, message, JSON) or nothing. */
export type EventArg = number | string | null;

/**
 * One event. `ts` is integer nanoseconds (virtual time for the runtime, trace time for imports).
 * For imported traces `host` is the CPU number. `peer` is the other party: switch next, wake-up
 * target, the thread an up releases. `gen` is the kernel generation (kexec increments it).
 */
/*
 * Field conventions the file writer and the timeline rely on (runtime traces):
 * - `cpu.owner`: emitted by the host thread handing the LKL CPU over (`host`, `task` its task);
 *   `peer` = the host thread that owns it now (NONE: released, nobody owns it).
 * - `sched.switch`: `task` = prev pid, `peer` = next pid, `host` = the host thread that switched,
 *   `obj` = the wait object prev goes to sleep on (wait queue, semaphore, mutex, completion,
 *   sleep timer), NONE if it stays runnable.
 * - `sched.wakeup`/`sched.waking`: `task` = the waker (current), `peer` = the woken task,
 *   `obj` = the wait object it woke from (NONE if unknown); `sched.fork`: `task` = parent,
 *   `peer` = child.
 * - `sched.setattr`: `task` = the task whose class or priority changed, `arg` = how it now runs:
 *   "normal nice 5", "batch nice 0", "fifo 50", "rr 10", "idle", or a scenario class's name;
 *   " (boosted)" while priority inheritance lends it a waiter's priority.
 * - `sem.up`: `obj` = semaphore id, `peer` = host thread released (NONE if nobody was waiting).
 * - `boot.phase.*`, `halt.step.*`, `boot.initcall.*`: `arg` = the phase, step or initcall name.
 */
export interface TraceEvent {
  seq: number;
  ts: number;
  kind: EventKind;
  host: number;
  task: number;
  obj: number;
  peer: number;
  arg: EventArg;
  gen: number;
}

/**
 * What a named object is: a host or kernel semaphore, a mutex, a timer, an IRQ line, or a kernel
 * wait queue (plain queues, completions, child-exit waits) tasks sleep on.
 */
export const OBJECT_TYPES = ['sem', 'mutex', 'timer', 'irq', 'waitq'] as const;

export type ObjectType = (typeof OBJECT_TYPES)[number];

const OBJECT_TYPE_SET: ReadonlySet<string> = new Set(OBJECT_TYPES);

export function isObjectType(s: unknown): s is ObjectType {
  return typeof s === 'string' && OBJECT_TYPE_SET.has(s);
}

/** Names registered once and referenced by id from events. */
export interface TraceNames {
  hosts: Map<number, string>;
  tasks: Map<number, string>;
  objects: Map<number, { type: ObjectType; name: string }>;
}

/** Where a trace came from: 'runtime' or an importer's format name. */
export type TraceSource =
  | 'runtime'
  | 'ftrace'
  | 'ftrace-latency'
  | 'tp_printk'
  | 'trace-cmd'
  | 'perf'
  | 'chrome-json'
  | 'lkl-scope';

export interface TraceMeta {
  version: 1;
  source: TraceSource;
  scenario?: string;
  seed?: number;
  names: TraceNames;
}

/** Receives events in `seq` order. */
export interface EventSink {
  emit(e: TraceEvent): void;
}

const KIND_SET: ReadonlySet<string> = new Set(EVENT_KINDS);

export function isEventKind(s: unknown): s is EventKind {
  return typeof s === 'string' && KIND_SET.has(s);
}

/** Dense numeric code of a kind, for columnar storage. */
export const KIND_CODE: ReadonlyMap<EventKind, number> = new Map(
  EVENT_KINDS.map((k, i) => [k, i] as const),
);

export function kindOfCode(code: number): EventKind {
  const k = EVENT_KINDS[code];
  if (k === undefined) throw new RangeError(`no event kind with code ${code}`);
  return k;
}

export function emptyNames(): TraceNames {
  return { hosts: new Map(), tasks: new Map(), objects: new Map() };
}

/** Builds events with consecutive `seq` numbers; the one place a sequence number is assigned. */
export class EventFactory {
  private nextSeq = 0;

  make(
    ts: number,
    kind: EventKind,
    fields: Partial<Omit<TraceEvent, 'seq' | 'ts' | 'kind'>> = {},
  ): TraceEvent {
    return {
      seq: this.nextSeq++,
      ts,
      kind,
      host: fields.host ?? NONE,
      task: fields.task ?? NONE,
      obj: fields.obj ?? NONE,
      peer: fields.peer ?? NONE,
      arg: fields.arg ?? null,
      gen: fields.gen ?? 0,
    };
  }

  get count(): number {
    return this.nextSeq;
  }
}
