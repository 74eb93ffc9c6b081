// mkdir/rmdir/unlink/getdents64/chdir/getcwd/umask and path walking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { parseDirents64 } from '../../../../../src/runtime/kernel/fs';
import { dec, harness } from './fsHarness';

test('mkdir: mode under umask, EEXIST, ENOENT, ENOTDIR, nlink', () => {
  const { sys } = harness();
  assert.equal(sys('mkdir', '/d', 0o1777), 0);
  const st: Record<string, number> = {};
  sys('stat', '/d', st);
  assert.equal(st.st_mode, C.S_IFDIR | 0o1755, 'sticky bit kept, umask 022 applied');
  assert.equal(st.st_nlink, 2);
  assert.equal(sys('mkdir', '/d/e/', 0o755), 0, 'trailing slash is fine for mkdir');
  sys('stat', '/d', st);
  assert.equal(st.st_nlink, 3);
  assert.equal(sys('mkdir', '/d', 0o755), -E.EEXIST);
  assert.equal(sys('mkdir', '/', 0o755), -E.EEXIST);
  assert.equal(sys('mkdir', '/d/.', 0o755), -E.EEXIST);
  assert.equal(sys('mkdir', '/x/y', 0o755), -E.ENOENT);
  sys('creat', '/f', 0o644);
  assert.equal(sys('mkdir', '/f/y', 0o755), -E.ENOTDIR);
  const dfd = sys('open', '/d', C.O_RDONLY);
  assert.equal(sys('mkdirat', dfd, 'sub', 0o700), 0);
  assert.equal(sys('stat', '/d/sub', {}), 0);
  assert.equal(sys('mkdir', 7, 0o755), -E.EFAULT);
});

test('rmdir: ENOTEMPTY, EINVAL for ".", ENOTEMPTY for "..", EBUSY for "/" and mount points', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  sys('mkdir', '/d/e', 0o755);
  assert.equal(sys('rmdir', '/d'), -E.ENOTEMPTY);
  assert.equal(sys('rmdir', '/d/e/.'), -E.EINVAL);
  assert.equal(sys('rmdir', '/d/e/..'), -E.ENOTEMPTY);
  assert.equal(sys('rmdir', '/'), -E.EBUSY);
  assert.equal(sys('rmdir', '/nope'), -E.ENOENT);
  sys('creat', '/f', 0o644);
  assert.equal(sys('rmdir', '/f'), -E.ENOTDIR);
  sys('mount', 'none', '/d/e', 'ramfs', 0, null);
  assert.equal(sys('rmdir', '/d/e'), -E.EBUSY);
  assert.equal(sys('umount2', '/d/e', 0), 0);
  assert.equal(sys('rmdir', '/d/e'), 0);
  assert.equal(sys('unlinkat', C.AT_FDCWD, '/d', C.AT_REMOVEDIR), 0);
  assert.equal(sys('stat', '/d', {}), -E.ENOENT);
});

test('unlink: EISDIR on directories, ENOTDIR with a trailing slash, EINVAL for bad flags', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  sys('creat', '/f', 0o644);
  assert.equal(sys('unlink', '/d'), -E.EISDIR);
  assert.equal(sys('unlink', '/'), -E.EISDIR);
  assert.equal(sys('unlink', '/f/'), -E.ENOTDIR);
  assert.equal(sys('unlink', '/g'), -E.ENOENT);
  assert.equal(sys('unlinkat', C.AT_FDCWD, '/f', 0x4), -E.EINVAL);
  assert.equal(sys('unlinkat', C.AT_FDCWD, '/f', 0), 0);
  assert.equal(sys('unlink', '/f'), -E.ENOENT);
});

