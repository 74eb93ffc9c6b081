// renameat2/renameat/rename within one ramfs: RENAME_NOREPLACE and RENAME_EXCHANGE (no whiteouts).
// Check order follows do_renameat2 and vfs_rename: flags, lookups, -EXDEV across mounts, "." and
// ".." (-EBUSY), existence, loops (-EINVAL / -ENOTEMPTY), types, then -EPERM, -EBUSY, -ENOTEMPTY.
import {
  EBUSY,
  EEXIST,
  EINVAL,
  EISDIR,
  ENOENT,
  ENOTDIR,
  ENOTEMPTY,
  EPERM,
  EXDEV,
} from '../../errno';
import { AT_FDCWD, RENAME_EXCHANGE, RENAME_NOREPLACE } from '../constants';
import type { FsTask } from '../fsStruct';
import { RegInode, type DirInode, type Inode } from '../inode';
import { argInt32 } from '../userMem';
import { resolveParentAt, type FsSyscallHandler } from './common';

/** Is `dir` the directory `node` or one of its ancestors (within one superblock)? */
function contains(dir: Inode, node: Inode): boolean {
  for (let d: DirInode | null = node.kind === 'dir' ? (node as DirInode) : null; d; d = d.parent) {
    if (d === dir) return true;
  }
  return false;
}

function renameat2(
  t: FsTask,
  oldfd: number,
  oldX: unknown,
  newfd: number,
  newX: unknown,
  flags: number,
): number {
  if (Number.isNaN(flags) || flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) return -EINVAL;
  const exchange = (flags & RENAME_EXCHANGE) !== 0;
  if (exchange && flags & RENAME_NOREPLACE) return -EINVAL;
  const from = resolveParentAt(t, oldfd, oldX);
  if (typeof from === 'number') return from;
  const to = resolveParentAt(t, newfd, newX);
  if (typeof to === 'number') return to;
  if (from.dir.mnt !== to.dir.mnt) return -EXDEV;
  if (from.lastType !== 'norm') return -EBUSY;
  if (to.lastType !== 'norm') return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
  const od = from.dir.node as DirInode;
  const nd = to.dir.node as DirInode;
  const src = od.dead ? undefined : od.lookup(from.last);
  if (!src || nd.dead) return -ENOENT;
  const dst = nd.lookup(to.last);
  if (flags & RENAME_NOREPLACE && dst) return -EEXIST;
  if (exchange && !dst) return -ENOENT;
  const slash = from.trailingSlash || to.trailingSlash;
  if (slash && (src.kind !== 'dir' || (exchange && dst && dst.kind !== 'dir'))) return -ENOTDIR;
  if (src === dst) return 0;
  if (contains(src, nd)) return -EINVAL;
  if (dst && contains(dst, od)) return exchange ? -EINVAL : -ENOTEMPTY;
  if (dst && !exchange) {
    if (src.kind === 'dir' && dst.kind !== 'dir') return -ENOTDIR;
    if (src.kind !== 'dir' && dst.kind === 'dir') return -EISDIR;
  }
  const ro = od.asRam();
  const rn = nd.asRam();
  if (!ro || !rn) return -EPERM;
  const mounts = t.fs.kernel.mounts;
  if (mounts.isCovered(src) || (dst && mounts.isCovered(dst))) return -EBUSY;
  if (dst && !exchange && dst.kind === 'dir' && !(dst as DirInode).asRam()?.isEmpty())
    return -ENOTEMPTY;
  const now = t.fs.kernel.nowNs();
  if (exchange && dst) {
    ro.detach(from.last, now);
    rn.detach(to.last, now);
    rn.link(to.last, src, now);
    ro.link(from.last, dst, now);
  } else {
    if (dst) rn.unlink(to.last, now);
    if (dst instanceof RegInode) dst.releaseIfUnused();
    ro.detach(from.last, now);
    rn.link(to.last, src, now);
  }
  src.ctimeNs = now;
  return 0;
}

export const sysRenameat2: FsSyscallHandler = (t, a) =>
  renameat2(t, argInt32(a[0]), a[1], argInt32(a[2]), a[3], argInt32(a[4]));
export const sysRenameat: FsSyscallHandler = (t, a) =>
  renameat2(t, argInt32(a[0]), a[1], argInt32(a[2]), a[3], 0);
export const sysRename: FsSyscallHandler = (t, a) =>
  renameat2(t, AT_FDCWD, a[0], AT_FDCWD, a[1], 0);
