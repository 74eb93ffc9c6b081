// Text of the /proc files, generated from ProcTask records: <pid>/stat, <pid>/status, <pid>/comm
// and a sched_debug-like summary. Field order follows proc(5); unknown fields print as 0.
import type { ProcTask } from './procTypes';

const HZ = 100;
const PF_KTHREAD = 0x00200000;
const RLIM_INFINITY = '18446744073709551615';
const STATE_NAMES: Record<ProcTask['state'], string> = {
  R: 'R (running)',
  S: 'S (sleeping)',
  D: 'D (disk sleep)',
  T: 'T (stopped)',
  Z: 'Z (zombie)',
  X: 'X (dead)',
  I: 'I (idle)',
};

function ticks(ns: number | undefined): number {
  return Math.floor((ns ?? 0) / (1e9 / HZ));
}

/** proc(5) `priority` column: prio - 100 for normal tasks, -1 - rt_priority for RT ones. */
function priorityField(t: ProcTask): number {
  return (t.prio ?? 120) - 100;
}

/** The 52 space-separated fields of /proc/<pid>/stat, newline-terminated. */
export function formatPidStat(t: ProcTask, nrThreads: number): string {
  const f: (string | number)[] = [
    t.pid,
    `(${t.comm})`,
    t.state,
    t.ppid,
    t.tgid ?? t.pid,
    t.tgid ?? t.pid,
    0,
    -1,
    t.kthread ? PF_KTHREAD : 0,
    0,
    0,
    0,
    0,
    ticks(t.sumExecNs),
    0,
    0,
    0,
    priorityField(t),
    t.nice ?? 0,
    nrThreads,
    0,
    ticks(t.startNs),
    0,
    0,
    RLIM_INFINITY,
  ];
  while (f.length < 52) f.push(0);
  return `${f.join(' ')}\n`;
}

export function formatPidStatus(t: ProcTask, nrThreads: number): string {
  return [
    `Name:\t${t.comm}`,
    `State:\t${STATE_NAMES[t.state]}`,
    `Tgid:\t${t.tgid ?? t.pid}`,
    `Pid:\t${t.pid}`,
    `PPid:\t${t.ppid}`,
    `Threads:\t${nrThreads}`,
    `nonvoluntary_ctxt_switches:\t0`,
    `voluntary_ctxt_switches:\t${t.nrSwitches ?? 0}`,
    '',
  ].join('\n');
}

function ms(ns: number | undefined): string {
  return ((ns ?? 0) / 1e6).toFixed(6);
}

/** A summary in the shape of /proc/sched_debug's "runnable tasks" table. */
export function formatSchedDebug(tasks: readonly ProcTask[], nowNs: number): string {
  const lines = [
    'Sched Debug Version: v0.11, lkl-scope',
    `ktime                                   : ${ms(nowNs)}`,
    `nr_tasks                                : ${tasks.length}`,
    `nr_running                              : ${tasks.filter((t) => t.state === 'R').length}`,
    '',
    'runnable tasks:',
    ' S            task   PID         tree-key  switches  prio     wait-time' +
      '             sum-exec        sum-sleep  policy',
    '-'.repeat(118),
  ];
  for (const t of tasks) {
    lines.push(
      ` ${t.state} ${t.comm.slice(0, 15).padStart(15)} ${String(t.pid).padStart(5)}` +
        ` ${ms(t.vruntimeNs).padStart(16)} ${String(t.nrSwitches ?? 0).padStart(9)}` +
        ` ${String(t.prio ?? 120).padStart(5)} ${ms(t.waitNs).padStart(13)}` +
        ` ${ms(t.sumExecNs).padStart(20)} ${ms(t.sumSleepNs).padStart(16)}  ${t.policy ?? 'normal'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
