// LKL boot.c's file-system tests (lkl-notes §8) as fibers over a raw syscall entry, for the
// selftest. Each asserts what boot.c asserts. Legacy calls go through the *at forms the way LKL's
// lkl_sys_* wrappers map them (open → openat(AT_FDCWD), stat → newfstatat, umount → umount2...).
import { EBUSY, EEXIST, ENOENT } from '../errno';
import {
  AT_FDCWD,
  EPOLL_CTL_ADD,
  EPOLLIN,
  EPOLLOUT,
  NR,
  O_CREAT,
  O_DIRECTORY,
  O_NONBLOCK,
} from './constants';
import {
  O_RDONLY,
  O_RDWR,
  O_TRUNC,
  O_WRONLY,
  S_IFDIR,
  S_IFREG,
  SEEK_CUR,
  SEEK_END,
  SEEK_SET,
} from './constants';
import { parseDirents64 } from './dirents';

/** The runtime's lkl_syscall as a fiber with yield type Y. */
export type SysFiberCall<Y> = (no: number, ...args: unknown[]) => Generator<Y, number, unknown>;

export interface FsBootTest<Y> {
  /** boot.c's test name. */
  readonly name: string;
  run(sys: SysFiberCall<Y>, log: (line: string) => void): Generator<Y, boolean, unknown>;
}

/** asm-generic nanosleep, used by lkl_umount_timeout's retry loop. */
const NR_NANOSLEEP = 101;
const ACCESS_RIGHTS = 0o721;

/** A fresh list (the tests share fds as boot.c's globals do); run them in order, once. */
export function createFsBootTests<Y>(): FsBootTest<Y>[] {
  const wrbuf = new TextEncoder().encode('test\0');
  let dirFd = -1;
  const expect = (
    name: string,
    want: number,
    call: (sys: SysFiberCall<Y>) => Generator<Y, number, unknown>,
  ) => ({
    name,
    *run(sys: SysFiberCall<Y>, log: (line: string) => void): Generator<Y, boolean, unknown> {
      const ret = yield* call(sys);
      log(`${name} = ${ret}`);
      return ret === want;
    },
  });
  return [
    expect('umask', 0o022, (sys) => sys(NR.umask, 0o777)),
    expect('umask2', 0o777, (sys) => sys(NR.umask, 0)),
    expect('creat', 0, (sys) =>
      sys(NR.openat, AT_FDCWD, '/file', O_CREAT | O_WRONLY | O_TRUNC, ACCESS_RIGHTS),
    ),
    expect('close', 0, (sys) => sys(NR.close, 0)),
    expect('failopen', -ENOENT, (sys) => sys(NR.openat, AT_FDCWD, '/file2', 0, 0)),
    expect('open', 0, (sys) => sys(NR.openat, AT_FDCWD, '/file', O_RDWR, 0)),
    expect('write', wrbuf.length, (sys) => sys(NR.write, 0, wrbuf, wrbuf.length)),
    expect('lseek_cur', wrbuf.length, (sys) => sys(NR.lseek, 0, 0, SEEK_CUR)),
    expect('lseek_end', wrbuf.length, (sys) => sys(NR.lseek, 0, 0, SEEK_END)),
    expect('lseek_set', 0, (sys) => sys(NR.lseek, 0, 0, SEEK_SET)),
    {
      name: 'read',
      *run(sys, log) {
        const buf = new Uint8Array(10);
        const ret = yield* sys(NR.read, 0, buf, buf.length);
        const text = new TextDecoder().decode(buf.subarray(0, Math.max(0, buf.indexOf(0))));
        log(`lkl_sys_read=${ret} buf=${text}`);
        return ret === wrbuf.length && text === 'test';
      },
    },
    {
      name: 'fstat',
      *run(sys, log) {
        const st: Record<string, number> = {};
        const ret = yield* sys(NR.fstat, 0, st);
        log(`lkl_sys_fstat=${ret} mode=${(st.st_mode ?? 0).toString(8)} size=${st.st_size}`);
        return ret === 0 && st.st_size === wrbuf.length && st.st_mode === (ACCESS_RIGHTS | S_IFREG);
      },
    },
    expect('mkdir', 0, (sys) => sys(NR.mkdirat, AT_FDCWD, '/mnt', ACCESS_RIGHTS)),
    {
      name: 'stat',
      *run(sys, log) {
        const st: Record<string, number> = {};
        const ret = yield* sys(NR.newfstatat, AT_FDCWD, '/mnt', st, 0);
        log(`lkl_sys_stat("/mnt")=${ret} mode=${(st.st_mode ?? 0).toString(8)}`);
        return ret === 0 && st.st_mode === (ACCESS_RIGHTS | S_IFDIR);
      },
    },
    { name: 'pipe2', run: pipe2Test<Y> },
    { name: 'epoll', run: epollTest<Y> },
    {
      name: 'mount_fs_proc',
      *run(sys, log) {
        // lkl_mount_fs("proc"): mkdir with the current umask (EEXIST is fine), then mount; EBUSY →
        // 1.
        const mk = yield* sys(NR.mkdirat, AT_FDCWD, '/proc', 0xff);
        if (mk < 0 && mk !== -EEXIST) return false;
        const ret = yield* sys(NR.mount, 'none', '/proc', 'proc', 0, null);
        log(`lkl_mount_fs("proc") = ${ret === -EBUSY ? 1 : ret}`);
        return ret === 0;
      },
    },
    expect('chdir_proc', 0, (sys) => sys(NR.chdir, 'proc')),
    {
      name: 'open_cwd',
      *run(sys, log) {
        dirFd = yield* sys(NR.openat, AT_FDCWD, '.', O_RDONLY | O_DIRECTORY, 0);
        log(`dir_fd = ${dirFd}`);
        return dirFd >= 0;
      },
    },
    {
      name: 'getdents64',
      *run(sys, log) {
        const buf = new Uint8Array(1024);
        const ret = yield* sys(NR.getdents64, dirFd, buf, buf.length);
        if (ret < 0) return false;
        log(
          `${dirFd} ${parseDirents64(buf, ret)
            .map((d) => d.name)
            .join(' ')}`,
        );
        return true;
      },
    },
    {
      name: 'close_dir_fd',
      run: (sys, log) => expect('close_dir_fd', 0, (s) => s(NR.close, dirFd)).run(sys, log),
    },
    expect('chdir_root', 0, (sys) => sys(NR.chdir, '/')),
    {
      name: 'umount_fs_proc',
      *run(sys, log) {
        // lkl_umount_timeout("proc", 0, 1000): retry on EBUSY every 10 ms until the time is spent.
        let ret = -EBUSY;
        for (let leftMs = 1000; ret === -EBUSY && leftMs > 0; leftMs -= 10) {
          ret = yield* sys(NR.umount2, 'proc', 0);
          if (ret === -EBUSY) yield* sys(NR_NANOSLEEP, { tv_sec: 0, tv_nsec: 10_000_000 }, null);
        }
        log(`lkl_umount_timeout("proc") = ${ret}`);
        return ret === 0;
      },
    },
  ];
}

