import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AppApi } from '../../../src/runtime/appApi';
import type { Fiber } from '../../../src/runtime/host/hostOps';
import * as errno from '../../../src/runtime/kernel/errno';
import { LINUX_REBOOT_MAGIC1, NR } from '../../../src/runtime/kernel/syscallNumbers';
import { Runtime } from '../../../src/runtime/runtime';
import type { TraceEvent } from '../../../src/trace/events';
import { checkOrder } from '../../helpers/orderChecker';

/** Boots, runs `body` on the main thread, halts; returns the runtime and body's results. */
function withKernel(body: (app: AppApi, out: number[]) => Fiber, seed = 1) {
  const rt = Runtime.create({ seed });
  const out: number[] = [];
  rt.start(function* main(app): Fiber {
    yield* body(app, out);
    out.push(yield* app.halt());
  });
  rt.runToEnd();
  return { rt, out };
}

test('boot: getpid is 1 from every app thread, gettid differs, halt returns 0', () => {
  const { rt, out } = withKernel(function* b(app, out): Fiber {
    out.push(yield* app.getpid(), yield* app.gettid());
    yield* app.nanosleep(25_000_000); // long enough for the tick and timer irqs
    const t = app.spawn(function* other(a): Fiber {
      out.push(yield* a.getpid(), yield* a.gettid());
    }, 'other');
    yield* app.join(t);
  });
  assert.equal(rt.status, 'halted');
  const [pid1, tid1, pid2, tid2, halt] = out;
  assert.equal(out.length, 5);
  assert.deepEqual([pid1, pid2, halt], [1, 1, 0]);
  assert.notEqual(tid1, tid2);
  assert.deepEqual(checkOrder(rt), []);
  const kinds = new Set(rt.events.map((e) => e.kind));
  for (const k of [
    'boot.done',
    'sched.switch',
    'cpu.owner',
    'syscall.enter',
    'halt.done',
    'irq.enter',
  ]) {
    assert.ok(kinds.has(k as TraceEvent['kind']), `missing ${k}`);
  }
});

test('bad arguments give negative errno, never exceptions', () => {
  const { rt, out } = withKernel(function* b(app, out): Fiber {
    out.push(yield* app.syscall(400));
    out.push(yield* app.syscall(NR.nanosleep, null));
    out.push(yield* app.syscall(NR.nanosleep, { tv_sec: 0, tv_nsec: 1e9 }));
    out.push(yield* app.syscall(NR.nanosleep, { tv_sec: -1, tv_nsec: 0 }));
    out.push(yield* app.syscall(NR.reboot, 1, 2, 3));
    out.push(yield* app.syscall(NR.reboot, LINUX_REBOOT_MAGIC1, 672274793, 99));
    out.push(yield* app.syscall(NR.chan_read, 99, new Uint8Array(1), 1));
    const ch = yield* app.syscall(NR.chan_create);
    out.push(yield* app.syscall(NR.chan_read, ch, 'not a buffer', 1));
    out.push(yield* app.syscall(NR.chan_write, ch, new Uint8Array(1), -1));
  });
  assert.equal(rt.status, 'halted');
  assert.deepEqual(out, [
    -errno.ENOSYS,
    -errno.EFAULT,
    -errno.EINVAL,
    -errno.EINVAL,
    -errno.EINVAL,
    -errno.EINVAL,
    -errno.EBADF,
    -errno.EFAULT,
    -errno.EINVAL,
    0,
  ]);
});

