// open/openat/creat/close: success paths and each errno Linux gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { dec, enc, harness } from './fsHarness';

test('open returns the lowest free fd and close frees it', () => {
  const { sys } = harness();
  assert.equal(sys('creat', '/a', 0o644), 0);
  assert.equal(sys('creat', '/b', 0o644), 1);
  assert.equal(sys('creat', '/c', 0o644), 2);
  assert.equal(sys('close', 1), 0);
  assert.equal(sys('open', '/c', C.O_RDONLY), 1);
  assert.equal(sys('close', 1), 0);
  assert.equal(sys('close', 1), -E.EBADF, 'double close');
  assert.equal(sys('close', -1), -E.EBADF);
  assert.equal(sys('close', 'x'), -E.EBADF);
});

test('-EMFILE at the fd limit, checked before the path is looked up', () => {
  const { sys } = harness({ maxFds: 2 });
  assert.equal(sys('creat', '/a', 0o644), 0);
  assert.equal(sys('creat', '/b', 0o644), 1);
  assert.equal(sys('creat', '/c', 0o644), -E.EMFILE);
  assert.equal(sys('open', '/missing', 0), -E.EMFILE);
  assert.equal(sys('stat', '/c', {}), -E.ENOENT, 'nothing was created');
});

test('creat applies the umask; O_CLOEXEC is kept on the fd', () => {
  const { sys } = harness();
  const fd = sys('open', '/f', C.O_CREAT | C.O_WRONLY | C.O_CLOEXEC, 0o777);
  const st: Record<string, number> = {};
  sys('fstat', fd, st);
  assert.equal(st.st_mode, C.S_IFREG | 0o755);
  assert.equal(sys('fcntl', fd, C.F_GETFD), C.FD_CLOEXEC);
  assert.equal(sys('fcntl', fd, C.F_GETFL), C.O_WRONLY, 'creation flags are not reported');
});

test('O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY semantics', () => {
  const { sys } = harness();
  const fd = sys('creat', '/f', 0o644);
  sys('write', fd, enc('hello'), 5);
  assert.equal(sys('open', '/f', C.O_CREAT | C.O_EXCL | C.O_RDWR, 0o644), -E.EEXIST);
  assert.equal(sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o600), 1, 'O_CREAT alone opens it');
  const ap = sys('open', '/f', C.O_WRONLY | C.O_APPEND);
  sys('lseek', ap, 0, C.SEEK_SET);
  assert.equal(sys('write', ap, enc('!'), 1), 1);
  const r = sys('open', '/f', C.O_RDONLY);
  const buf = new Uint8Array(16);
  assert.equal(sys('read', r, buf, 16), 6);
  assert.equal(dec(buf, 6), 'hello!');
  sys('open', '/f', C.O_WRONLY | C.O_TRUNC);
  const st: Record<string, number> = {};
  sys('stat', '/f', st);
  assert.equal(st.st_size, 0);
  assert.equal(sys('open', '/f', C.O_RDONLY | C.O_DIRECTORY), -E.ENOTDIR);
  assert.equal(sys('open', '/f', C.O_CREAT | C.O_DIRECTORY, 0o644), -E.EINVAL);
});

test('directories: read-only opens only; O_CREAT on a directory is -EISDIR', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  assert.ok(sys('open', '/d', C.O_RDONLY) >= 0);
  assert.equal(sys('open', '/d', C.O_WRONLY), -E.EISDIR);
  assert.equal(sys('open', '/d', C.O_RDWR), -E.EISDIR);
  assert.equal(sys('open', '/d', C.O_RDONLY | C.O_TRUNC), -E.EISDIR);
  assert.equal(sys('open', '/d', C.O_CREAT | C.O_RDONLY, 0o644), -E.EISDIR);
  assert.equal(sys('open', '/', C.O_CREAT | C.O_RDONLY, 0o644), -E.EISDIR);
  assert.equal(sys('open', '/new/', C.O_CREAT | C.O_RDWR, 0o644), -E.EISDIR, 'trailing slash');
});

test('path errors: ENOENT, ENOTDIR, ENAMETOOLONG, EFAULT', () => {
  const { sys } = harness();
  sys('creat', '/file', 0o644);
  assert.equal(sys('open', '', 0), -E.ENOENT);
  assert.equal(sys('open', '/no/such', C.O_CREAT, 0o644), -E.ENOENT, 'missing parent');
  assert.equal(sys('open', '/file/x', 0), -E.ENOTDIR, 'a file used as a directory');
  assert.equal(sys('open', '/file/', 0), -E.ENOTDIR, 'trailing slash on a file');
  assert.equal(sys('open', `/${'n'.repeat(256)}`, C.O_CREAT, 0o644), -E.ENAMETOOLONG);
  assert.ok(sys('open', `/${'n'.repeat(255)}`, C.O_CREAT, 0o644) >= 0, 'NAME_MAX itself is fine');
  assert.equal(sys('open', `/${'a/'.repeat(2048)}`, 0), -E.ENAMETOOLONG);
  assert.equal(sys('open', null, 0), -E.EFAULT);
  assert.equal(sys('open', 42, 0), -E.EFAULT);
  assert.equal(sys('open', '/file\0ignored', 0), 2, 'a C string ends at NUL');
});

test('openat: relative to a directory fd, AT_FDCWD, absolute paths ignore dirfd', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  const dfd = sys('open', '/d', C.O_RDONLY | C.O_DIRECTORY);
  assert.equal(sys('openat', dfd, 'x', C.O_CREAT | C.O_RDWR, 0o600), 1);
  assert.equal(sys('stat', '/d/x', {}), 0);
  assert.equal(sys('openat', 99, 'x', 0, 0), -E.EBADF);
  assert.equal(sys('openat', 1, 'y', 0, 0), -E.ENOTDIR, 'dirfd is a file');
  assert.ok(sys('openat', 99, '/d/x', 0, 0) >= 0, 'absolute path: dirfd unused');
  sys('chdir', '/d');
  assert.ok(sys('openat', C.AT_FDCWD, 'x', 0, 0) >= 0);
});

test('creating in /proc is -EACCES; an unlinked open file stays readable', () => {
  const { sys } = harness();
  sys('mkdir', '/proc', 0o555);
  sys('mount', 'proc', '/proc', 'proc', 0, null);
  assert.equal(sys('open', '/proc/new', C.O_CREAT | C.O_RDWR, 0o644), -E.EACCES);
  const fd = sys('open', '/tmpf', C.O_CREAT | C.O_RDWR, 0o644);
  sys('write', fd, enc('kept'), 4);
  assert.equal(sys('unlink', '/tmpf'), 0);
  assert.equal(sys('open', '/tmpf', 0), -E.ENOENT);
  const st: Record<string, number> = {};
  sys('fstat', fd, st);
  assert.equal(st.st_nlink, 0);
  sys('lseek', fd, 0, C.SEEK_SET);
  const b = new Uint8Array(4);
  assert.equal(sys('read', fd, b, 4), 4);
  assert.equal(dec(b), 'kept');
});
