// mount/umount2 and the /proc tree generated from a task source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as E from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import { parseDirents64, type ProcTask } from '../../../../../src/runtime/kernel/fs';
import { dec, enc, harness } from './fsHarness';

function readAll(sys: ReturnType<typeof harness>['sys'], path: string): string {
  const fd = sys('open', path, C.O_RDONLY);
  assert.ok(fd >= 0, `${path}: ${fd}`);
  const buf = new Uint8Array(8192);
  const n = sys('read', fd, buf, buf.length);
  sys('close', fd);
  return dec(buf, n);
}

test('mount argument errors: ENOENT, ENOTDIR, ENODEV, EFAULT, EINVAL', () => {
  const { sys } = harness();
  sys('mkdir', '/m', 0o755);
  sys('creat', '/f', 0o644);
  assert.equal(sys('mount', 'none', '/nope', 'proc', 0, null), -E.ENOENT);
  assert.equal(sys('mount', 'none', '/f', 'proc', 0, null), -E.ENOTDIR);
  assert.equal(sys('mount', 'none', '/m', 'ext4', 0, null), -E.ENODEV);
  assert.equal(sys('mount', 'none', '/m', 12, 0, null), -E.EFAULT);
  assert.equal(sys('mount', 'none', '/m', null, 0, null), -E.EINVAL);
  assert.equal(
    sys('mount', 'none', '/m', 'proc', C.MS_BIND, null),
    -E.EINVAL,
    'bind mounts not modelled',
  );
  assert.equal(sys('mount', 'none', 5, 'proc', 0, null), -E.EFAULT);
});

test('a ramfs mount hides the directory below; ".." leaves the mount; umount rules', () => {
  const { sys } = harness();
  sys('mkdir', '/m', 0o755);
  sys('creat', '/m/under', 0o644);
  assert.equal(sys('mount', 'tmp', '/m', 'tmpfs', 0, null), 0);
  assert.equal(sys('stat', '/m/under', {}), -E.ENOENT);
  const fd = sys('creat', '/m/over', 0o644);
  const a: Record<string, number> = {};
  const b: Record<string, number> = {};
  sys('stat', '/m', a);
  sys('stat', '/', b);
  assert.notEqual(a.st_dev, b.st_dev, 'a new superblock');
  sys('chdir', '/m');
  sys('chdir', '..');
  const buf = new Uint8Array(16);
  assert.equal(sys('getcwd', buf, 16), 2, '".." from the mount root is "/"');
  assert.equal(sys('umount2', '/m', 0), -E.EBUSY, 'open file inside');
  sys('close', fd);
  assert.equal(sys('umount2', '/m', 0x10), -E.EINVAL, 'unknown flag');
  assert.equal(sys('umount2', '/m', C.MNT_EXPIRE | C.MNT_DETACH), -E.EINVAL);
  assert.equal(sys('umount2', '/', 0), -E.EINVAL, 'rootfs');
  assert.equal(sys('umount2', '/m/over', 0), -E.EINVAL, 'not a mount point');
  assert.equal(sys('umount2', '/zz', 0), -E.ENOENT);
  assert.equal(sys('umount2', null, 0), -E.EFAULT);
  assert.equal(sys('umount2', '/m', C.MNT_EXPIRE), -E.EAGAIN, 'first expire marks');
  assert.equal(sys('umount2', '/m', C.MNT_EXPIRE), 0, 'second expire unmounts');
  assert.equal(sys('stat', '/m/under', {}), 0, 'the old contents are back');
  assert.equal(sys('umount2', '/m', 0), -E.EINVAL, 'already unmounted');
});

test('MNT_DETACH unmounts a busy mount; the holder keeps working inside it', () => {
  const { sys } = harness();
  sys('mkdir', '/m', 0o755);
  sys('mount', 'none', '/m', 'ramfs', 0, null);
  sys('chdir', '/m');
  assert.equal(sys('umount2', '/m', 0), -E.EBUSY);
  assert.equal(sys('umount2', '/m', C.MNT_DETACH), 0);
  assert.ok(sys('creat', 'still', 0o644) >= 0);
  sys('chdir', '/');
  assert.equal(sys('stat', '/m/still', {}), -E.ENOENT);
});

test('stacked mounts and a child mount keep the parent busy', () => {
  const { sys } = harness();
  sys('mkdir', '/m', 0o755);
  sys('mount', 'a', '/m', 'ramfs', 0, null);
  sys('mkdir', '/m/inner', 0o755);
  sys('mount', 'b', '/m/inner', 'ramfs', 0, null);
  assert.equal(sys('umount2', '/m', 0), -E.EBUSY, 'child mount');
  assert.equal(sys('umount2', '/m/inner', 0), 0);
  assert.equal(sys('mount', 'c', '/m', 'ramfs', 0, null), 0, 'stack on top');
  assert.equal(sys('stat', '/m/inner', {}), -E.ENOENT, 'top mount is empty');
  assert.equal(sys('umount2', '/m', 0), 0);
  assert.equal(sys('stat', '/m/inner', {}), 0, 'the lower mount shows again');
});