function fail(log: (line: string) => void, line: string): false {
  log(line);
  return false;
}

const HELLO = new TextEncoder().encode('Hello world!\0');

function* pipe2Test<Y>(
  sys: SysFiberCall<Y>,
  log: (line: string) => void,
): Generator<Y, boolean, unknown> {
  const fds = new Int32Array(2);
  const ret = yield* sys(NR.pipe2, fds, O_NONBLOCK);
  if (ret) return fail(log, `pipe2: ${ret}`);
  const w = yield* sys(NR.write, fds[1], HELLO, HELLO.length);
  if (w !== HELLO.length) return fail(log, `write: ${w}`);
  const str = new Uint8Array(20);
  const r = yield* sys(NR.read, fds[0], str, HELLO.length);
  if (r !== HELLO.length) return fail(log, `read: ${r}`);
  if (!HELLO.every((b, i) => str[i] === b)) return fail(log, 'memcmp failed');
  const c0 = yield* sys(NR.close, fds[0]);
  const c1 = yield* sys(NR.close, fds[1]);
  return c0 === 0 && c1 === 0;
}

function* epollTest<Y>(
  sys: SysFiberCall<Y>,
  log: (line: string) => void,
): Generator<Y, boolean, unknown> {
  const fds = new Int32Array(2);
  if ((yield* sys(NR.pipe2, fds, O_NONBLOCK)) !== 0) return false;
  // lkl_sys_epoll_create(1) is epoll_create1(0) once size > 0 is checked.
  const epfd = yield* sys(NR.epoll_create1, 0);
  if (epfd < 0) return fail(log, `epoll_create: ${epfd}`);
  const waitOn = { events: EPOLLIN | EPOLLOUT, data: fds[0] };
  if ((yield* sys(NR.epoll_ctl, epfd, EPOLL_CTL_ADD, fds[0], waitOn)) < 0) return false;
  const out: unknown[] = [];
  const before = yield* sys(NR.epoll_pwait, epfd, out, 1, 0, null, 8);
  if (before !== 0) return fail(log, `epoll_wait: bad event: ${before}`);
  if ((yield* sys(NR.write, fds[1], HELLO, HELLO.length)) < 0) return false;
  const after = yield* sys(NR.epoll_pwait, epfd, out, 1, 0, null, 8);
  if (after !== 1) return fail(log, `epoll_wait: bad ev no ${after}`);
  return true;
}
