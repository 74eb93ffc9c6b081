// Compare Two Runs' Markdown: priority-inversion without vs with inheritance, from real runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runsDiffMarkdown } from '../../../src/extension/diffMarkdown';
import { runScenarioText } from '../../../src/runtime/scenario/runScenario';

const DIR = join(resolve(__dirname, '../../../..'), 'scenarios');
function run(name: string) {
  const r = runScenarioText(readFileSync(join(DIR, `${name}.scenario.json`), 'utf8'), name);
  assert.ok(r.ok);
  return r.run;
}

test('the report has one row per comm with both runs\' figures, from the two traces', () => {
  const a = run('priority-inversion');
  const b = run('priority-inversion-inherit');
  const md = runsDiffMarkdown(['priority-inversion', 'priority-inversion-inherit'], a, b);
  assert.match(md, /^# priority-inversion vs priority-inversion-inherit\n/);
  assert.match(md, /\n\| switches \| \d+ \| \d+ \|\n/);
  for (const comm of ['low', 'medium', 'high']) assert.match(md, new RegExp(`\\n\\| ${comm} \\| 1 \\| 1 \\|`), comm);
  const row = md.split('\n').find((l) => l.startsWith('| high |'))!;
  const blocked = row.split('|').map((c) => c.trim()).filter((c) => c.endsWith(' ms'));
  assert.equal(blocked.length, 2);
  // the point of the pair: with inheritance, high waits far less for the mutex
  assert.ok(parseFloat(blocked[1]) * 4 < parseFloat(blocked[0]), row);
});
