// Scheduler benchmark: 64 kernel threads, half CPU-bound (100 µs slices with cond_resched, nice
// spread -5..5), half I/O-bound (50 µs of work, then a 1-5 ms timer sleep), for 10 virtual
// seconds with tracing on. Prints events/s, switches/s (wall), bytes per event, median of runs.
// Run: node --expose-gc out/bench/runtime-sched.bench.js
import { performance } from 'node:perf_hooks';
import type { Fiber } from '../src/runtime/host/hostOps';
import type { Kernel } from '../src/runtime/kernel/kernel';
import { WaitQueue } from '../src/runtime/kernel/wait';
import { Runtime } from '../src/runtime/runtime';
import { heldBytes, median } from './measure';

const TASKS = 64;
const VIRTUAL_NS = 10e9;
const RUNS = 3;

interface Result {
  ms: number;
  events: number;
  switches: number;
  heapBytes: number;
}

function* cpuBound(k: Kernel, end: number): Fiber {
  while (k.host.time() < end) {
    yield* k.host.spin(100_000);
    yield* k.irq.localIrqEnable();
    yield* k.sched.condResched();
  }
}

function* ioBound(k: Kernel, end: number, i: number): Fiber {
  const wq = new WaitQueue(k, `io${i}`);
  let n = 0;
  while (k.host.time() < end) {
    yield* k.host.spin(50_000);
    let done = false;
    k.timers.add(1_000_000 * (1 + ((i + n++) % 5)), () => {
      done = true;
      wq.wakeAll();
    });
    yield* wq.waitEvent(() => done);
  }
}

function once(): Result {
  (globalThis as { gc?: () => void }).gc?.();
  const heap0 = heldBytes();
  const rt = Runtime.create({
    seed: 1,
    maxEvents: 1e9,
    scenario: {
      name: 'sched-mix',
      install(r) {
        r.kernel.initcalls.register({
          level: 'late',
          name: 'sched_mix',
          *fn(k) {
            const end = k.host.time() + VIRTUAL_NS;
            for (let i = 0; i < TASKS; i++) {
              const t = k.kernelThread(
                i % 2 === 0 ? () => cpuBound(k, end) : () => ioBound(k, end, i),
                `${i % 2 === 0 ? 'cpu' : 'io'}${i}`,
              );
              if (t && i % 2 === 0) k.sched.setNice(t, (i % 11) - 5);
            }
            return 0;
          },
        });
      },
    },
  });
  rt.start(function* main(app): Fiber {
    yield* app.nanosleep(VIRTUAL_NS + 0.5e9);
    yield* app.halt();
  });
  const t0 = performance.now();
  rt.runToEnd();
  const ms = performance.now() - t0;
  const heapBytes = heldBytes() - heap0;
  if (rt.status !== 'halted') throw new Error(`run ended ${rt.status}: ${rt.statusDetail}`);
  return { ms, events: rt.tracer.count, switches: rt.kernel.sched.switches, heapBytes };
}

const results = Array.from({ length: RUNS }, once);
const ms = median(results.map((r) => r.ms));
const ev = results[0].events;
const sw = results[0].switches;
console.log(`runtime-sched: ${TASKS} tasks (half CPU-bound, half I/O-bound), ${VIRTUAL_NS / 1e9} virtual s`);
console.log(`  wall        ${ms.toFixed(0)} ms (median of ${RUNS})`);
console.log(`  events      ${ev} (${((ev / ms) * 1000).toFixed(0)} events/s)`);
console.log(`  switches    ${sw} (${((sw / ms) * 1000).toFixed(0)} switches/s)`);
console.log(`  bytes/event ${(median(results.map((r) => r.heapBytes)) / ev).toFixed(1)}`);
