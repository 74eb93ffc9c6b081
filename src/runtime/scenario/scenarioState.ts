// The live state of one scenario run: its kernel objects, which task or host thread is which
// scenario thread, saved syscall results, and the moments notes attach to.

import { NONE } from '../../trace/events';
import type { Fiber } from '../host/hostOps';
import type { Kernel } from '../kernel/kernel';
import type { Task } from '../kernel/task';
import { WaitQueue } from '../kernel/wait';
import type { CustomSchedClass } from './customSched';
import { ScenarioMutex, ScenarioSemaphore, kernelSleep } from './kobjects';
import { kernelBody } from './threadBodies';
import type { Scenario, ScenarioThread } from './types';

export type MomentKind = 'starts' | 'runs' | 'blocks' | 'exits';

/** A moment of a scenario thread, located in the trace by the seq of the next event. */
export interface Moment {
  thread: string;
  what: MomentKind;
  on?: string;
  seq: number;
  ts: number;
}

export class ScenarioState {
  readonly vars = new Map<string, number>();
  readonly moments: Moment[] = [];
  readonly warnings: string[] = [];
  readonly threadOfHost = new Map<number, string>();
  readonly threadOfPid = new Map<number, string>();
  readonly hostOfThread = new Map<string, number>();
  readonly sems = new Map<string, ScenarioSemaphore>();
  readonly mutexes = new Map<string, ScenarioMutex>();
  /** The scenario's own scheduling class, once created at boot.done (null without one). */
  customClass: CustomSchedClass | null = null;
  private readonly threads = new Map<string, ScenarioThread>();
  private readonly kthreadsLeft = new Set<string>();
  private readonly kthreadsWq: WaitQueue;

  constructor(
    readonly scenario: Scenario,
    readonly k: Kernel,
  ) {
    const onBlock = (t: Task, on: string) => this.blocked(t, on);
    for (const s of scenario.semaphores ?? [])
      this.sems.set(s.name, new ScenarioSemaphore(k, s.name, s.count, onBlock));
    const inherit = scenario.kernel?.priorityInheritance === true;
    for (const m of scenario.mutexes ?? [])
      this.mutexes.set(m.name, new ScenarioMutex(k, m.name, inherit, onBlock));
    for (const t of scenario.threads) this.threads.set(t.name, t);
    this.kthreadsWq = new WaitQueue(k, 'scenario_kthreads');
  }

  thread(name: string): ScenarioThread {
    return this.threads.get(name) as ScenarioThread;
  }
  threadIndex(name: string): number {
    return this.scenario.threads.findIndex((t) => t.name === name);
  }
  sem(name: string): ScenarioSemaphore {
    return this.sems.get(name) as ScenarioSemaphore;
  }
  mutex(name: string): ScenarioMutex {
    return this.mutexes.get(name) as ScenarioMutex;
  }
  semIndex(name: string): number {
    return (this.scenario.semaphores ?? []).findIndex((s) => s.name === name);
  }
  mutexIndex(name: string): number {
    return (this.scenario.mutexes ?? []).findIndex((m) => m.name === name);
  }

  /** The task of a scenario thread: a kthread's pid, or the task its host thread entered as. */
  taskOfThread(name: string, hostTask: ReadonlyMap<number, number>): number | undefined {
    for (const [pid, n] of this.threadOfPid) if (n === name) return pid;
    const host = this.hostOfThread.get(name);
    if (host === undefined) return undefined;
    return hostTask.get(host) ?? this.k.tracer.taskOfHost.get(host);
  }

  /** Records a moment once per thread and kind (and object, for blocks). */
  moment(thread: string, what: MomentKind, on?: string): void {
    if (this.moments.some((m) => m.thread === thread && m.what === what && m.on === on)) return;
    this.moments.push({ thread, what, on, seq: this.k.tracer.count, ts: this.k.host.time() });
  }

