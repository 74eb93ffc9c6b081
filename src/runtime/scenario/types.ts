// The workshop scenario format (issue 8): a declarative JSON description of threads and what they
// do. It runs no code. schema.ts holds the JSON Schema of the same shape; keep the two in step.

/**
 * Scheduling policy: fair (SCHED_NORMAL, by nice), RT FIFO/RR (by priority 1..99), idle, or
 * custom: the scenario's own class (`schedClass`, JavaScript run only in a trusted workspace).
 */
export type SchedPolicy = 'normal' | 'fifo' | 'rr' | 'idle' | 'custom';

/** A syscall argument: a number, a string, null, or a buffer / variable reference. */
export type ScenarioArg =
  number | string | null | { bytes: number } | { text: string } | { var: string };

export type Action =
  | { syscall: string; args?: ScenarioArg[]; as?: string }
  | { down: string }
  | { up: string }
  | { lock: string }
  | { unlock: string }
  | { sleepNs: number }
  | { computeNs: number }
  | { spawn: string }
  | { exit: number }
  | { repeat: number; do: Action[] };

/** Every action key, in the schema's oneOf order. */
export const ACTION_KEYS = [
  'syscall',
  'down',
  'up',
  'lock',
  'unlock',
  'sleepNs',
  'computeNs',
  'spawn',
  'exit',
  'repeat',
] as const;
export type ActionKey = (typeof ACTION_KEYS)[number];

export interface ScenarioThread {
  name: string;
  /** app: a host thread entering the kernel through syscalls; kernel: a kthread. */
  kind: 'app' | 'kernel';
  policy?: SchedPolicy;
  /** RT priority 1..99 (fifo, rr only). */
  priority?: number;
  /** Nice -20..19 (normal only). */
  nice?: number;
  /** Delay after boot.done before the thread starts (ignored for spawned threads). */
  startNs?: number;
  /** Started only by a `spawn` action of another thread of the same kind. */
  spawned?: boolean;
  actions: Action[];
}

export interface ScenarioSemaphore {
  name: string;
  count: number;
}

export interface ScenarioMutex {
  name: string;
}

export interface KernelOptions {
  /** Mutexes boost their owner to the highest waiter's priority. Off by default. */
  priorityInheritance?: boolean;
  /** Soft-lockup watchdog: a task running this long without sleeping is reported. */
  watchdog?: { thresholdNs: number; panic?: boolean };
  /** Load a crash kernel at boot, so a panic boots it (kexec_load with KEXEC_ON_CRASH). */
  crashKernel?: boolean;
}

export interface ScenarioLimits {
  maxTimeNs?: number;
  maxEvents?: number;
}

export type EndAction = 'halt' | 'kexec' | 'panic' | 'none';

export interface ScenarioEnd {
  action: EndAction;
  /** When to act, after boot.done; without it, once every thread not spawned has finished. */
  atNs?: number;
  /** kexec only: the command line of the staged kernel. */
  cmdline?: string;
  /** kexec and panic into a crash kernel: halt the new kernel once it has booted. */
  thenHalt?: boolean;
}

/** The moment a note is shown. */
export type NoteMoment =
  | { timeNs: number }
  | { event: string; nth?: number }
  | { thread: string; when: 'starts' | 'runs' | 'blocks' | 'exits'; on?: string };

export interface ScenarioNote {
  at: NoteMoment;
  text: string;
}

export interface Scenario {
  $schema?: string;
  name: string;
  description: string;
  seed: number;
  cmdline?: string;
  kernel?: KernelOptions;
  limits?: ScenarioLimits;
  semaphores?: ScenarioSemaphore[];
  mutexes?: ScenarioMutex[];
  threads: ScenarioThread[];
  end: ScenarioEnd;
  notes?: ScenarioNote[];
  /** A scheduling class written in JavaScript, for threads with policy "custom". */
  schedClass?: ScenarioSchedClass;
}

export interface ScenarioSchedClass {
  /** The module, relative to the scenario file (the host loads it; scenarios themselves run no code). */
  module: string;
}

/** The key naming an action's type (each action object has exactly one of ACTION_KEYS). */
export function actionKey(a: Action): ActionKey {
  for (const k of ACTION_KEYS) if (k in a) return k;
  throw new Error('action without a known key');
}
