// Run Scenario's playback speed: fitted to the scenario's exact virtual length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenario } from '../../../../src/runtime/scenario/loader';
import { playbackSpeed, scenarioLengthNs } from '../../../../src/runtime/scenario/playback';
import { runScenario } from '../../../../src/runtime/scenario/runScenario';

const ROOT = resolve(__dirname, '../../../../..');

function library(name: string) {
  const r = loadScenario(readFileSync(join(ROOT, 'scenarios', `${name}.scenario.json`), 'utf8'), name);
  if (!r.ok) throw new Error(`${name}: ${r.errors[0].message}`);
  return r.scenario;
}

test('playbackSpeed: short runs play at the slowest speed, long ones fit the budget', () => {
  const b = { minSpeed: 1e-4, maxWallSeconds: 20 };
  assert.equal(playbackSpeed(120_000, b), 1e-4);
  // 800 ms of virtual time in 20 s of wall time
  assert.equal(playbackSpeed(800e6, b), 0.04);
  assert.equal(playbackSpeed(-5, b), 1e-4);
  assert.throws(() => playbackSpeed(1, { minSpeed: 0, maxWallSeconds: 20 }), /positive/);
  assert.throws(() => playbackSpeed(1, { minSpeed: 1, maxWallSeconds: NaN }), /positive/);
});

test('scenarioLengthNs: the dry run ends where the full run ends, for each seed', () => {
  for (const name of ['nice-and-rt', 'sem-ping-pong', 'deadlock']) {
    const sc = library(name);
    for (const seed of [1, 7]) {
      const full = runScenario(sc, { seed });
      const last = full.events[full.events.length - 1].ts;
      assert.equal(scenarioLengthNs(sc, { seed }), last, `${name} seed ${seed}`);
    }
  }
});

test('scenarioLengthNs: a step bound stops a long run early', () => {
  const sc = library('nice-and-rt');
  const whole = scenarioLengthNs(sc);
  const part = scenarioLengthNs(sc, {}, {}, 200);
  assert.ok(part > 0 && part < whole, `${part} < ${whole}`);
});
