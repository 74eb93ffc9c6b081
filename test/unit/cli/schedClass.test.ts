// The CLI and a scenario's JavaScript scheduling class: validate checks the module exists
// (located at its field, running nothing); run loads it and reports a bad one in one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../../src/cli/main';

const ROOT = resolve(__dirname, '../../../..');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function copyScenario(module: string, code?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-sched-'));
  const sc = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'custom-sched.scenario.json'), 'utf8')) as { schedClass: { module: string } };
  sc.schedClass.module = module;
  const file = join(dir, 'mine.scenario.json');
  writeFileSync(file, JSON.stringify(sc, null, 2));
  if (code !== undefined) writeFileSync(join(dir, module), code);
  return file;
}

test('validate: the shipped custom-sched is ok; a missing module is located at schedClass.module', async () => {
  const ok = await cli('validate', join(ROOT, 'scenarios', 'custom-sched.scenario.json'));
  assert.equal(ok.code, 0, ok.err);
  const file = copyScenario('./gone.sched.js');
  const bad = await cli('validate', file);
  assert.equal(bad.code, 1);
  assert.match(bad.err, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:15: schedClass\\.module: no such file .*gone\\.sched\\.js\\n`));
});

test('run custom-sched halts; a module that throws at load is one line, exit 1, no trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-sched-'));
  const good = await cli('run', 'custom-sched', '--out', join(dir, 'c.json'));
  assert.equal(good.code, 0, good.err);
  assert.match(good.out, /^status {8}halted/);
  const file = copyScenario('./boom.sched.js', "throw new Error('no lottery today');\n");
  const bad = await cli('run', file, '--out', join(dir, 'b.json'));
  assert.equal(bad.code, 1);
  assert.match(bad.err, /boom\.sched\.js:1:\d+: the module threw while loading: Error: no lottery today/);
  assert.equal(bad.err.trim().split('\n').length, 1);
});
