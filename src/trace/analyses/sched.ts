// Scheduler analyses over a columnar store (imported Linux traces; the runtime's sched events too):
// per task running / runnable / blocked time, switches in, wake-ups and wake-up latency; per CPU
// busy and idle time. Definitions (DESIGN.md "Analyses"):
// - a running interval starts at the switch that runs a task and ends at the next switch on the
//   same CPU (without a CPU column: at the switch that takes the task off); the last open one
//   ends at the trace's last timestamp;
// - switching out with prev_state R/R+ makes the task runnable, any other state blocked, X/Z dead;
// - a wake-up (sched_waking or sched_wakeup of a task that is not running) makes it runnable; its
//   latency runs from the sched_wakeup (or the sched_waking when no wakeup follows) to the next
//   switch that runs the task. The woken task is the event's `peer`; its `task` is the waker. Open runnable/blocked intervals end at the last timestamp.
import { KIND_CODE, NONE, type EventKind } from '../events';
import type { EventStore } from '../store';
import { log2Histogram, summarize, type Histogram, type LatencySummary } from './percentiles';

export interface TaskStats {
  pid: number;
  runningNs: number;
  runnableNs: number;
  blockedNs: number;
  switchesIn: number;
  wakeups: number;
  wakeLatencyNs: LatencySummary;
}

export interface CpuStats {
  cpu: number;
  /** Time running a task other than the idle task (pid 0). */
  busyNs: number;
  /** Time running the idle task; busy + idle spans the first switch on the CPU to the trace end. */
  idleNs: number;
}

export interface SchedStats {
  firstTs: number;
  lastTs: number;
  /** Every pid seen as task or peer of a scheduler event (0 included), ascending. */
  pids: number[];
  /** Tasks other than the idle task (pid 0), ascending by pid. */
  tasks: TaskStats[];
  cpus: CpuStats[];
  /** All wake-up latencies together. */
  wakeLatencyNs: LatencySummary;
  wakeLatencyHistogram: Histogram;
}

const enum St { Unknown, Running, Runnable, Blocked, Dead }

interface Acc {
  state: St;
  since: number;
  running: number;
  runnable: number;
  blocked: number;
  switchesIn: number;
  wakeups: number;
  wakeTs: number; // pending sched_wakeup, or NaN
  wakingTs: number; // pending sched_waking, or NaN
  samples: number[];
}

const code = (k: EventKind): number => KIND_CODE.get(k) as number;

export interface SchedOptions {
  /**
   * The runtime's trace conventions (events.ts): every switch happens on the one LKL CPU (the
   * host column names the host thread that switched, not a CPU); a switch's obj is what prev
   * sleeps on (NONE: it stays runnable, e.g. preempted) and its arg 'dead' says prev exited.
   */
  runtime?: boolean;
}

