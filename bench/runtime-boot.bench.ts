// Boot benchmark: boot + the default program (LKL's boot tests) + halt on the deterministic host;
// wall time and events per run (median of several runs).
// Run: npm run bench runtime-boot (or node out/bench/runtime-boot.bench.js)
import { performance } from 'node:perf_hooks';
import { runDefaultProgram } from '../src/runtime/program/defaultProgram';
import { loadLine, median } from './measure';

const RUNS = 9;

console.log(loadLine());
runDefaultProgram({ seed: 0 }); // warm-up
const wall: number[] = [];
const cpu: number[] = [];
const events: number[] = [];
let status = '';
for (let i = 1; i <= RUNS; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = runDefaultProgram({ seed: i });
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  events.push(r.summary.events);
  status = r.status;
}
const ms = median(wall);
const ev = median(events);
console.log(
  `boot + default program + halt: ${ms.toFixed(1)} ms wall, ` +
    `${median(cpu).toFixed(1)} ms CPU (median of ${RUNS}), ` +
    `${ev} events/run, ${(((ev / ms) * 1000) / 1e6).toFixed(2)} M events/s, last status ${status}`,
);
