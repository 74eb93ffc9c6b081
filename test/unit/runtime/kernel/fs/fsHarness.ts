// Test harness: a fresh VFS, its boot task, and `sys(name, ...args)` calling a handler by name.
import assert from 'node:assert/strict';
import {
  createFsKernelState,
  fsSyscallsByName,
  isBlock,
} from '../../../../../src/runtime/kernel/fs';
import type {
  FsKernelOptions,
  FsResult,
  FsTask,
  ProcTask,
} from '../../../../../src/runtime/kernel/fs';

export type SysName = keyof typeof fsSyscallsByName;

export function harness(opts: FsKernelOptions = {}) {
  const k = createFsKernelState(opts);
  const t = k.bootTask;
  /** Runs a syscall that must not block and returns its number. */
  const sys = (name: SysName, ...args: unknown[]): number => {
    const r = fsSyscallsByName[name](t, args);
    assert.ok(!isBlock(r), `${name} blocked: ${isBlock(r) ? r.reason : ''}`);
    return r as number;
  };
  /** Runs a syscall on a given task and returns the raw result (may be a block). */
  const raw = (task: FsTask, name: SysName, ...args: unknown[]): FsResult =>
    fsSyscallsByName[name](task, args);
  return { k, t, sys, raw };
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array, n = b.length): string =>
  new TextDecoder().decode(b.subarray(0, n));

export function tasks(
  ...list: [pid: number, comm: string, state?: ProcTask['state'], ppid?: number][]
) {
  const all: ProcTask[] = list.map(([pid, comm, state = 'S', ppid = 0]) => ({
    pid,
    comm,
    state,
    ppid,
  }));
  return { tasks: () => all, all };
}
