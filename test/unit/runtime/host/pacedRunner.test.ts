import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PacedRunner } from '../../../../src/runtime/host/pacedRunner';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import { Runtime } from '../../../../src/runtime/runtime';
import type { TraceEvent } from '../../../../src/trace/events';

function program(): Runtime {
  const rt = Runtime.create({ seed: 9 });
  rt.start(function* main(app): Fiber {
    yield* app.getpid();
    yield* app.nanosleep(30_000_000);
    yield* app.halt();
  });
  return rt;
}

/** A fake event loop: a wall clock in ms and timers run in order. */
function fakeLoop() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    nowMs: () => now,
    schedule: (fn: () => void, ms: number) => void timers.push({ at: now + ms, fn }),
    /** Advances the clock to each timer in turn; stops after `limitMs`. */
    run(limitMs: number) {
      while (timers.length > 0) {
        timers.sort((a, b) => a.at - b.at);
        if (timers[0].at > limitMs) return;
        const t = timers.shift() as { at: number; fn: () => void };
        now = t.at;
        t.fn();
      }
    },
    get now() {
      return now;
    },
  };
}

test('paced delivery follows virtual time at the speed factor; the trace is unchanged', () => {
  const reference = Runtime.create({ seed: 9 });
  reference.start(function* main(app): Fiber {
    yield* app.getpid();
    yield* app.nanosleep(30_000_000);
    yield* app.halt();
  });
  reference.runToEnd();

  const loop = fakeLoop();
  const got: TraceEvent[] = [];
  let drainedAt = -1;
  const rt = program();
  const pr = new PacedRunner(rt, {
    nowMs: loop.nowMs,
    schedule: loop.schedule,
    speed: 1,
    deliver: (b) => {
      for (const e of b)
        assert.ok(e.ts <= (loop.now + 16) * 1e6, `event at ${e.ts} released at ${loop.now} ms`);
      got.push(...b);
    },
    onDrained: () => (drainedAt = loop.now),
  });
  pr.resume();
  loop.run(10);
  const early = got.length;
  assert.ok(early > 0 && got[got.length - 1].ts <= 10e6 + 16e6);
  loop.run(1000);
  assert.ok(drainedAt >= 30, `drained at ${drainedAt} ms: a 30 ms sleep takes 30 ms at speed 1`);
  assert.deepEqual(got, reference.events);
});

test('pause stops delivery; stepTo releases up to the next event of a kind', () => {
  const loop = fakeLoop();
  const got: TraceEvent[] = [];
  const rt = program();
  const pr = new PacedRunner(rt, {
    nowMs: loop.nowMs,
    schedule: loop.schedule,
    speed: 1e-6,
    deliver: (b) => got.push(...b),
  });
  assert.equal(pr.stepTo('sched.switch'), true);
  assert.equal(got[got.length - 1].kind, 'sched.switch');
  assert.equal(got.filter((e) => e.kind === 'sched.switch').length, 1);
  const n = got.length;
  loop.run(1000);
  assert.equal(got.length, n, 'paused: nothing more delivered');
  assert.equal(pr.stepTo('halt.done'), true);
  assert.equal(got[got.length - 1].kind, 'halt.done');
  assert.equal(pr.stepTo('halt.done'), false);
});
