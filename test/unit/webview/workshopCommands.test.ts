// What the panel's run controls offer for each kind of session and kernel state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offeredCommands } from '../../../webview/workshopCommands';

const sorted = (s: Set<string>) => [...s].sort();

test('a live scenario offers play, pause and the steps while it can run, and restart always', () => {
  const s = { live: true, source: 'runtime' as const, scenario: 'sem-ping-pong' };
  for (const st of ['booting', 'running', 'halting'] as const)
    assert.deepEqual(sorted(offeredCommands(s, st)), ['pause', 'restart', 'resume', 'stepPhase', 'stepSwitch', 'stepUpDown'], st);
  for (const st of ['halted', 'panic', 'deadlock', 'stopped', 'idle'] as const) assert.deepEqual(sorted(offeredCommands(s, st)), ['restart'], st);
});

test('Boot Kernel (the default program) has no scenario to restart', () => {
  const s = { live: true, source: 'runtime' as const, scenario: 'default' };
  assert.equal(offeredCommands(s, 'running').has('restart'), false);
  assert.equal(offeredCommands(s, 'running').has('stepSwitch'), true);
  assert.equal(offeredCommands(s, 'halted').size, 0);
});

test('finished traces offer nothing: an opened file, a compared run, no session yet', () => {
  assert.equal(offeredCommands({ live: false, source: 'runtime', scenario: 'deadlock' }, 'deadlock').size, 0);
  assert.equal(offeredCommands({ live: false, source: 'ftrace' }, 'idle').size, 0);
  assert.equal(offeredCommands(undefined, 'running').size, 0);
});
