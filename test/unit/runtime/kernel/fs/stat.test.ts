// fstat/newfstatat/stat: the struct fields, flags and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { enc, harness } from './fsHarness';

test('stat fields: inode numbers, sizes, blocks, device, timestamps from the kernel clock', () => {
  let now = 5_000_000_123;
  const { sys } = harness({ nowNs: () => now });
  const fd = sys('creat', '/f', 0o640);
  now += 1_000_000_000;
  sys('write', fd, enc('x'.repeat(600)), 600);
  const a: Record<string, number> = {};
  const b: Record<string, number> = {};
  assert.equal(sys('fstat', fd, a), 0);
  assert.equal(sys('stat', '/', b), 0);
  assert.equal(a.st_size, 600);
  assert.equal(a.st_blocks, 2);
  assert.equal(a.st_nlink, 1);
  assert.equal(a.st_dev, b.st_dev, 'same ramfs');
  assert.notEqual(a.st_ino, b.st_ino);
  assert.equal(a.st_ctime, 5);
  assert.equal(a.st_ctime_nsec, 123);
  assert.equal(b.st_mode, C.S_IFDIR | 0o755);
});

test('pipes are S_IFIFO 0600; epoll fds are anon inodes with mode 0600', () => {
  const { sys } = harness();
  const p = new Int32Array(2);
  sys('pipe2', p, 0);
  const st: Record<string, number> = {};
  sys('fstat', p[0], st);
  assert.equal(st.st_mode, C.S_IFIFO | 0o600);
  const ep = sys('epoll_create1', 0);
  sys('fstat', ep, st);
  assert.equal(st.st_mode, 0o600);
});

test('newfstatat: dirfd-relative, AT_EMPTY_PATH, bad flags, EFAULT, ENOTDIR with trailing slash', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  sys('creat', '/d/f', 0o644);
  const dfd = sys('open', '/d', C.O_RDONLY);
  const st: Record<string, number> = {};
  assert.equal(sys('newfstatat', dfd, 'f', st, 0), 0);
  assert.equal(st.st_mode & C.S_IFMT, C.S_IFREG);
  assert.equal(sys('newfstatat', dfd, '', st, C.AT_EMPTY_PATH), 0);
  assert.equal(st.st_mode & C.S_IFMT, C.S_IFDIR);
  assert.equal(sys('newfstatat', dfd, '', st, 0), -E.ENOENT);
  assert.equal(sys('newfstatat', dfd, 'f', st, 0x1), -E.EINVAL);
  assert.equal(sys('newfstatat', dfd, 'f', null, 0), -E.EFAULT);
  assert.equal(sys('stat', '/d/f/', st), -E.ENOTDIR);
  assert.equal(sys('fstat', 40, st), -E.EBADF);
  assert.equal(sys('fstat', dfd, [1, 2]), -E.EFAULT);
  assert.equal(sys('lstat', '/d', st), 0);
});
