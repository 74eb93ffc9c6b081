// ftruncate and faccessat/access.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { MAX_FILE_BYTES } from '../../../../../src/runtime/kernel/fs/file';
import { enc, harness } from './fsHarness';

test('ftruncate grows with zeros and shrinks; errors as do_sys_ftruncate', () => {
  const { sys } = harness();
  const fd = sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o644);
  sys('write', fd, enc('abcdef'), 6);
  assert.equal(sys('ftruncate', fd, 2), 0);
  const st: Record<string, number> = {};
  sys('fstat', fd, st);
  assert.equal(st.st_size, 2);
  assert.equal(sys('ftruncate', fd, 4), 0);
  sys('lseek', fd, 0, C.SEEK_SET);
  const b = new Uint8Array(8);
  assert.equal(sys('read', fd, b, 8), 4);
  assert.deepEqual([...b.subarray(0, 4)], [97, 98, 0, 0]);
  assert.equal(sys('ftruncate', fd, -1), -E.EINVAL);
  assert.equal(sys('ftruncate', 50, -1), -E.EINVAL, 'length is checked before the fd');
  assert.equal(sys('ftruncate', 50, 0), -E.EBADF);
  assert.equal(
    sys('ftruncate', sys('open', '/f', C.O_RDONLY), 0),
    -E.EINVAL,
    'not open for writing',
  );
  assert.equal(sys('ftruncate', sys('open', '/', C.O_RDONLY), 0), -E.EINVAL, 'a directory');
  assert.equal(sys('ftruncate', fd, MAX_FILE_BYTES + 1), -E.EFBIG);
});

test('faccessat: existence, X_OK needs an execute bit, bad mode is -EINVAL', () => {
  const { sys } = harness();
  sys('creat', '/f', 0o644);
  sys('creat', '/x', 0o100);
  assert.equal(sys('faccessat', C.AT_FDCWD, '/f', C.R_OK | C.W_OK), 0);
  assert.equal(sys('faccessat', C.AT_FDCWD, '/f', C.X_OK), -E.EACCES);
  assert.equal(sys('faccessat', C.AT_FDCWD, '/x', C.X_OK), 0);
  assert.equal(sys('faccessat', C.AT_FDCWD, '/', C.X_OK), 0);
  assert.equal(sys('faccessat', C.AT_FDCWD, '/nope', C.F_OK), -E.ENOENT);
  assert.equal(sys('faccessat', C.AT_FDCWD, '/f', 8), -E.EINVAL);
  assert.equal(sys('access', '/f', C.F_OK), 0);
  assert.equal(sys('access', 3, C.F_OK), -E.EFAULT);
});
