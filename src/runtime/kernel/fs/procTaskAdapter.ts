// Builds a ProcTaskSource from the runtime's task objects without importing them: any object with
// the fields below will do (kernel/task.ts's Task has them).
import type { ProcTask, ProcTaskSource } from './procTypes';

/** The task fields /proc reads; `state` uses the runtime's names. */
export interface TaskLike {
  readonly pid: number;
  readonly tgid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly state: string;
  readonly nice?: number;
  readonly vruntime?: number;
  readonly sumExecNs?: number;
  readonly nrSwitches?: number;
  readonly kthread?: boolean;
  readonly startNs?: number;
  readonly schedClass?: { readonly name: string };
}

const STATE_LETTER: Record<string, ProcTask['state']> = {
  running: 'R',
  interruptible: 'S',
  uninterruptible: 'D',
  stopped: 'T',
  zombie: 'Z',
  dead: 'X',
  idle: 'I',
};

export function procTaskOf(t: TaskLike): ProcTask {
  const nice = t.nice ?? 0;
  return {
    pid: t.pid,
    tgid: t.tgid,
    ppid: t.ppid,
    comm: t.comm,
    state: STATE_LETTER[t.state] ?? 'S',
    nice,
    prio: 120 + nice,
    policy: t.schedClass?.name,
    vruntimeNs: t.vruntime,
    sumExecNs: t.sumExecNs,
    nrSwitches: t.nrSwitches,
    startNs: t.startNs,
    kthread: t.kthread,
  };
}

/** A source that reads the live task list on every /proc access. */
export function taskSourceFrom(list: () => Iterable<TaskLike>): ProcTaskSource {
  return { tasks: () => [...list()].map(procTaskOf) };
}
