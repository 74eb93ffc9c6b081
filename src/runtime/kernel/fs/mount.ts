// The mount tree: which directory each mounted superblock root covers. A directory inode belongs to
// one mount (no bind mounts), so mounts are keyed by the directory they cover.
import type { DirInode, Inode } from './inode';

/** A position in the tree: the mount matters for `..` and for umount's busy check. */
export interface Loc {
  mnt: Mount;
  node: Inode;
}

export class Mount {
  /** cwd, root and open files that point into this mount. */
  refs = 0;
  readonly children = new Set<Mount>();
  /** MNT_EXPIRE marks a mount first; a second MNT_EXPIRE unmounts it if still unused. */
  expiryMarked = false;

  constructor(
    readonly id: number,
    readonly root: DirInode,
    public parent: Mount | null,
    public mountpoint: DirInode | null,
    readonly source: string,
    readonly fstype: string,
  ) {}
}

export class MountTable {
  readonly rootMount: Mount;
  private readonly covering = new Map<DirInode, Mount>();
  private nextId = 1;

  constructor(root: DirInode, fstype: string) {
    this.rootMount = new Mount(this.nextId++, root, null, null, fstype, fstype);
  }

  /** Mounts `root` over the directory at `at` (stacking on whatever is already there). */
  mount(at: Loc, root: DirInode, source: string, fstype: string): Mount {
    const m = new Mount(this.nextId++, root, at.mnt, at.node as DirInode, source, fstype);
    at.mnt.children.add(m);
    this.covering.set(at.node as DirInode, m);
    return m;
  }

  /** Steps into whatever is mounted on `loc` (repeatedly, for stacked mounts). */
  follow(loc: Loc): Loc {
    let cur = loc;
    for (
      let m = this.covering.get(cur.node as DirInode);
      m;
      m = this.covering.get(cur.node as DirInode)
    ) {
      cur = { mnt: m, node: m.root };
    }
    return cur;
  }

  isCovered(dir: Inode): boolean {
    return this.covering.has(dir as DirInode);
  }

  /** Removes `m` from the tree; existing references keep working but `..` no longer leaves it. */
  detach(m: Mount): void {
    if (m.mountpoint && this.covering.get(m.mountpoint) === m) this.covering.delete(m.mountpoint);
    m.parent?.children.delete(m);
    m.parent = null;
    m.mountpoint = null;
  }

  /** Every attached mount, parents before children. */
  list(): Mount[] {
    const out: Mount[] = [];
    const walk = (m: Mount): void => {
      out.push(m);
      for (const c of m.children) walk(c);
    };
    walk(this.rootMount);
    return out;
  }
}
