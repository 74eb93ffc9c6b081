import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import type { Kernel } from '../../../../src/runtime/kernel/kernel';
import { SCHED_FIFO, SCHED_NORMAL, SCHED_RR } from '../../../../src/runtime/kernel/sched/rt';
import type { Task } from '../../../../src/runtime/kernel/task';
import { Runtime } from '../../../../src/runtime/runtime';

/** A CPU-bound kernel thread body: 100 µs slices, deferred irqs, then cond_resched. */
function* burn(k: Kernel, untilNs: number): Fiber {
  while (k.host.time() < untilNs) {
    yield* k.host.spin(100_000);
    yield* k.irq.localIrqEnable();
    yield* k.sched.condResched();
  }
}

/** Boots, runs `setup` as a late initcall, sleeps `sleepNs`, halts. */
function withKthreads(sleepNs: number, setup: (k: Kernel) => void): Runtime {
  const rt = Runtime.create({
    seed: 7,
    scenario: {
      name: 'sched',
      install(r) {
        r.kernel.initcalls.register({
          level: 'late',
          name: 'sched_test',
          *fn(k) {
            setup(k);
            return 0;
          },
        });
      },
    },
  });
  rt.start(function* main(app): Fiber {
    yield* app.nanosleep(sleepNs);
    yield* app.halt();
  });
  rt.runToEnd();
  return rt;
}

function spawnBurner(
  k: Kernel,
  name: string,
  policy: number,
  prio: number,
  nice: number,
  ns: number,
  done: (t: Task) => void,
): void {
  const t = k.kernelThread(function* burner(): Fiber {
    yield* burn(k, k.host.time() + ns);
    k.sched.updateCurr();
    done(k.current);
  }, name);
  assert.ok(t);
  k.sched.setScheduler(t, policy, prio);
  k.sched.setNice(t, nice);
}

describe('fair class', () => {
  it('nice 0 and nice 5 share the CPU 1024:335 (±2%) over 10 virtual s', () => {
    const exec = new Map<string, number>();
    const rt = withKthreads(10.5e9, (k) => {
      for (const [name, nice] of [['nice0', 0], ['nice5', 5]] as const)
        spawnBurner(k, name, SCHED_NORMAL, 0, nice, 10e9, (t) => exec.set(name, t.sumExecNs));
    });
    assert.equal(rt.status, 'halted', rt.statusDetail);
    const a = exec.get('nice0') as number;
    const b = exec.get('nice5') as number;
    const expected = 1024 / (1024 + 335);
    const share = a / (a + b);
    assert.ok(Math.abs(share - expected) / expected < 0.02, `share ${share} vs ${expected}`);
  });
});

describe('rt class', () => {
  it('FIFO never yields to a lower priority while runnable', () => {
    const order: string[] = [];
    const rt = withKthreads(1e9, (k) => {
      spawnBurner(k, 'fair', SCHED_NORMAL, 0, -20, 50e6, () => order.push('fair'));
      spawnBurner(k, 'fifo5', SCHED_FIFO, 5, 0, 50e6, () => order.push('fifo5'));
      spawnBurner(k, 'fifo10', SCHED_FIFO, 10, 0, 50e6, () => order.push('fifo10'));
    });
    assert.equal(rt.status, 'halted', rt.statusDetail);
    assert.deepEqual(order, ['fifo10', 'fifo5', 'fair']);
    const pid = (n: string) => [...rt.names.tasks].find(([, c]) => c === n)?.[0];
    const hi = pid('fifo10');
    const ev = rt.events;
    const firstRun = ev.findIndex((e) => e.kind === 'sched.switch' && e.peer === hi);
    const leaves = ev.filter(
      (e, i) => i > firstRun && e.kind === 'sched.switch' && e.task === hi && e.arg !== 'dead',
    );
    // It may leave only to a higher class or priority: nothing here is higher.
    for (const e of leaves)
      assert.ok(![pid('fifo5'), pid('fair')].includes(e.peer), `fifo10 left for ${e.peer}`);
  });

  it('RR rotates equal priorities every slice', () => {
    const rt = withKthreads(1e9, (k) => {
      spawnBurner(k, 'rr_a', SCHED_RR, 10, 0, 600e6, () => {});
      spawnBurner(k, 'rr_b', SCHED_RR, 10, 0, 600e6, () => {});
    });
    assert.equal(rt.status, 'halted', rt.statusDetail);
    const pids = new Set(
      [...rt.names.tasks].filter(([, c]) => c === 'rr_a' || c === 'rr_b').map(([p]) => p),
    );
    const hand = rt.events.filter(
      (e) => e.kind === 'sched.switch' && pids.has(e.task) && pids.has(e.peer) && e.arg !== 'dead',
    );
    assert.ok(hand.length >= 5, `${hand.length} RR hand-overs`);
    for (let i = 1; i < hand.length; i++) {
      const gap = hand[i].ts - hand[i - 1].ts;
      assert.ok(gap >= 100e6 && gap < 125e6, `slice ${gap} ns`);
      assert.notEqual(hand[i].task, hand[i - 1].task);
    }
  });
});
