// trace-cmd report: its plugin layouts (`comm:pid [prio] S ==> ...`), `cpus=N`, the -R raw form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, importSplit } from './helpers';

test('report text: plugin sched_switch and sched_wakeup layouts, print markers', () => {
  const r = importSplit(fixture('trace-cmd/report-head.txt'));
  assert.equal(r.format, 'trace-cmd');
  assert.equal(r.headerCpus, 2);
  assert.equal(r.lines.broken, 0);
  assert.deepEqual(r.events.slice(0, 3).map((e) => [e.kind, e.host, e.task, e.peer, e.arg]), [
    ['sched.fork', 0, 15451, 19965, null],
    ['sched.wakeup', 0, 15451, 19965, 0], // sched_wakeup_new: the parent wakes its child
    ['sched.switch', 0, 15451, 19965, 'R'],
  ]);
  const mark = r.events.find((e) => e.kind === 'marker');
  assert.equal(mark?.arg, 'workload: begin');
  assert.equal(r.bySource.print, 1);
  assert.equal(r.meta.names.tasks.get(19975), 'sp=eq -12 x');
});

test('raw (-R) form, numeric prev_state, comms containing ":" and "comm"', () => {
  const r = importSplit(fixture('trace-cmd/raw.txt'));
  assert.equal(r.format, 'trace-cmd');
  assert.deepEqual(r.lines, { parsed: 4, skipped: 3, broken: 0 });
  assert.deepEqual(r.events.map((e) => [e.kind, e.task, e.peer, e.arg]), [
    ['sched.switch', 0, 500, 'R'],
    ['sched.switch', 500, 501, 'D+'],
    ['sched.wakeup', 501, 500, 0],
    ['sched.switch', 501, 500, 'W'],
  ]);
  assert.equal(r.meta.names.tasks.get(500), 'comm:x');
  assert.equal(r.meta.names.tasks.get(501), 'sp=eq -12 x');
});
