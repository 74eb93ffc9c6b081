// The selftest's fs tests (createFsBootTests) run through the numbered handler table, as the
// runtime's lkl_syscall would call them; and they can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createFsBootTests,
  fsSyscalls,
  isBlock,
  type FsTask,
} from '../../../../../src/runtime/kernel/fs';
import { harness, tasks } from './fsHarness';

function runAll(task: FsTask): { name: string; ok: boolean; log: string[] }[] {
  const sys = function* (no: number, ...args: unknown[]): Generator<never, number, unknown> {
    if (no === 101) return 0; // nanosleep belongs to the runtime
    const h = fsSyscalls[no];
    assert.ok(h, `no handler for ${no}`);
    const r = h(task, args);
    assert.ok(!isBlock(r), `syscall ${no} blocked`);
    return r;
  };
  return createFsBootTests<never>().map((t) => {
    const log: string[] = [];
    const gen = t.run(sys, (l) => log.push(l));
    const step = gen.next();
    assert.ok(step.done);
    return { name: t.name, ok: step.value, log };
  });
}

test('every boot.c fs test passes, in boot.c order', () => {
  const { t } = harness({ tasks: tasks([1, 'host0'], [2, 'kthreadd']) });
  const results = runAll(t);
  assert.deepEqual(
    results.map((r) => r.name),
    [
      'umask',
      'umask2',
      'creat',
      'close',
      'failopen',
      'open',
      'write',
      'lseek_cur',
      'lseek_end',
      'lseek_set',
      'read',
      'fstat',
      'mkdir',
      'stat',
      'pipe2',
      'epoll',
      'mount_fs_proc',
      'chdir_proc',
      'open_cwd',
      'getdents64',
      'close_dir_fd',
      'chdir_root',
      'umount_fs_proc',
    ],
  );
  assert.deepEqual(
    results.filter((r) => !r.ok).map((r) => r.name),
    [],
  );
  const byName = new Map(results.map((r) => [r.name, r.log.join('\n')]));
  assert.equal(byName.get('read'), 'lkl_sys_read=5 buf=test');
  assert.equal(byName.get('fstat'), 'lkl_sys_fstat=0 mode=100721 size=5');
  assert.match(byName.get('getdents64') ?? '', /^\d+ \. \.\. mounts sched_debug 1 2$/);
});

test('the tests fail when the kernel misbehaves: wrong boot umask, /mnt already there', () => {
  const { t, sys } = harness();
  t.fs.umask = 0;
  sys('mkdir', '/mnt', 0o755);
  const failed = runAll(t)
    .filter((r) => !r.ok)
    .map((r) => r.name);
  assert.deepEqual(failed, ['umask', 'mkdir', 'stat']);
});
