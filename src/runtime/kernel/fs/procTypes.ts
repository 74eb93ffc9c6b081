// What procfs needs from the kernel: a list of tasks. The runtime implements ProcTaskSource; the
// VFS only formats what it returns, at open time (as seq_file generates on first read).

/** One task as /proc shows it. Optional fields print as 0 when the runtime does not track them. */
export interface ProcTask {
  pid: number;
  /** Thread group id; defaults to pid. */
  tgid?: number;
  ppid: number;
  comm: string;
  /** State letter: R running, S sleeping, D uninterruptible, T stopped, Z zombie, X dead, I idle. */
  state: 'R' | 'S' | 'D' | 'T' | 'Z' | 'X' | 'I';
  /** Kernel priority 0..139 (120 = nice 0). */
  prio?: number;
  nice?: number;
  /** 'normal' | 'fifo' | 'rr' | 'idle' | a plugged class name. */
  policy?: string;
  vruntimeNs?: number;
  sumExecNs?: number;
  sumSleepNs?: number;
  waitNs?: number;
  nrSwitches?: number;
  startNs?: number;
  /** Kernel threads have no mm: /proc shows their flags with PF_KTHREAD. */
  kthread?: boolean;
}

/** Implemented by the runtime's task list. */
export interface ProcTaskSource {
  tasks(): readonly ProcTask[];
}

/** A source with no tasks, for a VFS used on its own. */
export const emptyTaskSource: ProcTaskSource = { tasks: () => [] };
