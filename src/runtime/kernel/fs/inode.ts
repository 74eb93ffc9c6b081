// Inodes and superblocks: ramfs directories and regular files, and the directory interface procfs
// also implements. No paths, no fds here.
import {
  DT_DIR,
  DT_FIFO,
  DT_REG,
  DT_UNKNOWN,
  S_IFDIR,
  S_IFIFO,
  S_IFMT,
  S_IFREG,
} from './constants';

export type InodeKind = 'dir' | 'reg' | 'fifo' | 'anon';

export interface SuperBlock {
  readonly dev: number;
  readonly fstype: string;
  nextIno: number;
  /** Bytes of file data held, and the cap beyond which writes get -ENOSPC. */
  bytesUsed: number;
  readonly maxBytes: number;
}

export function newSuperBlock(dev: number, fstype: string, maxBytes = 64 << 20): SuperBlock {
  return { dev, fstype, nextIno: 1, bytesUsed: 0, maxBytes };
}

export abstract class Inode {
  abstract readonly kind: InodeKind;
  nlink = 1;
  /** Open file descriptions referring to it: an unlinked file's data lives until the last close. */
  openCount = 0;
  atimeNs: number;
  mtimeNs: number;
  ctimeNs: number;

  constructor(
    readonly sb: SuperBlock,
    readonly ino: number,
    public mode: number,
    nowNs: number,
  ) {
    this.atimeNs = this.mtimeNs = this.ctimeNs = nowNs;
  }

  size(): number {
    return 0;
  }

  /** Can it be added to an epoll set (does its file have a poll method)? */
  pollable(): boolean {
    return false;
  }
}

export interface DirEntry {
  name: string;
  inode: Inode;
  /** getdents64 position; '.' is 0 and '..' is 1, so entries start at 2. */
  pos: number;
}

export abstract class DirInode extends Inode {
  readonly kind = 'dir';
  /** The directory this one sits in inside its own superblock; null for a superblock root. */
  parent: DirInode | null = null;
  /** Set once rmdir removed it: lookups and creation in it fail with -ENOENT. */
  dead = false;

  abstract lookup(name: string): Inode | undefined;
  /** Entries in increasing `pos` order, excluding '.' and '..'. */
  abstract entries(): DirEntry[];
  /** The ramfs form when the directory can be modified; procfs returns null. */
  abstract asRam(): RamDir | null;
}

export class RamDir extends DirInode {
  private readonly children = new Map<string, DirEntry>();
  private nextPos = 2;

  constructor(sb: SuperBlock, mode: number, nowNs: number) {
    super(sb, sb.nextIno++, S_IFDIR | (mode & ~S_IFMT), nowNs);
    this.nlink = 2;
  }

  override size(): number {
    return 0;
  }

  lookup(name: string): Inode | undefined {
    return this.children.get(name)?.inode;
  }

  entries(): DirEntry[] {
    return [...this.children.values()];
  }

  asRam(): RamDir {
    return this;
  }

  isEmpty(): boolean {
    return this.children.size === 0;
  }

  link(name: string, inode: Inode, nowNs: number): void {
    this.children.set(name, { name, inode, pos: this.nextPos++ });
    if (inode instanceof DirInode) {
      inode.parent = this;
      this.nlink++;
    }
    this.mtimeNs = this.ctimeNs = nowNs;
  }

  /** rename's half: takes `name` out alive, for the caller to link elsewhere. */
  detach(name: string, nowNs: number): Inode | undefined {
    const e = this.children.get(name);
    if (!e) return undefined;
    this.children.delete(name);
    if (e.inode instanceof DirInode) this.nlink--;
    this.mtimeNs = this.ctimeNs = nowNs;
    return e.inode;
  }

  unlink(name: string, nowNs: number): void {
    const e = this.children.get(name);
    if (!e) return;
    this.children.delete(name);
    if (e.inode instanceof DirInode) {
      this.nlink--;
      e.inode.nlink = 0;
      e.inode.dead = true;
    } else {
      e.inode.nlink--;
    }
    e.inode.ctimeNs = nowNs;
    this.mtimeNs = this.ctimeNs = nowNs;
  }
}

export class RegInode extends Inode {
  readonly kind = 'reg';
  data = new Uint8Array(0);
  length = 0;

  constructor(sb: SuperBlock, mode: number, nowNs: number) {
    super(sb, sb.nextIno++, S_IFREG | (mode & ~S_IFMT), nowNs);
  }

  override size(): number {
    return this.length;
  }

  /** Drops the data of a file that has neither a name nor an opener. */
  releaseIfUnused(): void {
    if (this.nlink === 0 && this.openCount === 0) this.resize(0);
  }

  /** Grows or shrinks to `len` bytes (zero-filled); false when the superblock is full. */
  resize(len: number): boolean {
    const delta = len - this.length;
    if (delta > 0 && this.sb.bytesUsed + delta > this.sb.maxBytes) return false;
    if (len > this.data.length) {
      const grown = new Uint8Array(Math.max(len, Math.min(this.data.length * 2, this.sb.maxBytes)));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    } else if (len < this.length) {
      this.data.fill(0, len, this.length);
    }
    this.sb.bytesUsed += delta;
    this.length = len;
    return true;
  }
}

/** Inodes of pipefs and anon_inodefs: no directory entry, only reachable through an fd. */
export class AnonInode extends Inode {
  constructor(
    sb: SuperBlock,
    readonly kind: 'fifo' | 'anon',
    nowNs: number,
  ) {
    // anon_inode files report 0600 with no type bits; pipes report S_IFIFO|0600.
    super(sb, sb.nextIno++, (kind === 'fifo' ? S_IFIFO : 0) | 0o600, nowNs);
  }

  override pollable(): boolean {
    return true;
  }
}

export function dtypeOf(inode: Inode): number {
  switch (inode.mode & S_IFMT) {
    case S_IFDIR:
      return DT_DIR;
    case S_IFREG:
      return DT_REG;
    case S_IFIFO:
      return DT_FIFO;
    default:
      return DT_UNKNOWN;
  }
}
