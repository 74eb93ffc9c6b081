// epoll_create1/epoll_ctl/epoll_wait: errors as Linux orders them, level and edge triggering,
// one-shot, blocking with and without a timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { isBlock, type FsBlock } from '../../../../../src/runtime/kernel/fs';
import { enc, harness } from './fsHarness';

function setup() {
  let now = 0;
  const h = harness({ nowNs: () => now });
  const p = new Int32Array(2);
  h.sys('pipe2', p, C.O_NONBLOCK);
  const ep = h.sys('epoll_create1', 0);
  return { ...h, r: p[0], w: p[1], ep, advance: (ns: number) => (now += ns) };
}

test('epoll_create1 and epoll_create argument checks', () => {
  const { sys } = harness();
  assert.equal(sys('epoll_create1', 1), -E.EINVAL);
  assert.ok(sys('epoll_create1', C.EPOLL_CLOEXEC) >= 0);
  assert.equal(sys('fcntl', 0, C.F_GETFD), C.FD_CLOEXEC);
  assert.equal(sys('epoll_create', 0), -E.EINVAL);
  assert.equal(sys('epoll_create', -1), -E.EINVAL);
  assert.equal(sys('epoll_create', 1), 1);
});

test('epoll_ctl errors: EFAULT, EBADF, EPERM, EINVAL, EEXIST, ENOENT', () => {
  const { sys, r, w, ep } = setup();
  const ev = { events: C.EPOLLIN, data: 1 };
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, r, null), -E.EFAULT);
  assert.equal(sys('epoll_ctl', 99, C.EPOLL_CTL_ADD, r, ev), -E.EBADF);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, 99, ev), -E.EBADF);
  const f = sys('creat', '/f', 0o644);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, f, ev), -E.EPERM, 'regular file');
  const d = sys('open', '/', C.O_RDONLY);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, d, ev), -E.EPERM, 'directory');
  assert.equal(sys('epoll_ctl', r, C.EPOLL_CTL_ADD, w, ev), -E.EINVAL, 'epfd is not an epoll');
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, ep, ev), -E.EINVAL, 'adding itself');
  assert.equal(sys('epoll_ctl', ep, 9, r, ev), -E.EINVAL, 'unknown op');
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_MOD, r, ev), -E.ENOENT);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_DEL, r, null), -E.ENOENT);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, r, ev), 0);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, r, ev), -E.EEXIST);
  const excl = { events: C.EPOLLIN | C.EPOLLEXCLUSIVE, data: 0 };
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_MOD, r, excl), -E.EINVAL);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_DEL, r, null), 0);
});

test('nested epoll: a cycle is -ELOOP; the inner set reports readable when it has events', () => {
  const { sys, r, w, ep } = setup();
  const outer = sys('epoll_create1', 0);
  assert.equal(
    sys('epoll_ctl', outer, C.EPOLL_CTL_ADD, ep, { events: C.EPOLLIN, data: 'inner' }),
    0,
  );
  assert.equal(
    sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, outer, { events: C.EPOLLIN, data: 0 }),
    -E.ELOOP,
  );
  sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, r, { events: C.EPOLLIN, data: 'pipe' });
  const out: unknown[] = [];
  assert.equal(sys('epoll_wait', outer, out, 4, 0), 0);
  sys('write', w, enc('x'), 1);
  assert.equal(sys('epoll_wait', outer, out, 4, 0), 1);
  assert.deepEqual(out[0], { events: C.EPOLLIN, data: 'inner' });
});

test('epoll_wait argument errors in Linux order', () => {
  const { sys, r, ep } = setup();
  assert.equal(sys('epoll_wait', ep, [], 0, 0), -E.EINVAL);
  assert.equal(sys('epoll_wait', 99, null, 0, 0), -E.EINVAL, 'maxevents first');
  assert.equal(sys('epoll_wait', 99, null, 1, 0), -E.EFAULT);
  assert.equal(sys('epoll_wait', 99, [], 1, 0), -E.EBADF);
  assert.equal(sys('epoll_wait', r, [], 1, 0), -E.EINVAL, 'not an epoll fd');
  assert.equal(sys('epoll_pwait', ep, [], 1, 0, null, 8), 0);
});

