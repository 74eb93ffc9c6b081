// The VFS as a SyscallHandlerSet for the runtime's table: each handler finds the calling task's fs
// context through FsKernel.taskOf and makes pipe/epoll wait queues with the caller's traced
// factory.
import type { SyscallContext, SyscallDef, SyscallHandlerSet } from '../syscallTypes';
import { NR } from './constants';
import type { FsKernel } from './fsKernel';
import type { FsTask } from './fsStruct';
import { fsSyscallsByName } from './fsSyscalls';

/** The fs context a call runs in: the task's shared state, with the runtime's wait queues. */
export function callTask(kernel: FsKernel, ctx: SyscallContext): FsTask {
  const base = kernel.taskOf(ctx.pid, ctx.tgid);
  return { fs: base.fs, files: base.files, makeWaitQueue: (name) => ctx.newWaitQueue(name) };
}

/** Every numbered fs syscall, bound to `kernel`. */
export function fsSyscallSet(kernel: FsKernel): SyscallHandlerSet {
  const defs: SyscallDef[] = (Object.keys(NR) as (keyof typeof NR)[]).map((name) => {
    const h = fsSyscallsByName[name];
    return { no: NR[name], name, handler: (ctx, args) => h(callTask(kernel, ctx), args) };
  });
  return { name: 'vfs', defs };
}
