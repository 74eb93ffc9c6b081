// mount/umount2. New mounts of "proc", "ramfs" and "tmpfs" (a ramfs here) on a directory, and
// MS_REMOUNT as a no-op on a mount root; bind and move mounts are not modelled (-EINVAL). umount2
// is -EBUSY while a cwd, root, open file or child mount is inside, unless MNT_DETACH.
import { EAGAIN, EBUSY, EFAULT, EINVAL, ENODEV, ENOTDIR } from '../../errno';
import {
  AT_FDCWD,
  MNT_DETACH,
  MNT_EXPIRE,
  MNT_FORCE,
  MS_BIND,
  MS_MOVE,
  MS_REMOUNT,
} from '../constants';
import { UMOUNT_NOFOLLOW } from '../constants';
import type { FsTask } from '../fsStruct';
import type { DirInode } from '../inode';
import { argInt, argInt32, argString } from '../userMem';
import { resolveAt, type FsSyscallHandler } from './common';

function optString(x: unknown): string | null | number {
  return x === null || x === undefined ? null : argString(x);
}

function doMount(
  t: FsTask,
  sourceX: unknown,
  targetX: unknown,
  typeX: unknown,
  flagsX: unknown,
): number {
  const fstype = optString(typeX);
  if (typeof fstype === 'number') return fstype;
  const source = optString(sourceX);
  if (typeof source === 'number') return source;
  const flags = argInt(flagsX);
  if (Number.isNaN(flags)) return -EINVAL;
  const at = resolveAt(t, AT_FDCWD, targetX);
  if (typeof at === 'number') return at;
  const k = t.fs.kernel;
  if (flags & MS_REMOUNT) return at.node === at.mnt.root ? 0 : -EINVAL;
  if (flags & (MS_BIND | MS_MOVE)) return -EINVAL;
  if (fstype === null) return -EINVAL;
  let root: DirInode;
  if (fstype === 'proc') root = k.newProcfs();
  else if (fstype === 'ramfs' || fstype === 'tmpfs') root = k.newRamfs(0o755);
  else return -ENODEV;
  if (at.node.kind !== 'dir') return -ENOTDIR;
  k.mounts.mount(at, root, source ?? 'none', fstype);
  return 0;
}

export const sysMount: FsSyscallHandler = (t, a) => doMount(t, a[0], a[1], a[2], a[3]);

function doUmount(t: FsTask, targetX: unknown, flags: number): number {
  if (Number.isNaN(flags) || flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
    return -EINVAL;
  if (flags & MNT_EXPIRE && flags & (MNT_FORCE | MNT_DETACH)) return -EINVAL;
  if (typeof targetX !== 'string') return -EFAULT;
  const at = resolveAt(t, AT_FDCWD, targetX);
  if (typeof at === 'number') return at;
  const m = at.mnt;
  if (at.node !== m.root || !m.parent) return -EINVAL;
  const busy = m.refs > 0 || m.children.size > 0;
  if (flags & MNT_EXPIRE) {
    if (busy) return -EBUSY;
    if (!m.expiryMarked) {
      m.expiryMarked = true;
      return -EAGAIN;
    }
  } else if (busy && !(flags & MNT_DETACH)) return -EBUSY;
  t.fs.kernel.mounts.detach(m);
  return 0;
}

export const sysUmount2: FsSyscallHandler = (t, a) => doUmount(t, a[0], argInt32(a[1]));
/** Legacy umount(path) = umount2(path, 0). */
export const sysUmount: FsSyscallHandler = (t, a) => doUmount(t, a[0], 0);
