// epoll: an interest list keyed by (fd, file). Level-triggered items are reported while ready and
// then moved to the back (round robin, as ep_send_events re-queues them); EPOLLET reports once per
// readiness change (the file's event counter); EPOLLONESHOT disarms after one report.
import { EEXIST, ELOOP, ENOENT } from '../errno';
import { EPOLLERR, EPOLLET, EPOLLHUP, EPOLLIN, EPOLLONESHOT, EPOLLRDNORM } from './constants';
import { O_RDWR } from './constants';
import { OpenFile, type FileWatcher } from './file';
import type { AnonInode } from './inode';
import type { WaitQueueLike } from './waitQueue';

/** struct epoll_event: `data` is the caller's opaque u64 (any value round-trips). */
export interface EpollEvent {
  events: number;
  data: unknown;
}

interface Item {
  fd: number;
  file: OpenFile;
  events: number;
  data: unknown;
  seenSeq: number;
}

/** EPOLLEXCLUSIVE may only be combined with these (EPOLLEXCLUSIVE_OK_BITS). */
export const EPOLL_EXCLUSIVE_OK = 0x001 | 0x004 | 0x008 | 0x010 | (1 << 29) | (1 << 31) | (1 << 28);
const EP_MAX_NESTS = 4;

export class EpollFile extends OpenFile implements FileWatcher {
  private items: Item[] = [];

  constructor(
    inode: AnonInode,
    readonly wait: WaitQueueLike,
  ) {
    super(inode, O_RDWR, null);
  }

  /** epoll_ctl after the fd checks: ADD / MOD / DEL. */
  ctl(op: 'add' | 'mod' | 'del', fd: number, file: OpenFile, ev: EpollEvent | null): number {
    const item = this.items.find((i) => i.fd === fd && i.file === file);
    if (op === 'add') {
      if (item) return -EEXIST;
      if (file instanceof EpollFile && (file.reaches(this, 0) || file.depth(0) >= EP_MAX_NESTS))
        return -ELOOP;
      const events = ((ev as EpollEvent).events | EPOLLERR | EPOLLHUP) >>> 0;
      this.items.push({ fd, file, events, data: (ev as EpollEvent).data, seenSeq: -1 });
      file.watchers.add(this);
    } else if (!item) {
      return -ENOENT;
    } else if (op === 'del') {
      this.items = this.items.filter((i) => i !== item);
      if (!this.items.some((i) => i.file === file)) file.watchers.delete(this);
    } else {
      item.events = ((ev as EpollEvent).events | EPOLLERR | EPOLLHUP) >>> 0;
      item.data = (ev as EpollEvent).data;
      item.seenSeq = -1;
    }
    this.eventSeq++;
    this.wait.wakeAll();
    return 0;
  }

  /** Up to `max` ready events, consuming edge-triggered and one-shot readiness as it reports. */
  collect(max: number): EpollEvent[] {
    const out: EpollEvent[] = [];
    const requeue: Item[] = [];
    for (const item of this.items) {
      if (out.length >= max) break;
      const mask = item.file.poll() & item.events;
      if (!mask || (item.events & ~(EPOLLET | EPOLLONESHOT)) === 0) continue;
      if (item.events & EPOLLET && item.seenSeq === item.file.eventSeq) continue;
      item.seenSeq = item.file.eventSeq;
      out.push({ events: mask >>> 0, data: item.data });
      if (item.events & EPOLLONESHOT) item.events &= EPOLLET | EPOLLONESHOT;
      else if (!(item.events & EPOLLET)) requeue.push(item);
    }
    if (requeue.length) this.items = this.items.filter((i) => !requeue.includes(i)).concat(requeue);
    return out;
  }

  /** noop_llseek: the position never moves. */
  override llseek(): number {
    return this.pos;
  }

  /** Readable when an item is ready, without consuming anything (for nested epoll). */
  override poll(): number {
    for (const item of this.items) {
      const mask = item.file.poll() & item.events;
      if (mask && (item.events & ~(EPOLLET | EPOLLONESHOT)) !== 0) return EPOLLIN | EPOLLRDNORM;
    }
    return 0;
  }

  override pollQueues(): readonly WaitQueueLike[] {
    const qs = new Set<WaitQueueLike>([this.wait]);
    for (const item of this.items) for (const q of item.file.pollQueues()) qs.add(q);
    return [...qs];
  }

  fileReleased(file: OpenFile): void {
    this.items = this.items.filter((i) => i.file !== file);
  }

  private reaches(target: EpollFile, depth: number): boolean {
    if (this === target) return true;
    if (depth > EP_MAX_NESTS) return true;
    for (const item of this.items) {
      if (item.file instanceof EpollFile && item.file.reaches(target, depth + 1)) return true;
    }
    return false;
  }

  private depth(d: number): number {
    let max = d;
    for (const item of this.items) {
      if (item.file instanceof EpollFile) max = Math.max(max, item.file.depth(d + 1));
    }
    return max;
  }

  protected override release(): void {
    for (const item of this.items) item.file.watchers.delete(this);
    this.items = [];
  }
}
