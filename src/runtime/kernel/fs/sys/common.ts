// Shared pieces of the fs syscall handlers: the handler type, fd lookup, and resolving a
// (dirfd, path) pair the way the *at() calls do.
import { EBADF, ENOTDIR } from '../../errno';
import { AT_FDCWD } from '../constants';
import type { OpenFile } from '../file';
import type { FsTask } from '../fsStruct';
import type { Loc } from '../mount';
import { lookup, lookupParent, parsePath, type ParentWalk, type ParsedPath } from '../path';
import { argString } from '../userMem';
import type { FsResult } from '../waitQueue';

/** One fs syscall: the calling task's fs context and the raw arguments (see userMem.ts). */
export type FsSyscallHandler = (task: FsTask, args: readonly unknown[]) => FsResult;

export function fileOf(task: FsTask, fd: number): OpenFile | number {
  return task.files.get(fd) ?? -EBADF;
}

/** Where a relative path starts: cwd for AT_FDCWD, else the directory open at `dirfd`. */
export function startOf(task: FsTask, dirfd: number, p: ParsedPath): Loc | number {
  if (p.absolute) return task.fs.root;
  if (dirfd === AT_FDCWD) return task.fs.cwd;
  const f = task.files.get(dirfd);
  if (!f) return -EBADF;
  if (!f.loc || f.inode.kind !== 'dir') return -ENOTDIR;
  return f.loc;
}

/** getname: the path argument parsed, or -EFAULT / -ENOENT / -ENAMETOOLONG. */
export function pathArg(x: unknown): ParsedPath | number {
  const s = argString(x);
  return typeof s === 'number' ? s : parsePath(s);
}

export function resolveAt(task: FsTask, dirfd: number, x: unknown): Loc | number {
  const p = pathArg(x);
  if (typeof p === 'number') return p;
  const start = startOf(task, dirfd, p);
  if (typeof start === 'number') return start;
  return lookup(task.fs.kernel.mounts, task.fs, start, p);
}

export function resolveParentAt(task: FsTask, dirfd: number, x: unknown): ParentWalk | number {
  const p = pathArg(x);
  if (typeof p === 'number') return p;
  const start = startOf(task, dirfd, p);
  if (typeof start === 'number') return start;
  return lookupParent(task.fs.kernel.mounts, task.fs, start, p);
}
