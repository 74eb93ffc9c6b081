// pipe2: blocking and non-blocking reads and writes, EOF, EPIPE, PIPE_BUF atomicity, pipe size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { isBlock, SimpleWaitQueue, type FsBlock } from '../../../../../src/runtime/kernel/fs';
import { dec, enc, harness } from './fsHarness';

function setup(flags = 0) {
  const h = harness();
  const p = new Int32Array(2);
  assert.equal(h.sys('pipe2', p, flags), 0);
  return { ...h, r: p[0], w: p[1] };
}

test('a blocking read on an empty pipe blocks on the read queue; a write wakes it and the retry reads', () => {
  const { t, raw, sys, r, w } = setup();
  const buf = new Uint8Array(8);
  const res = raw(t, 'read', r, buf, 8);
  assert.ok(isBlock(res));
  const blk = res as FsBlock;
  assert.equal(blk.reason, 'pipe read');
  const q = blk.queues[0] as SimpleWaitQueue;
  let woken = 0;
  q.subscribe(() => woken++);
  assert.equal(sys('write', w, enc('hi'), 2), 2);
  assert.ok(woken > 0, 'the writer woke the reader queue');
  assert.equal(blk.retry(), 2);
  assert.equal(dec(buf, 2), 'hi');
});

test('read returns 0 at EOF once every writer is closed, and the close wakes blocked readers', () => {
  const { t, raw, sys, r, w } = setup();
  const blk = raw(t, 'read', r, new Uint8Array(4), 4) as FsBlock;
  assert.ok(isBlock(blk));
  const q = blk.queues[0] as SimpleWaitQueue;
  const before = q.wakeCount;
  assert.equal(sys('close', w), 0);
  assert.ok(q.wakeCount > before);
  assert.equal(blk.retry(), 0);
  assert.equal(sys('read', r, new Uint8Array(4), 4), 0);
});

test('write with no reader is -EPIPE; O_NONBLOCK empty read is -EAGAIN', () => {
  const a = setup(C.O_NONBLOCK);
  assert.equal(a.sys('read', a.r, new Uint8Array(4), 4), -E.EAGAIN);
  assert.equal(a.sys('read', a.r, new Uint8Array(4), 0), 0, 'zero-length read');
  a.sys('close', a.r);
  assert.equal(a.sys('write', a.w, enc('x'), 1), -E.EPIPE);
  assert.equal(a.sys('read', a.w, new Uint8Array(1), 1), -E.EBADF, 'write end is write-only');
});

test('writes up to PIPE_BUF are atomic: -EAGAIN rather than a partial write when non-blocking', () => {
  const { sys, r, w } = setup(C.O_NONBLOCK);
  assert.equal(sys('fcntl', w, C.F_SETPIPE_SZ, 1), C.PAGE_SIZE);
  assert.equal(sys('fcntl', r, C.F_GETPIPE_SZ), C.PAGE_SIZE);
  assert.equal(sys('write', w, new Uint8Array(4000), 4000), 4000);
  assert.equal(sys('write', w, new Uint8Array(200), 200), -E.EAGAIN, 'atomic 200 bytes do not fit');
  assert.equal(sys('write', w, new Uint8Array(5000), 5000), 96, 'a large write takes what fits');
  assert.equal(sys('write', w, new Uint8Array(5000), 5000), -E.EAGAIN, 'full');
  assert.equal(sys('fcntl', w, C.F_SETPIPE_SZ, 5000), 2 * C.PAGE_SIZE, 'rounded up to pages');
  assert.equal(sys('write', w, new Uint8Array(100), 100), 100);
  assert.equal(sys('fcntl', w, C.F_SETPIPE_SZ, 1), -E.EBUSY, 'cannot shrink below the contents');
  assert.equal(sys('fcntl', w, C.F_SETPIPE_SZ, 2 << 20), -E.EPERM, 'past pipe-max-size');
  const buf = new Uint8Array(8192);
  assert.equal(sys('read', r, buf, 8192), 4196, 'contents survive the resize');
});

test('boot.c syscall_thread shape: a blocking PIPE_BUF+1 write into a 1-page pipe completes in two parts', () => {
  const { t, raw, sys, r, w } = setup();
  sys('fcntl', r, C.F_SETPIPE_SZ, 1);
  const data = new Uint8Array(C.PIPE_BUF + 1).map((_, i) => i & 0xff);
  const wr = raw(t, 'write', w, data, data.length) as FsBlock;
  assert.ok(isBlock(wr), 'the writer blocks after filling the page');
  const got = new Uint8Array(C.PIPE_BUF + 1);
  assert.equal(sys('read', r, got, got.length), C.PAGE_SIZE, 'the reader takes one page');
  assert.equal(wr.retry(), C.PIPE_BUF + 1, 'the writer finishes and reports the full count');
  const last = new Uint8Array(1);
  assert.equal(sys('read', r, last, 1), 1);
  assert.equal(last[0], C.PIPE_BUF & 0xff);
});

test('a blocked writer whose reader goes away returns the bytes written so far', () => {
  const { t, raw, sys, r, w } = setup();
  sys('fcntl', w, C.F_SETPIPE_SZ, 1);
  const wr = raw(t, 'write', w, new Uint8Array(10000), 10000) as FsBlock;
  assert.ok(isBlock(wr));
  sys('close', r);
  assert.equal(wr.retry(), C.PAGE_SIZE);
});

test('pipe2 flags and out-array errors; O_CLOEXEC marks both ends', () => {
  const { sys } = harness({ maxFds: 3 });
  assert.equal(sys('pipe2', new Int32Array(2), 0x1), -E.EINVAL);
  assert.equal(sys('pipe2', new Int32Array(1), 0), -E.EFAULT);
  assert.equal(sys('pipe2', null, 0), -E.EFAULT);
  const fds: number[] = [0, 0];
  assert.equal(sys('pipe2', fds, C.O_CLOEXEC), 0);
  assert.deepEqual(fds, [0, 1]);
  assert.equal(sys('fcntl', 0, C.F_GETFD), C.FD_CLOEXEC);
  assert.equal(sys('fcntl', 1, C.F_GETFD), C.FD_CLOEXEC);
  assert.equal(sys('pipe2', fds, 0), -E.EMFILE, 'needs two free fds');
  assert.equal(sys('pipe', [0, 0]), -E.EMFILE);
});

test('F_SETFL switches O_NONBLOCK on an open pipe', () => {
  const { t, raw, sys, r } = setup();
  assert.ok(isBlock(raw(t, 'read', r, new Uint8Array(1), 1)));
  assert.equal(sys('fcntl', r, C.F_SETFL, C.O_NONBLOCK), 0);
  assert.equal(sys('fcntl', r, C.F_GETFL), C.O_RDONLY | C.O_NONBLOCK);
  assert.equal(sys('read', r, new Uint8Array(1), 1), -E.EAGAIN);
});