  warn(text: string): void {
    if (this.warnings.includes(text)) return;
    this.warnings.push(text);
    this.k.tracer.emit('warn', NONE, NONE, `scenario: ${text}`);
  }

  /** A sleepNs about to sleep: the thread's first block, if it has not blocked before. */
  sleeping(host: number, ns: number): void {
    const name =
      this.threadOfHost.get(host) ?? this.threadOfPid.get(this.k.tracer.taskOfHost.get(host) ?? -1);
    if (name !== undefined && ns > 0) this.moment(name, 'blocks');
  }

  private blocked(t: Task, on: string): void {
    const name = this.threadOfPid.get(t.pid) ?? this.threadOfHost.get(this.k.host.threadSelf());
    if (name === undefined) return;
    this.moment(name, 'blocks');
    this.moment(name, 'blocks', on);
  }

  /**
   * The launcher kthread: starts each kernel thread not spawned at boot.done + startNs. A kernel
   * thread of its own, so a timer wake-up gets it the CPU even while a scenario thread computes.
   */
  *launcher(bootDoneNs: number): Fiber {
    const endAt = this.scenario.end.atNs;
    const starts = this.scenario.threads
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => t.kind === 'kernel' && t.spawned !== true)
      .filter(({ t }) => endAt === undefined || (t.startNs ?? 0) <= endAt)
      .sort((a, b) => (a.t.startNs ?? 0) - (b.t.startNs ?? 0) || a.i - b.i);
    for (const { t } of starts) this.kthreadsLeft.add(t.name);
    for (const { t } of starts) {
      const delta = bootDoneNs + (t.startNs ?? 0) - this.k.host.time();
      if (delta > 0) yield* kernelSleep(this.k, delta);
      yield* this.startKthread(t.name);
    }
  }

  /** kthread_run for a scenario kernel thread; the caller holds the CPU. */
  *startKthread(name: string): Fiber<Task | null> {
    const t = this.thread(name);
    this.moment(name, 'starts');
    const task = yield* this.k.kthreads.kthreadRun(name, kernelBody(t, this, this.k));
    if (!task) {
      this.warn(`kthread_run(${name}) failed`);
      this.kthreadDone(name);
      return null;
    }
    this.threadOfPid.set(task.pid, name);
    return task;
  }

  kthreadDone(name: string): void {
    if (this.kthreadsLeft.delete(name)) this.kthreadsWq.wakeAll();
  }

  /** Waits (as the calling task) until every counted kernel thread has finished its actions. */
  *waitKthreads(): Fiber {
    yield* this.kthreadsWq.waitEvent(() => this.kthreadsLeft.size === 0);
  }

  /** The wait-for cycle among scenario threads and mutexes, as [thread, mutex, thread, …, thread]. */
  mutexCycle(): string[] | null {
    const waitsOn = new Map<string, string>();
    const holder = new Map<string, string>();
    for (const [name, m] of this.mutexes) {
      const owner = m.owner
        ? (this.threadOfPid.get(m.owner.pid) ?? this.threadOfHost.get(m.owner.ti.tid))
        : undefined;
      if (owner !== undefined) holder.set(name, owner);
    }
    for (const task of this.k.tasks.values()) {
      const on = task.waitingOn?.startsWith('mutex:') ? task.waitingOn.slice(6) : undefined;
      const name = this.threadOfPid.get(task.pid) ?? this.threadOfHost.get(task.ti.tid);
      if (on !== undefined && name !== undefined && task.state !== 'running') waitsOn.set(name, on);
    }
    for (const start of waitsOn.keys()) {
      const path: string[] = [start];
      let cur = start;
      for (let i = 0; i <= waitsOn.size; i++) {
        const m = waitsOn.get(cur);
        const h = m !== undefined ? holder.get(m) : undefined;
        if (m === undefined || h === undefined) break;
        path.push(m, h);
        if (h === start) return path;
        cur = h;
      }
    }
    return null;
  }
}
