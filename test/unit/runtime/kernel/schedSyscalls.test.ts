import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppApi } from '../../../../src/runtime/appApi';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import * as errno from '../../../../src/runtime/kernel/errno';
import { SCHED_FIFO, SCHED_IDLE, SCHED_RR } from '../../../../src/runtime/kernel/sched/rt';
import { NR } from '../../../../src/runtime/kernel/syscallNumbers';
import { Runtime } from '../../../../src/runtime/runtime';

function calls(body: (app: AppApi, r: number[]) => Fiber): number[] {
  const rt = Runtime.create({ seed: 2 });
  const r: number[] = [];
  rt.start(function* main(app): Fiber {
    // A thread of its own: setuid is per task (the raw syscall), and halt needs privilege.
    yield* app.join(app.spawn((u) => body(u, r), 'caller'));
    yield* app.halt();
  });
  rt.runToEnd();
  assert.equal(rt.status, 'halted', rt.statusDetail);
  return r;
}

describe('sched_setscheduler / sched_getscheduler / sched_getparam', () => {
  it('sets FIFO, RR and IDLE and reports them; errors as Linux', () => {
    const r = calls(function* (app, r): Fiber {
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, SCHED_FIFO, { sched_priority: 10 }));
      r.push(yield* app.syscall(NR.sched_getscheduler, 0));
      const p: Record<string, unknown> = {};
      r.push(yield* app.syscall(NR.sched_getparam, 0, p));
      r.push(p.sched_priority as number);
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, SCHED_RR, { sched_priority: 99 }));
      r.push(yield* app.syscall(NR.sched_getscheduler, 0));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, SCHED_FIFO, { sched_priority: 0 }));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, SCHED_FIFO, { sched_priority: 100 }));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, 0, { sched_priority: 3 }));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, 7, { sched_priority: 0 }));
      r.push(yield* app.syscall(NR.sched_setscheduler, -1, 0, { sched_priority: 0 }));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, 0, null));
      r.push(yield* app.syscall(NR.sched_setscheduler, 9999, 0, { sched_priority: 0 }));
      r.push(yield* app.syscall(NR.sched_getscheduler, 9999));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, SCHED_IDLE, { sched_priority: 0 }));
      r.push(yield* app.syscall(NR.sched_getscheduler, 0));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, 0, { sched_priority: 0 }));
      r.push(yield* app.syscall(NR.setuid, 1000));
      r.push(yield* app.syscall(NR.sched_setscheduler, 0, SCHED_FIFO, { sched_priority: 1 }));
    });
    assert.deepEqual(r, [
      0, SCHED_FIFO, 0, 10, 0, SCHED_RR, -errno.EINVAL, -errno.EINVAL, -errno.EINVAL,
      -errno.EINVAL, -errno.EINVAL, -errno.EINVAL, -errno.ESRCH, -errno.ESRCH, 0, SCHED_IDLE, 0,
      0, -errno.EPERM,
    ]);
  });
});

describe('setpriority / getpriority', () => {
  it('sets nice (clamped), returns 20 - nice, refuses a lower nice unprivileged', () => {
    const r = calls(function* (app, r): Fiber {
      r.push(yield* app.syscall(NR.setpriority, 0, 0, 5));
      r.push(yield* app.syscall(NR.getpriority, 0, 0));
      r.push(yield* app.syscall(NR.setpriority, 0, 0, 50));
      r.push(yield* app.syscall(NR.getpriority, 0, 0));
      r.push(yield* app.syscall(NR.setpriority, 3, 0, 0));
      r.push(yield* app.syscall(NR.getpriority, 0, 9999));
      r.push(yield* app.syscall(NR.setpriority, 0, 0, 10));
      r.push(yield* app.syscall(NR.setuid, 1000));
      r.push(yield* app.syscall(NR.setpriority, 0, 0, 0));
      r.push(yield* app.syscall(NR.setpriority, 0, 0, 15));
      r.push(yield* app.syscall(NR.getpriority, 0, 0));
      r.push(yield* app.syscall(NR.setuid, 0));
    });
    assert.deepEqual(r, [
      0, 15, 0, 1, -errno.EINVAL, -errno.ESRCH, 0, 0, -errno.EACCES, 0, 5, -errno.EPERM,
    ]);
  });

  it('sched_yield returns 0', () => {
    assert.deepEqual(calls(function* (app, r): Fiber {
      r.push(yield* app.syscall(NR.sched_yield));
    }), [0]);
  });
});
