// ftrace text: the default layout with and without TGID and irq-info columns, plus edge cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NONE } from '../../../src/trace/events';
import { fixture, importSplit } from './helpers';

test('edge cases: comms with spaces, =, - and /, <...>, R+, D|K, markers and generic events', () => {
  const r = importSplit(fixture('ftrace/edge.txt'));
  assert.equal(r.format, 'ftrace');
  assert.deepEqual(r.lines, { parsed: 8, skipped: 6, broken: 0 });
  assert.equal(r.headerCpus, 4);
  const e = r.events;
  assert.deepEqual(
    e.map((x) => [x.kind, x.host, x.task, x.peer, x.arg]),
    [
      ['sched.switch', 2, 1001, 1002, 'R+'],
      ['sched.switch', 2, 1002, 12, 'D|K'],
      ['sched.wakeup', 2, 12, 1001, 2], // task = the line's (current) pid, peer = the woken task
      ['marker', 2, 12, NONE, 'hello: world = 1'],
      ['generic', 2, 12, NONE, 'irq_handler_entry: irq=16 name=eth0'],
      ['sched.switch', 2, 12, 1001, 'I'],
      ['sched.exec', 2, 1001, 1001, '/usr/bin/a b'],
      ['sched.migrate', 3, 1002, NONE, 3],
    ],
  );
  assert.equal(e[7].obj, 2, 'sched.migrate keeps orig_cpu in obj');
  assert.deepEqual(e.map((x) => x.ts), [100000001000, 100000005000, 100000007000, 100000009000, 100000010000, 100000011000, 100000020000, 100000030000]);
  assert.deepEqual(e.map((x) => x.seq), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.equal(r.meta.names.tasks.get(1001), 'Web Content');
  assert.equal(r.meta.names.tasks.get(1002), 'sp=eq -12 x');
  assert.equal(r.meta.names.tasks.get(12), 'kworker/u8:0');
  assert.equal(r.bySource.irq_handler_entry, 1);
  assert.equal(r.bySource.tracing_mark_write, 1);
});

test('TGID column, (-------) and comms that look like TASK-PID', () => {
  const r = importSplit(fixture('ftrace/edge-tgid.txt'));
  assert.equal(r.format, 'ftrace');
  assert.equal(r.lines.broken, 0);
  assert.deepEqual(r.events.map((x) => [x.kind, x.task, x.peer]), [
    ['sched.switch', 0, 77], ['sched.fork', 77, 78], ['sched.exit', 77, NONE], ['sched.switch', 77, 0],
  ]);
  assert.equal(r.tgids.get(77), 70);
  assert.equal(r.tgids.has(0), false, '(-------) is an unknown TGID');
  assert.equal(r.meta.names.tasks.get(78), 'a-1 b');
  assert.equal(r.events[3].arg, 'X');
});

test('the three ftrace layouts of one buffer give the same events', () => {
  const a = importSplit(fixture('ftrace/trace-head.txt'));
  const b = importSplit(fixture('ftrace/trace-tgid-head.txt'));
  assert.equal(a.lines.broken + b.lines.broken, 0);
  assert.deepEqual(b.events, a.events);
  const c = importSplit(fixture('ftrace/trace-noirqinfo-head.txt'));
  assert.equal(c.lines.broken, 0);
  // Same recording, different read: compare the first events, which the cut did not change.
  assert.deepEqual(c.events.slice(0, 50), a.events.slice(0, 50));
});

test('a line that does not parse is a located diagnostic and the rest still loads', () => {
  const text = [
    '# tracer: nop',
    '  bash-1   [000] d..2.  1.000001: sched_switch: prev_comm=bash prev_pid=1 prev_prio=120 prev_state=S ==> next_comm=x next_pid=2 next_prio=120',
    '  bash-1   [000] d..2.  1.000002: sched_switch: prev_comm=bash prev_pid=1 prev_prio=120 prev_state=S next_comm=x next_prio=120',
    '  bash-1   [0x0] d..2.  1.000003: sched_wakeup: comm=x pid=2 prio=120 target_cpu=000',
    '  bash-1   [000] d..2.  nonsense: sched_wakeup: comm=x pid=2 prio=120 target_cpu=000',
    'garbage',
    '  bash-1   [000] d..2.  1.000005: sched_wakeup: comm=x pid=2 prio=120 target_cpu=000',
  ].join('\n');
  const r = importSplit(new TextEncoder().encode(text), [], 'bad.txt');
  assert.deepEqual(r.lines, { parsed: 2, skipped: 1, broken: 4 });
  assert.deepEqual(r.diagnostics.map((d) => d.line), [3, 4, 5, 6]);
  assert.match(r.diagnostics[0].message, /next_pid|sched_switch/);
  assert.match(r.diagnostics[1].message, /\[CPU\]/);
  assert.match(r.diagnostics[2].message, /timestamp/);
  assert.match(r.diagnostics[3].message, /TASK-PID/);
});

test('function tracer lines are kept as generic events named "function"', () => {
  const text = [
    '# tracer: function',
    '            bash-1234    [001] ...1.  10.000001: do_sys_open <-__x64_sys_openat',
    '            bash-1234    [001] ...1.  10.000002: getname <-do_sys_open',
  ].join('\n');
  const r = importSplit(new TextEncoder().encode(text));
  assert.equal(r.format, 'ftrace');
  assert.deepEqual(r.lines, { parsed: 2, skipped: 1, broken: 0 });
  assert.deepEqual(r.bySource, { function: 2 });
  assert.deepEqual(r.events.map((e) => [e.kind, e.task, e.arg]), [
    ['generic', 1234, 'function: do_sys_open <-__x64_sys_openat'],
    ['generic', 1234, 'function: getname <-do_sys_open'],
  ]);
});
