// Processes: clone (copy_process + wake_up_new_task) with the CLONE_* flags that matter here,
// thread groups, exit notification to the parent, zombies, and the child search wait4 runs.
// Signals are not modelled: a child's exit signal only decides which wait4 options see it.

import type { Fiber } from '../host/hostOps';
import * as errno from './errno';
import type { Kernel } from './kernel';
import type { Task } from './task';
import { WaitQueue } from './wait';

export const CSIGNAL = 0xff;
export const CLONE_VM = 0x100;
export const CLONE_FS = 0x200;
export const CLONE_FILES = 0x400;
export const CLONE_SIGHAND = 0x800;
export const CLONE_PARENT = 0x8000;
export const CLONE_THREAD = 0x10000;
export const CLONE_NEWNS = 0x20000;
export const CLONE_PARENT_SETTID = 0x100000;
/** Every CLONE_NEW* namespace flag: this kernel has no namespaces (-EINVAL, as without *_NS). */
export const CLONE_NEW_ANY = 0x20000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 |
  0x20000000 | 0x40000000;
export const SIGCHLD = 17;

/** What kernel_thread passes: kthreadd's children share fs and files with it. */
export const KTHREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD;
/** LKL's host tasks: CLONE_THREAD children of host0 (new_host_task). */
export const HOST_TASK_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;

interface Group {
  ppid: number;
  /** SIGCHLD for fork-like children; anything else makes a "clone child" (__WCLONE). */
  exitSignal: number;
  live: number;
  leaderExit: number | null;
  groupExit: number | null;
  /** Holds (or held) host tasks: the app can wait4 for its children, so they stay zombies. */
  hostTasks: boolean;
}

export interface Zombie {
  readonly pid: number;
  readonly ppid: number;
  readonly exitSignal: number;
  /** wait status: (code & 0xff) << 8. */
  readonly status: number;
}

/** The flag checks copy_process makes before anything is allocated; 0 when the flags are fine. */
export function checkCloneFlags(flags: number): number {
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xffffffff) return -errno.EINVAL;
  if (flags & CLONE_NEW_ANY) return -errno.EINVAL;
  if ((flags & CLONE_THREAD) !== 0 && (flags & CLONE_SIGHAND) === 0) return -errno.EINVAL;
  if ((flags & CLONE_SIGHAND) !== 0 && (flags & CLONE_VM) === 0) return -errno.EINVAL;
  return 0;
}

export class Processes {
  private readonly groups = new Map<number, Group>();
  private readonly zombies: Zombie[] = [];
  /** wait_chldexit per thread group: its wait4 callers sleep here. */
  private readonly childWaits = new Map<number, WaitQueue>();

  constructor(private readonly k: Kernel) {}

  /**
   * copy_process + wake_up_new_task: a task running `fn` on a host thread of its own, or (fn
   * null) a host task. `wake: false` leaves the task asleep until an app thread binds it.
   */
  fork(flags: number, fn: (() => Fiber) | null, comm: string, wake = true): Task | number {
    const bad = checkCloneFlags(flags);
    if (bad < 0) return bad;
    const k = this.k;
    const parent = k.current;
    const thread = (flags & CLONE_THREAD) !== 0;
    const ppid = thread || flags & CLONE_PARENT ? parent.ppid : parent.tgid;
    const t = k.newTask(comm, thread ? parent.tgid : null, ppid, fn !== null);
    t.uid = parent.uid;
    this.joinGroup(t, thread ? -1 : flags & CSIGNAL);
    k.fs?.cloneTask(parent.pid, t.pid, (flags & CLONE_FS) !== 0, (flags & CLONE_FILES) !== 0,
      parent.tgid);
    k.tracer.emitTask('sched.fork', parent.pid, -1, t.pid, comm);
    if (!k.threads.copyThread(t, fn)) {
      this.undoFork(t);
      return -errno.EAGAIN;
    }
    if (wake) k.sched.wakeUpNew(t);
    else t.state = 'uninterruptible';
    return t;
  }

