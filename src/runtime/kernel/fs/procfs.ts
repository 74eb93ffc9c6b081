// procfs: a read-only tree generated from the runtime's task list. Directory contents are looked up
// afresh on every call, so a task that exits disappears at once; inode numbers are derived from
// pids.
import { S_IFDIR, S_IFREG } from './constants';
import {
  DirInode,
  Inode,
  newSuperBlock,
  type DirEntry,
  type RamDir,
  type SuperBlock,
} from './inode';
import { formatPidStat, formatPidStatus, formatSchedDebug } from './procFormat';
import type { ProcTask, ProcTaskSource } from './procTypes';

/** What procfs reads from the kernel when it generates a file. */
export interface ProcEnv {
  source: ProcTaskSource;
  nowNs(): number;
  mountsText(): string;
}

/** A /proc file: its text is generated when it is opened. */
export class ProcFileInode extends Inode {
  readonly kind = 'reg';

  constructor(
    sb: SuperBlock,
    ino: number,
    readonly generate: () => string,
    nowNs: number,
    private readonly hasPoll: boolean,
  ) {
    super(sb, ino, S_IFREG | 0o444, nowNs);
  }

  /** Top-level /proc files poll (proc_reg_poll); per-pid ones have no poll method, as in Linux. */
  override pollable(): boolean {
    return this.hasPoll;
  }
}

const ROOT_FILES = ['mounts', 'sched_debug'] as const;
const PID_FILES = ['comm', 'stat', 'status'] as const;
/** Leaves inode numbers 1..255 for the root and its fixed files. */
const PID_INO_BASE = 256;
/** Pid directories sort after the fixed entries, as Linux's TGID_OFFSET does. */
const PID_POS_BASE = 256;

function threadsOf(tasks: readonly ProcTask[], tgid: number): number {
  return tasks.filter((t) => (t.tgid ?? t.pid) === tgid).length || 1;
}

export class ProcPidDir extends DirInode {
  constructor(
    sb: SuperBlock,
    readonly pid: number,
    private readonly env: ProcEnv,
    root: ProcRoot,
  ) {
    super(sb, PID_INO_BASE + pid * 4, S_IFDIR | 0o555, env.nowNs());
    this.parent = root;
    this.nlink = 2;
  }

  private task(): ProcTask | undefined {
    return this.env.source.tasks().find((t) => t.pid === this.pid);
  }

  lookup(name: string): Inode | undefined {
    const i = (PID_FILES as readonly string[]).indexOf(name);
    if (i < 0 || !this.task()) return undefined;
    const gen = (): string => {
      const tasks = this.env.source.tasks();
      const t = tasks.find((x) => x.pid === this.pid);
      if (!t) return '';
      const n = threadsOf(tasks, t.tgid ?? t.pid);
      if (name === 'comm') return `${t.comm}\n`;
      return name === 'stat' ? formatPidStat(t, n) : formatPidStatus(t, n);
    };
    return new ProcFileInode(this.sb, this.ino + 1 + i, gen, this.env.nowNs(), false);
  }

  entries(): DirEntry[] {
    if (!this.task()) return [];
    return PID_FILES.map((name, i) => ({ name, inode: this.lookup(name) as Inode, pos: 2 + i }));
  }

  asRam(): RamDir | null {
    return null;
  }
}

export class ProcRoot extends DirInode {
  constructor(
    sb: SuperBlock,
    private readonly env: ProcEnv,
  ) {
    super(sb, 1, S_IFDIR | 0o555, env.nowNs());
    this.nlink = 2;
  }

  lookup(name: string): Inode | undefined {
    const i = (ROOT_FILES as readonly string[]).indexOf(name);
    if (i >= 0) {
      const gen =
        name === 'mounts'
          ? () => this.env.mountsText()
          : () => formatSchedDebug(this.env.source.tasks(), this.env.nowNs());
      return new ProcFileInode(this.sb, 2 + i, gen, this.env.nowNs(), true);
    }
    if (!/^[1-9][0-9]{0,9}$/.test(name)) return undefined;
    const pid = Number(name);
    return this.env.source.tasks().some((t) => t.pid === pid)
      ? new ProcPidDir(this.sb, pid, this.env, this)
      : undefined;
  }

  entries(): DirEntry[] {
    const fixed: DirEntry[] = ROOT_FILES.map((name, i) => ({
      name,
      inode: this.lookup(name) as Inode,
      pos: 2 + i,
    }));
    const pids = [...new Set(this.env.source.tasks().map((t) => t.pid))]
      .filter((pid) => Number.isInteger(pid) && pid > 0)
      .sort((a, b) => a - b);
    return fixed.concat(
      pids.map((pid) => ({
        name: String(pid),
        inode: new ProcPidDir(this.sb, pid, this.env, this),
        pos: PID_POS_BASE + pid,
      })),
    );
  }

  asRam(): RamDir | null {
    return null;
  }
}

export function newProcRoot(dev: number, env: ProcEnv): ProcRoot {
  return new ProcRoot(newSuperBlock(dev, 'proc', 0), env);
}
