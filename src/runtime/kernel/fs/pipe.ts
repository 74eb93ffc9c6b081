// Pipes: a byte ring with reader and writer counts and one wait queue per direction. Writes of at
// most PIPE_BUF bytes are atomic; a blocking write larger than the free space writes what fits,
// sleeps, and continues (the retry closure carries the progress).
import { EAGAIN, EBUSY, EINVAL, EPERM, EPIPE } from '../errno';
import { EPOLLERR, EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLRDNORM, EPOLLWRNORM } from './constants';
import { O_NONBLOCK, O_RDONLY, O_WRONLY, PAGE_SIZE, PIPE_BUF } from './constants';
import { OpenFile } from './file';
import type { AnonInode } from './inode';
import { block, type FsResult, type WaitQueueLike } from './waitQueue';

/** Linux's default pipe size (16 pages) and /proc/sys/fs/pipe-max-size. */
export const PIPE_DEF_BYTES = 16 * PAGE_SIZE;
export const PIPE_MAX_BYTES = 1 << 20;

export class Pipe {
  private ring: Uint8Array;
  private head = 0;
  length = 0;
  readers = 0;
  writers = 0;
  readonly files = new Set<PipeFile>();

  constructor(
    readonly inode: AnonInode,
    readonly rdWait: WaitQueueLike,
    readonly wrWait: WaitQueueLike,
  ) {
    this.ring = new Uint8Array(PIPE_DEF_BYTES);
  }

  get capacity(): number {
    return this.ring.length;
  }

  take(dst: Uint8Array, n: number): void {
    for (let i = 0; i < n; i++) dst[i] = this.ring[(this.head + i) % this.ring.length];
    this.head = (this.head + n) % this.ring.length;
    this.length -= n;
  }

  put(src: Uint8Array, n: number): void {
    const tail = this.head + this.length;
    for (let i = 0; i < n; i++) this.ring[(tail + i) % this.ring.length] = src[i];
    this.length += n;
  }

  /** F_SETPIPE_SZ: rounds up to a power-of-two number of pages; returns the new size or -errno. */
  resize(requested: number): number {
    if (!Number.isInteger(requested) || requested < 0 || requested > 0x80000000) return -EINVAL;
    let size = PAGE_SIZE;
    while (size < requested) size *= 2;
    if (size > PIPE_MAX_BYTES) return -EPERM;
    if (size < this.length) return -EBUSY;
    const next = new Uint8Array(size);
    const tmp = new Uint8Array(this.length);
    const keep = this.length;
    this.take(tmp, keep);
    next.set(tmp);
    this.ring = next;
    this.head = 0;
    this.length = keep;
    this.changed();
    return size;
  }

  /** Readiness may have changed: wake both sides and bump every end's event counter. */
  changed(): void {
    for (const f of this.files) f.eventSeq++;
    this.rdWait.wakeAll();
    this.wrWait.wakeAll();
  }
}

export class PipeFile extends OpenFile {
  constructor(
    readonly pipe: Pipe,
    readonly isReader: boolean,
    nonblock: boolean,
  ) {
    super(pipe.inode, (isReader ? O_RDONLY : O_WRONLY) | (nonblock ? O_NONBLOCK : 0), null);
    pipe.files.add(this);
    if (isReader) pipe.readers++;
    else pipe.writers++;
  }

  override read(buf: Uint8Array, count: number): FsResult {
    const p = this.pipe;
    if (count === 0) return 0;
    if (p.length > 0) {
      const n = Math.min(count, p.length);
      p.take(buf, n);
      p.changed();
      return n;
    }
    if (p.writers === 0) return 0;
    if (this.flags & O_NONBLOCK) return -EAGAIN;
    return block('pipe read', [p.rdWait], () => this.read(buf, count));
  }

  override write(buf: Uint8Array, count: number): FsResult {
    if (this.pipe.readers === 0) return -EPIPE;
    if (count === 0) return 0;
    return this.writeFrom(buf, count, 0);
  }

  private writeFrom(buf: Uint8Array, count: number, done: number): FsResult {
    const p = this.pipe;
    if (p.readers === 0) return done > 0 ? done : -EPIPE;
    const free = p.capacity - p.length;
    const atomic = count <= PIPE_BUF;
    if (atomic ? free >= count : free > 0) {
      const n = Math.min(free, count - done);
      p.put(buf.subarray(done), n);
      done += n;
      p.changed();
      if (done === count) return done;
    }
    if (this.flags & O_NONBLOCK) return done > 0 ? done : -EAGAIN;
    return block('pipe write', [p.wrWait], () => this.writeFrom(buf, count, done));
  }

  override poll(): number {
    const p = this.pipe;
    if (this.isReader)
      return (p.length > 0 ? EPOLLIN | EPOLLRDNORM : 0) | (p.writers === 0 ? EPOLLHUP : 0);
    return (p.length < p.capacity ? EPOLLOUT | EPOLLWRNORM : 0) | (p.readers === 0 ? EPOLLERR : 0);
  }

  override pollQueues(): readonly WaitQueueLike[] {
    return this.isReader ? [this.pipe.rdWait] : [this.pipe.wrWait];
  }

  protected override release(): void {
    const p = this.pipe;
    p.files.delete(this);
    if (this.isReader) p.readers--;
    else p.writers--;
    p.changed();
  }
}