const TASKS: ProcTask[] = [
  { pid: 1, ppid: 0, comm: 'host0', state: 'S', prio: 120, nrSwitches: 4, sumExecNs: 30_000_000 },
  { pid: 2, ppid: 0, comm: 'kthreadd', state: 'S', kthread: true },
  { pid: 9, tgid: 1, ppid: 0, comm: 'host1', state: 'R', nice: 5, prio: 125, policy: 'normal' },
];

test('/proc lists tasks with stat, status, comm and a sched_debug summary', () => {
  const live = [...TASKS];
  const { sys } = harness({ tasks: { tasks: () => live }, nowNs: () => 2_500_000 });
  sys('mkdir', '/proc', 0o555);
  sys('mount', 'proc', '/proc', 'proc', 0, null);
  const stat = readAll(sys, '/proc/1/stat').trim().split(' ');
  assert.equal(stat.length, 52);
  assert.deepEqual(stat.slice(0, 4), ['1', '(host0)', 'S', '0']);
  assert.equal(stat[13], '3', 'utime in clock ticks (HZ=100)');
  assert.equal(stat[17], '20', 'priority = prio - 100');
  assert.equal(stat[19], '2', 'host0 and host1 share thread group 1');
  assert.equal(readAll(sys, '/proc/2/stat').split(' ')[8], String(0x00200000), 'PF_KTHREAD');
  assert.equal(readAll(sys, '/proc/9/comm'), 'host1\n');
  assert.match(
    readAll(sys, '/proc/9/status'),
    /Name:\thost1\nState:\tR \(running\)\nTgid:\t1\nPid:\t9\nPPid:\t0\n/,
  );
  const sd = readAll(sys, '/proc/sched_debug');
  assert.match(sd, /ktime +: 2\.500000/);
  assert.match(sd, /nr_running +: 1/);
  assert.match(sd, /^ R +host1 +9 /m);
  assert.match(
    readAll(sys, '/proc/mounts'),
    /^rootfs \/ rootfs rw 0 0\nproc \/proc proc rw 0 0\n$/,
  );
  live.pop();
  assert.equal(sys('stat', '/proc/9', {}), -E.ENOENT, 'an exited task disappears');
  assert.equal(sys('open', '/proc/42/stat', 0), -E.ENOENT);
});

test('/proc is read-only and poll rules follow Linux', () => {
  const { sys } = harness({ tasks: { tasks: () => TASKS } });
  sys('mkdir', '/proc', 0o555);
  sys('mount', 'proc', '/proc', 'proc', 0, null);
  assert.equal(sys('mkdir', '/proc/x', 0o755), -E.EPERM);
  assert.equal(sys('mkdir', '/proc/1', 0o755), -E.EEXIST);
  assert.equal(sys('unlink', '/proc/sched_debug'), -E.EPERM);
  assert.equal(sys('rmdir', '/proc/1'), -E.EPERM);
  const st: Record<string, number> = {};
  sys('stat', '/proc/1/stat', st);
  assert.equal(st.st_mode, C.S_IFREG | 0o444);
  assert.equal(st.st_size, 0);
  const fd = sys('open', '/proc/1/stat', C.O_RDWR);
  assert.equal(sys('write', fd, enc('x'), 1), -E.EINVAL, 'no write method');
  assert.equal(sys('lseek', fd, 0, C.SEEK_END), -E.EINVAL, 'seq_lseek');
  const ep = sys('epoll_create1', 0);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, fd, { events: C.EPOLLIN, data: 0 }), -E.EPERM);
  const sd = sys('open', '/proc/sched_debug', 0);
  assert.equal(sys('epoll_ctl', ep, C.EPOLL_CTL_ADD, sd, { events: C.EPOLLIN, data: 0 }), 0);
  assert.equal(sys('epoll_wait', ep, [], 1, 0), 1, 'always ready');
});

test('/proc getdents64 is resumable, and a cwd inside /proc resolves ".."', () => {
  const { sys } = harness({ tasks: { tasks: () => TASKS } });
  sys('mkdir', '/proc', 0o555);
  sys('mount', 'proc', '/proc', 'proc', 0, null);
  sys('chdir', '/proc/9');
  const buf = new Uint8Array(64);
  assert.equal(sys('getcwd', buf, 64), 8);
  assert.equal(dec(buf, 7), '/proc/9');
  const fd = sys('open', '..', C.O_RDONLY | C.O_DIRECTORY);
  const small = new Uint8Array(40);
  const names: string[] = [];
  for (let n = sys('getdents64', fd, small, 40); n > 0; n = sys('getdents64', fd, small, 40)) {
    names.push(...parseDirents64(small, n).map((d) => d.name));
  }
  assert.deepEqual(names, ['.', '..', 'mounts', 'sched_debug', '1', '2', '9']);
  const pd = sys('open', '.', C.O_RDONLY);
  const big = new Uint8Array(512);
  const n = sys('getdents64', pd, big, 512);
  assert.deepEqual(
    parseDirents64(big, n).map((d) => [d.name, d.type]),
    [
      ['.', C.DT_DIR],
      ['..', C.DT_DIR],
      ['comm', C.DT_REG],
      ['stat', C.DT_REG],
      ['status', C.DT_REG],
    ],
  );
});
