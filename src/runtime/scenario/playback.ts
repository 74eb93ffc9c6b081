// How fast Run Scenario plays a scenario back. Scenarios span 0.02 ms (a boot) to ~1 s (nice
// levels over many ticks): one fixed speed makes the first a blink or the last an hour. A run is
// deterministic for its seed, so a dry run (no events kept) gives the exact virtual length and the
// speed is chosen so the playback fits a wall-clock budget.

import type { RuntimeOptions } from '../runtime';
import type { ScenarioHooks } from './interpreter';
import { createScenarioRuntime } from './runScenario';
import type { Scenario } from './types';

export interface PlaybackBudget {
  /** Slowest speed (virtual ns per wall ns): short scenarios play at this. */
  minSpeed: number;
  /** The longest a playback may take, wall-clock seconds. */
  maxWallSeconds: number;
}

/** The speed that plays `virtualNs` within the budget, never slower than minSpeed. */
export function playbackSpeed(virtualNs: number, b: PlaybackBudget): number {
  if (!(b.minSpeed > 0) || !(b.maxWallSeconds > 0)) throw new RangeError(`playback budget must be positive: ${JSON.stringify(b)}`);
  const fit = Math.max(0, virtualNs) / (b.maxWallSeconds * 1e9);
  return Math.max(b.minSpeed, fit);
}

/**
 * The virtual length of the scenario's run with these options, in ns (a dry run on a fresh
 * runtime, no events kept). `maxSteps` bounds it: a run still going after that many host steps
 * reports how far it got.
 */
export function scenarioLengthNs(scenario: Scenario, overrides: RuntimeOptions = {}, hooks: ScenarioHooks = {}, maxSteps = 5_000_000): number {
  const { rt } = createScenarioRuntime(scenario, { ...overrides, keepEvents: false }, hooks);
  for (let steps = 0; steps < maxSteps; steps += 10_000) if (!rt.runSlice(Math.min(10_000, maxSteps - steps))) break;
  return rt.virtualNs;
}
