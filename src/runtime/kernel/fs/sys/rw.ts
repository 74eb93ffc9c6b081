// read/write/pread64/pwrite64/lseek. Checks in vfs_read/vfs_write order: fd (-EBADF), access mode
// (-EBADF), buffer (-EFAULT), then the file's own method (-EISDIR for directories, -EAGAIN/-EPIPE
// for pipes).
import { EBADF, EINVAL, ESPIPE } from '../../errno';
import type { FsTask } from '../fsStruct';
import { PipeFile } from '../pipe';
import { argBuf, argInt, argInt32 } from '../userMem';
import type { FsResult } from '../waitQueue';
import { fileOf, type FsSyscallHandler } from './common';

/** MAX_RW_COUNT: a single read or write moves at most INT_MAX rounded down to a page. */
const MAX_RW_COUNT = 0x7ffff000;

/** `at` is the pread/pwrite offset (the file position is left alone), or null for read/write. */
function rw(t: FsTask, a: readonly unknown[], write: boolean, at: number | null): FsResult {
  if (at !== null && !(at >= 0)) return -EINVAL;
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  // Pipes are opened without FMODE_PREAD/FMODE_PWRITE.
  if (at !== null && file instanceof PipeFile) return -ESPIPE;
  if (!(write ? file.canWrite() : file.canRead())) return -EBADF;
  const count = argInt(a[2]);
  const buf = argBuf(a[1], count);
  if (typeof buf === 'number') return buf;
  const n = Math.min(count, MAX_RW_COUNT);
  if (at === null) return write ? file.write(buf, n) : file.read(buf, n);
  // Positional I/O on a file that never blocks: borrow the position and put it back.
  const saved = file.pos;
  file.pos = at;
  const r = write ? file.write(buf, n) : file.read(buf, n);
  file.pos = saved;
  return r;
}

export const sysRead: FsSyscallHandler = (t, a) => rw(t, a, false, null);
export const sysWrite: FsSyscallHandler = (t, a) => rw(t, a, true, null);
export const sysPread64: FsSyscallHandler = (t, a) => rw(t, a, false, argInt(a[3]));
export const sysPwrite64: FsSyscallHandler = (t, a) => rw(t, a, true, argInt(a[3]));

export const sysLseek: FsSyscallHandler = (t, a) => {
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  const offset = argInt(a[1]);
  const whence = argInt32(a[2]);
  if (Number.isNaN(offset) || Number.isNaN(whence)) return -EINVAL;
  return file.llseek(offset, whence);
};
