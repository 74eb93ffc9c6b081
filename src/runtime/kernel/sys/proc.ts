// Process syscalls: clone (app thread groups: the child runs a given body on an app thread of
// its own), exit, exit_group, wait4, and LKL's new_thread_group_leader (its work is done when
// lkl_syscall creates the caller's host task without CLONE_THREAD; the call itself returns 0).

import type { Fiber } from '../../host/hostOps';
import * as errno from '../errno';
import type { Kernel } from '../kernel';
import { CLONE_PARENT_SETTID, CLONE_THREAD, SIGCHLD, checkCloneFlags } from '../process';
import { NR } from '../syscallNumbers';
import type { SyscallArg, SyscallContext, SyscallResult } from '../syscallTypes';

export const WNOHANG = 1;
export const WUNTRACED = 2;
export const WCONTINUED = 8;
export const __WNOTHREAD = 0x20000000;
export const __WALL = 0x40000000;
export const __WCLONE = 0x80000000;
const WAIT_OPTIONS = WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE;

/** The child of an app clone(): `fn(app)` runs on a new app thread carrying the child task. */
export interface CloneBody {
  fn: unknown;
  name?: string;
}

function isInt(a: SyscallArg): a is number {
  return typeof a === 'number' && Number.isInteger(a);
}

function isNullPtr(a: SyscallArg): boolean {
  return a === null || a === undefined || a === 0;
}

function cloneBody(a: SyscallArg): CloneBody | null {
  if (a === null || typeof a !== 'object' || Array.isArray(a) || ArrayBuffer.isView(a)) return null;
  const b = a as Record<string, unknown>;
  if (typeof b.fn !== 'function') return null;
  return { fn: b.fn, name: typeof b.name === 'string' ? b.name : undefined };
}

/**
 * clone(flags, body, ptid): flags as Linux checks them (-EINVAL); `body` stands in for the new
 * stack (no body: -EINVAL, since the child cannot resume the parent's code here); a ptid that
 * is not an Int32Array with CLONE_PARENT_SETTID: -EFAULT. Returns the child's pid.
 */
function sysClone(k: Kernel, args: readonly SyscallArg[]): number {
  const flags = isInt(args[0]) ? args[0] >>> 0 : -1;
  const bad = checkCloneFlags(flags);
  if (bad < 0) return bad;
  const body = cloneBody(args[1]);
  if (!body || !k.startCloneThread) return -errno.EINVAL;
  const ptid = args[2];
  const setTid = (flags & CLONE_PARENT_SETTID) !== 0;
  if (setTid && !(ptid instanceof Int32Array && ptid.length > 0)) return -errno.EFAULT;
  const comm = k.syscalls.nextHostTaskName();
  const t = k.procs.fork(flags, null, comm, false);
  if (typeof t === 'number') return t;
  const name = body.name ?? `${comm}:${(flags & CLONE_THREAD) !== 0 ? 'thread' : 'proc'}`;
  if (k.startCloneThread(t, body.fn, name) === 0) {
    k.procs.undoFork(t); // no host thread for the child: the fork fails as a whole
    return -errno.EAGAIN;
  }
  if (setTid) (ptid as Int32Array)[0] = t.pid;
  return t.pid;
}

/** Which children a wait4 `pid` and `options` accept (process groups are not modelled). */
function matcher(pid: number, options: number): (child: number, exitSignal: number) => boolean {
  const kind = (sig: number) =>
    options & __WALL ? true : options & __WCLONE ? sig !== SIGCHLD : sig === SIGCHLD;
  // Every task is in one process group: 0 (the caller's group) and -1 both mean any child.
  if (pid === -1 || pid === 0) return (_c, sig) => kind(sig);
  if (pid < -1) return () => false;
  return (c, sig) => c === pid && kind(sig);
}

/** wait4(pid, wstatus, options, rusage): reaps a zombie child, blocking until one exits. */
function sysWait4(k: Kernel, ctx: SyscallContext, args: readonly SyscallArg[]): SyscallResult {
  const [pid, wstatus, opts, rusage] = args;
  const options = isNullPtr(opts) ? 0 : opts;
  if (!isInt(pid) || !isInt(options) || options < 0 || (options & ~WAIT_OPTIONS) !== 0)
    return -errno.EINVAL;
  const match = matcher(pid, options);
  const me = ctx.tgid;
  const attempt = (): SyscallResult => {
    const z = k.procs.findZombie(me, match);
    if (z) {
      k.procs.reap(z);
      // As kernel_wait4: the child is reaped even when the status cannot be stored.
      const badStatus = !isNullPtr(wstatus) && !(wstatus instanceof Int32Array && wstatus.length);
      const badUsage =
        !isNullPtr(rusage) && (typeof rusage !== 'object' || ArrayBuffer.isView(rusage));
      if (badStatus || badUsage) return -errno.EFAULT;
      if (wstatus instanceof Int32Array) wstatus[0] = z.status;
      return z.pid;
    }
    if (!k.procs.hasLiveChild(me, match)) return -errno.ECHILD;
    if (options & WNOHANG) return 0;
    return { kind: 'block', queues: [k.procs.childWait(me)], reason: 'wait4', retry: attempt };
  };
  return attempt();
}

/** Registers clone, exit, exit_group, wait4 and new_thread_group_leader on `k`. */
export function registerProcSyscalls(k: Kernel): void {
  k.table.register({
    name: 'proc',
    defs: [
      { no: NR.clone, name: 'clone', handler: (_ctx, args) => sysClone(k, args) },
      { no: NR.wait4, name: 'wait4', handler: (ctx, args) => sysWait4(k, ctx, args) },
      { no: NR.new_thread_group_leader, name: 'new_thread_group_leader', handler: () => 0 },
    ],
  });
  // exit never fails: the code is truncated to 8 bits when the status is built.
  k.table.registerKernel(NR.exit, 'exit', function* exit(args): Fiber<number> {
    const t = k.current;
    t.exitCode = isInt(args[0]) ? args[0] & 0xff : 0;
    t.exiting = true;
    return 0;
  });
  k.table.registerKernel(NR.exit_group, 'exit_group', function* exitGroup(args): Fiber<number> {
    const t = k.current;
    const code = isInt(args[0]) ? args[0] & 0xff : 0;
    t.exitCode = code;
    t.exiting = true;
    k.procs.groupExit(t.tgid, code);
    return 0;
  });
}
