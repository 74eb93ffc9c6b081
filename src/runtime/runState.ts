// Run control for a Runtime: status, run bounds, deadlock detection when nothing can run, and the
// summary. Panics, deadlocks and bounds end as events plus a status, never as exceptions.

import { NONE } from '../trace/events';
import type { Runtime } from './runtime';

export type RuntimeStatus =
  'booting' | 'running' | 'halting' | 'halted' | 'panic' | 'deadlock' | 'stopped';

export interface RunSummary {
  seed: number;
  status: RuntimeStatus;
  detail: string;
  events: number;
  switches: number;
  syscalls: number;
  virtualNs: number;
  tasks: number;
}

const FINAL: ReadonlySet<RuntimeStatus> = new Set(['halted', 'panic', 'deadlock', 'stopped']);

export class RunState {
  status: RuntimeStatus = 'booting';
  detail = '';
  private readonly listeners = new Set<(s: RuntimeStatus, detail: string) => void>();

  constructor(
    private readonly rt: Runtime,
    private readonly maxVirtualNs: number,
    private readonly maxEvents: number,
  ) {}

  /** Set with a final status (checked on every host step). */
  finished = false;

  setStatus(s: RuntimeStatus, detail = ''): void {
    if (this.finished || (this.status === s && this.detail === detail)) return;
    this.status = s;
    this.detail = detail;
    this.finished = FINAL.has(s);
    for (const fn of this.listeners) fn(s, detail);
  }

  onStatus(fn: (s: RuntimeStatus, detail: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  halted(): void {
    this.setStatus('halted');
  }

  /** A fiber died of an exception: a runtime bug, reported as a kernel panic. */
  fault(message: string): void {
    this.rt.tracer.emitFor(NONE, 'panic', NONE, NONE, message);
    this.setStatus('panic', message);
  }

  runSlice(maxSteps: number): boolean {
    const { host, tracer } = this.rt;
    let more = true;
    for (let i = 0; i < maxSteps && !this.finished; i++) {
      if (!host.step()) {
        more = false;
        break;
      }
      if (host.panicReason !== null) this.setStatus('panic', host.panicReason);
      else if (host.now > this.maxVirtualNs)
        this.stop(`virtual time passed ${this.maxVirtualNs} ns`);
      else if (tracer.count > this.maxEvents) this.stop(`more than ${this.maxEvents} events`);
    }
    if (!more && !this.finished) this.nothingToRun();
    tracer.flush();
    return more && !this.finished;
  }

  private stop(bound: string): void {
    const k = this.rt.kernel;
    const cur = k.current;
    const owner = k.cpu.owner ? this.rt.host.threadName(k.cpu.owner) : 'nobody';
    const detail =
      `run bound reached: ${bound}; CPU held by ${owner}, ` +
      `current ${cur.comm} (pid ${cur.pid})`;
    this.rt.tracer.emitFor(NONE, 'warn', NONE, cur.pid, detail);
    this.rt.host.stop(detail);
    this.setStatus('stopped', detail);
  }

  /** Queue empty: a deadlock if an application thread is still waiting, else idle. */
  private nothingToRun(): void {
    const live = this.rt.liveAppThreads();
    if (live.length === 0) return;
    const k = this.rt.kernel;
    const threads = this.rt.host.blockedThreads().map((t) => ({
      host: t.id,
      name: t.name,
      waitingOn: this.rt.names.objects.get(t.waitingOn)?.name ?? t.waitingOn,
    }));
    // The wait-for graph: task → object → holder (when the object has one, e.g. a mutex).
    const tasks = [...k.tasks.values()]
      .filter((t) => t.state !== 'running' && t.state !== 'dead' && t.waitingOn)
      .map((t) => {
        const h = k.holders.get(t.waitingOn as string)?.() ?? null;
        return {
          pid: t.pid,
          comm: t.comm,
          waitingOn: t.waitingOn,
          holder: h ? { pid: h.pid, comm: h.comm } : null,
        };
      });
    const edges = tasks.map((t) => [t.pid, t.waitingOn, t.holder?.pid ?? null]);
    const graph = JSON.stringify({ threads, tasks, edges });
    this.rt.tracer.emitFor(NONE, 'deadlock', NONE, NONE, graph);
    const names = live.map((t) => this.rt.host.threadName(t)).join(', ');
    this.setStatus('deadlock', `nothing can run; application threads waiting: ${names}`);
  }

  summary(): RunSummary {
    const k = this.rt.kernel;
    return {
      seed: this.rt.seed,
      status: this.status,
      detail: this.detail,
      events: this.rt.tracer.count,
      switches: k.sched.switches,
      syscalls: k.syscalls.syscallCount,
      virtualNs: this.rt.host.now,
      tasks: k.tasks.size,
    };
  }
}
