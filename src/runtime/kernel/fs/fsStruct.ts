// Per-task file-system state: fs_struct (root, cwd, umask) and files_struct (the fd table). Tasks
// created with CLONE_FS / CLONE_FILES share these objects, so both carry a user count.
import { EBADF, EMFILE } from '../errno';
import type { OpenFile } from './file';
import type { Loc } from './mount';
import type { FsKernel } from './fsKernel';
import type { WaitQueueFactory } from './waitQueue';

export class FsStruct {
  users = 1;
  umask = 0o022;
  root: Loc;
  cwd: Loc;

  constructor(
    readonly kernel: FsKernel,
    root: Loc,
    cwd: Loc,
  ) {
    this.root = root;
    this.cwd = cwd;
    root.mnt.refs++;
    cwd.mnt.refs++;
  }

  setCwd(loc: Loc): void {
    loc.mnt.refs++;
    this.cwd.mnt.refs--;
    this.cwd = loc;
  }

  /** Drops one user; the last one releases its hold on the mounts. */
  put(): void {
    if (--this.users > 0) return;
    this.root.mnt.refs--;
    this.cwd.mnt.refs--;
  }
}

interface FdEntry {
  file: OpenFile;
  cloexec: boolean;
}

export class FdTable {
  users = 1;
  private readonly slots: (FdEntry | undefined)[] = [];

  constructor(readonly maxFds: number) {}

  get(fd: number): OpenFile | undefined {
    return Number.isInteger(fd) && fd >= 0 ? this.slots[fd]?.file : undefined;
  }

  cloexec(fd: number): boolean {
    return this.slots[fd]?.cloexec ?? false;
  }

  setCloexec(fd: number, on: boolean): void {
    const e = this.slots[fd];
    if (e) e.cloexec = on;
  }

  /** The fd `install` would pick, or -EMFILE; open checks it before creating anything, as Linux. */
  lowestFree(minFd = 0): number {
    for (let fd = minFd; fd < this.maxFds; fd++) if (!this.slots[fd]) return fd;
    return -EMFILE;
  }

  /** Installs `file` at the lowest free fd >= `minFd`; -EMFILE past the limit (file not taken). */
  install(file: OpenFile, cloexec: boolean, minFd = 0): number {
    for (let fd = minFd; fd < this.maxFds; fd++) {
      if (!this.slots[fd]) {
        this.slots[fd] = { file, cloexec };
        return fd;
      }
    }
    return -EMFILE;
  }

  /** dup2/dup3: puts `file` at `fd`, closing what was there. */
  installAt(fd: number, file: OpenFile, cloexec: boolean): void {
    const old = this.slots[fd];
    file.refs++;
    this.slots[fd] = { file, cloexec };
    if (old) old.file.put();
  }

  close(fd: number): number {
    const e = Number.isInteger(fd) && fd >= 0 ? this.slots[fd] : undefined;
    if (!e) return -EBADF;
    this.slots[fd] = undefined;
    e.file.put();
    return 0;
  }

  /** Open fds in increasing order. */
  fds(): number[] {
    const out: number[] = [];
    this.slots.forEach((e, fd) => e && out.push(fd));
    return out;
  }

  copy(): FdTable {
    const t = new FdTable(this.maxFds);
    this.slots.forEach((e, fd) => {
      if (!e) return;
      e.file.refs++;
      t.slots[fd] = { file: e.file, cloexec: e.cloexec };
    });
    return t;
  }

  /** Drops one user; the last one closes every fd. */
  put(): void {
    if (--this.users > 0) return;
    for (const fd of this.fds()) this.close(fd);
  }
}

/** What a syscall handler needs from the calling task. The runtime's task can simply hold these. */
export interface FsTask {
  fs: FsStruct;
  files: FdTable;
  /** The caller's wait-queue factory (the runtime's traced queues); default: the kernel's. */
  makeWaitQueue?: WaitQueueFactory;
}
