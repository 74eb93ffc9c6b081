// pipe2/pipe and epoll_create1/epoll_create/epoll_ctl/epoll_pwait/epoll_wait. Blocking epoll_wait
// returns an FsBlock on the queues of every watched file; its timeout is carried across retries.
import { EFAULT, EINVAL, EMFILE, EPERM } from '../../errno';
import {
  EP_MAX_EVENTS,
  EPOLL_CLOEXEC,
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
} from '../constants';
import { EPOLLEXCLUSIVE, O_CLOEXEC, O_NONBLOCK } from '../constants';
import { EPOLL_EXCLUSIVE_OK, EpollFile, type EpollEvent } from '../epoll';
import type { FsTask } from '../fsStruct';
import { AnonInode } from '../inode';
import { Pipe, PipeFile } from '../pipe';
import { argInt, argInt32 } from '../userMem';
import { block, type FsResult } from '../waitQueue';
import { fileOf, type FsSyscallHandler } from './common';

/** O_DIRECT (packet mode) is accepted and ignored. */
const PIPE2_FLAGS = O_CLOEXEC | O_NONBLOCK | 0o40000;

function doPipe2(t: FsTask, out: unknown, flags: number): number {
  if (Number.isNaN(flags) || flags & ~PIPE2_FLAGS) return -EINVAL;
  const rfd = t.files.lowestFree();
  if (rfd < 0 || t.files.lowestFree(rfd + 1) < 0) return -EMFILE;
  const okOut = (out instanceof Int32Array || Array.isArray(out)) && out.length >= 2;
  if (!okOut) return -EFAULT;
  const k = t.fs.kernel;
  const inode = new AnonInode(k.pipeSb, 'fifo', k.nowNs());
  const name = `pipe:${inode.ino}`;
  const wq = t.makeWaitQueue ?? k.makeWaitQueue;
  const pipe = new Pipe(inode, wq(`${name}:rd`), wq(`${name}:wr`));
  const nonblock = (flags & O_NONBLOCK) !== 0;
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const fds = out as Int32Array | unknown[];
  fds[0] = t.files.install(new PipeFile(pipe, true, nonblock), cloexec);
  fds[1] = t.files.install(new PipeFile(pipe, false, nonblock), cloexec);
  return 0;
}

export const sysPipe2: FsSyscallHandler = (t, a) => doPipe2(t, a[0], argInt32(a[1]));
export const sysPipe: FsSyscallHandler = (t, a) => doPipe2(t, a[0], 0);

function epollCreate(t: FsTask, flags: number): number {
  if (Number.isNaN(flags) || flags & ~EPOLL_CLOEXEC) return -EINVAL;
  const fd = t.files.lowestFree();
  if (fd < 0) return fd;
  const k = t.fs.kernel;
  const inode = new AnonInode(k.anonSb, 'anon', k.nowNs());
  const file = new EpollFile(inode, (t.makeWaitQueue ?? k.makeWaitQueue)(`epoll:${inode.ino}`));
  return t.files.install(file, (flags & EPOLL_CLOEXEC) !== 0);
}

export const sysEpollCreate1: FsSyscallHandler = (t, a) => epollCreate(t, argInt32(a[0]));
/** Legacy epoll_create(size): size only has to be positive. */
export const sysEpollCreate: FsSyscallHandler = (t, a) =>
  argInt32(a[0]) > 0 ? epollCreate(t, 0) : -EINVAL;

function readEvent(x: unknown): EpollEvent | number {
  if (typeof x !== 'object' || x === null) return -EFAULT;
  const ev = x as Partial<EpollEvent>;
  const events = argInt(ev.events);
  return { events: Number.isNaN(events) ? 0 : events >>> 0, data: ev.data };
}

export const sysEpollCtl: FsSyscallHandler = (t, a) => {
  const op = argInt32(a[1]);
  const ev = op === EPOLL_CTL_DEL ? null : readEvent(a[3]);
  if (typeof ev === 'number') return ev;
  const ep = fileOf(t, argInt32(a[0]));
  if (typeof ep === 'number') return ep;
  const fd = argInt32(a[2]);
  const target = fileOf(t, fd);
  if (typeof target === 'number') return target;
  if (!target.inode.pollable()) return -EPERM;
  if (ep === target || !(ep instanceof EpollFile)) return -EINVAL;
  if (ev && ev.events & EPOLLEXCLUSIVE) {
    if (op === EPOLL_CTL_MOD) return -EINVAL;
    if (op === EPOLL_CTL_ADD && (target instanceof EpollFile || ev.events & ~EPOLL_EXCLUSIVE_OK))
      return -EINVAL;
  }
  if (op === EPOLL_CTL_ADD) return ep.ctl('add', fd, target, ev);
  if (op === EPOLL_CTL_MOD) return ep.ctl('mod', fd, target, ev);
  if (op === EPOLL_CTL_DEL) return ep.ctl('del', fd, target, null);
  return -EINVAL;
};

function waitOnce(
  t: FsTask,
  ep: EpollFile,
  out: unknown[],
  max: number,
  deadlineNs: number | null,
): FsResult {
  const ready = ep.collect(max);
  if (ready.length > 0) {
    ready.forEach((e, i) => (out[i] = e));
    return ready.length;
  }
  const now = t.fs.kernel.nowNs();
  if (deadlineNs !== null && now >= deadlineNs) return 0;
  const retry = (): FsResult => waitOnce(t, ep, out, max, deadlineNs);
  const timeout =
    deadlineNs === null ? undefined : { timeoutNs: deadlineNs - now, onTimeout: () => 0 };
  return block('epoll_wait', ep.pollQueues(), retry, timeout);
}

function epollWait(
  t: FsTask,
  epfd: number,
  out: unknown,
  max: number,
  timeoutMs: number,
): FsResult {
  if (!Number.isInteger(max) || max <= 0 || max > EP_MAX_EVENTS) return -EINVAL;
  if (!Array.isArray(out)) return -EFAULT;
  const ep = fileOf(t, epfd);
  if (typeof ep === 'number') return ep;
  if (!(ep instanceof EpollFile)) return -EINVAL;
  const ms = Number.isNaN(timeoutMs) ? -1 : timeoutMs;
  const deadline = ms < 0 ? null : t.fs.kernel.nowNs() + ms * 1e6;
  return waitOnce(t, ep, out, max, deadline);
}

/** epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize): no signals, so no mask. */
export const sysEpollPwait: FsSyscallHandler = (t, a) =>
  epollWait(t, argInt32(a[0]), a[1], argInt32(a[2]), argInt32(a[3]));
export const sysEpollWait: FsSyscallHandler = (t, a) =>
  epollWait(t, argInt32(a[0]), a[1], argInt32(a[2]), argInt32(a[3]));
