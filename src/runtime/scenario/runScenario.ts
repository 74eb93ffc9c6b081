// Runs a scenario to its end on a fresh runtime and gathers what tests, the CLI and the timeline
// need: the trace, the status, the notes placed at their moments, warnings, and a deadlock cycle.

import type { TraceEvent, TraceNames } from '../../trace/events';
import { Runtime, type RunSummary, type RuntimeOptions, type RuntimeStatus } from '../runtime';
import { type ScenarioHooks, scenarioRuntimeOptions } from './interpreter';
import type { ScenarioError } from './located';
import { loadScenario } from './loader';
import { type FiredNote, type PlacedNote, firedNotes, placeNotes } from './notes';
import type { Moment } from './scenarioState';
import type { Scenario } from './types';

export interface ScenarioRun {
  scenario: Scenario;
  status: RuntimeStatus;
  detail: string;
  events: readonly TraceEvent[];
  names: TraceNames;
  summary: RunSummary;
  moments: readonly Moment[];
  notes: PlacedNote[];
  /** The notes that found their moment, as the timeline draws them (task named when known). */
  fired: FiredNote[];
  /** Features the scenario asked for that this kernel does not offer yet. */
  warnings: readonly string[];
  /** On a deadlock over scenario mutexes: [thread, mutex, thread, …, first thread]. */
  mutexCycle: string[] | null;
}

/** Creates the runtime for `scenario` without running it (the caller drives runSlice). */
export function createScenarioRuntime(scenario: Scenario, overrides: RuntimeOptions = {}, hooks: ScenarioHooks = {}) {
  const opts = scenarioRuntimeOptions(scenario, overrides, hooks);
  return { rt: Runtime.create(opts), interpreter: opts.scenario };
}

export function runScenario(scenario: Scenario, overrides: RuntimeOptions = {}, hooks: ScenarioHooks = {}): ScenarioRun {
  const { rt, interpreter } = createScenarioRuntime(scenario, overrides, hooks);
  const status = rt.runToEnd();
  const st = interpreter.state;
  const moments = st?.moments ?? [];
  return {
    scenario,
    status,
    detail: rt.statusDetail,
    events: rt.events,
    names: rt.names,
    summary: rt.summary(),
    moments,
    notes: placeNotes(scenario, rt.events, moments),
    fired: firedNotes(scenario, rt.events, moments, st ? (t, h) => st.taskOfThread(t, h) : undefined),
    warnings: st?.warnings ?? [],
    mutexCycle: st?.mutexCycle() ?? null,
  };
}

/** Validates, then runs; a bad file gives its located errors and starts no kernel. */
export function runScenarioText(
  text: string,
  file: string,
  overrides: RuntimeOptions = {},
  hooks: ScenarioHooks = {},
): { ok: true; run: ScenarioRun } | { ok: false; errors: ScenarioError[] } {
  const r = loadScenario(text, file);
  return r.ok ? { ok: true, run: runScenario(r.scenario, overrides, hooks) } : r;
}
