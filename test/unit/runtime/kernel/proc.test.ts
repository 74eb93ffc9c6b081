import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppApi } from '../../../../src/runtime/appApi';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import * as errno from '../../../../src/runtime/kernel/errno';
import {
  CLONE_FILES,
  CLONE_FS,
  CLONE_NEWNS,
  CLONE_PARENT_SETTID,
  CLONE_SIGHAND,
  CLONE_THREAD,
  CLONE_VM,
  SIGCHLD,
} from '../../../../src/runtime/kernel/process';
import { NR } from '../../../../src/runtime/kernel/syscallNumbers';
import { WNOHANG, __WALL } from '../../../../src/runtime/kernel/sys/proc';
import { Runtime } from '../../../../src/runtime/runtime';
import { checkOrder } from '../../../helpers/orderChecker';

const FORK = SIGCHLD;
const THREAD = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_FS | CLONE_FILES;

/** Runs `body` on an app thread of its own, then halts; returns the runtime. */
function run(body: (app: AppApi) => Fiber): Runtime {
  const rt = Runtime.create({ seed: 3 });
  rt.start(function* main(app): Fiber {
    yield* app.join(app.spawn(body, 'caller'));
    yield* app.halt();
  });
  rt.runToEnd();
  assert.equal(rt.status, 'halted', rt.statusDetail);
  assert.deepEqual(checkOrder(rt), []);
  return rt;
}

