// What the kernel tree view shows, kept up to date event by event: tasks (state, scheduling
// class, CPU time),
// semaphores and mutexes (count, holder, waiters), boot phases and halt steps with durations.
// Pure (no vscode) so it is unit-tested in node.
import { NONE, type TraceEvent, type TraceNames } from '../trace/events';

export type TaskState = 'running' | 'runnable' | 'blocked' | 'dead' | 'new';

export interface TaskRow {
  pid: number;
  comm: string;
  state: TaskState;
  /** How it is scheduled ("normal nice 0", "fifo 50", …; sched.setattr), '' when unknown. */
  cls: string;
  cpuNs: number;
  switchesIn: number;
  lastTs: number;
}

export interface ObjectRow {
  id: number;
  type: string;
  name: string;
  count: number;
  holder: number; // host thread or NONE
  waiters: number[]; // host threads blocked on it
}

/** The LKL CPU (runtime traces): who owns it, who queues for it now, how it went so far. */
export interface CpuRow {
  /** Host thread that owns it, or NONE. */
  owner: number;
  /** Host threads in cpu.get.wait now, in the order they began to wait. */
  waiting: number[];
  /** Waits so far (cpu.get.wait) and the most host threads waiting at once. */
  waits: number;
  maxWaiting: number;
}

export interface PhaseRow {
  group: 'boot' | 'initcall' | 'halt' | 'kexec';
  name: string;
  gen: number;
  startNs: number;
  endNs: number | null;
}

export class TreeModel {
  readonly tasks = new Map<number, TaskRow>();
  readonly objects = new Map<number, ObjectRow>();
  readonly phases: PhaseRow[] = [];
  readonly cpu: CpuRow = { owner: NONE, waiting: [], waits: 0, maxWaiting: 0 };
  private readonly open = new Map<string, PhaseRow>();
  private running = new Map<number, { pid: number; since: number }>(); // cpu/host -> running task
  lastTs = 0;

  /** `singleCpu`: runtime traces have one LKL CPU, whatever host thread switched. */
  constructor(
    private readonly names: TraceNames,
    private readonly singleCpu: boolean,
  ) {}

  private task(pid: number, ts: number): TaskRow {
    let t = this.tasks.get(pid);
    if (!t) {
      // the runtime's tasks start as normal tasks (the idle task aside) until a sched.setattr
      const cls = !this.singleCpu ? '' : pid === 0 ? 'idle' : 'normal nice 0';
      t = { pid, comm: this.names.tasks.get(pid) ?? `pid ${pid}`, state: 'new', cls, cpuNs: 0, switchesIn: 0, lastTs: ts };
      this.tasks.set(pid, t);
    }
    return t;
  }

  private object(id: number, type: string): ObjectRow {
    let o = this.objects.get(id);
    if (!o) {
      const n = this.names.objects.get(id);
      o = { id, type: n?.type ?? type, name: n?.name ?? `${type} ${id}`, count: 0, holder: NONE, waiters: [] };
      this.objects.set(id, o);
    }
    return o;
  }

  add(events: readonly TraceEvent[]): void {
    for (const e of events) this.one(e);
  }

