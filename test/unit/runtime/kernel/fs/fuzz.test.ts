// Seeded fuzz: 10k random fs syscalls with random arguments. No exception may escape; every result
// is a non-negative integer, a known negative errno, or a well-formed block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errnoName } from '../../../../../src/runtime/kernel/errno';
import * as C from '../../../../../src/runtime/kernel/fs/constants';
import {
  fsSyscallSet,
  fsSyscallsByName,
  isBlock,
  type FsResult,
} from '../../../../../src/runtime/kernel/fs';
import type { SyscallArg, SyscallContext } from '../../../../../src/runtime/kernel/syscallTypes';
import { SimpleWaitQueue } from '../../../../../src/runtime/kernel/fs';
import { harness, tasks, type SysName } from './fsHarness';
import { prng } from '../../../../helpers/prng';


const PATHS = [
  '/',
  '/a',
  '/a/b',
  'a',
  'b/',
  '.',
  '..',
  '',
  '/proc',
  '/proc/1',
  '/proc/1/stat',
  '/proc/sched_debug',
  '/mnt',
  '/mnt/x/',
  '/a/../a/./b',
  `/${'n'.repeat(256)}`,
  '/f\0g',
  '//a//b//',
  '/proc/mounts',
];
const FLAG_BITS = [
  C.O_RDONLY,
  C.O_WRONLY,
  C.O_RDWR,
  C.O_CREAT,
  C.O_EXCL,
  C.O_TRUNC,
  C.O_APPEND,
  C.O_NONBLOCK,
  C.O_DIRECTORY,
  C.O_CLOEXEC,
  C.AT_REMOVEDIR,
  C.AT_EMPTY_PATH,
  C.MNT_DETACH,
  C.MNT_EXPIRE,
];

function makeArg(rnd: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  switch (Math.floor(rnd() * 12)) {
    case 0:
    case 1:
      return Math.floor(rnd() * 10) - 2;
    case 2:
      return pick([C.AT_FDCWD, 2 ** 31, -(2 ** 31), 2 ** 53, NaN, Infinity, -1.5, 10n, -1n]);
    case 3:
    case 4:
      return pick(PATHS);
    case 5:
      return pick(['proc', 'ramfs', 'tmpfs', 'ext4', 'none']);
    case 6:
      return new Uint8Array(pick([0, 1, 7, 24, 100, 4096]));
    case 7:
      return pick([new Int32Array(2), new Int32Array(1), [0, 0], [], {}, { events: 0x5, data: 1 }]);
    case 8:
      return pick([null, undefined, 'x', true, () => 0, Symbol('s')]);
    case 9:
      return FLAG_BITS.filter(() => rnd() < 0.25).reduce((a, b) => a | b, 0);
    case 10:
      return Math.floor(rnd() * 2 ** 32) | 0;
    default:
      return pick([0o777, 0o644, 0, 1, 5000, 1 << 20, C.SEEK_END, C.EPOLL_CTL_ADD, C.F_SETPIPE_SZ]);
  }
}

/** Argument kinds per call, so most calls get plausible arguments and reach the deep paths. */
const SIGS: Record<SysName, string> = {
  openat: 'DPOM',
  open: 'POM',
  creat: 'PM',
  close: 'F',
  read: 'FBN',
  write: 'FBN',
  lseek: 'FIW',
  fstat: 'FS',
  newfstatat: 'DPSA',
  stat: 'PS',
  lstat: 'PS',
  mkdirat: 'DPM',
  mkdir: 'PM',
  rmdir: 'P',
  unlink: 'P',
  unlinkat: 'DPA',
  getdents64: 'FBN',
  chdir: 'P',
  fchdir: 'F',
  getcwd: 'BN',
  umask: 'M',
  mount: 'TPYI',
  umount2: 'PU',
  umount: 'P',
  pipe2: 'XQ',
  pipe: 'X',
  epoll_create1: 'E',
  epoll_create: 'I',
  epoll_ctl: 'FCFV',
  epoll_pwait: 'FLIJ',
  epoll_wait: 'FLIJ',
  dup: 'F',
  dup3: 'FIQ',
  dup2: 'FI',
  fcntl: 'FKI',
  ftruncate: 'FI',
  pread64: 'FBNI',
  rename: 'PP',
  renameat: 'DPDP',
  renameat2: 'DPDPI',
  pwrite64: 'FBNI',
  faccessat: 'DPI',
  access: 'PI',
};

