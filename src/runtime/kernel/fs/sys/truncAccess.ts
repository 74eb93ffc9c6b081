// ftruncate and faccessat. Every caller is root here, so access only fails for a missing path and
// for X_OK on a non-directory with no execute bit at all (root's one DAC limit).
import { EACCES, EFBIG, EINVAL, ENOSPC } from '../../errno';
import { MAX_FILE_BYTES } from '../file';
import { RegInode } from '../inode';
import { argInt, argInt32 } from '../userMem';
import { fileOf, resolveAt, type FsSyscallHandler } from './common';
import { F_OK, R_OK, W_OK, X_OK } from '../constants';

export const sysFtruncate: FsSyscallHandler = (t, a) => {
  const len = argInt(a[1]);
  if (!Number.isSafeInteger(len) || len < 0) return -EINVAL;
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  if (!(file.inode instanceof RegInode) || !file.canWrite()) return -EINVAL;
  if (len > MAX_FILE_BYTES) return -EFBIG;
  if (!file.inode.resize(len)) return -ENOSPC;
  file.inode.mtimeNs = file.inode.ctimeNs = t.fs.kernel.nowNs();
  return 0;
};

export const sysFaccessat: FsSyscallHandler = (t, a) => {
  const mode = argInt32(a[2]);
  if (Number.isNaN(mode) || mode & ~(F_OK | R_OK | W_OK | X_OK)) return -EINVAL;
  const loc = resolveAt(t, argInt32(a[0]), a[1]);
  if (typeof loc === 'number') return loc;
  const node = loc.node;
  if (mode & X_OK && node.kind !== 'dir' && (node.mode & 0o111) === 0) return -EACCES;
  return 0;
};
