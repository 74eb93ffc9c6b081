// Per-task contexts (clone with and without CLONE_FS/CLONE_FILES, exit, close-on-exec),
// dup/dup3/fcntl, the SyscallHandlerSet adapter, and the task-list adapter for /proc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import {
  closeOnExec,
  fsSyscallSet,
  isBlock,
  procTaskOf,
  SimpleWaitQueue,
  taskSourceFrom,
} from '../../../../../src/runtime/kernel/fs';
import type { SyscallContext, WaitQueueLike } from '../../../../../src/runtime/kernel/syscallTypes';
import { SyscallTable } from '../../../../../src/runtime/kernel/syscallTable';
import { basicSyscalls } from '../../../../../src/runtime/kernel/sys/basic';
import { channelSyscalls } from '../../../../../src/runtime/kernel/sys/channel';
import { dec, enc, harness } from './fsHarness';

test('clone without CLONE_FILES copies the fd table; with it, the table is shared', () => {
  const { k, sys, raw } = harness();
  const fd = sys('creat', '/f', 0o644);
  const copy = k.cloneTask(1, 10, false, false);
  const shared = k.cloneTask(1, 11, true, true);
  assert.equal(k.taskOf(10), copy);
  assert.equal(raw(copy, 'close', fd), 0);
  assert.equal(sys('write', fd, enc('a'), 1), 1, 'the parent still has it');
  assert.equal(raw(shared, 'close', fd), 0);
  assert.equal(sys('write', fd, enc('a'), 1), -E.EBADF, 'shared table: gone for the parent too');
  sys('mkdir', '/d', 0o755);
  raw(copy, 'chdir', '/d');
  const buf = new Uint8Array(16);
  assert.equal(sys('getcwd', buf, 16), 2, 'no CLONE_FS: the parent cwd is unchanged');
  raw(shared, 'chdir', '/d');
  assert.equal(sys('getcwd', buf, 16), 3, 'CLONE_FS: cwd moves for both');
  assert.equal(k.taskOf(99, 10), copy, 'a thread without its own context uses its group');
  assert.equal(k.taskOf(98, 97), k.bootTask, 'unknown tasks share the boot context (host0)');
});

test("exit closes the last user's fds (pipe readers then see EOF); a shared table survives", () => {
  const { k, t, sys, raw } = harness();
  const p = new Int32Array(2);
  sys('pipe2', p, 0);
  k.cloneTask(1, 20, false, false);
  assert.equal(sys('close', p[1]), 0, 'the child still holds a writer');
  const rd = raw(t, 'read', p[0], new Uint8Array(4), 4);
  assert.ok(isBlock(rd));
  k.exitTask(20);
  assert.equal(k.taskOf(20), k.bootTask);
  assert.equal(rd.retry(), 0, 'EOF once the exiting child dropped the last writer');
  const sharer = k.cloneTask(1, 21, true, true);
  const q = new Int32Array(2);
  raw(sharer, 'pipe2', q, C.O_NONBLOCK);
  k.exitTask(21);
  assert.equal(sys('write', q[1], enc('x'), 1), 1, 'still open in the shared table');
});

test('close-on-exec closes only the marked fds', () => {
  const { k, sys } = harness();
  const a = sys('open', '/a', C.O_CREAT | C.O_RDWR | C.O_CLOEXEC, 0o644);
  const b = sys('open', '/b', C.O_CREAT | C.O_RDWR, 0o644);
  closeOnExec(k.bootTask);
  assert.deepEqual(k.bootTask.files.fds(), [b]);
  assert.equal(sys('close', a), -E.EBADF);
});

