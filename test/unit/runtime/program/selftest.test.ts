import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selftestCommand, tapReport } from '../../../../src/cli/commands/selftest';
import { createBootTests } from '../../../../src/runtime/program/bootTests';

const BOOT_TESTS = createBootTests();
import { runDefaultProgram } from '../../../../src/runtime/program/defaultProgram';

test('the list follows boot.c: runtime tests with the file-system tests in their places', () => {
  const names = BOOT_TESTS.map((t) => t.name);
  const at = (n: string) => names.indexOf(n);
  for (const n of ['umask', 'creat', 'stat', 'pipe2', 'epoll', 'getdents64', 'umount_fs_proc']) {
    assert.ok(at(n) >= 0, `missing ${n}`);
  }
  assert.ok(at('syscall_latency') < at('umask') && at('stat') < at('nanosleep'));
  assert.ok(at('nanosleep') < at('pipe2') && at('umount_fs_proc') < at('syscall_thread'));
  assert.equal(names[names.length - 1], 'stop_kernel');
});

test('every boot test passes through the runtime API, in boot.c order', () => {
  const r = runDefaultProgram({ seed: 1 });
  assert.equal(r.status, 'halted');
  assert.deepEqual(
    r.tests.map((t) => t.name),
    BOOT_TESTS.map((t) => t.name),
  );
  for (const t of r.tests) assert.ok(t.ok, `${t.name}: ${t.log}`);
  const sleep = r.tests.find((t) => t.name === 'nanosleep');
  assert.ok(sleep && sleep.durNs >= 87_654_321);
  // many_syscall_threads: 64 host tasks created (host1.., one per thread) and destroyed.
  const forks = r.events.filter((e) => e.kind === 'sched.fork' && /^host\d+$/.test(String(e.arg)));
  const exits = r.events.filter(
    (e) => e.kind === 'sched.exit' && /^host\d+$/.test(r.names.tasks.get(e.task) ?? ''),
  );
  assert.ok(forks.length >= 66, `${forks.length} host tasks forked`);
  assert.ok(exits.length >= 65, `${exits.length} host tasks exited`);
});

test('selftest prints TAP13 with every test ok and exits 0', async () => {
  let out = '';
  const code = await selftestCommand.run(['--seed', '3'], {
    out: (t) => (out += t),
    err: (t) => (out += t),
  });
  const lines = out.split('\n');
  assert.equal(lines[0], 'TAP version 13');
  assert.equal(lines[1], `1..${BOOT_TESTS.length} # boot`);
  const results = lines.filter((l) => /^(not )?ok \d+ /.test(l));
  assert.equal(results.length, BOOT_TESTS.length);
  assert.ok(
    results.every((l) => l.startsWith('ok ')),
    results.join('\n'),
  );
  const n = BOOT_TESTS.length;
  assert.ok(
    lines.some((l) => l.startsWith(`# summary: ${n} tests, ${n} ok, 0 not ok`)),
    out.slice(-300),
  );
  assert.equal(code, 0);
});

test('a failed test is reported as not ok', () => {
  const text = tapReport('boot', [
    { name: 'a', ok: true, log: 'fine', durNs: 1000 },
    { name: 'b', ok: false, log: 'getpid() = 2 (expected 1)', durNs: 0 },
  ]);
  assert.match(text, /^ok 1 a$/m);
  assert.match(text, /^not ok 2 b$/m);
  assert.match(text, /# summary: 2 tests, 1 ok, 1 not ok/);
});
