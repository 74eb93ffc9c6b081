// The VFS's kernel-wide state: the mount tree over a ramfs root, the pseudo superblocks for pipes
// and epoll, the clock and wait-queue factory the runtime supplies, and per-task contexts.
import { NR_OPEN_DEFAULT } from './constants';
import { newSuperBlock, RamDir, type SuperBlock } from './inode';
import { MountTable, type Mount } from './mount';
import { pathOf } from './path';
import { FdTable, FsStruct, type FsTask } from './fsStruct';
import { emptyTaskSource, type ProcTaskSource } from './procTypes';
import { newProcRoot, type ProcRoot } from './procfs';
import { simpleWaitQueueFactory, type WaitQueueFactory } from './waitQueue';

export interface FsKernelOptions {
  /** Builds the wait queues pipes and epoll sleep on; default: SimpleWaitQueue. */
  makeWaitQueue?: WaitQueueFactory;
  /** Virtual time for timestamps, /proc and epoll timeouts; default: always 0. */
  nowNs?: () => number;
  /** The task list /proc shows; default: none. */
  tasks?: ProcTaskSource;
  /** RLIMIT_NOFILE for new tasks; default 1024. */
  maxFds?: number;
  /** Bytes a ramfs may hold before -ENOSPC; default 64 MiB. */
  ramfsMaxBytes?: number;
}

export class FsKernel {
  readonly mounts: MountTable;
  readonly makeWaitQueue: WaitQueueFactory;
  readonly nowNs: () => number;
  readonly tasks: ProcTaskSource;
  readonly maxFds: number;
  readonly ramfsMaxBytes: number;
  /** pipefs and anon_inodefs: inodes with no name. */
  readonly pipeSb: SuperBlock;
  readonly anonSb: SuperBlock;
  /** The boot context (LKL's host0): tasks with no context of their own share it. */
  readonly bootTask: FsTask;
  private readonly byPid = new Map<number, FsTask>();
  private nextDev = 1;

  constructor(opts: FsKernelOptions = {}) {
    this.makeWaitQueue = opts.makeWaitQueue ?? simpleWaitQueueFactory;
    this.nowNs = opts.nowNs ?? (() => 0);
    this.tasks = opts.tasks ?? emptyTaskSource;
    this.maxFds = opts.maxFds ?? NR_OPEN_DEFAULT;
    this.ramfsMaxBytes = opts.ramfsMaxBytes ?? 64 << 20;
    this.pipeSb = newSuperBlock(this.allocDev(), 'pipefs', 0);
    this.anonSb = newSuperBlock(this.allocDev(), 'anon_inodefs', 0);
    this.mounts = new MountTable(this.newRamfs(0o755), 'rootfs');
    this.bootTask = this.newTask();
  }

  /**
   * The context of the task `pid` (thread group `tgid`): its own if registered, else its group's,
   * else the boot context. LKL host tasks are clone(CLONE_FS | CLONE_FILES) of host0, so by default
   * every task shares the boot context.
   */
  taskOf(pid: number, tgid = pid): FsTask {
    return this.byPid.get(pid) ?? this.byPid.get(tgid) ?? this.bootTask;
  }

  /**
   * clone(): gives `childPid` a context derived from its parent's per CLONE_FS / CLONE_FILES
   * (`parentTgid` finds a parent thread that uses its group's context).
   */
  cloneTask(
    parentPid: number,
    childPid: number,
    shareFs: boolean,
    shareFiles: boolean,
    parentTgid = parentPid,
  ): FsTask {
    const child = forkFsTask(this.taskOf(parentPid, parentTgid), shareFs, shareFiles);
    this.exitTask(childPid);
    this.byPid.set(childPid, child);
    return child;
  }

  /** exit(): drops the task's own context, if it has one (closing fds on the last user). */
  exitTask(pid: number): void {
    const t = this.byPid.get(pid);
    if (!t) return;
    this.byPid.delete(pid);
    releaseFsTask(t);
  }

  allocDev(): number {
    return this.nextDev++;
  }

  newRamfs(mode: number): RamDir {
    return new RamDir(
      newSuperBlock(this.allocDev(), 'ramfs', this.ramfsMaxBytes),
      mode,
      this.nowNs(),
    );
  }

  newProcfs(): ProcRoot {
    return newProcRoot(this.allocDev(), {
      source: this.tasks,
      nowNs: this.nowNs,
      mountsText: () => this.mountsText(),
    });
  }

  /** /proc/mounts: one "source target fstype rw 0 0" line per attached mount. */
  mountsText(): string {
    const root = this.newTask();
    const lines = this.mounts.list().map((m) => {
      const at = m.parent && m.mountpoint ? pathOfMount(root.fs, m) : '/';
      return `${m.source} ${at} ${m.fstype} rw 0 0`;
    });
    releaseFsTask(root);
    return `${lines.join('\n')}\n`;
  }

  /** A task context at the root: cwd "/", umask 022, no fds (LKL's host0 has no stdin either). */
  newTask(): FsTask {
    const root = { mnt: this.mounts.rootMount, node: this.mounts.rootMount.root };
    return { fs: new FsStruct(this, root, root), files: new FdTable(this.maxFds) };
  }
}

function pathOfMount(fs: FsStruct, m: Mount): string {
  return pathOf(fs, { mnt: m, node: m.root }) ?? '?';
}

/** Boot-time state: a ramfs root mounted as rootfs. */
export function createFsKernelState(opts: FsKernelOptions = {}): FsKernel {
  return new FsKernel(opts);
}

/**
 * A child's context at clone: CLONE_FS shares root/cwd/umask, CLONE_FILES shares the fd table;
 * otherwise each is copied (open files are shared by the copy, as fork does).
 */
export function forkFsTask(parent: FsTask, shareFs: boolean, shareFiles: boolean): FsTask {
  let fs = parent.fs;
  if (shareFs) fs.users++;
  else {
    fs = new FsStruct(parent.fs.kernel, parent.fs.root, parent.fs.cwd);
    fs.umask = parent.fs.umask;
  }
  let files = parent.files;
  if (shareFiles) files.users++;
  else files = parent.files.copy();
  return { fs, files };
}

/** At exit: drops the task's hold on its fs context and fd table (closing fds on the last user). */
export function releaseFsTask(task: FsTask): void {
  task.files.put();
  task.fs.put();
}

/** execve's close-on-exec step: closes every fd marked O_CLOEXEC / FD_CLOEXEC. */
export function closeOnExec(task: FsTask): void {
  for (const fd of task.files.fds()) if (task.files.cloexec(fd)) task.files.close(fd);
}
