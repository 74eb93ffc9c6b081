// renameat2/renameat/rename: moves, replacement rules, flags and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { dec, enc, harness } from './fsHarness';

function nlink(sys: ReturnType<typeof harness>['sys'], path: string): number {
  const st: Record<string, number> = {};
  assert.equal(sys('stat', path, st), 0, path);
  return st.st_nlink;
}

test('rename moves files and directories, replacing a file or an empty directory', () => {
  const { sys } = harness();
  sys('mkdir', '/a', 0o755);
  sys('mkdir', '/b', 0o755);
  const fd = sys('creat', '/a/f', 0o644);
  sys('write', fd, enc('data'), 4);
  assert.equal(sys('rename', '/a/f', '/b/g'), 0);
  assert.equal(sys('stat', '/a/f', {}), -E.ENOENT);
  const r = sys('open', '/b/g', 0);
  const buf = new Uint8Array(4);
  assert.equal(dec(buf, sys('read', r, buf, 4)), 'data');
  sys('creat', '/b/h', 0o644);
  assert.equal(sys('rename', '/b/g', '/b/h'), 0, 'replaces a file');
  assert.equal(sys('stat', '/b/g', {}), -E.ENOENT);
  sys('mkdir', '/a/d', 0o755);
  sys('mkdir', '/b/empty', 0o755);
  assert.equal(nlink(sys, '/a'), 3);
  assert.equal(sys('rename', '/a/d', '/b/empty'), 0, 'replaces an empty directory');
  assert.equal(nlink(sys, '/a'), 2);
  assert.equal(nlink(sys, '/b'), 3);
  assert.equal(sys('rename', '/b/h', '/b/h'), 0, 'same file: nothing to do');
});

test('rename errors: ENOENT, EISDIR, ENOTDIR, ENOTEMPTY, EINVAL, EBUSY, EXDEV, EPERM', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  sys('mkdir', '/d/sub', 0o755);
  sys('creat', '/d/sub/x', 0o644);
  sys('creat', '/f', 0o644);
  assert.equal(sys('rename', '/nope', '/z'), -E.ENOENT);
  assert.equal(sys('rename', '/f', '/d'), -E.EISDIR);
  assert.equal(sys('rename', '/d', '/f'), -E.ENOTDIR);
  assert.equal(sys('rename', '/f/', '/g'), -E.ENOTDIR);
  sys('mkdir', '/e', 0o755);
  assert.equal(sys('rename', '/e', '/d/sub'), -E.ENOTEMPTY);
  assert.equal(sys('rename', '/d', '/d/sub/inside'), -E.EINVAL, 'into its own subtree');
  assert.equal(sys('rename', '/d/sub/x', '/d'), -E.ENOTEMPTY, 'onto an ancestor');
  assert.equal(sys('rename', '/d/.', '/q'), -E.EBUSY);
  assert.equal(sys('rename', '/f', '/'), -E.EBUSY);
  sys('mkdir', '/m', 0o755);
  sys('mount', 'none', '/m', 'ramfs', 0, null);
  assert.equal(sys('rename', '/f', '/m/f'), -E.EXDEV);
  assert.equal(sys('rename', '/m', '/m2'), -E.EBUSY, 'a mount point');
  sys('mkdir', '/proc', 0o555);
  sys('mount', 'proc', '/proc', 'proc', 0, null);
  assert.equal(sys('rename', '/proc/mounts', '/proc/m2'), -E.EPERM);
  assert.equal(sys('rename', 1, '/x'), -E.EFAULT);
});

test('renameat2 flags: NOREPLACE, EXCHANGE, invalid combinations', () => {
  const { sys } = harness();
  sys('mkdir', '/d', 0o755);
  sys('creat', '/f', 0o644);
  assert.equal(sys('renameat2', C.AT_FDCWD, '/f', C.AT_FDCWD, '/d', C.RENAME_NOREPLACE), -E.EEXIST);
  assert.equal(sys('renameat2', C.AT_FDCWD, '/f', C.AT_FDCWD, '/', C.RENAME_NOREPLACE), -E.EEXIST);
  assert.equal(sys('renameat2', C.AT_FDCWD, '/f', C.AT_FDCWD, '/g', C.RENAME_EXCHANGE), -E.ENOENT);
  assert.equal(sys('renameat2', C.AT_FDCWD, '/f', C.AT_FDCWD, '/d', 3), -E.EINVAL);
  assert.equal(sys('renameat2', C.AT_FDCWD, '/f', C.AT_FDCWD, '/d', C.RENAME_WHITEOUT), -E.EINVAL);
  assert.equal(sys('renameat2', C.AT_FDCWD, '/f', C.AT_FDCWD, '/d', C.RENAME_EXCHANGE), 0);
  const st: Record<string, number> = {};
  sys('stat', '/f', st);
  assert.equal(st.st_mode & C.S_IFMT, C.S_IFDIR, 'the names swapped');
  sys('stat', '/d', st);
  assert.equal(st.st_mode & C.S_IFMT, C.S_IFREG);
  const dfd = sys('open', '/f', C.O_RDONLY);
  assert.equal(sys('renameat', C.AT_FDCWD, '/d', dfd, 'moved'), 0);
  assert.equal(sys('stat', '/f/moved', {}), 0);
});