describe('clone and wait4', () => {
  it('a process child has its own pid, ppid = the parent; wait4 gets (code & 0xff) << 8', () => {
    const r: number[] = [];
    const child: number[] = [];
    const rt = run(function* (app): Fiber {
      r.push(yield* app.getpid());
      const pid = yield* app.clone(FORK, function* (c): Fiber {
        child.push(yield* c.getpid(), yield* c.syscall(NR.getppid), yield* c.gettid());
        yield* c.exit(0x103);
      });
      r.push(pid);
      const st = new Int32Array(1);
      r.push(yield* app.wait4(-1, st), st[0]);
      r.push(yield* app.wait4(-1, st));
    });
    const [parent, pid, reaped, status, again] = r;
    assert.ok(pid > 0 && pid !== parent);
    assert.deepEqual(child, [pid, parent, pid]);
    assert.equal(reaped, pid);
    assert.equal(status, 0x03 << 8);
    assert.equal(again, -errno.ECHILD);
    const fork = rt.events.find((e) => e.kind === 'sched.fork' && e.peer === pid);
    assert.ok(fork && fork.task !== pid, 'sched.fork: task = parent, peer = child');
    assert.ok(rt.events.some((e) => e.kind === 'sched.exit' && e.task === pid && e.arg === 3));
  });

  it('a CLONE_THREAD child shares the tgid and is not a child for wait4', () => {
    const r: number[] = [];
    run(function* (app): Fiber {
      const tgid = yield* app.getpid();
      const seen: number[] = [];
      const tid = yield* app.clone(THREAD, function* (c): Fiber {
        seen.push(yield* c.getpid(), yield* c.gettid());
      });
      yield* app.nanosleep(1_000_000);
      r.push(tgid, tid, ...seen, yield* app.wait4(-1, null));
    });
    const [tgid, tid, pid, gettid, wait] = r;
    assert.equal(pid, tgid);
    assert.equal(gettid, tid);
    assert.notEqual(tid, tgid);
    assert.equal(wait, -errno.ECHILD);
  });

  it('wait4 blocks until the child exits; WNOHANG returns 0 while it runs', () => {
    const r: number[] = [];
    run(function* (app): Fiber {
      const pid = yield* app.clone(FORK, function* (c): Fiber {
        yield* c.nanosleep(5_000_000);
      });
      r.push(yield* app.wait4(pid, null, WNOHANG));
      const t0 = app.nowNs();
      const st = new Int32Array(1);
      r.push((yield* app.wait4(pid, st)) === pid ? 1 : 0, st[0]);
      r.push(app.nowNs() - t0 >= 4_000_000 ? 1 : 0);
    });
    assert.deepEqual(r, [0, 1, 0, 1]);
  });

  it('wait4 errors: no children, not a child, bad options, bad status pointer', () => {
    const r: number[] = [];
    run(function* (app): Fiber {
      r.push(yield* app.wait4(-1, null));
      r.push(yield* app.wait4(12345, null));
      r.push(yield* app.wait4(-1, null, 0x4));
      const pid = yield* app.clone(FORK, function* (): Fiber {});
      r.push(yield* app.syscall(NR.wait4, pid, 'not a pointer', 0, null));
      r.push(yield* app.wait4(pid, null)); // reaped by the failed call, as kernel_wait4
    });
    const { ECHILD, EINVAL, EFAULT } = errno;
    assert.deepEqual(r, [-ECHILD, -ECHILD, -EINVAL, -EFAULT, -ECHILD]);
  });

  it('a clone child with exit signal 0 is seen only with __WALL / __WCLONE', () => {
    const r: number[] = [];
    run(function* (app): Fiber {
      const pid = yield* app.clone(0, function* (): Fiber {});
      yield* app.nanosleep(1_000_000);
      r.push(yield* app.wait4(-1, null));
      r.push((yield* app.wait4(-1, null, __WALL)) === pid ? 1 : 0);
    });
    assert.deepEqual(r, [-errno.ECHILD, 1]);
  });

  it('clone errors: flag combinations, no body, bad parent tid pointer', () => {
    const r: number[] = [];
    run(function* (app): Fiber {
      const noop = function* (): Fiber {};
      r.push(yield* app.clone(CLONE_THREAD | CLONE_VM, noop));
      r.push(yield* app.clone(CLONE_SIGHAND, noop));
      r.push(yield* app.clone(CLONE_NEWNS | FORK, noop));
      r.push(yield* app.syscall(NR.clone, FORK, null));
      r.push(yield* app.syscall(NR.clone, CLONE_PARENT_SETTID | FORK, { fn: noop }, null));
      const ptid = new Int32Array(1);
      const pid = yield* app.syscall(NR.clone, CLONE_PARENT_SETTID | FORK, { fn: noop }, ptid);
      r.push(ptid[0] === pid && pid > 0 ? 1 : 0, (yield* app.wait4(pid, null)) === pid ? 1 : 0);
    });
    const EINVAL = -errno.EINVAL;
    assert.deepEqual(r, [EINVAL, EINVAL, EINVAL, EINVAL, -errno.EFAULT, 1, 1]);
  });

  it('exit_group ends every thread of the group, a blocked one too; wait4 gets its code', () => {
    const r: number[] = [];
    const log: string[] = [];
    run(function* (app): Fiber {
      const pid = yield* app.clone(FORK, function* (c): Fiber {
        const ch = yield* c.syscall(NR.chan_create);
        yield* c.clone(THREAD, function* (t): Fiber {
          log.push('reader blocks');
          yield* t.syscall(NR.chan_read, ch, new Uint8Array(4), 4);
          log.push('reader returned'); // never: the thread exits with its group
        });
        yield* c.nanosleep(1_000_000);
        yield* c.exitGroup(7);
      });
      const st = new Int32Array(1);
      r.push((yield* app.wait4(pid, st)) === pid ? 1 : 0, st[0]);
    });
    assert.deepEqual(r, [1, 7 << 8]);
    assert.deepEqual(log, ['reader blocks']);
  });

  it('an orphan moves to pid 1 when its parent process exits', () => {
    const ppids: number[] = [];
    let mid = 0;
    let reaped = 0;
    run(function* (app): Fiber {
      const ch = yield* app.syscall(NR.chan_create);
      mid = yield* app.clone(FORK, function* (p): Fiber {
        yield* p.clone(FORK, function* (c): Fiber {
          ppids.push(yield* c.syscall(NR.getppid));
          yield* c.syscall(NR.chan_read, ch, new Uint8Array(1), 1); // until its parent is gone
          ppids.push(yield* c.syscall(NR.getppid));
        });
        yield* p.nanosleep(1_000_000);
      });
      reaped = yield* app.wait4(mid, null);
      yield* app.syscall(NR.chan_write, ch, new Uint8Array(1), 1);
      yield* app.nanosleep(1_000_000);
    });
    assert.equal(reaped, mid);
    assert.deepEqual(ppids, [mid, 1]);
  });

  it('CLONE_FILES shares the fd table; without it the child gets a copy, freed at exit', () => {
    const r: number[] = [];
    const rt = run(function* (app): Fiber {
      let fd = -1;
      const opener = function* (c: AppApi): Fiber {
        fd = yield* c.syscall(NR.openat, -100, '/', 0o200000, 0); // O_DIRECTORY
      };
      const shared = yield* app.clone(FORK | CLONE_FILES | CLONE_VM, opener);
      yield* app.wait4(shared, null);
      r.push(yield* app.syscall(NR.close, fd));
      const copied = yield* app.clone(FORK, opener);
      yield* app.wait4(copied, null);
      r.push(yield* app.syscall(NR.close, fd));
      r.push(copied);
    });
    assert.equal(r[0], 0);
    assert.equal(r[1], -errno.EBADF);
    assert.equal(rt.fs.taskOf(r[2]), rt.fs.bootTask, 'the exited child has no context left');
  });

  it('new_thread_group_leader: a new group under host0; on a bound thread a no-op', () => {
    const r: number[] = [];
    run(function* (app): Fiber {
      r.push(yield* app.getpid()); // binds this thread as a thread of host0's group
      r.push(yield* app.syscall(NR.new_thread_group_leader));
      r.push(yield* app.getpid());
      let child = 0;
      const t = app.spawn(function* (a): Fiber {
        r.push(yield* a.syscall(NR.new_thread_group_leader));
        child = yield* a.getpid();
      }, 'leader');
      yield* app.join(t);
      r.push(child > 1 ? 1 : 0);
    });
    assert.deepEqual(r, [1, 0, 1, 0, 1]);
  });
});

describe('kernel clone', () => {
  it('kernel threads: CLONE_THREAD shares the tgid; bad flags give -EINVAL', () => {
    const got: number[] = [];
    const rt = Runtime.create({
      seed: 4,
      scenario: {
        name: 'kclone',
        install(r) {
          r.kernel.initcalls.register({
            level: 'late',
            name: 'test_clone',
            *fn(k) {
              const a = k.clone(CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD, function* (): Fiber {
                const b = k.clone(THREAD, function* (): Fiber {}, 'kthread_b');
                if (typeof b !== 'number') got.push(b.tgid === k.current.tgid ? 1 : 0);
              }, 'kthread_a');
              got.push(typeof a === 'number' ? a : a.tgid === a.pid ? 1 : 0);
              got.push(k.clone(CLONE_THREAD | CLONE_VM, null, 'bad') as number);
              return 0;
            },
          });
        },
      },
    });
    rt.start(function* main(app): Fiber {
      yield* app.nanosleep(10_000_000);
      yield* app.halt();
    });
    rt.runToEnd();
    assert.equal(rt.status, 'halted', rt.statusDetail);
    assert.deepEqual(got, [1, -errno.EINVAL, 1]);
  });
});
