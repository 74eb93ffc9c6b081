// Scheduling syscalls: sched_setscheduler/getscheduler/setparam/getparam, setpriority/getpriority,
// sched_yield, and setuid/getuid (privilege for RT policies, lower nice, kexec and reboot).
// Errors follow Linux: -EINVAL bad policy/priority/param, -ESRCH no such pid, -EPERM/-EACCES.

import type { Fiber } from '../../host/hostOps';
import * as errno from '../errno';
import type { Kernel } from '../kernel';
import {
  MAX_RT_PRIO,
  SCHED_BATCH,
  SCHED_FIFO,
  SCHED_IDLE,
  SCHED_NORMAL,
  SCHED_RR,
} from '../sched/rt';
import { NR } from '../syscallNumbers';
import type { SyscallArg } from '../syscallTypes';
import type { Task } from '../task';

export const PRIO_PROCESS = 0;
const PRIO_USER = 2;

const int = (a: SyscallArg): number | null =>
  typeof a === 'number' && Number.isInteger(a) ? a : null;

/** The task `pid` names (0: the caller), or null. */
function findTask(k: Kernel, pid: number): Task | null {
  if (pid === 0) return k.current;
  const t = k.tasks.get(pid);
  return t && t.state !== 'dead' ? t : null;
}

/** struct sched_param { sched_priority }: the priority, or a negative errno. */
function paramPrio(a: SyscallArg): number {
  if (a === null || a === undefined) return -errno.EINVAL;
  if (typeof a !== 'object' || a instanceof Uint8Array || a instanceof Int32Array)
    return -errno.EFAULT;
  const p = (a as Record<string, unknown>).sched_priority;
  return typeof p === 'number' && Number.isInteger(p) ? p : -errno.EINVAL;
}

function validPolicy(policy: number): boolean {
  return [SCHED_NORMAL, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE].includes(policy);
}

function setScheduler(k: Kernel, args: readonly SyscallArg[], keepPolicy: boolean): number {
  const pid = int(args[0]);
  if (pid === null || pid < 0) return -errno.EINVAL;
  const prio = paramPrio(args[keepPolicy ? 1 : 2]);
  if (prio < 0) return prio;
  const t = findTask(k, pid);
  if (!t) return -errno.ESRCH;
  const policy = keepPolicy ? t.policy : int(args[1]);
  if (policy === null || !validPolicy(policy)) return -errno.EINVAL;
  const rt = policy === SCHED_FIFO || policy === SCHED_RR;
  if (rt ? prio < 1 || prio > MAX_RT_PRIO : prio !== 0) return -errno.EINVAL;
  if (rt && k.current.uid !== 0) return -errno.EPERM;
  k.sched.setScheduler(t, policy === SCHED_BATCH ? SCHED_NORMAL : policy, prio);
  if (policy === SCHED_BATCH) t.policy = SCHED_BATCH;
  return 0;
}

/** setpriority/getpriority walk PRIO_PROCESS (a pid), PRIO_PGRP (a tgid) or PRIO_USER (a uid). */
function targets(k: Kernel, which: number, who: number): Task[] | number {
  if (which < PRIO_PROCESS || which > PRIO_USER || who < 0) return -errno.EINVAL;
  if (which === PRIO_PROCESS) {
    const t = findTask(k, who);
    return t ? [t] : -errno.ESRCH;
  }
  const key = who === 0 ? (which === PRIO_USER ? k.current.uid : k.current.tgid) : who;
  const out = [...k.tasks.values()].filter(
    (t) => t.state !== 'dead' && (which === PRIO_USER ? t.uid === key : t.tgid === key),
  );
  return out.length > 0 ? out : -errno.ESRCH;
}

function setPriority(k: Kernel, args: readonly SyscallArg[]): number {
  const which = int(args[0]);
  const who = int(args[1]);
  const nice = int(args[2]);
  if (which === null || who === null || nice === null) return -errno.EINVAL;
  const ts = targets(k, which, who);
  if (typeof ts === 'number') return ts;
  const n = Math.max(-20, Math.min(19, nice));
  for (const t of ts) {
    if (k.current.uid !== 0 && t.uid !== k.current.uid) return -errno.EPERM;
    if (n < t.nice && k.current.uid !== 0) return -errno.EACCES;
    k.sched.setNice(t, n);
  }
  return 0;
}

/** The raw syscall returns 20 - nice (1..40) so that it is never negative. */
function getPriority(k: Kernel, args: readonly SyscallArg[]): number {
  const which = int(args[0]);
  const who = int(args[1]);
  if (which === null || who === null) return -errno.EINVAL;
  const ts = targets(k, which, who);
  if (typeof ts === 'number') return ts;
  return 20 - Math.min(...ts.map((t) => t.nice));
}

export function registerSchedSyscalls(k: Kernel): void {
  const reg = (no: number, name: string, fn: (args: readonly SyscallArg[]) => number) =>
    k.table.registerKernel(no, name, function* (args): Fiber<number> {
      return fn(args);
    });
  reg(NR.sched_setscheduler, 'sched_setscheduler', (a) => setScheduler(k, a, false));
  reg(NR.sched_setparam, 'sched_setparam', (a) => setScheduler(k, a, true));
  reg(NR.sched_getscheduler, 'sched_getscheduler', (a) => {
    const pid = int(a[0]);
    if (pid === null || pid < 0) return -errno.EINVAL;
    return findTask(k, pid)?.policy ?? -errno.ESRCH;
  });
  reg(NR.sched_getparam, 'sched_getparam', (a) => {
    const pid = int(a[0]);
    const out = a[1];
    if (pid === null || pid < 0 || out === null || out === undefined) return -errno.EINVAL;
    if (typeof out !== 'object' || out instanceof Uint8Array || out instanceof Int32Array)
      return -errno.EFAULT;
    const t = findTask(k, pid);
    if (!t) return -errno.ESRCH;
    (out as Record<string, unknown>).sched_priority = t.rtPriority;
    return 0;
  });
  reg(NR.setpriority, 'setpriority', (a) => setPriority(k, a));
  reg(NR.getpriority, 'getpriority', (a) => getPriority(k, a));
  reg(NR.getuid, 'getuid', () => k.current.uid);
  reg(NR.setuid, 'setuid', (a) => {
    const uid = int(a[0]);
    if (uid === null || uid < 0) return -errno.EINVAL;
    if (k.current.uid !== 0 && uid !== k.current.uid) return -errno.EPERM;
    k.current.uid = uid;
    return 0;
  });
}
