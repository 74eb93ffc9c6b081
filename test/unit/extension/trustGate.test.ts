import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trustDecision } from '../../../src/extension/trustGate';
import type { Scenario } from '../../../src/runtime/scenario/types';

const base: Scenario = {
  name: 's', description: 'd', seed: 1, end: { action: 'halt' },
  threads: [{ name: 't', kind: 'kernel', actions: [] }],
};

test('a scenario without JavaScript runs in any workspace and loads no code', () => {
  assert.deepEqual(trustDecision(base, 's.scenario.json', false), { run: true, loadsCode: false });
  assert.deepEqual(trustDecision(base, 's.scenario.json', true), { run: true, loadsCode: false });
});

test('a JavaScript scheduling class runs only when trusted; otherwise a clear refusal', () => {
  const sc: Scenario = { ...base, schedClass: { module: './lottery.sched.js' } };
  assert.deepEqual(trustDecision(sc, 'custom.scenario.json', true), { run: true, loadsCode: true });
  const no = trustDecision(sc, 'custom.scenario.json', false);
  assert.equal(no.run, false);
  if (no.run) return;
  assert.match(no.message, /custom\.scenario\.json runs JavaScript \(its scheduling class \.\/lottery\.sched\.js\): trust this workspace to run it\. No kernel was started\./);
});