test('level-triggered: reported while ready, rotated round robin, gone when drained', () => {
  const { sys, ep } = setup();
  const pipes = [new Int32Array(2), new Int32Array(2)];
  for (const [i, p] of pipes.entries()) {
    sys('pipe2', p, C.O_NONBLOCK);
    sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, p[0], { events: C.EPOLLIN, data: i });
    sys('write', p[1], enc('ab'), 2);
  }
  const out: { data: unknown }[] = [];
  assert.equal(sys('epoll_wait', ep, out, 1, 0), 1);
  assert.equal(out[0].data, 0);
  assert.equal(sys('epoll_wait', ep, out, 1, 0), 1);
  assert.equal(out[0].data, 1, 'the other fd gets its turn');
  assert.equal(sys('epoll_wait', ep, out, 8, 0), 2);
  for (const p of pipes) sys('read', p[0], new Uint8Array(2), 2);
  assert.equal(sys('epoll_wait', ep, out, 8, 0), 0);
});

test('edge-triggered reports once per change; one-shot disarms until MOD', () => {
  const { sys, r, w, ep } = setup();
  sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, r, { events: C.EPOLLIN | C.EPOLLET, data: 'et' });
  const out: unknown[] = [];
  sys('write', w, enc('a'), 1);
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 1);
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 0, 'no new edge');
  sys('write', w, enc('b'), 1);
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 1, 'new data is a new edge');
  sys('epoll_ctl', ep, C.EPOLL_CTL_MOD, r, { events: C.EPOLLIN | C.EPOLLONESHOT, data: 'once' });
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 1);
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 0, 'disarmed');
  sys('epoll_ctl', ep, C.EPOLL_CTL_MOD, r, { events: C.EPOLLIN | C.EPOLLONESHOT, data: 'again' });
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 1);
  assert.deepEqual(out[0], { events: C.EPOLLIN, data: 'again' });
});

test('hang-up and error bits are always reported; closing a watched fd removes it', () => {
  const { sys, r, w, ep } = setup();
  sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, r, { events: C.EPOLLIN, data: 'r' });
  sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, w, { events: C.EPOLLOUT, data: 'w' });
  const out: { events: number; data: unknown }[] = [];
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 1);
  assert.deepEqual(out[0], { events: C.EPOLLOUT, data: 'w' });
  sys('close', w);
  assert.equal(sys('epoll_wait', ep, out, 4, 0), 1);
  assert.deepEqual(out[0], { events: C.EPOLLHUP, data: 'r' });
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_DEL, w, null), -E.EBADF);
});

test('epoll_wait blocks on the watched queues; a timeout carries over retries and ends in 0', () => {
  const { t, raw, sys, r, w, ep, advance } = setup();
  sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, r, { events: C.EPOLLIN, data: 7 });
  const out: unknown[] = [];
  const inf = raw(t, 'epoll_wait', ep, out, 1, -1) as FsBlock;
  assert.ok(isBlock(inf));
  assert.equal(inf.timeoutNs, undefined);
  assert.ok(inf.queues.length >= 2, 'own queue and the pipe read queue');
  const timed = raw(t, 'epoll_wait', ep, out, 1, 50) as FsBlock;
  assert.equal(timed.timeoutNs, 50e6);
  advance(20e6);
  const again = timed.retry() as FsBlock;
  assert.ok(isBlock(again));
  assert.equal(again.timeoutNs, 30e6, 'the remaining time');
  assert.equal(again.onTimeout?.(), 0);
  sys('write', w, enc('x'), 1);
  assert.equal(inf.retry(), 1);
  assert.deepEqual(out[0], { events: C.EPOLLIN, data: 7 });
  advance(40e6);
  sys('read', r, new Uint8Array(1), 1);
  assert.equal(again.retry(), 0, 'past the deadline');
});
