// Console captures: latency format from ftrace_dump_on_oops (printk prefixes, CRLF, a kernel
// message spliced into a trace line) and tp_printk lines (no task or CPU; time may go backwards).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NONE } from '../../../src/trace/events';
import { fixture, importSplit } from './helpers';

test('latency format: relative µs timestamps, comm cut to 8 characters', () => {
  const r = importSplit(fixture('ftrace-latency/latency-head.txt'));
  assert.equal(r.format, 'ftrace-latency');
  assert.equal(r.lines.broken, 0);
  const e = r.events[0];
  assert.deepEqual([e.kind, e.ts, e.host, e.task, e.peer], ['sched.fork', 41759000, 1, 15451, 15459]);
  // Field comms are complete even though the TASK column cuts them.
  assert.equal(r.meta.names.tasks.get(15451), 'host-record.sh');
});

test('CRLF console capture with printk prefixes and a spliced kernel message', () => {
  const r = importSplit(fixture('ftrace-latency/console-crlf.txt'), [], 'console.txt');
  assert.equal(r.format, 'ftrace-latency');
  assert.deepEqual(r.lines, { parsed: 2, skipped: 3, broken: 1 });
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0].line, 4);
  assert.match(r.diagnostics[0].message, /EVENT: fields/);
  assert.deepEqual(r.events.map((x) => [x.kind, x.ts, x.host, x.task, x.peer, x.arg]), [
    ['sched.switch', 41759000, 1, 0, 40, 'R'],
    ['sched.switch', 41780000, 1, 40, 0, 'I'],
  ]);
  assert.equal(r.meta.names.tasks.get(40), 'kworker/1:1');
});

test('tp_printk: no CPU or task columns, backwards time restored, console noise skipped', () => {
  const r = importSplit(fixture('tp_printk/console.txt'));
  assert.equal(r.format, 'tp_printk');
  assert.deepEqual(r.lines, { parsed: 4, skipped: 2, broken: 0 });
  assert.equal(r.reordered, 1);
  const ts = r.events.map((e) => e.ts);
  assert.deepEqual(ts, [1000090000, 1000100000, 1000250000, 1000400000]);
  assert.deepEqual(r.events.map((e) => e.seq), [0, 1, 2, 3]);
  assert.deepEqual(r.events.map((e) => e.kind), ['sched.switch', 'sched.waking', 'sched.wakeup', 'sched.switch']);
  assert.ok(r.events.every((e) => e.host === NONE));
  assert.deepEqual([r.events[1].task, r.events[1].peer], [NONE, 30], 'the waker is unknown without a task column');
  // bySource follows the events through the re-sort.
  assert.deepEqual(r.bySource, { sched_waking: 1, sched_switch: 2, sched_wakeup: 1 });
  assert.equal(r.sourceNames[r.sourceIds[0]], 'sched_switch');
});
