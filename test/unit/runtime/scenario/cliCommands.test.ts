// The scenario CLI commands (`validate`, `scenarios`) and loadScenarioByNameOrText; a bad scenario
// never starts a kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliIo } from '../../../../src/cli/command';
import {
  libraryDir,
  loadScenarioByNameOrText,
  scenariosCommand,
} from '../../../../src/cli/commands/scenarios';
import { validateCommand } from '../../../../src/cli/commands/validate';
import { Runtime } from '../../../../src/runtime/runtime';
import { runScenarioText } from '../../../../src/runtime/scenario/runScenario';

const ROOT = resolve(__dirname, '../../../../..');

function capture(): CliIo & { outText: string; errText: string } {
  const io = {
    outText: '',
    errText: '',
    out: (t: string) => void (io.outText += t),
    err: (t: string) => void (io.errText += t),
  };
  return io;
}

test('validate: a malformed file exits 1 with its located errors', async () => {
  const file = join(ROOT, 'test/fixtures/scenarios/many-errors.scenario.json');
  const io = capture();
  assert.equal(await validateCommand.run([file], io), 1);
  const lines = io.errText.trim().split('\n');
  assert.equal(lines.length, 5);
  assert.match(lines[0], /many-errors\.scenario\.json:4:11: seed: must be ≥ 0, got -1$/);
  assert.match(lines[4], /: 4 problems$/);
});

test('validate: the library is valid; a missing file is an error', async () => {
  const io = capture();
  const files = ['sem-ping-pong', 'deadlock'].map((n) =>
    join(ROOT, `scenarios/${n}.scenario.json`),
  );
  assert.equal(await validateCommand.run(files, io), 0);
  assert.match(io.outText, /sem-ping-pong\.scenario\.json: ok \(sem-ping-pong, 2 threads\)/);
  const io2 = capture();
  assert.equal(await validateCommand.run(['/nonexistent.scenario.json'], io2), 1);
  assert.match(io2.errText, /no such file/);
});

test('validate --print-schema prints the shipped schema', async () => {
  const io = capture();
  assert.equal(await validateCommand.run(['--print-schema'], io), 0);
  assert.equal(io.outText, readFileSync(join(ROOT, 'schemas/scenario.schema.json'), 'utf8'));
});

test('scenarios lists the library with descriptions', async () => {
  const io = capture();
  assert.equal(await scenariosCommand.run([], io), 0);
  const lines = io.outText.trim().split('\n');
  assert.equal(lines.length, 12);
  assert.ok(lines.some((l) => /^deadlock\s+Two kernel threads take two mutexes/.test(l)));
  const json = capture();
  await scenariosCommand.run(['--json', '--dir', join(ROOT, 'test/fixtures/scenarios')], json);
  const rows = JSON.parse(json.outText) as { name: string; valid: boolean }[];
  assert.equal(rows.filter((r) => r.valid).length, 12);
  assert.ok(rows.filter((r) => !r.valid).length >= 20);
});

test('loadScenarioByNameOrText: library name, path, text, unknown name', () => {
  assert.ok(libraryDir()?.endsWith('scenarios'));
  const byName = loadScenarioByNameOrText('sem-ping-pong');
  assert.ok(byName.ok && byName.scenario.name === 'sem-ping-pong');
  const byPath = loadScenarioByNameOrText(join(ROOT, 'scenarios/deadlock.scenario.json'));
  assert.ok(byPath.ok && byPath.scenario.name === 'deadlock');
  const text = readFileSync(join(ROOT, 'scenarios/boot-anatomy.scenario.json'), 'utf8');
  const byText = loadScenarioByNameOrText(text);
  assert.ok(byText.ok && byText.file === '<scenario text>');
  const unknown = loadScenarioByNameOrText('sem-ping-png');
  assert.ok(!unknown.ok && /no such scenario.*library: .*sem-ping-pong/.test(unknown.errors[0]));
  const bad = loadScenarioByNameOrText(
    join(ROOT, 'test/fixtures/scenarios/unknown-syscall.scenario.json'),
  );
  assert.ok(!bad.ok && /:40:22: .*unknown syscall "getpidd"/.test(bad.errors[0]));
});

test('a malformed scenario starts no kernel', () => {
  const create = Runtime.create;
  let created = 0;
  Runtime.create = (opts) => {
    created++;
    return create.call(Runtime, opts);
  };
  try {
    const file = 'test/fixtures/scenarios/unlock-not-held.scenario.json';
    const r = runScenarioText(readFileSync(join(ROOT, file), 'utf8'), file);
    assert.equal(r.ok, false);
    assert.equal(created, 0);
    const good = runScenarioText(
      readFileSync(join(ROOT, 'scenarios/boot-anatomy.scenario.json'), 'utf8'),
      'b',
    );
    assert.equal(good.ok, true);
    assert.equal(created, 1, 'the spy sees a real start');
  } finally {
    Runtime.create = create;
  }
});
