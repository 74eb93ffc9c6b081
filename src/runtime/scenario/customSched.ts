// A scenario's own scheduling class, written in JavaScript. The runtime never loads code: the host
// (extension, CLI) loads the module and passes a factory. Here the class is wrapped so that it
// sees plain task views, never kernel objects, and every call into it is guarded: a throw, a
// missing method or a task it may not pick becomes a located BUG (a panic event naming the
// module, the method and the user's own line), which stops the run cleanly.

import type { Kernel } from '../kernel/kernel';
import type { SchedClass } from '../kernel/sched/schedClass';
import type { Task } from '../kernel/task';
import { Prng } from '../host/prng';

/** What the class sees of a task (a fresh frozen object each call: it cannot change the kernel). */
export interface TaskView {
  readonly pid: number;
  readonly comm: string;
  readonly nice: number;
  /** CFS load weight of the nice value (1024 at nice 0): lottery tickets, say. */
  readonly weight: number;
}

/** Handed to the module's create(ctx). */
export interface CustomSchedContext {
  /** Seeded: the same scenario seed gives the same draws. */
  random(): number;
  /** A line in the kernel log (printk). */
  log(text: string): void;
}

/** The host's part: the loaded module's create(ctx), and where it came from (for messages). */
export interface CustomSchedFactory {
  /** The module path as the scenario names it (or resolved), shown in errors. */
  source: string;
  create(ctx: CustomSchedContext): unknown;
}

type Method = 'enqueue' | 'dequeue' | 'pickNext' | 'tick' | 'checkPreempt' | 'account';
const REQUIRED: readonly Method[] = ['enqueue', 'dequeue', 'pickNext'];
/** The kernel's names, and the C-style spellings a module may use instead. */
const ALIASES: Record<Method, string[]> = {
  enqueue: ['enqueue', 'enqueue_task'],
  dequeue: ['dequeue', 'dequeue_task'],
  pickNext: ['pickNext', 'pick_next', 'pick_next_task'],
  tick: ['tick', 'task_tick'],
  checkPreempt: ['checkPreempt', 'check_preempt', 'check_preempt_curr'],
  account: ['account', 'update_curr'],
};

/** Every method name the kernel may call on a class (the host guards each call). */
export const SCHED_METHOD_KEYS: readonly string[] = Object.values(ALIASES).flat();

/** The user's line in an error's stack, e.g. `lottery.sched.js:12:11` (when the stack names it). */
export function userFrame(e: unknown, source: string): string | undefined {
  const stack = e instanceof Error || (typeof e === 'object' && e !== null && 'stack' in e) ? String((e as { stack?: unknown }).stack) : '';
  const file = source.split(/[\\/]/).pop() ?? source;
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`([^\\s(]*${esc}):(\\d+):(\\d+)`).exec(stack);
  return m ? `${file}:${m[2]}:${m[3]}` : undefined;
}

function describeError(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const name = 'name' in e ? String((e as { name: unknown }).name) : 'Error';
    return `${name}: ${String((e as { message: unknown }).message)}`;
  }
  return `threw ${String(e)}`;
}

export class CustomSchedClass implements SchedClass {
  readonly name: string;
  private readonly queue = new Map<number, Task>();
  private readonly impl: Record<string, unknown>;
  private readonly fns: Partial<Record<Method, (...a: unknown[]) => unknown>> = {};

