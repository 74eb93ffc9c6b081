// perf sched script: `comm pid [cpu] ts: sys:event: fields`, pid/tid, unknown task `:-1 -1`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NONE } from '../../../src/trace/events';
import { fixture, importSplit } from './helpers';

test('perf sched script from a real recording', () => {
  const r = importSplit(fixture('perf/sched-script-head.txt'));
  assert.equal(r.format, 'perf');
  assert.equal(r.lines.broken, 0);
  assert.deepEqual(r.events.slice(0, 4).map((e) => [e.kind, e.host, e.task, e.peer, e.arg]), [
    ['sched.runtime', 0, 24974, NONE, 47380],
    ['sched.waking', 0, 24974, 18, 0], // task = the waker, peer = the woken task
    ['sched.runtime', 0, 24974, NONE, 9565],
    ['sched.switch', 0, 24974, 18, 'D'],
  ]);
  assert.equal(r.events[0].ts, 2704441423000);
  assert.ok(r.bySource.sched_stat_runtime > 0 && !('sched:sched_stat_runtime' in r.bySource));
});

test('pid/tid, unknown task, comms with spaces, other event systems', () => {
  const r = importSplit(fixture('perf/edge.txt'));
  assert.deepEqual(r.lines, { parsed: 4, skipped: 0, broken: 0 });
  assert.deepEqual(r.events.map((e) => [e.kind, e.host, e.task, e.peer, e.arg]), [
    ['sched.fork', 1, 24985, 24992, null],
    ['sched.switch', 1, 25066, 0, 'X'],
    ['sched.runtime', 0, 24986, NONE, 147269],
    ['generic', 0, 24986, NONE, 'irq_handler_entry: irq=16 name=eth0'],
  ]);
  assert.equal(r.meta.names.tasks.get(24986), 'sp=eq -12 x');
  assert.equal(r.meta.names.tasks.get(24992), 'Web Content');
});
