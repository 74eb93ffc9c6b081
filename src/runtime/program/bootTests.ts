// The default program: LKL's tools/lkl/tests/boot.c (lkl-notes §8) for what the runtime has,
// in boot.c's order. Each test returns whether it passed and a log line, as LKL_TEST_CALL logs.

import type { AppApi } from '../appApi';
import type { Blocker, Fiber, HostThreadId } from '../host/hostOps';
import { errnoName } from '../kernel/errno';
import { type FsBootTest, createFsBootTests } from '../kernel/fs/index';
import { NR } from '../kernel/syscallNumbers';
import { KERNEL_TESTS } from './kernelTests';
import type { SyscallArg } from '../kernel/syscallTypes';

export interface TestOutcome {
  ok: boolean;
  log: string;
}

export interface BootTest {
  readonly name: string;
  run(app: AppApi, env: BootTestEnv): Fiber<TestOutcome>;
}

export interface BootTestEnv {
  cmdline: string;
  /** Wall clock in ms from the caller, for syscall_latency; absent in pure runs. */
  wallMs?: () => number;
  /** The kernel generation now running (kexec tests). */
  gen?: () => number;
}

const NANOSLEEP_NS = 87_654_321;
const LATENCY_CALLS = 1000;
const MANY_THREADS = 64;

function expect(call: string, ret: number, want: number): TestOutcome {
  return {
    ok: ret === want,
    log: `${call} = ${errnoName(ret)}${ret === want ? '' : ` (expected ${want})`}`,
  };
}

/** The runtime's own tests (no file system), in boot.c order. */
export const RUNTIME_TESTS: readonly BootTest[] = [
  {
    name: 'mutex',
    *run(app) {
      const h = app.host;
      const m = h.mutexAlloc(false, 'test:mutex');
      yield* h.mutexLock(m);
      h.mutexUnlock(m);
      h.mutexFree(m);
      const r = h.mutexAlloc(true, 'test:recursive_mutex');
      yield* h.mutexLock(r);
      yield* h.mutexLock(r);
      h.mutexUnlock(r);
      h.mutexUnlock(r);
      h.mutexFree(r);
      return { ok: true, log: 'non-recursive lock/unlock, recursive double lock/unlock' };
    },
  },
  {
    name: 'semaphore',
    *run(app) {
      const s = app.host.semAlloc(1, 'test:sem');
      yield* app.host.semDown(s);
      app.host.semUp(s);
      app.host.semFree(s);
      return { ok: true, log: 'sem_alloc(1), down, up, free' };
    },
  },
  {
    name: 'join',
    *run(app) {
      const t = app.host.threadCreate(function* empty(): Fiber {}, 'test:join');
      if (t === 0) return { ok: false, log: 'thread_create failed' };
      return expect('thread_join', yield* app.join(t), 0);
    },
  },
  {
    name: 'start_kernel',
    *run(app, env) {
      return expect(`lkl_start_kernel("${env.cmdline}")`, yield* app.startKernel(env.cmdline), 0);
    },
  },
  {
    name: 'getpid',
    *run(app) {
      return expect('getpid()', yield* app.getpid(), 1);
    },
  },
  {
    name: 'syscall_latency',
    *run(app, env) {
      const v0 = app.nowNs();
      const w0 = env.wallMs?.() ?? 0;
      let bad = 0;
      for (let i = 0; i < LATENCY_CALLS; i++) if ((yield* app.getpid()) !== 1) bad++;
      const perCallNs = (app.nowNs() - v0) / LATENCY_CALLS;
      const wall = env.wallMs
        ? ` wall ${(((env.wallMs() - w0) * 1e6) / LATENCY_CALLS).toFixed(0)} ns/call`
        : '';
      return {
        ok: bad === 0,
        log: `${LATENCY_CALLS}x getpid: virtual ${perCallNs.toFixed(0)} ns/call${wall}`,
      };
    },
  },
  {
    name: 'nanosleep',
    *run(app) {
      const t0 = app.nowNs();
      const ret = yield* app.nanosleep(NANOSLEEP_NS);
      const slept = app.nowNs() - t0;
      return {
        ok: ret === 0 && slept >= NANOSLEEP_NS,
        log: `nanosleep(${NANOSLEEP_NS}) = ${errnoName(ret)}, slept ${slept} ns`,
      };
    },
  },
  {
    name: 'syscall_thread',
    *run(app) {
      const ch = yield* app.syscall(NR.chan_create);
      if (ch < 0) return expect('chan_create()', ch, 1);
      const got = { ret: -1, beforeWrite: false };
      let written = false;
      const reader = app.spawn(function* read(a): Fiber {
        const buf = new Uint8Array(4097);
        got.beforeWrite = !written;
        got.ret = yield* a.syscall(NR.chan_read, ch, buf, buf.length);
      }, 'test:syscall_thread');
      // Let the reader block in the kernel before writing.
      yield* app.nanosleep(1_000_000);
      written = true;
      const w = yield* app.syscall(NR.chan_write, ch, new TextEncoder().encode('Hello world!'), 12);
      const j = yield* app.join(reader);
      return {
        ok: w === 12 && got.ret === 12 && got.beforeWrite && j === 0,
        log:
          `reader blocked, then read ${errnoName(got.ret)} bytes; ` +
          `write = ${errnoName(w)}; join = ${j}`,
      };
    },
  },
  {
    name: 'many_syscall_threads',
    *run(app) {
      const pids: number[] = [];
      const threads: HostThreadId[] = [];
      for (let i = 0; i < MANY_THREADS; i++) {
        threads.push(
          app.spawn(function* getpid(a): Fiber {
            pids.push(yield* a.getpid());
          }, `test:many_${i}`),
        );
      }
      let joinErrors = 0;
      for (const t of threads) if ((yield* app.join(t)) !== 0) joinErrors++;
      const ok = pids.length === MANY_THREADS && pids.every((p) => p === 1) && joinErrors === 0;
      return {
        ok,
        log: `${pids.length} threads got getpid = 1 of ${MANY_THREADS}; join errors ${joinErrors}`,
      };
    },
  },
  {
    // Each thread's first syscall makes its host task a new thread group (a child of host0).
    name: 'new_tgid_threads',
    *run(app) {
      const parent = yield* app.getpid();
      let bad = 0;
      const pids = new Set<number>();
      const threads: HostThreadId[] = [];
      for (let i = 0; i < MANY_THREADS; i++) {
        threads.push(
          app.spawn(function* leader(a): Fiber {
            const r = yield* a.syscall(NR.new_thread_group_leader);
            const pid = yield* a.getpid();
            const ppid = yield* a.syscall(NR.getppid);
            pids.add(pid);
            if (r !== 0 || pid === parent || ppid !== parent) bad++;
          }, `test:new_tgid_${i}`),
        );
      }
      for (const t of threads) if ((yield* app.join(t)) !== 0) bad++;
      return {
        ok: bad === 0 && pids.size === MANY_THREADS,
        log:
          `${MANY_THREADS} threads: new_thread_group_leader() = 0, pid != ${parent}, ` +
          `ppid == ${parent}; failures ${bad}; distinct pids ${pids.size}`,
      };
    },
  },
  {
    name: 'stop_kernel',
    *run(app) {
      return expect('lkl_sys_halt()', yield* app.halt(), 0);
    },
  },
];

