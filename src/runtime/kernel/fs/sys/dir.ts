// Directory calls: mkdir(at), rmdir, unlink(at), getdents64, chdir/fchdir/getcwd, umask. unlink and
// rmdir look the last component up without crossing mounts, so a mount point is seen as one
// (-EBUSY).
import {
  EBUSY,
  EEXIST,
  EINVAL,
  EISDIR,
  ENOENT,
  ENOTDIR,
  ENOTEMPTY,
  EPERM,
  ERANGE,
} from '../../errno';
import { AT_FDCWD, AT_REMOVEDIR, S_IRWXUGO_VTX } from '../constants';
import type { FsTask } from '../fsStruct';
import { RamDir, RegInode, type DirInode } from '../inode';
import { pathOf } from '../path';
import { argBuf, argInt, argInt32 } from '../userMem';
import { fileOf, resolveAt, resolveParentAt, type FsSyscallHandler } from './common';

function mkdirat(t: FsTask, dirfd: number, pathX: unknown, mode: number): number {
  const pw = resolveParentAt(t, dirfd, pathX);
  if (typeof pw === 'number') return pw;
  if (pw.lastType !== 'norm') return -EEXIST;
  const dir = pw.dir.node as DirInode;
  if (dir.dead) return -ENOENT;
  if (dir.lookup(pw.last)) return -EEXIST;
  const ram = dir.asRam();
  if (!ram) return -EPERM;
  const k = t.fs.kernel;
  const child = new RamDir(
    ram.sb,
    (Number.isNaN(mode) ? 0 : mode) & S_IRWXUGO_VTX & ~t.fs.umask,
    k.nowNs(),
  );
  ram.link(pw.last, child, k.nowNs());
  return 0;
}

export const sysMkdirat: FsSyscallHandler = (t, a) =>
  mkdirat(t, argInt32(a[0]), a[1], argInt(a[2]));
export const sysMkdir: FsSyscallHandler = (t, a) => mkdirat(t, AT_FDCWD, a[0], argInt(a[1]));

function removeAt(t: FsTask, dirfd: number, pathX: unknown, rmdir: boolean): number {
  const pw = resolveParentAt(t, dirfd, pathX);
  if (typeof pw === 'number') return pw;
  if (pw.lastType !== 'norm') {
    if (!rmdir) return -EISDIR;
    return pw.lastType === 'dot' ? -EINVAL : pw.lastType === 'dotdot' ? -ENOTEMPTY : -EBUSY;
  }
  const dir = pw.dir.node as DirInode;
  const child = dir.dead ? undefined : dir.lookup(pw.last);
  if (!child) return -ENOENT;
  const mounts = t.fs.kernel.mounts;
  const now = t.fs.kernel.nowNs();
  if (!rmdir) {
    if (child.kind === 'dir') return -EISDIR;
    if (pw.trailingSlash) return -ENOTDIR;
    const ram = dir.asRam();
    if (!ram) return -EPERM;
    ram.unlink(pw.last, now);
    if (child instanceof RegInode) child.releaseIfUnused();
    return 0;
  }
  if (child.kind !== 'dir') return -ENOTDIR;
  const ram = dir.asRam();
  if (!ram) return -EPERM;
  if (mounts.isCovered(child)) return -EBUSY;
  const sub = (child as DirInode).asRam();
  if (sub && !sub.isEmpty()) return -ENOTEMPTY;
  ram.unlink(pw.last, now);
  return 0;
}

export const sysUnlinkat: FsSyscallHandler = (t, a) => {
  const flags = argInt32(a[2]);
  if (Number.isNaN(flags) || flags & ~AT_REMOVEDIR) return -EINVAL;
  return removeAt(t, argInt32(a[0]), a[1], (flags & AT_REMOVEDIR) !== 0);
};
export const sysUnlink: FsSyscallHandler = (t, a) => removeAt(t, AT_FDCWD, a[0], false);
export const sysRmdir: FsSyscallHandler = (t, a) => removeAt(t, AT_FDCWD, a[0], true);

export const sysGetdents64: FsSyscallHandler = (t, a) => {
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  if (file.inode.kind !== 'dir') return -ENOTDIR;
  const count = argInt(a[2]);
  const buf = argBuf(a[1], count);
  if (typeof buf === 'number') return buf;
  return file.getdents(buf, count);
};

export const sysChdir: FsSyscallHandler = (t, a) => {
  const loc = resolveAt(t, AT_FDCWD, a[0]);
  if (typeof loc === 'number') return loc;
  if (loc.node.kind !== 'dir') return -ENOTDIR;
  t.fs.setCwd(loc);
  return 0;
};

export const sysFchdir: FsSyscallHandler = (t, a) => {
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  if (file.inode.kind !== 'dir' || !file.loc) return -ENOTDIR;
  t.fs.setCwd(file.loc);
  return 0;
};

/** getcwd(buf, size): length with the NUL; -ENOENT for a removed cwd, -ERANGE if too small. */
export const sysGetcwd: FsSyscallHandler = (t, a) => {
  const path = pathOf(t.fs, t.fs.cwd);
  if (path === null) return -ENOENT;
  const bytes = new TextEncoder().encode(`${path}\0`);
  const size = argInt(a[1]);
  if (!(size >= bytes.length)) return -ERANGE;
  const buf = argBuf(a[0], bytes.length);
  if (typeof buf === 'number') return buf;
  buf.set(bytes);
  return bytes.length;
};

export const sysUmask: FsSyscallHandler = (t, a) => {
  const old = t.fs.umask;
  t.fs.umask = (argInt(a[0]) | 0) & 0o777;
  return old;
};
