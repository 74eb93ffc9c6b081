// Open file descriptions (struct file): position, flags and per-type operations. Regular files,
// directories and /proc files live here; pipes and epoll in their own modules.
import { EFBIG, EINVAL, EISDIR, ENOSPC, ENOTDIR, ENXIO, ESPIPE } from '../errno';
import { O_ACCMODE, O_APPEND, O_RDONLY, O_RDWR, O_WRONLY } from './constants';
import { SEEK_CUR, SEEK_DATA, SEEK_END, SEEK_HOLE, SEEK_SET } from './constants';
import { fillDirents } from './dirents';
import type { DirInode, Inode, RegInode } from './inode';
import type { Loc } from './mount';
import type { ProcFileInode } from './procfs';
import type { FsResult, WaitQueueLike } from './waitQueue';

/** Largest regular file the model keeps (s_maxbytes): writes at or past it get -EFBIG. */
export const MAX_FILE_BYTES = 16 << 20;

/** Something that watches files for readiness (epoll); told when a watched file goes away. */
export interface FileWatcher {
  fileReleased(file: OpenFile): void;
}

export abstract class OpenFile {
  pos = 0;
  /** Fd slots (and in-flight users) holding this description. */
  refs = 1;
  /** Bumped on every readiness change; edge-triggered epoll compares against it. */
  eventSeq = 0;
  readonly watchers = new Set<FileWatcher>();

  constructor(
    readonly inode: Inode,
    public flags: number,
    readonly loc: Loc | null,
  ) {
    inode.openCount++;
    if (loc) loc.mnt.refs++;
  }

  canRead(): boolean {
    const acc = this.flags & O_ACCMODE;
    return acc === O_RDONLY || acc === O_RDWR;
  }

  canWrite(): boolean {
    const acc = this.flags & O_ACCMODE;
    return acc === O_WRONLY || acc === O_RDWR;
  }

  /** The file has no read method: vfs_read's -EINVAL. */
  read(_buf: Uint8Array, _count: number): FsResult {
    return -EINVAL;
  }

  write(_buf: Uint8Array, _count: number): FsResult {
    return -EINVAL;
  }

  llseek(_offset: number, _whence: number): number {
    return -ESPIPE;
  }

  getdents(_buf: Uint8Array, _count: number): number {
    return -ENOTDIR;
  }

  /** Current readiness (EPOLL* bits); only called when the inode is pollable. */
  poll(): number {
    return 0;
  }

  /** Queues woken when `poll()` may have changed. */
  pollQueues(): readonly WaitQueueLike[] {
    return [];
  }

  /** Drops one reference; the last one releases the file. */
  put(): void {
    if (--this.refs > 0) return;
    for (const w of [...this.watchers]) w.fileReleased(this);
    this.inode.openCount--;
    if (this.loc) this.loc.mnt.refs--;
    this.release();
  }

  protected release(): void {}
}

/** Seek arithmetic for sized files: SEEK_SET/CUR/END, and DATA/HOLE when `holes`. */
export function seekTo(
  pos: number,
  size: number,
  offset: number,
  whence: number,
  holes: boolean,
): number {
  let next: number;
  if (whence === SEEK_SET) next = offset;
  else if (whence === SEEK_CUR) next = pos + offset;
  else if (whence === SEEK_END) next = size + offset;
  else if (holes && (whence === SEEK_DATA || whence === SEEK_HOLE)) {
    if (offset < 0 || offset >= size) return -ENXIO;
    next = whence === SEEK_DATA ? offset : size;
  } else return -EINVAL;
  return Number.isSafeInteger(next) && next >= 0 ? next : -EINVAL;
}

export class RegFile extends OpenFile {
  constructor(
    readonly reg: RegInode,
    flags: number,
    loc: Loc,
  ) {
    super(reg, flags, loc);
  }

  override read(buf: Uint8Array, count: number): FsResult {
    const n = Math.max(0, Math.min(count, this.reg.length - this.pos));
    buf.set(this.reg.data.subarray(this.pos, this.pos + n));
    this.pos += n;
    return n;
  }

  override write(buf: Uint8Array, count: number): FsResult {
    if (this.flags & O_APPEND) this.pos = this.reg.length;
    if (count === 0) return 0;
    if (this.pos >= MAX_FILE_BYTES) return -EFBIG;
    const n = Math.min(count, MAX_FILE_BYTES - this.pos);
    const end = this.pos + n;
    if (end > this.reg.length && !this.reg.resize(end)) return -ENOSPC;
    this.reg.data.set(buf.subarray(0, n), this.pos);
    this.pos = end;
    return n;
  }

  override llseek(offset: number, whence: number): number {
    const next = seekTo(this.pos, this.reg.length, offset, whence, true);
    if (next >= 0) this.pos = next;
    return next;
  }

  protected override release(): void {
    this.reg.releaseIfUnused();
  }
}

/** A /proc file: its text is fixed at open, so successive reads see one consistent snapshot. */
export class ProcFile extends OpenFile {
  private readonly text: Uint8Array;

  constructor(proc: ProcFileInode, flags: number, loc: Loc) {
    super(proc, flags, loc);
    this.text = new TextEncoder().encode(proc.generate());
  }

  override read(buf: Uint8Array, count: number): FsResult {
    const n = Math.max(0, Math.min(count, this.text.length - this.pos));
    buf.set(this.text.subarray(this.pos, this.pos + n));
    this.pos += n;
    return n;
  }

  /** seq_lseek: SEEK_SET and SEEK_CUR only. */
  override llseek(offset: number, whence: number): number {
    if (whence !== SEEK_SET && whence !== SEEK_CUR) return -EINVAL;
    const next = seekTo(this.pos, 0, offset, whence, false);
    if (next >= 0) this.pos = next;
    return next;
  }

  /** DEFAULT_POLLMASK: always readable and writable. */
  override poll(): number {
    return 0x145;
  }
}

export class DirFile extends OpenFile {
  constructor(
    readonly dir: DirInode,
    flags: number,
    loc: Loc,
  ) {
    super(dir, flags, loc);
  }

  override read(): FsResult {
    return -EISDIR;
  }

  override getdents(buf: Uint8Array, count: number): number {
    return fillDirents(this, buf, count);
  }

  /** dcache_dir_lseek: SEEK_SET and SEEK_CUR only. */
  override llseek(offset: number, whence: number): number {
    if (whence !== SEEK_SET && whence !== SEEK_CUR) return -EINVAL;
    const next = seekTo(this.pos, 0, offset, whence, false);
    if (next >= 0) this.pos = next;
    return next;
  }
}