  private joinGroup(t: Task, exitSignal: number): void {
    const host = !t.kthread;
    const g = this.groups.get(t.tgid);
    if (g && t.tgid !== t.pid) {
      g.live++;
      g.hostTasks ||= host;
      return;
    }
    this.groups.set(t.tgid, {
      ppid: t.ppid,
      exitSignal,
      live: 1,
      leaderExit: null,
      groupExit: null,
      hostTasks: host,
    });
  }

  /** A fork whose host thread could not be created: as if it never happened. */
  undoFork(t: Task): void {
    const g = this.groups.get(t.tgid);
    if (g && --g.live === 0) this.groups.delete(t.tgid);
    this.k.fs?.exitTask(t.pid);
    t.state = 'dead';
    this.k.tasks.delete(t.pid);
  }

  /** syscalls_init: host0's group carries host tasks from now on. */
  markHostGroup(tgid: number): void {
    const g = this.groups.get(tgid);
    if (g) g.hostTasks = true;
  }

  /** exit_group: every thread of `tgid` exits with `code`, reported to the parent. */
  groupExit(tgid: number, code: number): void {
    const g = this.groups.get(tgid);
    if (g && g.groupExit === null) g.groupExit = code & 0xff;
    for (const t of this.k.tasks.values()) {
      if (t.tgid !== tgid || t.state === 'dead') continue;
      t.exiting = true;
      // A thread asleep in a syscall leaves it (its syscall returns -EINTR, then it exits).
      if (t.inSyscall && t !== this.k.current) this.k.sched.wakeUpProcess(t);
    }
  }

  /** exit_notify: frees the fs context; the last thread out makes the group a zombie. */
  exitNotify(t: Task, code: number): void {
    const k = this.k;
    k.fs?.exitTask(t.pid);
    const g = this.groups.get(t.tgid);
    if (!g) return;
    if (t.pid === t.tgid) g.leaderExit = code & 0xff;
    if (--g.live > 0) return;
    this.groups.delete(t.tgid);
    this.reparentChildren(t.tgid);
    this.childWaits.delete(t.tgid);
    const parent = this.groups.get(g.ppid);
    // Kernel threads never wait: their children are reaped at once (kthreadd ignores SIGCHLD).
    if (!parent || !parent.hostTasks) return;
    const status = ((g.groupExit ?? g.leaderExit ?? code) & 0xff) << 8;
    this.zombies.push({ pid: t.tgid, ppid: g.ppid, exitSignal: g.exitSignal, status });
    this.childWaits.get(g.ppid)?.wakeAll();
  }

  /** forget_original_parent: zombies go with their parent; live children move to pid 1. */
  private reparentChildren(tgid: number): void {
    for (let i = this.zombies.length - 1; i >= 0; i--)
      if (this.zombies[i].ppid === tgid) this.zombies.splice(i, 1);
    for (const [id, g] of this.groups) {
      if (g.ppid !== tgid) continue;
      g.ppid = 1;
      for (const t of this.k.tasks.values()) if (t.tgid === id) t.ppid = 1;
    }
  }

  /** The queue wait4 callers of group `tgid` sleep on. */
  childWait(tgid: number): WaitQueue {
    let q = this.childWaits.get(tgid);
    if (!q) {
      q = new WaitQueue(this.k, `wait_chldexit:${tgid}`, 'waitq');
      this.childWaits.set(tgid, q);
    }
    return q;
  }

  /** Zombie children of `tgid` accepted by `match`, oldest first. */
  findZombie(tgid: number, match: (pid: number, exitSignal: number) => boolean): Zombie | null {
    for (const z of this.zombies) if (z.ppid === tgid && match(z.pid, z.exitSignal)) return z;
    return null;
  }

  /** Whether `tgid` has a live child group accepted by `match`. */
  hasLiveChild(tgid: number, match: (pid: number, exitSignal: number) => boolean): boolean {
    for (const [id, g] of this.groups) if (g.ppid === tgid && match(id, g.exitSignal)) return true;
    return false;
  }

  /** release_task for a reaped zombie. */
  reap(z: Zombie): void {
    const i = this.zombies.indexOf(z);
    if (i >= 0) this.zombies.splice(i, 1);
  }

  get zombieCount(): number {
    return this.zombies.length;
  }
}
