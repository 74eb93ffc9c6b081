// open/openat/creat/close. Order of checks follows do_sys_openat2: flags, then the path string,
// then a free fd (-EMFILE before any lookup or creation), then the walk and the open itself.
import { EACCES, EEXIST, EINVAL, EISDIR, ENOENT, ENOTDIR } from '../../errno';
import {
  AT_FDCWD,
  O_ACCMODE,
  O_CLOEXEC,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOCTTY,
} from '../constants';
import { O_PATH, O_RDONLY, O_TMPFILE, O_TRUNC, O_WRONLY, S_IALLUGO } from '../constants';
import { DirFile, ProcFile, RegFile, type OpenFile } from '../file';
import type { FsTask } from '../fsStruct';
import { RegInode, type DirInode } from '../inode';
import type { Loc } from '../mount';
import { lookup, lookupParent, step, type ParsedPath } from '../path';
import { ProcFileInode } from '../procfs';
import { argInt, argInt32 } from '../userMem';
import { pathArg, startOf, type FsSyscallHandler } from './common';

/** Flags open() consumes; F_GETFL does not report them. */
const OPEN_ONLY = O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC;

function openLoc(loc: Loc, flags: number): OpenFile {
  const node = loc.node;
  if (node.kind === 'dir') return new DirFile(node as DirInode, flags, loc);
  if (node instanceof ProcFileInode) return new ProcFile(node, flags, loc);
  return new RegFile(node as RegInode, flags, loc);
}

/** Finds or creates the O_CREAT target. */
function createTarget(
  task: FsTask,
  start: Loc,
  path: ParsedPath,
  flags: number,
  mode: number,
): Loc | number {
  const k = task.fs.kernel;
  const pw = lookupParent(k.mounts, task.fs, start, path);
  if (typeof pw === 'number') return pw;
  if (pw.lastType !== 'norm' || pw.trailingSlash) return -EISDIR;
  const found = step(k.mounts, task.fs, pw.dir, pw.last);
  if (typeof found !== 'number') return flags & O_EXCL ? -EEXIST : found;
  if (found !== -ENOENT) return found;
  const dir = pw.dir.node as DirInode;
  if (dir.dead) return -ENOENT;
  const ram = dir.asRam();
  if (!ram) return -EACCES;
  const now = k.nowNs();
  const reg = new RegInode(ram.sb, mode & S_IALLUGO & ~task.fs.umask, now);
  ram.link(pw.last, reg, now);
  return { mnt: pw.dir.mnt, node: reg };
}

export function doOpenat(
  task: FsTask,
  dirfd: number,
  pathX: unknown,
  flags: number,
  mode: number,
): number {
  if (Number.isNaN(flags)) return -EINVAL;
  if ((flags & O_TMPFILE) === O_TMPFILE || flags & O_PATH) return -EINVAL; // not modelled
  if (flags & O_CREAT && flags & O_DIRECTORY) return -EINVAL;
  const p = pathArg(pathX);
  if (typeof p === 'number') return p;
  const fd = task.files.lowestFree();
  if (fd < 0) return fd;
  const start = startOf(task, dirfd, p);
  if (typeof start === 'number') return start;
  const k = task.fs.kernel;
  const loc =
    flags & O_CREAT
      ? createTarget(task, start, p, flags, Number.isNaN(mode) ? 0 : mode)
      : lookup(k.mounts, task.fs, start, p);
  if (typeof loc === 'number') return loc;
  const node = loc.node;
  if (flags & O_CREAT && node.kind === 'dir') return -EISDIR;
  if (flags & O_DIRECTORY && node.kind !== 'dir') return -ENOTDIR;
  const acc = flags & O_ACCMODE;
  if (node.kind === 'dir' && (acc !== O_RDONLY || flags & O_TRUNC)) return -EISDIR;
  // Linux truncates even with O_RDONLY (the flag asks for write permission, which root has).
  if (flags & O_TRUNC && node instanceof RegInode) {
    node.resize(0);
    node.mtimeNs = node.ctimeNs = k.nowNs();
  }
  const file = openLoc(loc, flags & ~OPEN_ONLY);
  return task.files.install(file, (flags & O_CLOEXEC) !== 0);
}

export const sysOpenat: FsSyscallHandler = (t, a) =>
  doOpenat(t, argInt32(a[0]), a[1], argInt32(a[2]), argInt(a[3]));

/** Legacy open(path, flags, mode): openat(AT_FDCWD, ...), as LKL's wrapper maps it. */
export const sysOpen: FsSyscallHandler = (t, a) =>
  doOpenat(t, AT_FDCWD, a[0], argInt32(a[1]), argInt(a[2]));

/** creat(path, mode) = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
export const sysCreat: FsSyscallHandler = (t, a) =>
  doOpenat(t, AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC, argInt(a[1]));

export const sysClose: FsSyscallHandler = (t, a) => t.files.close(argInt32(a[0]));

/**
 * LKL's late initcall: creates /init (mode 0700 under the boot umask) in the root ramfs with an
 * in-kernel open(O_CREAT) + close. Returns 0 or a negative errno.
 */
export function createInitFile(task: FsTask): number {
  const fd = doOpenat(task, AT_FDCWD, '/init', O_CREAT, 0o700);
  return fd < 0 ? fd : task.files.close(fd);
}
