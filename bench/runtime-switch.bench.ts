// Context-switch benchmark: two kernel threads ping-pong through a kernel semaphore pair on the
// deterministic host; switches per second with tracing on (events kept) and off, bytes per event.
// Run: npm run bench runtime-switch (or node --expose-gc out/bench/runtime-switch.bench.js)
import { performance } from 'node:perf_hooks';
import type { Fiber } from '../src/runtime/host/hostOps';
import { KSemaphore } from '../src/runtime/kernel/wait';
import { Runtime } from '../src/runtime/runtime';
import { heldBytes, loadLine, median } from './measure';

const ROUNDS = 100_000;
const RUNS = Number(process.env.BENCH_RUNS) || 5;
/** BENCH_TRACE=on or off measures one mode only (A/B sessions alternating builds). */
const MODES = process.env.BENCH_TRACE === 'on' ? [true] : process.env.BENCH_TRACE === 'off' ? [false] : [true, false];

interface Result {
  switches: number;
  ms: number;
  /** CPU time of this process (user + system): less skewed than wall time on a loaded machine. */
  cpuMs: number;
  events: number;
  heapBytes: number;
}

function pingPong(trace: boolean): Result {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: typed-array backing stores of the last run are released only by a second full GC.
  gc?.();
  gc?.();
  const heap0 = heldBytes();
  let t0 = 0;
  let t1 = 0;
  let c0 = { user: 0, system: 0 };
  let c1 = { user: 0, system: 0 };
  let sw0 = 0;
  let ev0 = 0;
  const rt = Runtime.create({
    seed: 1,
    trace,
    keepEvents: trace,
    maxEvents: 1e9,
    scenario: {
      name: 'ping-pong',
      install(r) {
        r.kernel.initcalls.register({
          level: 'late',
          name: 'ping_pong',
          *fn(k) {
            const ping = new KSemaphore(k, 'ping', 0);
            const pong = new KSemaphore(k, 'pong', 0);
            k.kernelThread(function* a(): Fiber {
              sw0 = k.sched.switches;
              ev0 = r.tracer.count;
              t0 = performance.now();
              c0 = process.cpuUsage();
              for (let i = 0; i < ROUNDS; i++) {
                ping.up();
                yield* pong.down();
              }
              t1 = performance.now();
              c1 = process.cpuUsage(c0);
            }, 'ping');
            k.kernelThread(function* b(): Fiber {
              for (;;) {
                yield* ping.down();
                pong.up();
              }
            }, 'pong');
            return 0;
          },
        });
      },
    },
  });
  rt.start(function* main(app): Fiber {
    yield* app.nanosleep(1000);
  });
  rt.runToEnd();
  const switches = rt.kernel.sched.switches - sw0;
  const events = rt.tracer.count - ev0;
  const heapBytes = heldBytes() - heap0;
  if (rt.tracer.logBytes < 0) console.log('keep alive'); // holds the log while measuring
  return { switches, ms: t1 - t0, cpuMs: (c1.user + c1.system) / 1000, events, heapBytes };
}

console.log(loadLine());
for (const trace of MODES) {
  pingPong(trace); // warm-up
  const rs = Array.from({ length: RUNS }, () => pingPong(trace));
  const rate = median(rs.map((r) => r.switches / (r.ms / 1000)));
  const cpuRate = median(rs.map((r) => r.switches / (r.cpuMs / 1000)));
  const r = rs[0];
  const line =
    `tracing ${trace ? 'on ' : 'off'}: ${(rate / 1e6).toFixed(3)} M switches/s wall, ` +
    `${(cpuRate / 1e6).toFixed(3)} M per CPU-second ` +
    `(median of ${RUNS}, ${r.switches} switches, ` +
    `${(r.events / r.switches).toFixed(1)} events/switch)`;
  console.log(line);
  if (trace)
    console.log(
      `memory: ~${Math.round(median(rs.map((x) => x.heapBytes / x.events)))} bytes per event held`,
    );
}
