// `lkl-scope stats --json` on every real trace in ../shared/traces: the counts per event name
// equal a grep of the file, every line is parsed or skipped, none broken.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import { statsCommand } from '../../../src/cli/commands/stats';
import { sharedTraces } from './helpers';

/** What `grep -c '[ :]NAME: '` prints for each file (run by hand on the recordings). */
const GREP: Record<string, Record<string, number>> = {
  'perf-sched-script.txt': { sched_switch: 1264, sched_waking: 651, sched_wakeup_new: 373, sched_process_fork: 373, sched_migrate_task: 47, sched_stat_runtime: 2292 },
  'trace-cmd-report.txt': { sched_switch: 1756, sched_waking: 881, sched_wakeup: 880, sched_wakeup_new: 500, sched_process_fork: 500, sched_process_exit: 481, print: 1 },
  'trace-latency-format.txt': { sched_switch: 1758, sched_waking: 901, sched_wakeup: 901, sched_wakeup_new: 479, sched_process_fork: 479, sched_process_exit: 463, tracing_mark_write: 1 },
  'trace-noirqinfo.txt': { sched_switch: 1762, sched_waking: 903, sched_wakeup: 903, sched_wakeup_new: 480, sched_process_fork: 481, sched_process_exit: 464, tracing_mark_write: 1 },
  'trace-tgid.txt': { sched_switch: 1760, sched_waking: 903, sched_wakeup: 902, sched_wakeup_new: 479, sched_process_fork: 479, sched_process_exit: 464, tracing_mark_write: 1 },
  'trace.txt': { sched_switch: 1760, sched_waking: 903, sched_wakeup: 902, sched_wakeup_new: 479, sched_process_fork: 479, sched_process_exit: 464, tracing_mark_write: 1 },
};
const FORMAT: Record<string, string> = {
  'perf-sched-script.txt': 'perf', 'trace-cmd-report.txt': 'trace-cmd', 'trace-latency-format.txt': 'ftrace-latency',
  'trace-noirqinfo.txt': 'ftrace', 'trace-tgid.txt': 'ftrace', 'trace.txt': 'ftrace',
};

async function statsJson(path: string): Promise<Record<string, unknown> & { bySource: Record<string, number> }> {
  let out = '';
  let err = '';
  const code = await statsCommand.run([path, '--json'], { out: (t) => (out += t), err: (t) => (err += t) });
  assert.equal(code, 0, err);
  assert.equal(err, '');
  assert.ok(out.endsWith('\n') && !out.slice(0, -1).includes('\n'), 'one JSON object on one line');
  return JSON.parse(out);
}

for (const path of sharedTraces()) {
  const name = basename(path);
  test(`stats --json ${name}: counts match grep, nothing broken`, async () => {
    const s = await statsJson(path);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !/^cpus=\d+$/.test(l));
    // The same count, done here by regex on the whole file, for names the table may lack.
    const grep = (n: string) => lines.filter((l) => new RegExp(`[ :]${n}: `).test(l)).length;
    assert.equal(s.format, FORMAT[name]);
    assert.deepEqual(s.bySource, GREP[name]);
    for (const [n, c] of Object.entries(s.bySource)) assert.equal(c, grep(n), n);
    assert.equal(s.events, lines.length);
    assert.deepEqual(s.lines, { parsed: lines.length, skipped: text.split('\n').length - 1 - lines.length, broken: 0 });
    assert.deepEqual(s.diagnostics, []);
    assert.equal(s.cpus, 2);
    const keys = ['format', 'events', 'bySource', 'byKind', 'cpus', 'tasks', 'firstTs', 'lastTs', 'lines', 'diagnostics', 'perTask', 'perCpu'];
    for (const k of keys) assert.ok(k in s, k);
    const t = (s.perTask as Record<string, unknown>[])[0];
    for (const k of ['pid', 'comm', 'runningNs', 'runnableNs', 'switchesIn', 'wakeups', 'wakeLatencyNs']) assert.ok(k in t, k);
    for (const k of ['p50', 'p95', 'max']) assert.ok(k in (t.wakeLatencyNs as object), k);
    const c = (s.perCpu as Record<string, unknown>[])[0];
    for (const k of ['cpu', 'busyNs', 'idleNs']) assert.ok(k in c, k);
  });
}

test('stats A B --diff --json compares two recordings', async () => {
  const [a, b] = sharedTraces().filter((p) => /trace\.txt$|trace-cmd-report/.test(p));
  if (!a || !b) return;
  let out = '';
  const code = await statsCommand.run([a, b, '--diff', '--json'], { out: (t) => (out += t), err: () => {} });
  assert.equal(code, 0);
  const d = JSON.parse(out);
  assert.ok(d.a.events > 0 && d.b.events > 0);
  const busybox = d.diff.perComm.find((c: { comm: string }) => c.comm === 'busybox');
  assert.ok(busybox.a.switches > 0 && busybox.b.switches > 0);
});
