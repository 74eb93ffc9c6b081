import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fiber } from '../../../src/runtime/host/hostOps';
import { runDefaultProgram } from '../../../src/runtime/program/defaultProgram';
import { Runtime, type RuntimeScenario } from '../../../src/runtime/runtime';

const runaway: RuntimeScenario = {
  name: 'runaway kthread',
  install(rt) {
    rt.kernel.initcalls.register({
      level: 'late',
      name: 'start_runaway',
      *fn(k) {
        k.kernelThread(function* spin(): Fiber {
          for (;;) yield* k.host.spin(10_000);
        }, 'runaway');
        return 0;
      },
    });
  },
};

test('a kernel thread that never sleeps is stopped by the run bound with a clear status', () => {
  const r = runDefaultProgram({ seed: 1, scenario: runaway, maxVirtualNs: 20_000_000 });
  assert.equal(r.status, 'stopped');
  assert.match(r.summary.detail, /run bound reached: virtual time/);
  assert.match(r.summary.detail, /current runaway/);
  assert.ok(r.events.some((e) => e.kind === 'warn' && /run bound/.test(String(e.arg))));
  assert.ok(
    r.tests.some((t) => !t.ok),
    'tests after the stall are reported failed',
  );
});

test('the event bound stops a run too', () => {
  const r = runDefaultProgram({ seed: 1, maxEvents: 2000 });
  assert.equal(r.status, 'stopped');
  assert.match(r.summary.detail, /more than 2000 events/);
});

test('a panic in the kernel is a panic event and status; a new runtime boots after it', () => {
  const panicking: RuntimeScenario = {
    name: 'panic',
    install(rt) {
      rt.kernel.initcalls.register({
        level: 'device',
        name: 'broken_driver',
        *fn(k): Fiber<number> {
          return k.panic('broken_driver: cannot continue');
        },
      });
    },
  };
  const rt = Runtime.create({ seed: 2, scenario: panicking });
  rt.start();
  assert.doesNotThrow(() => rt.runToEnd());
  assert.equal(rt.status, 'panic');
  assert.match(rt.statusDetail, /broken_driver/);
  const p = rt.events.find((e) => e.kind === 'panic');
  assert.ok(p);
  assert.match(String(p.arg), /cannot continue/);
  assert.equal(rt.runSlice(100), false);

  const again = runDefaultProgram({ seed: 2 });
  assert.equal(again.status, 'halted');
  assert.ok(again.tests.every((t) => t.ok));
});

test('a JavaScript error inside kernel code is reported as a panic, not thrown', () => {
  const rt = Runtime.create({
    seed: 3,
    scenario: {
      name: 'bug',
      install(r) {
        r.kernel.initcalls.register({
          level: 'core',
          name: 'buggy',
          *fn(): Fiber<number> {
            throw new TypeError('undefined is not a function');
          },
        });
      },
    },
  });
  rt.start();
  assert.equal(rt.runToEnd(), 'panic');
  assert.match(rt.statusDetail, /undefined is not a function/);
  assert.ok(rt.events.some((e) => e.kind === 'panic'));
});