/** Computes the scheduler statistics of `store` (events must be in time order). */
export function schedStats(store: EventStore, opts: SchedOptions = {}): SchedStats {
  const oneCpu = opts.runtime === true;
  const SWITCH = code('sched.switch');
  const WAKEUP = code('sched.wakeup');
  const WAKING = code('sched.waking');
  const sched = new Set([SWITCH, WAKEUP, WAKING, code('sched.fork'), code('sched.exit'), code('sched.migrate'), code('sched.runtime'), code('sched.exec')]);
  const n = store.count;
  const firstTs = n ? store.ts[0] : 0;
  const lastTs = n ? store.ts[n - 1] : 0;
  const accs = new Map<number, Acc>();
  const pids = new Set<number>();
  const acc = (pid: number): Acc => {
    let a = accs.get(pid);
    if (!a) {
      a = { state: St.Unknown, since: 0, running: 0, runnable: 0, blocked: 0, switchesIn: 0, wakeups: 0, wakeTs: NaN, wakingTs: NaN, samples: [] };
      accs.set(pid, a);
    }
    return a;
  };
  /** Closes the task's runnable or blocked interval at `t`. */
  const leave = (a: Acc, t: number): void => {
    if (a.state === St.Runnable) a.runnable += t - a.since;
    else if (a.state === St.Blocked) a.blocked += t - a.since;
  };
  const cpuCur = new Map<number, { pid: number; since: number }>();
  const cpus = new Map<number, CpuStats>();
  const runSince = new Map<number, number>();

  for (let i = 0; i < n; i++) {
    const k = store.kind[i];
    if (!sched.has(k)) continue;
    const t = store.ts[i];
    const task = store.task[i];
    const peer = store.peer[i];
    // A wake-up's task is the waker (whatever ran there), not a party to the scheduling: skip it.
    if (task !== NONE && k !== WAKEUP && k !== WAKING) pids.add(task);
    if (peer !== NONE) pids.add(peer);
    if (k === SWITCH && store.host[i] === NONE && !oneCpu) {
      // No CPU column (tp_printk): a running interval ends at the switch that takes the task off.
      const since = runSince.get(task);
      if (since !== undefined && task > 0) acc(task).running += t - since;
      runSince.delete(task);
      runSince.set(peer, t);
    }
    if (k === SWITCH) {
      const cpu = oneCpu ? 0 : store.host[i];
      const cur = cpu === NONE ? undefined : cpuCur.get(cpu);
      let c = cpus.get(cpu);
      if (!c && cpu !== NONE) cpus.set(cpu, (c = { cpu, busyNs: 0, idleNs: 0 }));
      if (cur && c) {
        if (cur.pid === 0) c.idleNs += t - cur.since;
        else {
          c.busyNs += t - cur.since;
          acc(cur.pid).running += t - cur.since;
        }
      }
      if (cpu !== NONE) cpuCur.set(cpu, { pid: peer, since: t });
      if (task > 0) {
        const p = acc(task);
        const st = store.argOf(i);
        const s = typeof st === 'string' ? st : '';
        if (oneCpu) p.state = s === 'dead' ? St.Dead : store.obj[i] === NONE ? St.Runnable : St.Blocked;
        else p.state = s[0] === 'R' ? St.Runnable : s[0] === 'X' || s[0] === 'Z' ? St.Dead : St.Blocked;
        p.since = t;
      }
      if (peer > 0) {
        const q = acc(peer);
        leave(q, t);
        q.switchesIn++;
        const from = q.wakeTs === q.wakeTs ? q.wakeTs : q.wakingTs;
        if (from === from) q.samples.push(t - from);
        q.wakeTs = q.wakingTs = NaN;
        q.state = St.Running;
        q.since = t;
      }
    } else if ((k === WAKEUP || k === WAKING) && peer > 0) {
      const q = acc(peer);
      if (q.state === St.Running) continue;
      if (q.wakeTs !== q.wakeTs && q.wakingTs !== q.wakingTs) q.wakeups++;
      if (k === WAKEUP) {
        if (q.wakeTs !== q.wakeTs) q.wakeTs = t;
      } else if (q.wakingTs !== q.wakingTs && q.wakeTs !== q.wakeTs) q.wakingTs = t;
      if (q.state !== St.Runnable) {
        leave(q, t);
        q.state = St.Runnable;
        q.since = t;
      }
    }
  }
  for (const [cpu, cur] of cpuCur) {
    const c = cpus.get(cpu) as CpuStats;
    if (cur.pid === 0) c.idleNs += lastTs - cur.since;
    else {
      c.busyNs += lastTs - cur.since;
      if (cur.pid > 0) acc(cur.pid).running += lastTs - cur.since;
    }
  }
  for (const [pid, since] of runSince) if (pid > 0) acc(pid).running += lastTs - since;
  const all: number[] = [];
  const tasks: TaskStats[] = [];
  for (const [pid, a] of [...accs].sort((x, y) => x[0] - y[0])) {
    leave(a, lastTs);
    for (const s of a.samples) all.push(s);
    tasks.push({
      pid, runningNs: a.running, runnableNs: a.runnable, blockedNs: a.blocked, switchesIn: a.switchesIn,
      wakeups: a.wakeups, wakeLatencyNs: summarize(a.samples),
    });
  }
  return {
    firstTs, lastTs, pids: [...pids].sort((x, y) => x - y), tasks,
    cpus: [...cpus.values()].sort((x, y) => x.cpu - y.cpu),
    wakeLatencyNs: summarize(all), wakeLatencyHistogram: log2Histogram(all),
  };
}