test('a blocked syscall wakes on write; nanosleep advances virtual time', () => {
  const { rt, out } = withKernel(function* b(app, out): Fiber {
    const ch = yield* app.syscall(NR.chan_create);
    const r = app.spawn(function* reader(a): Fiber {
      out.push(yield* a.syscall(NR.chan_read, ch, new Uint8Array(8), 8));
    }, 'reader');
    const t0 = app.nowNs();
    yield* app.nanosleep(5_000_000);
    out.push(app.nowNs() - t0 >= 5_000_000 ? 1 : 0);
    out.push(yield* app.syscall(NR.chan_write, ch, new Uint8Array([1, 2, 3]), 3));
    yield* app.join(r);
  });
  assert.equal(rt.status, 'halted');
  assert.deepEqual(out, [1, 3, 3, 0]);
  const blocked = rt.events.find(
    (e) => e.kind === 'sched.switch' && rt.names.tasks.get(e.task)?.startsWith('host'),
  );
  assert.ok(blocked, 'the reader blocked in the kernel');
});

test('an app thread waiting forever is a deadlock: event and status, no throw', () => {
  const rt = Runtime.create({ seed: 3 });
  rt.start(function* main(app): Fiber {
    const ch = yield* app.syscall(NR.chan_create);
    yield* app.syscall(NR.chan_read, ch, new Uint8Array(1), 1);
  });
  assert.equal(rt.runToEnd(), 'deadlock');
  const d = rt.events.find((e) => e.kind === 'deadlock');
  assert.ok(d);
  assert.match(String(d.arg), /chan_read/);
  assert.match(rt.statusDetail, /main/);
});

test('halt releases app threads still blocked in syscalls (lkl/linux#228) and finishes', () => {
  const rt = Runtime.create({ seed: 4 });
  let readerRet = 0;
  let haltRet = -1;
  rt.start(function* main(app): Fiber {
    const ch = yield* app.syscall(NR.chan_create);
    app.spawn(function* stuck(a): Fiber {
      readerRet = yield* a.syscall(NR.chan_read, ch, new Uint8Array(1), 1);
    }, 'stuck');
    yield* app.nanosleep(1_000_000);
    haltRet = yield* app.halt();
  });
  assert.equal(rt.runToEnd(), 'halted');
  assert.equal(haltRet, 0);
  assert.ok(rt.events.some((e) => e.kind === 'warn' && /blocked in a syscall/.test(String(e.arg))));
  assert.ok(rt.events.some((e) => e.kind === 'halt.done'));
  assert.deepEqual(checkOrder(rt), []);
  // Released during threads_cleanup, its syscall returns -EINTR before halt.done, in the trace.
  assert.equal(readerRet, -4);
  const exit = rt.events.findIndex((e) => e.kind === 'syscall.exit' && e.arg === -4);
  const done = rt.events.findIndex((e) => e.kind === 'halt.done');
  assert.ok(exit >= 0 && exit < done, `syscall.exit(-EINTR) at ${exit}, halt.done at ${done}`);
});

test('the runtime idles between programs; halt() from outside then halts it', () => {
  const rt = Runtime.create({ seed: 6 });
  rt.start(function* main(app): Fiber {
    yield* app.getpid();
  });
  assert.equal(rt.runToEnd(), 'running');
  assert.equal(rt.finished, false);
  rt.spawnAppThread(function* late(app): Fiber {
    yield* app.nanosleep(1000);
  });
  rt.halt();
  assert.equal(rt.runToEnd(), 'halted');
  assert.deepEqual(checkOrder(rt), []);
});

test('slices: runSlice runs in small steps, batches equal the kept events, status moves on', () => {
  const rt = Runtime.create({ seed: 5 });
  const batches: TraceEvent[] = [];
  const statuses: string[] = [];
  rt.subscribe((b) => batches.push(...b));
  rt.onStatus((s) => statuses.push(s));
  rt.start(function* main(app): Fiber {
    yield* app.getpid();
  });
  let slices = 0;
  while (rt.runSlice(1)) slices++;
  rt.halt();
  while (rt.runSlice(1)) slices++;
  assert.ok(slices > 20, `${slices} slices`);
  assert.equal(rt.status, 'halted');
  assert.deepEqual(statuses, ['running', 'halting', 'halted']);
  assert.deepEqual(batches, rt.events);
  assert.equal(rt.runSlice(10), false);
});