test('dup, dup3 and fcntl(F_DUPFD) share the open file description', () => {
  const { sys } = harness({ maxFds: 8 });
  const fd = sys('open', '/f', C.O_CREAT | C.O_RDWR, 0o644);
  const d = sys('dup', fd);
  assert.equal(d, 1);
  sys('write', fd, enc('abc'), 3);
  assert.equal(sys('lseek', d, 0, C.SEEK_CUR), 3, 'one shared position');
  assert.equal(sys('dup3', fd, 5, C.O_CLOEXEC), 5);
  assert.equal(sys('fcntl', 5, C.F_GETFD), C.FD_CLOEXEC);
  assert.equal(sys('dup3', fd, fd, 0), -E.EINVAL);
  assert.equal(sys('dup3', fd, 6, 1), -E.EINVAL);
  assert.equal(sys('dup3', 7, 6, 0), -E.EBADF);
  assert.equal(sys('dup3', fd, 8, 0), -E.EBADF, 'newfd past the limit');
  assert.equal(sys('dup2', fd, fd), fd);
  assert.equal(sys('fcntl', fd, C.F_DUPFD, 3), 3, 'lowest free fd >= 3 (2 is free but below)');
  assert.equal(sys('fcntl', fd, C.F_DUPFD, 8), -E.EINVAL);
  assert.equal(sys('fcntl', fd, 12345), -E.EINVAL);
});

test("fsSyscallSet registers asm-generic numbers and uses the caller's wait queues", () => {
  const { k } = harness();
  const set = fsSyscallSet(k);
  const byName = new Map(set.defs.map((d) => [d.name, d]));
  assert.equal(byName.get('openat')?.no, 56);
  assert.equal(byName.get('read')?.no, 63);
  assert.equal(byName.get('getdents64')?.no, 61);
  assert.equal(new Set(set.defs.map((d) => d.no)).size, set.defs.length, 'numbers are unique');
  const made: string[] = [];
  const ctx: SyscallContext = {
    pid: 5,
    tgid: 5,
    ppid: 1,
    comm: 'host1',
    gen: 0,
    nowNs: () => 0,
    newWaitQueue: (name: string): WaitQueueLike => (made.push(name), new SimpleWaitQueue(name)),
  };
  const fds = new Int32Array(2);
  assert.equal(byName.get('pipe2')?.handler(ctx, [fds, 0]), 0);
  assert.deepEqual(made, ['pipe:1:rd', 'pipe:1:wr']);
  const r = byName.get('read')?.handler(ctx, [fds[0], new Uint8Array(1), 1]);
  assert.ok(r !== undefined && isBlock(r));
  assert.equal(k.bootTask.files.fds().length, 2, "pid 5 shares host0's table");
});

test('taskSourceFrom maps runtime tasks to /proc records', () => {
  const rt = [
    {
      pid: 3,
      tgid: 3,
      ppid: 2,
      comm: 'ksoftirqd/0',
      state: 'interruptible',
      nice: -5,
      kthread: true,
      schedClass: { name: 'fair' },
      sumExecNs: 1e7,
      nrSwitches: 2,
      vruntime: 5,
      startNs: 0,
    },
  ];
  assert.deepEqual(procTaskOf(rt[0]), {
    pid: 3,
    tgid: 3,
    ppid: 2,
    comm: 'ksoftirqd/0',
    state: 'S',
    nice: -5,
    prio: 115,
    policy: 'fair',
    vruntimeNs: 5,
    sumExecNs: 1e7,
    nrSwitches: 2,
    startNs: 0,
    kthread: true,
  });
  const { sys } = harness({ tasks: taskSourceFrom(() => rt) });
  sys('mkdir', '/proc', 0o555);
  sys('mount', 'p', '/proc', 'proc', 0, null);
  const fd = sys('open', '/proc/3/comm', 0);
  const b = new Uint8Array(32);
  assert.equal(dec(b, sys('read', fd, b, 32)), 'ksoftirqd/0\n');
});

test("the VFS set registers beside the runtime's basic and channel sets without a clash", () => {
  const table = new SyscallTable();
  table.register(basicSyscalls);
  table.register(channelSyscalls());
  const { k } = harness();
  table.register(fsSyscallSet(k));
  assert.equal(table.name(56), 'openat');
  assert.equal(table.name(17), 'getcwd');
});
