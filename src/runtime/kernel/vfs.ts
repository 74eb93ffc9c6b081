// Wires the VFS (kernel/fs, issue 6) into a kernel: traced wait queues, virtual time, the task list
// for /proc, its syscall handler set, and /init for LKL's fs_setup.

import {
  type FsKernel,
  createFsKernelState,
  createInitFile,
  fsSyscallSet,
  taskSourceFrom,
} from './fs/index';
import type { Kernel } from './kernel';
import { WaitQueue } from './wait';

export function installVfs(k: Kernel): FsKernel {
  const fs = createFsKernelState({
    makeWaitQueue: (name) => new WaitQueue(k, name),
    nowNs: () => k.host.time(),
    tasks: taskSourceFrom(() => k.tasks.values()),
  });
  k.table.register(fsSyscallSet(fs));
  k.fs = fs;
  return fs;
}

/** fs_setup's sys_open("/init", O_CREAT, 0700) + sys_close, in the calling task's context. */
export function createInit(k: Kernel, fs: FsKernel): number {
  const cur = k.current;
  const r = createInitFile(fs.taskOf(cur.pid, cur.tgid));
  if (r >= 0) k.rootfs.add('/init');
  return r;
}
