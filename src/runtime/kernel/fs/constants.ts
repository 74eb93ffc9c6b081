// Linux ABI constants the VFS speaks: asm-generic fcntl.h open flags, stat.h mode bits, dirent
// d_type, lseek whence, eventpoll.h, mount.h, and the asm-generic unistd.h numbers of the fs
// syscalls.
import { NR as SYSCALL_NR } from '../syscallNumbers';

export const O_ACCMODE = 0o3;
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_CLOEXEC = 0o2000000;
export const O_PATH = 0o10000000;
export const O_TMPFILE = 0o20000000 | O_DIRECTORY;

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFIFO = 0o010000;
export const S_IALLUGO = 0o7777;
/** mkdir keeps rwx for all and the sticky bit, as vfs_mkdir does. */
export const S_IRWXUGO_VTX = 0o1777;

export const DT_UNKNOWN = 0;
export const DT_FIFO = 1;
export const DT_DIR = 4;
export const DT_REG = 8;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;
export const SEEK_DATA = 3;
export const SEEK_HOLE = 4;

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_REMOVEDIR = 0x200;
export const AT_NO_AUTOMOUNT = 0x800;
export const AT_EMPTY_PATH = 0x1000;

export const EPOLLIN = 0x001;
export const EPOLLPRI = 0x002;
export const EPOLLOUT = 0x004;
export const EPOLLERR = 0x008;
export const EPOLLHUP = 0x010;
export const EPOLLRDNORM = 0x040;
export const EPOLLWRNORM = 0x100;
export const EPOLLRDHUP = 0x2000;
export const EPOLLEXCLUSIVE = 1 << 28;
export const EPOLLWAKEUP = 1 << 29;
export const EPOLLONESHOT = 1 << 30;
export const EPOLLET = 1 << 31;
export const EPOLL_CTL_ADD = 1;
export const EPOLL_CTL_DEL = 2;
export const EPOLL_CTL_MOD = 3;
export const EPOLL_CLOEXEC = O_CLOEXEC;
/** INT_MAX / sizeof(struct epoll_event) on a 64-bit kernel. */
export const EP_MAX_EVENTS = Math.floor(0x7fffffff / 12);

export const MS_RDONLY = 1;
export const MS_REMOUNT = 32;
export const MS_BIND = 4096;
export const MS_MOVE = 8192;
export const MNT_FORCE = 1;
export const MNT_DETACH = 2;
export const MNT_EXPIRE = 4;
export const UMOUNT_NOFOLLOW = 8;

export const F_DUPFD = 0;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_DUPFD_CLOEXEC = 1030;
export const F_SETPIPE_SZ = 1031;
export const F_GETPIPE_SZ = 1032;
export const FD_CLOEXEC = 1;

export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;
export const RENAME_WHITEOUT = 4;

export const F_OK = 0;
export const X_OK = 1;
export const W_OK = 2;
export const R_OK = 4;

export const PATH_MAX = 4096;
export const NAME_MAX = 255;
export const PAGE_SIZE = 4096;
export const PIPE_BUF = 4096;
/** Default RLIMIT_NOFILE soft limit. */
export const NR_OPEN_DEFAULT = 1024;

/** The file-system calls with asm-generic numbers (the legacy open, creat, mkdir, ... have none). */
const FS_CALLS = [
  'getcwd',
  'ftruncate',
  'faccessat',
  'renameat',
  'renameat2',
  'epoll_create1',
  'epoll_ctl',
  'epoll_pwait',
  'dup',
  'dup3',
  'fcntl',
  'mkdirat',
  'unlinkat',
  'umount2',
  'mount',
  'chdir',
  'fchdir',
  'openat',
  'close',
  'pipe2',
  'getdents64',
  'lseek',
  'read',
  'write',
  'pread64',
  'pwrite64',
  'newfstatat',
  'fstat',
  'umask',
] as const;

/** Their numbers, from the kernel's one table. */
export const NR = Object.fromEntries(FS_CALLS.map((n) => [n, SYSCALL_NR[n]])) as {
  readonly [K in (typeof FS_CALLS)[number]]: (typeof SYSCALL_NR)[K];
};