  private one(e: TraceEvent): void {
    this.lastTs = Math.max(this.lastTs, e.ts);
    switch (e.kind) {
      case 'sched.switch': {
        const lane = this.singleCpu ? 0 : e.host;
        const cur = this.running.get(lane);
        if (cur) this.task(cur.pid, e.ts).cpuNs += e.ts - cur.since;
        if (e.task !== NONE) {
          const prev = this.task(e.task, e.ts);
          const st = typeof e.arg === 'string' ? e.arg : '';
          // runtime traces (events.ts): obj is what prev sleeps on (NONE: preempted), 'dead' an exit
          if (this.singleCpu) prev.state = st === 'dead' ? 'dead' : e.obj === NONE ? 'runnable' : 'blocked';
          else prev.state = st === '' || st.startsWith('R') ? 'runnable' : st.startsWith('X') || st.startsWith('Z') ? 'dead' : 'blocked';
        }
        if (e.peer !== NONE) {
          const next = this.task(e.peer, e.ts);
          next.state = 'running';
          next.switchesIn++;
          this.running.set(lane, { pid: e.peer, since: e.ts });
        }
        break;
      }
      case 'sched.wakeup':
      case 'sched.waking':
        // task = the waker, peer = the woken task (events.ts field conventions).
        if (e.peer !== NONE && this.task(e.peer, e.ts).state !== 'running') this.task(e.peer, e.ts).state = 'runnable';
        break;
      case 'sched.fork':
        if (e.peer !== NONE) {
          const child = this.task(e.peer, e.ts);
          child.state = 'runnable';
          // a child is scheduled as its parent was (Linux copies the policy on fork); the idle
          // task's own class is not a policy: what it forks (init, kthreadd) is normal
          if (e.task !== NONE) {
            const parent = this.task(e.task, e.ts);
            child.cls = e.task === 0 && this.singleCpu ? 'normal nice 0' : parent.cls;
          }
        }
        break;
      case 'sched.setattr':
        if (e.task !== NONE && typeof e.arg === 'string') this.task(e.task, e.ts).cls = e.arg;
        break;
      case 'sched.exit':
        if (e.task !== NONE) this.task(e.task, e.ts).state = 'dead';
        break;
      case 'sem.alloc':
        this.object(e.obj, 'sem').count = typeof e.arg === 'number' ? e.arg : 0;
        break;
      case 'sem.up': {
        const o = this.object(e.obj, 'sem');
        if (e.peer !== NONE) o.waiters = o.waiters.filter((h) => h !== e.peer);
        else o.count++;
        break;
      }
      case 'sem.down.wait':
        this.object(e.obj, 'sem').waiters.push(e.host);
        break;
      case 'sem.down': {
        const o = this.object(e.obj, 'sem');
        if (o.waiters.includes(e.host)) o.waiters = o.waiters.filter((h) => h !== e.host);
        else o.count = Math.max(0, o.count - 1);
        break;
      }
      case 'mutex.lock.wait':
        this.object(e.obj, 'mutex').waiters.push(e.host);
        break;
      case 'mutex.lock': {
        const o = this.object(e.obj, 'mutex');
        o.waiters = o.waiters.filter((h) => h !== e.host);
        o.holder = e.host;
        o.count++;
        break;
      }
      case 'mutex.unlock': {
        const o = this.object(e.obj, 'mutex');
        o.count = Math.max(0, o.count - 1);
        if (o.count === 0) o.holder = NONE;
        break;
      }
      case 'sem.free':
        this.objects.delete(e.obj);
        break;
      case 'cpu.owner':
        this.cpu.owner = e.peer;
        break;
      case 'cpu.get.wait':
        if (!this.cpu.waiting.includes(e.host)) this.cpu.waiting.push(e.host);
        this.cpu.waits++;
        this.cpu.maxWaiting = Math.max(this.cpu.maxWaiting, this.cpu.waiting.length);
        break;
      case 'cpu.get':
        if (this.cpu.waiting.includes(e.host)) this.cpu.waiting = this.cpu.waiting.filter((h) => h !== e.host);
        break;
      default: {
        const g = phaseGroup(e.kind);
        if (!g) break;
        const name = String(e.arg ?? e.kind);
        const key = `${g.group}:${e.gen}:${name}`;
        if (g.begin) {
          const row: PhaseRow = { group: g.group, name, gen: e.gen, startNs: e.ts, endNs: null };
          this.phases.push(row);
          this.open.set(key, row);
        } else {
          const row = this.open.get(key);
          if (row) {
            row.endNs = e.ts;
            this.open.delete(key);
          }
        }
      }
    }
  }
}

function phaseGroup(kind: string): { group: PhaseRow['group']; begin: boolean } | null {
  switch (kind) {
    case 'boot.phase.begin': return { group: 'boot', begin: true };
    case 'boot.phase.end': return { group: 'boot', begin: false };
    case 'boot.initcall.begin': return { group: 'initcall', begin: true };
    case 'boot.initcall.end': return { group: 'initcall', begin: false };
    case 'halt.step.begin': return { group: 'halt', begin: true };
    case 'halt.step.end': return { group: 'halt', begin: false };
    default: return null;
  }
}