  /** Creates the class; a bad module stops the run here with a BUG naming what is wrong. */
  constructor(
    private readonly k: Kernel,
    private readonly factory: CustomSchedFactory,
    seed: number,
  ) {
    const prng = new Prng((seed ^ 0x5eed5c1d) >>> 0);
    const ctx: CustomSchedContext = {
      random: () => prng.nextU32() / 0x1_0000_0000,
      log: (text) => k.printk(6, `${this.name ?? 'sched'}: ${String(text)}`),
    };
    let impl: unknown;
    try {
      impl = factory.create(ctx);
    } catch (e) {
      this.fail('create', e);
    }
    if (typeof impl !== 'object' || impl === null)
      this.fail('create', undefined, `create(ctx) returned ${impl === null ? 'null' : typeof impl}, not a class object`);
    this.impl = impl as Record<string, unknown>;
    for (const m of Object.keys(ALIASES) as Method[]) {
      const key = ALIASES[m].find((a) => typeof this.impl[a] === 'function');
      if (key) this.fns[m] = (this.impl[key] as (...a: unknown[]) => unknown).bind(this.impl);
      else if (REQUIRED.includes(m)) this.fail('create', undefined, `the class has no ${m}() method`);
    }
    const n = this.impl.name;
    this.name = typeof n === 'string' && n.length > 0 ? n.slice(0, 32) : 'custom';
  }

  get nrRunning(): number {
    return this.queue.size;
  }

  /** Whether `t` is queued here (tests). */
  has(t: Task): boolean {
    return this.queue.has(t.pid);
  }

  enqueue(t: Task, nowNs: number, wakeup: boolean): void {
    if (t.onRq) return;
    t.onRq = true;
    this.queue.set(t.pid, t);
    this.call('enqueue', view(t), nowNs, wakeup);
  }

  dequeue(t: Task, nowNs: number): void {
    if (!t.onRq) return;
    t.onRq = false;
    this.queue.delete(t.pid);
    this.call('dequeue', view(t), nowNs);
  }

  pickNext(prev: Task, nowNs: number, yielding: boolean): Task | null {
    if (this.queue.size === 0) return null;
    const mine = this.queue.has(prev.pid) ? view(prev) : null;
    const r = this.call('pickNext', mine, nowNs, yielding);
    if (r === null || r === undefined) return null;
    const pid = typeof r === 'number' ? r : typeof r === 'object' && 'pid' in r ? (r as { pid: unknown }).pid : undefined;
    const t = typeof pid === 'number' ? this.queue.get(pid) : undefined;
    if (!t) {
      const runnable = [...this.queue.keys()].join(', ');
      this.fail('pickNext', undefined, `returned ${JSON.stringify(r) ?? String(r)}, not the pid of a runnable task of this class (runnable: ${runnable})`);
    }
    return t;
  }

  account(t: Task, deltaNs: number): void {
    if (this.fns.account) this.call('account', view(t), deltaNs);
  }

  tick(curr: Task, nowNs: number): boolean {
    return this.fns.tick ? this.call('tick', view(curr), nowNs) === true : false;
  }

  checkPreempt(curr: Task, woken: Task): boolean {
    return this.fns.checkPreempt ? this.call('checkPreempt', view(curr), view(woken)) === true : false;
  }

  private call(m: Method, ...args: unknown[]): unknown {
    const fn = this.fns[m];
    if (!fn) return undefined;
    try {
      return fn(...args);
    } catch (e) {
      return this.fail(m, e);
    }
  }

  /** BUG(): the panic event names the module, the method and the user's line; the run stops. */
  private fail(method: string, e: unknown, what?: string): never {
    const src = this.factory.source;
    const at = e === undefined ? undefined : userFrame(e, src);
    const why = what ?? describeError(e);
    return this.k.bug(`scheduling class ${this.name ?? ''} (${src}) ${method}: ${why}`.replace(/ {2}/g, ' '), at ?? `${src}:${method}`);
  }
}

function view(t: Task): TaskView {
  return Object.freeze({ pid: t.pid, comm: t.comm, nice: t.nice, weight: t.weight });
}

/** Moves `t` into `cls` as __sched_setscheduler moves a task between classes. */
export function setCustomClass(k: Kernel, t: Task, cls: CustomSchedClass): void {
  if (t.schedClass === cls) return;
  if (t === k.current) k.sched.updateCurr();
  const now = k.host.time();
  const queued = t.onRq;
  if (queued) t.schedClass.dequeue(t, now);
  t.schedClass = cls;
  if (queued) cls.enqueue(t, now, false);
  if (t === k.current) k.sched.needResched = true;
  k.sched.traceAttr(t);
}
