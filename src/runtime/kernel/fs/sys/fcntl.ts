// dup/dup2/dup3 and fcntl: F_DUPFD(_CLOEXEC), F_GETFD/F_SETFD, F_GETFL/F_SETFL (O_APPEND and
// O_NONBLOCK can change), F_GETPIPE_SZ/F_SETPIPE_SZ.
import { EBADF, EINVAL } from '../../errno';
import {
  F_DUPFD,
  F_DUPFD_CLOEXEC,
  F_GETFD,
  F_GETFL,
  F_GETPIPE_SZ,
  F_SETFD,
  F_SETFL,
} from '../constants';
import { F_SETPIPE_SZ, FD_CLOEXEC, O_APPEND, O_CLOEXEC, O_NONBLOCK } from '../constants';
import type { FsTask } from '../fsStruct';
import { PipeFile } from '../pipe';
import { argInt, argInt32 } from '../userMem';
import { fileOf, type FsSyscallHandler } from './common';

function dupTo(t: FsTask, oldfd: number, newfd: number, cloexec: boolean): number {
  const file = fileOf(t, oldfd);
  if (typeof file === 'number') return file;
  if (!Number.isInteger(newfd) || newfd < 0 || newfd >= t.files.maxFds) return -EBADF;
  t.files.installAt(newfd, file, cloexec);
  return newfd;
}

export const sysDup: FsSyscallHandler = (t, a) => {
  const file = fileOf(t, argInt32(a[0]));
  if (typeof file === 'number') return file;
  const fd = t.files.install(file, false);
  if (fd >= 0) file.refs++;
  return fd;
};

export const sysDup3: FsSyscallHandler = (t, a) => {
  const [oldfd, newfd, flags] = [argInt32(a[0]), argInt32(a[1]), argInt32(a[2])];
  if (Number.isNaN(flags) || flags & ~O_CLOEXEC) return -EINVAL;
  if (oldfd === newfd) return -EINVAL;
  return dupTo(t, oldfd, newfd, (flags & O_CLOEXEC) !== 0);
};

/** Legacy dup2: same fd twice is a no-op that still checks the fd. */
export const sysDup2: FsSyscallHandler = (t, a) => {
  const [oldfd, newfd] = [argInt32(a[0]), argInt32(a[1])];
  if (oldfd === newfd) return t.files.get(oldfd) ? newfd : -EBADF;
  return dupTo(t, oldfd, newfd, false);
};

export const sysFcntl: FsSyscallHandler = (t, a) => {
  const fd = argInt32(a[0]);
  const file = fileOf(t, fd);
  if (typeof file === 'number') return file;
  const cmd = argInt32(a[1]);
  const arg = argInt(a[2]);
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
      if (!Number.isInteger(arg) || arg < 0 || arg >= t.files.maxFds) return -EINVAL;
      const nfd = t.files.install(file, cmd === F_DUPFD_CLOEXEC, arg);
      if (nfd >= 0) file.refs++;
      return nfd;
    }
    case F_GETFD:
      return t.files.cloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
      t.files.setCloexec(fd, ((arg | 0) & FD_CLOEXEC) !== 0);
      return 0;
    case F_GETFL:
      return file.flags;
    case F_SETFL: {
      const settable = O_APPEND | O_NONBLOCK;
      file.flags = (file.flags & ~settable) | ((arg | 0) & settable);
      return 0;
    }
    case F_GETPIPE_SZ:
      return file instanceof PipeFile ? file.pipe.capacity : -EBADF;
    case F_SETPIPE_SZ:
      return file instanceof PipeFile ? file.pipe.resize(arg) : -EBADF;
    default:
      return -EINVAL;
  }
};
