// Path walking (namei): absolute or relative to a start directory, '.', '..' across mounts and the
// task's root, repeated and trailing slashes. No symlinks, so no ELOOP.
import { ENAMETOOLONG, ENOENT, ENOTDIR } from '../errno';
import { NAME_MAX, PATH_MAX } from './constants';
import type { DirInode } from './inode';
import type { Loc, MountTable } from './mount';
import type { FsStruct } from './fsStruct';

export interface ParsedPath {
  absolute: boolean;
  parts: string[];
  trailingSlash: boolean;
}

const enc = new TextEncoder();

/** Splits a path; -ENOENT when empty, -ENAMETOOLONG past PATH_MAX bytes or a NAME_MAX component. */
export function parsePath(path: string): ParsedPath | number {
  if (path === '') return -ENOENT;
  if (enc.encode(path).length >= PATH_MAX) return -ENAMETOOLONG;
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.some((p) => enc.encode(p).length > NAME_MAX)) return -ENAMETOOLONG;
  return { absolute: path.startsWith('/'), parts, trailingSlash: path.endsWith('/') };
}

export function sameLoc(a: Loc, b: Loc): boolean {
  return a.mnt === b.mnt && a.node === b.node;
}

/** `..`: stays at the task's root, climbs out of mount roots to the covered directory first. */
function parentOf(fs: FsStruct, loc: Loc): Loc {
  let cur = loc;
  while (
    !sameLoc(cur, fs.root) &&
    cur.node === cur.mnt.root &&
    cur.mnt.parent &&
    cur.mnt.mountpoint
  ) {
    cur = { mnt: cur.mnt.parent, node: cur.mnt.mountpoint };
  }
  if (sameLoc(cur, fs.root)) return cur;
  const p = (cur.node as DirInode).parent;
  return p ? { mnt: cur.mnt, node: p } : cur;
}

/** One component from `loc`, which must be a directory. */
export function step(mounts: MountTable, fs: FsStruct, loc: Loc, name: string): Loc | number {
  if (loc.node.kind !== 'dir') return -ENOTDIR;
  if (name === '.') return loc;
  if (name === '..') return parentOf(fs, loc);
  const dir = loc.node as DirInode;
  if (dir.dead) return -ENOENT;
  const child = dir.lookup(name);
  return child ? mounts.follow({ mnt: loc.mnt, node: child }) : -ENOENT;
}

function walk(
  mounts: MountTable,
  fs: FsStruct,
  start: Loc,
  parts: readonly string[],
): Loc | number {
  let loc = start;
  for (const name of parts) {
    const next = step(mounts, fs, loc, name);
    if (typeof next === 'number') return next;
    loc = next;
  }
  return loc;
}

/** Resolves the whole path; a trailing slash requires a directory. */
export function lookup(mounts: MountTable, fs: FsStruct, start: Loc, p: ParsedPath): Loc | number {
  const loc = walk(mounts, fs, p.absolute ? fs.root : start, p.parts);
  if (typeof loc === 'number') return loc;
  return p.trailingSlash && loc.node.kind !== 'dir' ? -ENOTDIR : loc;
}

/** The directory that holds the last component, and how that component looks (Linux's LAST_*). */
export interface ParentWalk {
  dir: Loc;
  last: string;
  lastType: 'norm' | 'dot' | 'dotdot' | 'root';
  trailingSlash: boolean;
}

export function lookupParent(
  mounts: MountTable,
  fs: FsStruct,
  start: Loc,
  p: ParsedPath,
): ParentWalk | number {
  const base = p.absolute ? fs.root : start;
  if (p.parts.length === 0)
    return { dir: base, last: '', lastType: 'root', trailingSlash: p.trailingSlash };
  const dir = walk(mounts, fs, base, p.parts.slice(0, -1));
  if (typeof dir === 'number') return dir;
  if (dir.node.kind !== 'dir') return -ENOTDIR;
  const last = p.parts[p.parts.length - 1];
  const lastType = last === '.' ? 'dot' : last === '..' ? 'dotdot' : 'norm';
  return { dir, last, lastType, trailingSlash: p.trailingSlash };
}

/** The absolute path of `loc` as seen from `fs.root`, or null if it is unreachable or deleted. */
export function pathOf(fs: FsStruct, loc: Loc): string | null {
  const names: string[] = [];
  let cur = loc;
  for (let guard = 0; guard < PATH_MAX && !sameLoc(cur, fs.root); guard++) {
    if (cur.node === cur.mnt.root) {
      if (!cur.mnt.parent || !cur.mnt.mountpoint) return null;
      cur = { mnt: cur.mnt.parent, node: cur.mnt.mountpoint };
      continue;
    }
    const dir = cur.node as DirInode;
    if (dir.dead || !dir.parent) return null;
    const name = dir.parent.entries().find((e) => e.inode.ino === dir.ino)?.name;
    if (name === undefined) return null;
    names.push(name);
    cur = { mnt: cur.mnt, node: dir.parent };
  }
  return `/${names.reverse().join('/')}`;
}
