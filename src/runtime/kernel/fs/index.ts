// The VFS's public surface for the runtime: kernel state, task contexts, the syscall handler set,
// blocking results and the /proc task-source interface.
export { createFsKernelState, forkFsTask, releaseFsTask, closeOnExec, FsKernel } from './fsKernel';
export type { FsKernelOptions } from './fsKernel';
export type { FsTask } from './fsStruct';
export { fsSyscalls, fsSyscallsByName } from './fsSyscalls';
export type { FsSyscallHandler } from './sys/common';
export { createInitFile } from './sys/open';
export type { StatBuf } from './sys/stat';
export type { EpollEvent } from './epoll';
export { parseDirents64, type Dirent64 } from './dirents';
export {
  isBlock,
  SimpleWaitQueue,
  type FsBlock,
  type FsResult,
  type WaitQueueLike,
  type WaitQueueFactory,
} from './waitQueue';
export type { ProcTask, ProcTaskSource } from './procTypes';
export { NR as FS_NR } from './constants';
export { fsSyscallSet, callTask } from './fsHandlerSet';
export { taskSourceFrom, procTaskOf, type TaskLike } from './procTaskAdapter';
export { createFsBootTests, type FsBootTest, type SysFiberCall } from './bootTests';
