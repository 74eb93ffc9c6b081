// The handler set to merge into the runtime's syscall table: by asm-generic number (`fsSyscalls`)
// and by name (`fsSyscallsByName`, which also holds the legacy calls LKL maps onto *at forms).
import { NR } from './constants';
import type { FsSyscallHandler } from './sys/common';
import { sysChdir, sysFchdir, sysGetcwd, sysGetdents64, sysMkdir, sysMkdirat } from './sys/dir';
import { sysRmdir, sysUmask, sysUnlink, sysUnlinkat } from './sys/dir';
import { sysDup, sysDup2, sysDup3, sysFcntl } from './sys/fcntl';
import { sysUmount, sysUmount2, sysMount } from './sys/mount';
import { sysClose, sysCreat, sysOpen, sysOpenat } from './sys/open';
import {
  sysEpollCreate,
  sysEpollCreate1,
  sysEpollCtl,
  sysEpollPwait,
  sysEpollWait,
} from './sys/pipeEpoll';
import { sysPipe, sysPipe2 } from './sys/pipeEpoll';
import { sysLseek, sysPread64, sysPwrite64, sysRead, sysWrite } from './sys/rw';
import { sysRename, sysRenameat, sysRenameat2 } from './sys/rename';
import { sysFaccessat, sysFtruncate } from './sys/truncAccess';
import { sysFstat, sysLstat, sysNewfstatat, sysStat } from './sys/stat';

type NumberedName = keyof typeof NR;

const numbered: Record<NumberedName, FsSyscallHandler> = {
  getcwd: sysGetcwd,
  ftruncate: sysFtruncate,
  faccessat: sysFaccessat,
  renameat: sysRenameat,
  renameat2: sysRenameat2,
  epoll_create1: sysEpollCreate1,
  epoll_ctl: sysEpollCtl,
  epoll_pwait: sysEpollPwait,
  dup: sysDup,
  dup3: sysDup3,
  fcntl: sysFcntl,
  mkdirat: sysMkdirat,
  unlinkat: sysUnlinkat,
  umount2: sysUmount2,
  mount: sysMount,
  chdir: sysChdir,
  fchdir: sysFchdir,
  openat: sysOpenat,
  close: sysClose,
  pipe2: sysPipe2,
  getdents64: sysGetdents64,
  lseek: sysLseek,
  read: sysRead,
  write: sysWrite,
  pread64: sysPread64,
  pwrite64: sysPwrite64,
  newfstatat: sysNewfstatat,
  fstat: sysFstat,
  umask: sysUmask,
};

/** Legacy calls with no asm-generic number (LKL's lkl_sys_* wrappers map them to *at calls). */
const legacy = {
  open: sysOpen,
  creat: sysCreat,
  stat: sysStat,
  lstat: sysLstat,
  mkdir: sysMkdir,
  rmdir: sysRmdir,
  unlink: sysUnlink,
  umount: sysUmount,
  pipe: sysPipe,
  dup2: sysDup2,
  epoll_create: sysEpollCreate,
  epoll_wait: sysEpollWait,
  rename: sysRename,
  access: (t, a) => sysFaccessat(t, [-100, a[0], a[1]]),
} satisfies Record<string, FsSyscallHandler>;

export const fsSyscallsByName: Readonly<
  Record<NumberedName | keyof typeof legacy, FsSyscallHandler>
> = {
  ...numbered,
  ...legacy,
};

/** asm-generic syscall number → handler. */
export const fsSyscalls: Readonly<Record<number, FsSyscallHandler>> = Object.fromEntries(
  (Object.keys(numbered) as NumberedName[]).map((name) => [NR[name], numbered[name]]),
);
