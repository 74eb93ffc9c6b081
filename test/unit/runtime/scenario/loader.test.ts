// The loader: malformed fixtures each give their located error (file:line:column: field: what),
// all errors at once, and nothing is started; valid text gives the scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenario } from '../../../../src/runtime/scenario/loader';
import { formatError } from '../../../../src/runtime/scenario/located';

const ROOT = resolve(__dirname, '../../../../..');
const FIXTURES = join(ROOT, 'test/fixtures/scenarios');

/** fixture, number of errors, the first error (after the file name). */
const CASES: [string, number, string][] = [
  ['action-after-exit', 1, '45:9: threads[1].actions[2]: never runs: it comes after "exit"'],
  ['comment', 1, '3:3: comments are not allowed in scenario files'],
  [
    'custom-without-class',
    1,
    '14:17: threads[0].policy: policy "custom" needs a top-level "schedClass": {"module": "./my.sched.js"}',
  ],
  [
    'sched-module-not-js',
    1,
    '21:15: schedClass.module: "./lottery.sched.ts" is not a JavaScript module path (ending in .js or .cjs)',
  ],
  ['sched-class-unused', 1, '19:3: schedClass: no thread has policy "custom", so the class would schedule nothing'],
  ['duplicate-key', 1, '5:3: duplicate key "seed"'],
  ['duplicate-thread', 1, '36:15: threads[1].name: "worker" is already declared (threads[0])'],
  [
    'fifo-without-priority',
    1,
    '34:17: threads[0].policy: policy "fifo" needs a "priority" (1..99)',
  ],
  [
    'lock-twice',
    1,
    '25:19: threads[0].actions[1].lock: "M" is already held by this thread: it would deadlock on itself',
  ],
  ['many-errors', 4, '4:11: seed: must be ≥ 0, got -1'],
  ['missing-end', 1, '1:1: missing required field "end"'],
  [
    'negative-sleep',
    1,
    '43:22: threads[1].actions[1].sleepNs: a time or duration cannot be negative, got -5000',
  ],
  [
    'note-unknown-thread',
    1,
    '54:19: notes[0].at.thread: unknown thread "wroker" (did you mean "worker"?)',
  ],
  ['seed-not-integer', 1, '4:11: seed: must be an integer, got "seven"'],
  [
    'semaphore-as-mutex',
    2,
    '22:19: threads[0].actions[0].lock: unknown mutex "S" ("S" is a semaphore)',
  ],
  ['spawn-cycle', 1, '51:15: threads[2].name: spawn cycle a → b → a would start threads forever'],
  [
    'spawn-not-spawned',
    1,
    '46:20: threads[1].actions[2].spawn: "worker" starts on its own; declare it with "spawned": true to spawn it',
  ],
  ['spawn-unknown-thread', 1, '46:20: threads[1].actions[2].spawn: unknown thread "helper"'],
  [
    'syscall-in-kernel-thread',
    1,
    '25:22: threads[0].actions[1].syscall: kernel threads make no syscalls; use an app thread',
  ],
  ['trailing-comma', 1, '5:1: trailing comma before the closing bracket'],
  [
    'unknown-action',
    1,
    '30:9: threads[0].actions[3]: unknown key "upp" (did you mean "up"?); expected one of {"syscall": …}, {"down": …}, {"up": …}, {"lock": …}, {"unlock": …}, {"sleepNs": …}, {"computeNs": …}, {"spawn": …}, {"exit": …}, {"repeat": …}',
  ],
  [
    'unknown-field',
    1,
    '51:3: descripton: unknown field "descripton" (did you mean "description"?)',
  ],
  [
    'unknown-semaphore',
    1,
    '31:17: threads[0].actions[3].up: unknown semaphore "T" (did you mean "S"?)',
  ],
  [
    'unknown-syscall',
    1,
    '40:22: threads[1].actions[0].syscall: unknown syscall "getpidd" (did you mean "getpid"?)',
  ],
  ['unknown-var', 1, '43:22: threads[1].actions[0].args[0].var: no syscall saves a result as "ch"'],
  [
    'unlock-not-held',
    1,
    '28:21: threads[0].actions[2].unlock: unlocks "M", which this thread does not hold here',
  ],
];

for (const [name, count, first] of CASES) {
  test(`malformed fixture ${name}: ${first.slice(0, 60)}`, () => {
    const file = `test/fixtures/scenarios/${name}.scenario.json`;
    const r = loadScenario(readFileSync(join(ROOT, file), 'utf8'), file);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(formatError(r.errors[0]), `${file}:${first}`);
    assert.equal(r.errors.length, count, r.errors.map(formatError).join('\n'));
  });
}

test('every fixture in the folder has a case', async () => {
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(FIXTURES)
    .map((f) => f.replace('.scenario.json', ''))
    .sort();
  assert.deepEqual(files, CASES.map((c) => c[0]).sort());
  assert.ok(files.length >= 20);
});

test('all errors of a file are reported, in file order', () => {
  const file = 'test/fixtures/scenarios/many-errors.scenario.json';
  const r = loadScenario(readFileSync(join(ROOT, file), 'utf8'), file);
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => `${e.line}:${e.field}`),
    ['4:seed', '19:threads[0].kind', '43:threads[1].actions[1].sleepNs', '50:end.cmdline'],
  );
});

test('a valid scenario loads with its values', () => {
  const text = JSON.stringify({
    name: 'ok',
    description: 'fine',
    seed: 3,
    threads: [
      {
        name: 'a',
        kind: 'app',
        actions: [
          { syscall: 'getpid', as: 'pid' },
          { repeat: 2, do: [{ sleepNs: 10 }] },
        ],
      },
    ],
    end: { action: 'halt' },
  });
  const r = loadScenario(text, 'ok.json');
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.scenario.threads[0].actions.length, 2);
});

test('a nested action error names the inner action only', () => {
  const text = JSON.stringify(
    {
      name: 'n',
      description: 'd',
      seed: 1,
      threads: [
        { name: 'k', kind: 'kernel', actions: [{ repeat: 2, do: [{ computeNs: 'slow' }] }] },
      ],
      end: { action: 'halt', atNs: 10 },
    },
    null,
    1,
  );
  const r = loadScenario(text, 'n.json');
  assert.ok(!r.ok);
  if (!r.ok)
    assert.deepEqual(
      r.errors.map((e) => `${e.field}: ${e.message}`),
      ['threads[0].actions[0].do[0].computeNs: must be an integer, got "slow"'],
    );
});

test('empty text and a non-object are located errors, not exceptions', () => {
  const a = loadScenario('', 'e.json');
  assert.ok(!a.ok && a.errors.length === 1);
  const b = loadScenario('[1, 2]', 'b.json');
  assert.ok(!b.ok && b.errors[0].message.includes('object'), JSON.stringify(b));
});