test('getdents64: d_type, d_off, resumable in small buffers, 0 at end, EINVAL when too small', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  sys('mkdir', '/d/sub', 0o755);
  for (const n of ['a', 'b', 'c']) sys('creat', `/d/${n}`, 0o644);
  const fd = sys('open', '/d', C.O_RDONLY | C.O_DIRECTORY);
  const buf = new Uint8Array(56);
  const seen: { name: string; type: number }[] = [];
  for (;;) {
    const n = sys('getdents64', fd, buf, buf.length);
    assert.ok(n >= 0);
    if (n === 0) break;
    seen.push(...parseDirents64(buf, n).map((d) => ({ name: d.name, type: d.type })));
  }
  assert.deepEqual(seen, [
    { name: '.', type: C.DT_DIR },
    { name: '..', type: C.DT_DIR },
    { name: 'sub', type: C.DT_DIR },
    { name: 'a', type: C.DT_REG },
    { name: 'b', type: C.DT_REG },
    { name: 'c', type: C.DT_REG },
  ]);
  assert.equal(sys('getdents64', fd, buf, buf.length), 0, 'still 0 at end');
  sys('lseek', fd, 0, C.SEEK_SET);
  assert.equal(sys('getdents64', fd, new Uint8Array(16), 16), -E.EINVAL, 'no room for one record');
  assert.equal(sys('getdents64', fd, new Uint8Array(8), 64), -E.EFAULT);
  const f = sys('open', '/d/a', 0);
  assert.equal(sys('getdents64', f, buf, buf.length), -E.ENOTDIR);
  assert.equal(sys('getdents64', 99, buf, buf.length), -E.EBADF);
});

test('getdents64 skips nothing when entries are unlinked between calls', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  for (const n of ['a', 'b', 'c', 'd']) sys('creat', `/d/${n}`, 0o644);
  const fd = sys('open', '/d', C.O_RDONLY);
  const one = new Uint8Array(24);
  const names: string[] = [];
  for (let i = 0; i < 3; i++)
    names.push(parseDirents64(one, sys('getdents64', fd, one, 24))[0].name);
  assert.deepEqual(names, ['.', '..', 'a']);
  sys('unlink', '/d/a');
  sys('unlink', '/d/c');
  const rest = new Uint8Array(256);
  const n = sys('getdents64', fd, rest, 256);
  assert.deepEqual(
    parseDirents64(rest, n).map((d) => d.name),
    ['b', 'd'],
  );
});

test('chdir/fchdir/getcwd, relative paths, ".." stops at the root', () => {
  const { sys } = harness();
  sys('mkdir', '/a', 0o755);
  sys('mkdir', '/a/b', 0o755);
  assert.equal(sys('chdir', 'a/b'), 0);
  const buf = new Uint8Array(64);
  assert.equal(sys('getcwd', buf, 64), 5);
  assert.equal(dec(buf, 4), '/a/b');
  assert.equal(sys('getcwd', buf, 4), -E.ERANGE);
  assert.equal(sys('getcwd', null, 64), -E.EFAULT);
  assert.equal(sys('chdir', '../../../..'), 0);
  assert.equal(sys('getcwd', buf, 64), 2);
  assert.equal(dec(buf, 1), '/');
  sys('creat', '/f', 0o644);
  assert.equal(sys('chdir', '/f'), -E.ENOTDIR);
  assert.equal(sys('chdir', '/zz'), -E.ENOENT);
  const d = sys('open', '/a/b', C.O_RDONLY);
  assert.equal(sys('fchdir', d), 0);
  assert.equal(sys('creat', 'here', 0o644) >= 0, true);
  assert.equal(sys('stat', '/a/b/here', {}), 0);
  const f = sys('open', '/f', 0);
  assert.equal(sys('fchdir', f), -E.ENOTDIR);
  assert.equal(sys('fchdir', 55), -E.EBADF);
});

test('getcwd of a removed directory is -ENOENT; lookups in it fail', () => {
  const { sys } = harness();
  sys('mkdir', '/gone', 0o755);
  sys('chdir', '/gone');
  assert.equal(sys('rmdir', '/gone'), 0);
  assert.equal(sys('getcwd', new Uint8Array(64), 64), -E.ENOENT);
  assert.equal(sys('creat', 'x', 0o644), -E.ENOENT);
  assert.equal(sys('chdir', '..'), 0, '".." still leads out');
});

test('umask returns the old mask and keeps only the permission bits', () => {
  const { sys } = harness();
  assert.equal(sys('umask', 0o7777), 0o022);
  assert.equal(sys('umask', 0o027), 0o777);
  assert.equal(sys('umask', 0), 0o027);
});
