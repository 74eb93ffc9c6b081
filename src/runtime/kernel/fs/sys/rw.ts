// read/write/lseek. Checks in vfs_read/vfs_write order: fd (-EBADF), access mode (-EBADF), buffer
// (-EFAULT), then the file's own method (-EISDIR for directories, -EAGAIN/-EPIPE for pipes).
import { EBADF, EINVAL } from '../../errno';
import { argBuf, argInt, argInt32 } from '../userMem';
import type { FsResult } from '../waitQueue';
import { fileOf, type FsSyscallHandler } from './common';

/** MAX_RW_COUNT: a single read or write moves at most INT_MAX rounded down to a page. */
const MAX_RW_COUNT = 0x7ffff000;

function rw(t: Parameters<FsSyscallHandler>[0], a: readonly unknown[], write: boolean): FsResult {
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  if (!(write ? file.canWrite() : file.canRead())) return -EBADF;
  const count = argInt(a[2]);
  const buf = argBuf(a[1], count);
  if (typeof buf === 'number') return buf;
  const n = Math.min(count, MAX_RW_COUNT);
  return write ? file.write(buf, n) : file.read(buf, n);
}

export const sysRead: FsSyscallHandler = (t, a) => rw(t, a, false);
export const sysWrite: FsSyscallHandler = (t, a) => rw(t, a, true);

export const sysLseek: FsSyscallHandler = (t, a) => {
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  const offset = argInt(a[1]);
  const whence = argInt32(a[2]);
  if (Number.isNaN(offset) || Number.isNaN(whence)) return -EINVAL;
  return file.llseek(offset, whence);
};
