import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffMarkdown } from '../../../src/extension/diffMarkdown';
import type { TraceDiff } from '../../../src/trace/analyses/index';

const side = (switches: number, cpuShare: number, p95: number) => ({ switches, wakeups: switches, cpuShare, wakeLatencyMaxNs: p95 * 2, wakeLatencyP95Ns: p95, blockedNs: switches * 1e6 });

test('the report lists overall figures and comms by CPU share, with a dash where a comm is absent', () => {
  const d: TraceDiff = {
    overall: { a: side(10, 1, 5000), b: side(20, 1, 9000) },
    perComm: [
      { comm: 'idle|x', tasksA: 1, tasksB: 0, a: side(2, 0.1, 1000), b: null },
      { comm: 'make', tasksA: 2, tasksB: 3, a: side(8, 0.9, 4000), b: side(20, 1, 9000) },
    ],
  };
  const md = diffMarkdown('a.txt', 'b.txt', d);
  assert.match(md, /^# a\.txt vs b\.txt/);
  assert.match(md, /\| switches \| 10 \| 20 \|/);
  assert.match(md, /\| worst p95 wake-up latency \| 5\.0 µs \| 9\.0 µs \|/);
  const lines = md.split('\n');
  const make = lines.findIndex((l) => l.startsWith('| make'));
  const idle = lines.findIndex((l) => l.startsWith('| idle\\|x'));
  assert.ok(make > 0 && idle > make, 'sorted by CPU share, pipes escaped');
  assert.match(lines[idle], /\| 1 \| 0 \| 2 \| — \| 10\.0 % \| — \| 2\.000 ms \| — \|/);
});