function typedArg(kind: string, rnd: () => number, fds: number[]): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const bits = (xs: readonly number[]): number =>
    xs.filter(() => rnd() < 0.3).reduce((a, b) => a | b, 0);
  switch (kind) {
    case 'F':
      return fds.length && rnd() < 0.9 ? pick(fds) : Math.floor(rnd() * 8);
    case 'D':
      return rnd() < 0.6 ? C.AT_FDCWD : typedArg('F', rnd, fds);
    case 'P': {
      const parts = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () =>
        pick(['a', 'b', 'c', 'proc', '1', 'mnt', '..', '.']),
      );
      return (rnd() < 0.6 ? '/' : '') + parts.join('/') + (rnd() < 0.15 ? '/' : '');
    }
    case 'O':
      return bits([
        C.O_WRONLY,
        C.O_RDWR,
        C.O_CREAT,
        C.O_EXCL,
        C.O_TRUNC,
        C.O_APPEND,
        C.O_NONBLOCK,
        C.O_DIRECTORY,
        C.O_CLOEXEC,
      ]);
    case 'Q':
      return pick([0, C.O_NONBLOCK, C.O_CLOEXEC]);
    case 'M':
      return pick([0o777, 0o755, 0o644, 0o700, 0o022]);
    case 'B':
      return new Uint8Array(pick([1, 24, 100, 512]));
    case 'N':
      return pick([0, 1, 24, 100]);
    case 'I':
      return pick([0, 1, 2, 3, 4096, 5000, -1]);
    case 'W':
      return pick([C.SEEK_SET, C.SEEK_CUR, C.SEEK_END, C.SEEK_DATA, C.SEEK_HOLE]);
    case 'S':
      return {};
    case 'A':
      return pick([0, C.AT_REMOVEDIR, C.AT_EMPTY_PATH]);
    case 'T':
      return 'none';
    case 'Y':
      return pick(['proc', 'ramfs', 'tmpfs']);
    case 'U':
      return pick([0, C.MNT_DETACH, C.MNT_EXPIRE]);
    case 'X':
      return new Int32Array(2);
    case 'E':
      return pick([0, C.EPOLL_CLOEXEC]);
    case 'C':
      return pick([C.EPOLL_CTL_ADD, C.EPOLL_CTL_MOD, C.EPOLL_CTL_DEL]);
    case 'V':
      return {
        events: bits([C.EPOLLIN, C.EPOLLOUT, C.EPOLLET, C.EPOLLONESHOT]),
        data: Math.floor(rnd() * 100),
      };
    case 'L':
      return [];
    case 'J':
      return pick([0, 0, 10, -1]);
    case 'K':
      return pick([
        C.F_DUPFD,
        C.F_GETFD,
        C.F_SETFD,
        C.F_GETFL,
        C.F_SETFL,
        C.F_GETPIPE_SZ,
        C.F_SETPIPE_SZ,
      ]);
    default:
      return makeArg(rnd);
  }
}

function checkResult(r: FsResult, what: string): void {
  if (isBlock(r)) {
    assert.ok(
      Array.isArray(r.queues) && typeof r.retry === 'function' && r.reason.length > 0,
      what,
    );
    return;
  }
  assert.ok(Number.isSafeInteger(r), `${what} returned ${String(r)}`);
  if (r < 0) assert.notEqual(errnoName(r), String(r), `${what}: unknown errno ${r}`);
}

test('10k random fs syscalls: no exception, only values, negative errnos or blocks', () => {
  const rnd = prng(0x5eed);
  const { k, t, sys } = harness({
    tasks: tasks([1, 'host0'], [2, 'kthreadd']),
    maxFds: 64,
    ramfsMaxBytes: 1 << 20,
  });
  sys('mkdir', '/proc', 0o555);
  sys('mount', 'none', '/proc', 'proc', 0, null);
  const others = [t, k.cloneTask(1, 5, false, false), k.cloneTask(1, 6, true, true)];
  const names = Object.keys(fsSyscallsByName) as SysName[];
  const counts = { ok: 0, err: 0, block: 0 };
  const seen = new Set<string>();
  for (let i = 0; i < 10_000; i++) {
    const task = others[Math.floor(rnd() * others.length)];
    const fds = task.files.fds();
    // Keep the fd tables from filling up, or most calls would only test -EMFILE.
    const name = fds.length > 32 && rnd() < 0.5 ? 'close' : names[Math.floor(rnd() * names.length)];
    const sig = SIGS[name].padEnd(6, '?');
    const args = [...sig].map((kind) => (rnd() < 0.85 ? typedArg(kind, rnd, fds) : makeArg(rnd)));
    const what = `#${i} ${name}(${args.map((a) => String(a).slice(0, 20)).join(', ')})`;
    let r: FsResult;
    try {
      r = fsSyscallsByName[name](task, args);
    } catch (e) {
      assert.fail(`${what} threw ${(e as Error).stack}`);
    }
    checkResult(r, what);
    if (isBlock(r)) {
      counts.block++;
      checkResult(r.retry(), `${what} retry`);
    } else if (r < 0) {
      counts.err++;
      seen.add(`${name} ${errnoName(r)}`);
    } else {
      counts.ok++;
      seen.add(`${name} ok`);
    }
    for (const m of k.mounts.list()) assert.ok(m.refs >= 0, `${what}: mount refs ${m.refs}`);
  }
  assert.ok(counts.ok > 3000 && counts.err > 2000 && counts.block > 10, JSON.stringify(counts));
  for (const name of names) assert.ok(seen.has(`${name} ok`), `${name} never succeeded`);
});

test('random numbers through the SyscallHandlerSet with a runtime-shaped context', () => {
  const rnd = prng(42);
  const { k } = harness();
  const byNo = new Map(fsSyscallSet(k).defs.map((d) => [d.no, d.handler]));
  const ctx: SyscallContext = {
    pid: 3,
    tgid: 3,
    ppid: 1,
    comm: 'host1',
    gen: 0,
    nowNs: () => 0,
    newWaitQueue: (n) => new SimpleWaitQueue(n),
  };
  let called = 0;
  for (let i = 0; i < 2000; i++) {
    const no = Math.floor(rnd() * 200);
    const h = byNo.get(no);
    if (!h) continue;
    called++;
    const args = Array.from({ length: 6 }, () => makeArg(rnd)) as SyscallArg[];
    checkResult(h(ctx, args), `nr ${no}`);
  }
  assert.ok(called > 100);
});