/** A VFS test (kernel/fs/bootTests) run through this app thread's lkl_syscall. */
function fromFs(t: FsBootTest<Blocker>): BootTest {
  return {
    name: t.name,
    *run(app) {
      const lines: string[] = [];
      const sys = (no: number, ...args: unknown[]) => app.syscall(no, ...(args as SyscallArg[]));
      const ok = yield* t.run(sys, (l) => lines.push(l));
      return { ok, log: lines.join('\n') || (ok ? 'ok' : 'failed') };
    },
  };
}

/**
 * boot.c's full list for this kernel, in boot.c's order: the file-system tests go after
 * syscall_latency (umask … stat) and after nanosleep (pipe2 … umount_fs_proc). A fresh list per
 * run: the fs tests share descriptors as boot.c's globals do.
 */
export function createBootTests(): BootTest[] {
  const fs = createFsBootTests<Blocker>().map(fromFs);
  const split = fs.findIndex((t) => t.name === 'pipe2');
  const early = split < 0 ? fs : fs.slice(0, split);
  const late = split < 0 ? [] : fs.slice(split);
  const out: BootTest[] = [];
  for (const t of RUNTIME_TESTS) {
    if (t.name === 'stop_kernel') out.push(...KERNEL_TESTS);
    out.push(t);
    if (t.name === 'syscall_latency') out.push(...early);
    if (t.name === 'nanosleep') out.push(...late);
  }
  return out;
}

/** The runtime-only list, without the fs tests; prefer createBootTests() (a fresh full list). */
export const BOOT_TESTS: readonly BootTest[] = RUNTIME_TESTS;
