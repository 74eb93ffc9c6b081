// read/write/lseek: access modes, user-buffer faults, seek rules, size limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { MAX_FILE_BYTES } from '../../../../../src/runtime/kernel/fs/file';
import { enc, harness } from './fsHarness';

test('read and write need the matching access mode (-EBADF)', () => {
  const { sys } = harness();
  const w = sys('open', '/f', C.O_CREAT | C.O_WRONLY, 0o644);
  const r = sys('open', '/f', C.O_RDONLY);
  const b = new Uint8Array(4);
  assert.equal(sys('read', w, b, 4), -E.EBADF);
  assert.equal(sys('write', r, enc('x'), 1), -E.EBADF);
  assert.equal(sys('read', 77, b, 4), -E.EBADF);
  assert.equal(sys('write', -3, b, 4), -E.EBADF);
});

test('bad user buffers are -EFAULT; a zero count needs no buffer', () => {
  const { sys } = harness();
  const fd = sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o644);
  assert.equal(sys('write', fd, new Uint8Array(2), 3), -E.EFAULT, 'count past the buffer');
  assert.equal(sys('write', fd, null, 1), -E.EFAULT);
  assert.equal(sys('write', fd, 'text', 4), -E.EFAULT, 'a string is not a buffer');
  assert.equal(sys('read', fd, new Uint8Array(2), -1), -E.EFAULT, 'size_t -1');
  assert.equal(sys('read', fd, null, 0), 0);
  assert.equal(sys('write', fd, null, 0), 0);
});

test('reading a directory is -EISDIR; the EOF read returns 0', () => {
  const { sys } = harness();
  const d = sys('open', '/', C.O_RDONLY | C.O_DIRECTORY);
  assert.equal(sys('read', d, new Uint8Array(8), 8), -E.EISDIR);
  const fd = sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o644);
  sys('write', fd, enc('ab'), 2);
  assert.equal(sys('read', fd, new Uint8Array(8), 8), 0);
});

test('lseek: SET/CUR/END, holes zero-fill, negative result and bad whence are -EINVAL', () => {
  const { sys } = harness();
  const fd = sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o644);
  sys('write', fd, enc('abc'), 3);
  assert.equal(sys('lseek', fd, -1, C.SEEK_END), 2);
  assert.equal(sys('lseek', fd, -1, C.SEEK_CUR), 1);
  assert.equal(sys('lseek', fd, -2, C.SEEK_CUR), -E.EINVAL);
  assert.equal(sys('lseek', fd, 1, C.SEEK_CUR), 2, 'position unchanged by the failed seek');
  assert.equal(sys('lseek', fd, -1, C.SEEK_SET), -E.EINVAL);
  assert.equal(sys('lseek', fd, 0, 7), -E.EINVAL);
  assert.equal(sys('lseek', fd, 1, C.SEEK_DATA), 1);
  assert.equal(sys('lseek', fd, 1, C.SEEK_HOLE), 3);
  assert.equal(sys('lseek', fd, 3, C.SEEK_DATA), -E.ENXIO);
  assert.equal(sys('lseek', fd, 6, C.SEEK_SET), 6);
  assert.equal(sys('write', fd, enc('z'), 1), 1);
  sys('lseek', fd, 0, C.SEEK_SET);
  const b = new Uint8Array(10);
  assert.equal(sys('read', fd, b, 10), 7);
  assert.deepEqual([...b.subarray(0, 7)], [97, 98, 99, 0, 0, 0, 122]);
  assert.equal(sys('lseek', 99, 0, C.SEEK_SET), -E.EBADF);
});

test('lseek on a pipe is -ESPIPE; on a directory only SET/CUR', () => {
  const { sys } = harness();
  const p = new Int32Array(2);
  sys('pipe2', p, 0);
  assert.equal(sys('lseek', p[0], 0, C.SEEK_CUR), -E.ESPIPE);
  assert.equal(sys('lseek', p[1], 0, C.SEEK_SET), -E.ESPIPE);
  const d = sys('open', '/', C.O_RDONLY);
  assert.equal(sys('lseek', d, 0, C.SEEK_SET), 0);
  assert.equal(sys('lseek', d, 0, C.SEEK_END), -E.EINVAL);
});

test('-EFBIG at the maximum file size; -ENOSPC when the ramfs is full', () => {
  const { sys } = harness({ ramfsMaxBytes: 8 });
  const fd = sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o644);
  assert.equal(sys('write', fd, enc('12345678'), 8), 8);
  assert.equal(sys('write', fd, enc('9'), 1), -E.ENOSPC);
  sys('lseek', fd, MAX_FILE_BYTES, C.SEEK_SET);
  assert.equal(sys('write', fd, enc('9'), 1), -E.EFBIG);
});

test('pread64/pwrite64 use their own offset and leave the file position alone', () => {
  const { sys } = harness();
  const fd = sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o644);
  sys('write', fd, enc('abcdef'), 6);
  sys('lseek', fd, 1, C.SEEK_SET);
  assert.equal(sys('pwrite64', fd, enc('XY'), 2, 3), 2);
  const b = new Uint8Array(4);
  assert.equal(sys('pread64', fd, b, 4, 2), 4);
  assert.deepEqual([...b], [...enc('cXYf')]);
  assert.equal(sys('lseek', fd, 0, C.SEEK_CUR), 1, 'position untouched');
  assert.equal(sys('pread64', fd, b, 4, 6), 0, 'at EOF');
  assert.equal(sys('pread64', fd, b, 4, -1), -E.EINVAL);
  assert.equal(sys('pread64', 99, b, 4, -1), -E.EINVAL, 'offset checked before the fd');
  assert.equal(sys('pread64', 99, b, 4, 0), -E.EBADF);
  const p = new Int32Array(2);
  sys('pipe2', p, C.O_NONBLOCK);
  assert.equal(sys('pread64', p[0], b, 4, 0), -E.ESPIPE);
  assert.equal(sys('pwrite64', p[1], b, 4, 0), -E.ESPIPE);
  const ro = sys('open', '/f', C.O_RDONLY);
  assert.equal(sys('pwrite64', ro, b, 4, 0), -E.EBADF);
});
