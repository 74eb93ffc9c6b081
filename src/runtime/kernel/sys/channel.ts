// LKL Scope's test channel: a bounded byte queue whose read blocks while empty and write while
// full, so a test can park one app thread in the kernel until another writes (syscall_thread).

import * as errno from '../errno';
import { NR } from '../syscallNumbers';
import type {
  SyscallArg,
  SyscallContext,
  SyscallHandlerSet,
  SyscallResult,
  WaitQueueLike,
} from '../syscallTypes';

export const CHANNEL_CAPACITY = 4096;

interface Channel {
  buf: number[];
  readable: WaitQueueLike;
  writable: WaitQueueLike;
}

function count(a: SyscallArg, buf: Uint8Array): number {
  if (typeof a !== 'number' || !Number.isInteger(a) || a < 0) return -errno.EINVAL;
  return Math.min(a, buf.length);
}

export function channelSyscalls(): SyscallHandlerSet {
  const chans = new Map<number, Channel>();
  let nextId = 1;

  const get = (a: SyscallArg): Channel | undefined =>
    typeof a === 'number' ? chans.get(a) : undefined;

  function read(ch: Channel, buf: Uint8Array, n: number): SyscallResult {
    if (n === 0) return 0;
    if (ch.buf.length === 0) {
      return {
        kind: 'block',
        queues: [ch.readable],
        reason: 'chan_read',
        retry: () => read(ch, buf, n),
      };
    }
    const got = ch.buf.splice(0, n);
    buf.set(got);
    ch.writable.wakeAll();
    return got.length;
  }

  function write(ch: Channel, buf: Uint8Array, n: number): SyscallResult {
    if (n === 0) return 0;
    const room = CHANNEL_CAPACITY - ch.buf.length;
    if (room === 0) {
      return {
        kind: 'block',
        queues: [ch.writable],
        reason: 'chan_write',
        retry: () => write(ch, buf, n),
      };
    }
    const put = Math.min(room, n);
    for (let i = 0; i < put; i++) ch.buf.push(buf[i]);
    ch.readable.wakeAll();
    return put;
  }

  /** (fd, buf, count): the checks read and write share, then the transfer itself. */
  function transfer(args: readonly SyscallArg[], op: (ch: Channel, buf: Uint8Array, n: number) => SyscallResult): SyscallResult {
    const ch = get(args[0]);
    if (!ch) return -errno.EBADF;
    const buf = args[1];
    if (!(buf instanceof Uint8Array)) return -errno.EFAULT;
    const n = count(args[2], buf);
    return n < 0 ? n : op(ch, buf, n);
  }

  return {
    name: 'channel',
    defs: [
      {
        no: NR.chan_create,
        name: 'chan_create',
        handler: (ctx: SyscallContext) => {
          const id = nextId++;
          chans.set(id, {
            buf: [],
            readable: ctx.newWaitQueue(`chan:${id}:rd`),
            writable: ctx.newWaitQueue(`chan:${id}:wr`),
          });
          return id;
        },
      },
      {
        no: NR.chan_write,
        name: 'chan_write',
        handler: (_ctx, args) => transfer(args, write),
      },
      {
        no: NR.chan_read,
        name: 'chan_read',
        handler: (_ctx, args) => transfer(args, read),
      },
    ],
  };
}
