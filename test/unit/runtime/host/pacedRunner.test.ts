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
  assert.equal(pr.stepTo(['sem.up', 'sem.down']), true);
  assert.match(got[got.length - 1].kind, /^sem\.(up|down)$/);
  const before = got.length;
  assert.equal(pr.stepTo(['halt.step.begin', 'boot.phase.begin']), true);
  const stop = got[got.length - 1];
  assert.match(stop.kind, /^(halt\.step|boot\.phase)\.begin$/);
  // nothing of either kind was skipped on the way
  assert.ok(!got.slice(before, -1).some((e) => e.kind === 'halt.step.begin' || e.kind === 'boot.phase.begin'));
  assert.equal(pr.stepTo('halt.done'), true);
  assert.equal(got[got.length - 1].kind, 'halt.done');
  assert.equal(pr.stepTo('halt.done'), false);
});

test('an idle stretch is cut to maxIdleWallMs of wall time; order and content are unchanged', () => {
  const reference = program();
  reference.runToEnd();
  const run = (maxIdleWallMs: number | undefined) => {
    const loop = fakeLoop();
    const got: TraceEvent[] = [];
    let drainedAt = -1;
    const pr = new PacedRunner(program(), {
      nowMs: loop.nowMs,
      schedule: loop.schedule,
      // 30 ms of virtual sleep at 1/10000 speed would take 300 s of wall time.
      speed: 0.0001,
      maxIdleWallMs,
      deliver: (b) => got.push(...b),
      onDrained: () => (drainedAt = loop.now),
    });
    pr.resume();
    loop.run(1_000_000);
    return { got, drainedAt };
  };
  const cut = run(400);
  const uncut = run(Infinity);
  assert.deepEqual(cut.got, reference.events);
  assert.deepEqual(uncut.got, reference.events);
  assert.ok(uncut.drainedAt >= 300_000, `uncut: ${uncut.drainedAt} ms`);
  // The 30 ms sleep (300 s of wall time) shrinks to a few 0.4 s gaps between timer ticks.
  const saved = uncut.drainedAt - cut.drainedAt;
  assert.ok(saved > 295_000 && saved < 300_000, `cut saves ${saved} ms of ${uncut.drainedAt}`);
});
