// The CLI's contract with its users: exit codes 0/1/2, one-line errors naming what was wrong,
// no stack traces for user errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const oneLine = (s: string) => s.trim().split('\n').length === 1 && !/\n\s+at /.test(s);

test('no command prints the overview and exits 2; --help exits 0', async () => {
  const none = await cli();
  assert.equal(none.code, 2);
  assert.match(none.out, /usage: lkl-scope <command>/);
  for (const c of ['run', 'import', 'stats', 'selftest', 'scenarios', 'validate']) assert.match(none.out, new RegExp(`\\n  ${c} `));
  const help = await cli('stats', '--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /lkl-scope stats/);
});

test('bad usage is one line and exit 2', async () => {
  for (const argv of [['bogus'], ['run', '--seed', 'x'], ['stats'], ['import', '--nope', 'f']]) {
    const r = await cli(...argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
    assert.ok(oneLine(r.err), `one line: ${JSON.stringify(r.err)}`);
  }
});

test('a missing or malformed trace is one line naming the file, exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-'));
  const missing = await cli('stats', join(dir, 'nope.txt'));
  assert.equal(missing.code, 1);
  assert.ok(oneLine(missing.err));
  assert.match(missing.err, /nope\.txt/);
  const bin = join(dir, 'blob.bin');
  writeFileSync(bin, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8]));
  const r = await cli('stats', bin);
  assert.equal(r.code, 1);
  assert.ok(oneLine(r.err), r.err);
  assert.match(r.err, /blob\.bin/);
});

test('run writes a trace that reads back, with the same seed twice giving the same bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-'));
  const a = await cli('run', '--seed', '7', '--out', join(dir, 'a.json'));
  const b = await cli('run', '--seed', '7', '--out', join(dir, 'b.json'));
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), readFileSync(join(dir, 'b.json'), 'utf8'));
  const stats = await cli('stats', join(dir, 'a.json'), '--json');
  assert.equal(stats.code, 0, stats.err);
  assert.equal(JSON.parse(stats.out).format, 'lkl-scope');
});

test('stats of a runtime trace: one LKL CPU, and no task runs longer than the trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-'));
  assert.equal((await cli('run', 'producer-consumer', '--out', join(dir, 'pc.json'))).code, 0);
  const stats = await cli('stats', join(dir, 'pc.json'), '--json');
  const s = JSON.parse(stats.out) as { cpus: number; firstTs: number; lastTs: number; perTask: { comm: string; runningNs: number }[]; perCpu: { busyNs: number; idleNs: number }[] };
  const spanNs = Math.round((s.lastTs - s.firstTs) * 1e9);
  assert.equal(s.cpus, 1);
  assert.equal(s.perCpu.length, 1);
  for (const t of s.perTask) assert.ok(t.runningNs <= spanNs, `${t.comm} ran ${t.runningNs} ns of ${spanNs}`);
  const running = s.perTask.reduce((a, t) => a + t.runningNs, 0);
  assert.ok(running <= spanNs, `all tasks together ran ${running} ns of ${spanNs}`);
  assert.ok(s.perTask.some((t) => t.comm === 'consumer' && t.runningNs > 0));
});

test('stats of a runtime trace: LKL CPU contention, the boot and halt path by generation, semaphores', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-'));
  // the default program: boot tests that queue on the CPU, a kexec, a crash kexec, then the halt
  assert.equal((await cli('run', '--out', join(dir, 'boot.json'))).code, 0);
  const json = await cli('stats', join(dir, 'boot.json'), '--json');
  const l = (JSON.parse(json.out) as { lkl: { cpu: { waits: number; maxWaiters: number; waitTotalNs: number }; criticalPath: { track: string; name: string; gen: number; longestChild: string | null }[]; semaphores: { name: string; waits: number }[] } }).lkl;
  assert.ok(l.cpu.waits > 0 && l.cpu.maxWaiters > 1 && l.cpu.waitTotalNs > 0, JSON.stringify(l.cpu));
  const path = l.criticalPath.map((p) => `${p.gen}:${p.track}:${p.name}`);
  assert.equal(path[0], '0:boot:lkl_start_kernel');
  assert.ok(path.includes('0:halt:machine_kexec') && path.includes('1:boot:lkl_start_kernel'), path.join(' '));
  assert.ok(path.indexOf('0:halt:machine_kexec') < path.indexOf('1:boot:lkl_start_kernel'));
  // a new kernel's boot is never the longest part of the old kernel's halt step
  for (const p of l.criticalPath.filter((x) => x.track === 'halt' && x.gen === 0)) assert.notEqual(p.longestChild, 'start_kernel');
  assert.ok(l.semaphores.some((s) => s.name === 'cpu.sem' && s.waits > 0));
  assert.ok(l.semaphores.every((s) => s.waits > 0));
  const table = await cli('stats', join(dir, 'boot.json'));
  assert.match(table.out, /LKL CPU contention:\n {2}\d+ waits for the CPU/);
  assert.match(table.out, /boot {2}gen 1 lkl_start_kernel/);
  // an imported Linux trace has no LKL section
  const ftrace = await cli('stats', join(__dirname, '../../../../test/fixtures/ftrace/trace-head.txt'), '--json');
  assert.equal(ftrace.code, 0, ftrace.err);
  assert.equal((JSON.parse(ftrace.out) as { lkl?: unknown }).lkl, undefined);
});
