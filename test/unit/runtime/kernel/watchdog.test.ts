import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import { Runtime } from '../../../../src/runtime/runtime';

function hog(panic: boolean): Runtime {
  const rt = Runtime.create({
    seed: 3,
    watchdog: { thresholdNs: 500e6, panic },
    scenario: {
      name: 'hog',
      install(r) {
        r.kernel.initcalls.register({
          level: 'late',
          name: 'hog',
          *fn(k) {
            k.kernelThread(function* hog(): Fiber {
              const end = k.host.time() + 2e9;
              while (k.host.time() < end) {
                yield* k.host.spin(100_000);
                yield* k.irq.localIrqEnable();
                yield* k.sched.condResched();
              }
            }, 'hog');
            return 0;
          },
        });
      },
    },
  });
  rt.start(function* main(app): Fiber {
    yield* app.nanosleep(3e9);
    yield* app.halt();
  });
  rt.runToEnd();
  return rt;
}

it('soft-lockup watchdog: a warning naming the task and the watchdog source, once', () => {
  const rt = hog(false);
  const w = rt.events.filter((e) => e.kind === 'warn' && String(e.arg).includes('soft lockup'));
  assert.equal(w.length, 1);
  assert.match(String(w[0].arg), /\[hog:\d+\].*watchdog\.c/);
  assert.equal(rt.status, 'halted', rt.statusDetail);
});

it('soft-lockup watchdog with panic: the run ends as a panic', () => {
  const rt = hog(true);
  assert.equal(rt.status, 'panic');
  assert.match(rt.statusDetail, /softlockup/);
});
