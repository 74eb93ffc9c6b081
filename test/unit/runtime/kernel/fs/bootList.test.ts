// LKL's boot.c file-system tests (lkl-notes §8, tests 8-21, 23-31), in boot.c's order, asserting
// the values boot.c asserts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EBUSY, EEXIST, ENOENT } from '../../../../../src/runtime/kernel/errno';
import { createInitFile, parseDirents64 } from '../../../../../src/runtime/kernel/fs';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { dec, enc, harness, tasks } from './fsHarness';

test('boot.c file-system sequence passes with boot.c values', () => {
  const src = tasks([1, 'host0', 'S'], [2, 'kthreadd', 'S'], [7, 'host1', 'R', 1]);
  const { sys } = harness({ tasks: src });
  assert.equal(sys('umask', 0o777), 0o022, 'umask');
  assert.equal(sys('umask', 0), 0o777, 'umask2');
  assert.equal(sys('creat', '/file', 0o721), 0, 'creat');
  assert.equal(sys('close', 0), 0, 'close');
  assert.equal(sys('open', '/file2', 0, 0), -ENOENT, 'failopen');
  assert.equal(sys('open', '/file', C.O_RDWR, 0), 0, 'open');
  const wrbuf = enc('test\0');
  assert.equal(sys('write', 0, wrbuf, wrbuf.length), 5, 'write');
  assert.equal(sys('lseek', 0, 0, C.SEEK_CUR), 5, 'lseek_cur');
  assert.equal(sys('lseek', 0, 0, C.SEEK_END), 5, 'lseek_end');
  assert.equal(sys('lseek', 0, 0, C.SEEK_SET), 0, 'lseek_set');
  const buf = new Uint8Array(10);
  assert.equal(sys('read', 0, buf, 10), 5, 'read');
  assert.equal(dec(buf, 4), 'test');
  const st: Record<string, number> = {};
  assert.equal(sys('fstat', 0, st), 0, 'fstat');
  assert.equal(st.st_size, 5);
  assert.equal(st.st_mode, 0o721 | C.S_IFREG);
  assert.equal(sys('mkdir', '/mnt', 0o721), 0, 'mkdir');
  const st2: Record<string, number> = {};
  assert.equal(sys('stat', '/mnt', st2), 0, 'stat');
  assert.equal(st2.st_mode, 0o721 | C.S_IFDIR);

  // pipe2: non-blocking round trip of "Hello world!" with its NUL.
  const fds = new Int32Array(2);
  assert.equal(sys('pipe2', fds, C.O_NONBLOCK), 0, 'pipe2');
  const msg = enc('Hello world!\0');
  assert.equal(sys('write', fds[1], msg, msg.length), msg.length);
  const got = new Uint8Array(20);
  assert.equal(sys('read', fds[0], got, msg.length), msg.length);
  assert.deepEqual(got.subarray(0, msg.length), msg);
  assert.equal(sys('close', fds[0]), 0);
  assert.equal(sys('close', fds[1]), 0);

  // epoll: nothing ready before the write, exactly one event after.
  const p = new Int32Array(2);
  assert.equal(sys('pipe2', p, C.O_NONBLOCK), 0);
  const epfd = sys('epoll_create', 1);
  assert.ok(epfd >= 0);
  const waitOn = { events: C.EPOLLIN | C.EPOLLOUT, data: p[0] };
  assert.equal(sys('epoll_ctl', epfd, C.EPOLL_CTL_ADD, p[0], waitOn), 0);
  const out: unknown[] = [];
  assert.equal(sys('epoll_wait', epfd, out, 1, 0), 0, 'epoll before write');
  assert.ok(sys('write', p[1], msg, msg.length) >= 0);
  assert.equal(sys('epoll_wait', epfd, out, 1, 0), 1, 'epoll after write');
  assert.deepEqual(out[0], { events: C.EPOLLIN, data: p[0] });

  // mount_fs_proc as lkl_mount_fs("proc"): mkdir (EEXIST tolerated) then mount.
  const mk = sys('mkdir', '/proc', 0xff);
  assert.ok(mk === 0 || mk === -EEXIST);
  assert.equal(sys('mount', 'none', '/proc', 'proc', 0, null), 0, 'mount_fs_proc');
  assert.equal(sys('chdir', 'proc'), 0, 'chdir_proc');
  const dirFd = sys('open', '.', C.O_RDONLY | C.O_DIRECTORY, 0);
  assert.ok(dirFd >= 0, 'open_cwd');
  const dbuf = new Uint8Array(1024);
  const n = sys('getdents64', dirFd, dbuf, dbuf.length);
  assert.ok(n > 0, 'getdents64');
  const names = parseDirents64(dbuf, n).map((d) => d.name);
  assert.deepEqual(names, ['.', '..', 'mounts', 'sched_debug', '1', '2', '7']);
  assert.equal(sys('umount2', '/proc', 0), -EBUSY, 'busy while cwd and a dir fd are inside');
  assert.equal(sys('close', dirFd), 0, 'close_dir_fd');
  assert.equal(sys('chdir', '/'), 0, 'chdir_root');
  assert.equal(sys('umount', 'proc'), 0, 'umount_fs_proc');
  assert.equal(sys('stat', '/proc/1', {}), -ENOENT, 'proc is gone after umount');
});

test('the late initcall creates /init with mode 0700', () => {
  const { k, sys } = harness();
  assert.equal(createInitFile(k.bootTask), 0);
  const st: Record<string, number> = {};
  assert.equal(sys('stat', '/init', st), 0);
  assert.equal(st.st_mode, C.S_IFREG | 0o700);
  assert.equal(st.st_size, 0);
  assert.deepEqual(k.bootTask.files.fds(), [], 'the fd is closed again');
});
