import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppApi } from '../../../../src/runtime/appApi';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import * as errno from '../../../../src/runtime/kernel/errno';
import { NR } from '../../../../src/runtime/kernel/syscallNumbers';
import {
  CLOCK_BOOTTIME,
  CLOCK_MONOTONIC,
  CLOCK_MONOTONIC_RAW,
  CLOCK_REALTIME,
  CLOCK_THREAD_CPUTIME_ID,
  REALTIME_EPOCH_NS,
  TIMER_ABSTIME,
} from '../../../../src/runtime/kernel/sys/time';
import { Runtime } from '../../../../src/runtime/runtime';

const ts = (ns: number) => ({ tv_sec: Math.floor(ns / 1e9), tv_nsec: ns % 1e9 });

function calls(body: (app: AppApi, r: number[]) => Fiber): number[] {
  const rt = Runtime.create({ seed: 6 });
  const r: number[] = [];
  rt.start(function* main(app): Fiber {
    yield* body(app, r);
    yield* app.halt();
  });
  rt.runToEnd();
  assert.equal(rt.status, 'halted', rt.statusDetail);
  return r;
}

function* timed(app: AppApi, r: number[], call: () => Fiber<number>): Fiber {
  const t0 = app.nowNs();
  r.push(yield* call());
  r.push(app.nowNs() - t0);
}

describe('clock_nanosleep', () => {
  it('sleeps relative on MONOTONIC, REALTIME and BOOTTIME', () => {
    const r = calls(function* (app, r): Fiber {
      for (const clock of [CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME])
        yield* timed(app, r, () => app.syscall(NR.clock_nanosleep, clock, 0, ts(3_000_000)));
    });
    for (let i = 0; i < 6; i += 2) {
      assert.equal(r[i], 0);
      assert.ok(r[i + 1] >= 3_000_000 && r[i + 1] < 3_100_000, `slept ${r[i + 1]} ns`);
    }
  });

  it('TIMER_ABSTIME wakes at the clock reading asked for; a past time returns at once', () => {
    const r = calls(function* (app, r): Fiber {
      const now: Record<string, unknown> = {};
      r.push(yield* app.syscall(NR.clock_gettime, CLOCK_REALTIME, now));
      const realNs = (now.tv_sec as number) * 1e9 + (now.tv_nsec as number);
      r.push(realNs - app.nowNs() === REALTIME_EPOCH_NS ? 1 : 0);
      const until = realNs + 5_000_000;
      yield* timed(app, r, () =>
        app.syscall(NR.clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, ts(until)),
      );
      r.push(REALTIME_EPOCH_NS + app.nowNs() >= until ? 1 : 0);
      yield* timed(app, r, () =>
        app.syscall(NR.clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, ts(1000)),
      );
    });
    assert.deepEqual([r[0], r[1], r[2], r[4], r[5]], [0, 1, 0, 1, 0]);
    assert.ok(r[3] >= 4_000_000 && r[3] <= 5_100_000, `slept ${r[3]} ns`);
    assert.ok(r[6] < 10_000, `a past deadline slept ${r[6]} ns`);
  });

  it('errors: bad clock, clock that cannot sleep, bad timespec, bad pointer, bad flags', () => {
    const r = calls(function* (app, r): Fiber {
      const ok = ts(1000);
      const s = (...a: unknown[]) => app.syscall(NR.clock_nanosleep, ...(a as never[]));
      r.push(yield* s(99, 0, ok));
      r.push(yield* s(-1, 0, ok));
      r.push(yield* s(CLOCK_THREAD_CPUTIME_ID, 0, ok));
      r.push(yield* s(CLOCK_MONOTONIC_RAW, 0, ok));
      r.push(yield* s(CLOCK_MONOTONIC, 0, { tv_sec: 0, tv_nsec: 1e9 }));
      r.push(yield* s(CLOCK_MONOTONIC, 0, { tv_sec: -1, tv_nsec: 0 }));
      r.push(yield* s(CLOCK_MONOTONIC, 0, null));
      r.push(yield* s(CLOCK_MONOTONIC, 0, new Uint8Array(16)));
      r.push(yield* s(CLOCK_MONOTONIC, 'abs', ok));
    });
    const { EINVAL, EOPNOTSUPP, EFAULT } = errno;
    assert.deepEqual(r, [
      -EINVAL, -EINVAL, -EINVAL, -EOPNOTSUPP, -EINVAL, -EINVAL, -EFAULT, -EFAULT, -EINVAL,
    ]);
  });
});

describe('clock_gettime', () => {
  it('reads MONOTONIC as virtual time; errors -EINVAL and -EFAULT', () => {
    const r = calls(function* (app, r): Fiber {
      const tp: Record<string, unknown> = {};
      r.push(yield* app.syscall(NR.clock_gettime, CLOCK_MONOTONIC, tp));
      const ns = (tp.tv_sec as number) * 1e9 + (tp.tv_nsec as number);
      r.push(ns > 0 && ns <= app.nowNs() ? 1 : 0);
      r.push(yield* app.syscall(NR.clock_gettime, 42, tp));
      r.push(yield* app.syscall(NR.clock_gettime, CLOCK_MONOTONIC, null));
    });
    assert.deepEqual(r, [0, 1, -errno.EINVAL, -errno.EFAULT]);
  });
});
