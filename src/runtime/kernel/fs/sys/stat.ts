// fstat/newfstatat/stat/lstat into a caller-given object with asm-generic `struct stat` fields.
import { EINVAL } from '../../errno';
import { AT_EMPTY_PATH, AT_FDCWD, AT_NO_AUTOMOUNT, AT_SYMLINK_NOFOLLOW } from '../constants';
import type { Inode } from '../inode';
import type { FsTask } from '../fsStruct';
import { argInt32, argObject } from '../userMem';
import { fileOf, resolveAt, type FsSyscallHandler } from './common';

/** The asm-generic `struct stat` as a JS object; times split into seconds and nanoseconds. */
export interface StatBuf {
  st_dev: number;
  st_ino: number;
  st_mode: number;
  st_nlink: number;
  st_uid: number;
  st_gid: number;
  st_rdev: number;
  st_size: number;
  st_blksize: number;
  st_blocks: number;
  st_atime: number;
  st_atime_nsec: number;
  st_mtime: number;
  st_mtime_nsec: number;
  st_ctime: number;
  st_ctime_nsec: number;
}

/** AT_STATX_SYNC_TYPE bits are accepted and ignored, as by fstatat. */
const STAT_FLAGS = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | 0x6000;

export function statOf(inode: Inode): StatBuf {
  const size = inode.size();
  const t = (ns: number): [number, number] => [Math.floor(ns / 1e9), ns % 1e9];
  const [as, an] = t(inode.atimeNs);
  const [ms, mn] = t(inode.mtimeNs);
  const [cs, cn] = t(inode.ctimeNs);
  return {
    st_dev: inode.sb.dev,
    st_ino: inode.ino,
    st_mode: inode.mode,
    st_nlink: inode.nlink,
    st_uid: 0,
    st_gid: 0,
    st_rdev: 0,
    st_size: size,
    st_blksize: 4096,
    st_blocks: Math.ceil(size / 512),
    st_atime: as,
    st_atime_nsec: an,
    st_mtime: ms,
    st_mtime_nsec: mn,
    st_ctime: cs,
    st_ctime_nsec: cn,
  };
}

function copyOut(x: unknown, inode: Inode): number {
  const out = argObject(x);
  if (typeof out === 'number') return out;
  Object.assign(out, statOf(inode));
  return 0;
}

export const sysFstat: FsSyscallHandler = (t, a) => {
  const file = fileOf(t, argInt32(a[0]));
  return typeof file === 'number' ? file : copyOut(a[1], file.inode);
};

function fstatat(t: FsTask, dirfd: number, pathX: unknown, out: unknown, flags: number): number {
  if (Number.isNaN(flags) || flags & ~STAT_FLAGS) return -EINVAL;
  if (flags & AT_EMPTY_PATH && pathX === '') {
    if (dirfd === AT_FDCWD) return copyOut(out, t.fs.cwd.node);
    const file = fileOf(t, dirfd);
    return typeof file === 'number' ? file : copyOut(out, file.inode);
  }
  const loc = resolveAt(t, dirfd, pathX);
  return typeof loc === 'number' ? loc : copyOut(out, loc.node);
}

export const sysNewfstatat: FsSyscallHandler = (t, a) =>
  fstatat(t, argInt32(a[0]), a[1], a[2], argInt32(a[3]));
export const sysStat: FsSyscallHandler = (t, a) => fstatat(t, AT_FDCWD, a[0], a[1], 0);
export const sysLstat: FsSyscallHandler = (t, a) =>
  fstatat(t, AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW);
