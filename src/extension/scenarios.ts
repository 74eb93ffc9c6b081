// Run Scenario…: the library shipped with the extension plus any *.scenario.json in the
// workspace, validated before anything runs; errors go to the Problems panel with positions.
import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { loadSchedModule } from '../cli/schedModule';
import type { ScenarioHooks } from '../runtime/scenario/interpreter';
import { loadScenario } from '../runtime/scenario/loader';
import { NoteTracker, timelineNote } from '../runtime/scenario/notes';
import { playbackSpeed, scenarioLengthNs } from '../runtime/scenario/playback';
import { createScenarioRuntime } from '../runtime/scenario/runScenario';
import type { Scenario } from '../runtime/scenario/types';
import type { TraceEvent } from '../trace/events';
import type { Controller } from './controller';
import type { LiveKernel } from './liveKernel';
import { trustDecision } from './trustGate';

export interface ScenarioItem extends vscode.QuickPickItem {
  path: string;
}

function describe(path: string): { name: string; description: string } {
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; description?: unknown };
    return { name: typeof doc.name === 'string' ? doc.name : basename(path), description: typeof doc.description === 'string' ? doc.description : '' };
  } catch {
    return { name: basename(path), description: '(not valid JSON)' };
  }
}

export async function listScenarios(extensionPath: string): Promise<ScenarioItem[]> {
  const dir = join(extensionPath, 'scenarios');
  const shipped = readdirSync(dir).filter((f) => f.endsWith('.scenario.json')).sort().map((f) => join(dir, f));
  const workspace = (await vscode.workspace.findFiles('**/*.scenario.json', '**/node_modules/**', 200)).map((u) => u.fsPath);
  return [
    ...shipped.map((p) => ({ path: p, label: describe(p).name, detail: describe(p).description, description: 'library' })),
    ...workspace.map((p) => ({ path: p, label: describe(p).name, detail: describe(p).description, description: vscode.workspace.asRelativePath(p) })),
  ];
}

let lastPath: string | undefined;

/** Reads and validates a scenario file; located errors go to Problems and the log (undefined then). */
export function loadScenarioFile(c: Controller, path: string, problems: vscode.DiagnosticCollection): Scenario | undefined {
  const text = readFileSync(path, 'utf8');
  const uri = vscode.Uri.file(path);
  const r = loadScenario(text, basename(path));
  if (!r.ok) {
    problems.set(uri, r.errors.map((e) => {
      const pos = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
      return new vscode.Diagnostic(new vscode.Range(pos, pos), e.message, vscode.DiagnosticSeverity.Error);
    }));
    for (const e of r.errors) c.log(`${path}:${e.line}:${e.column}: ${e.message}`);
    void vscode.window.showErrorMessage(`LKL Scope: ${basename(path)} has ${r.errors.length} error(s); first: line ${r.errors[0].line}: ${r.errors[0].message}. No kernel was started.`);
    return undefined;
  }
  problems.delete(uri);
  return r.scenario;
}

/**
 * The code a scenario brings (its JavaScript scheduling class), loaded only in a trusted
 * workspace; undefined (with the reason shown) when the scenario must not start.
 */
export function scenarioHooks(c: Controller, path: string, sc: Scenario): ScenarioHooks | undefined {
  const gate = trustDecision(sc, basename(path), vscode.workspace.isTrusted);
  if (!gate.run) {
    c.log(`${path}: not run: its scheduling class is JavaScript and this workspace is not trusted`);
    void vscode.window.showErrorMessage(gate.message, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return undefined;
  }
  if (!gate.loadsCode) return {};
  const m = loadSchedModule(path, sc);
  if (!m.ok) {
    c.log(m.error);
    void vscode.window.showErrorMessage(`LKL Scope: ${m.error}. No kernel was started.`);
    return undefined;
  }
  return { schedClass: m.factory };
}

/** Validates and runs the scenario at `path` live; returns false (with located errors shown) if invalid. */
export function runScenarioFile(c: Controller, path: string, problems: vscode.DiagnosticCollection, seed?: number): boolean {
  lastPath = path;
  void vscode.commands.executeCommand('setContext', 'lklScope.scenarioRan', true);
  const scenario = loadScenarioFile(c, path, problems);
  if (!scenario) return false;
  const hooks = scenarioHooks(c, path, scenario);
  if (!hooks) return false;
  const r = { scenario };
  const { rt, interpreter } = createScenarioRuntime(r.scenario, { keepEvents: false, seed }, hooks);
  // Workshop mode: each teaching note appears when the shown timeline reaches its moment.
  // They are drawn on the timeline too (the session keeps them for a re-attached panel).
  const notes = new NoteTracker(
    r.scenario,
    () => interpreter.state?.moments ?? [],
    (thread, hostTask) => interpreter.state?.taskOfThread(thread, hostTask),
  );
  let kernel: LiveKernel | undefined;
  const onReleased = (batch: readonly TraceEvent[]) => {
    const fired = notes.feed(batch);
    for (const n of fired) {
      c.log(`${r.scenario.name} @ ${n.ts} ns: ${n.text}`);
      void vscode.window.showInformationMessage(`${r.scenario.name}: ${n.text}`);
    }
    kernel?.session.addNotes(fired.map(timelineNote));
  };
  // Scenarios run on µs scales: play them slower than a boot, but a long one (nice levels over
  // many ticks) within the wall-clock budget; start paused so a class can step.
  const cfg = vscode.workspace.getConfiguration('lklScope');
  const speed = playbackSpeed(scenarioLengthNs(r.scenario, { seed }, hooks), {
    minSpeed: cfg.get<number>('scenarioSpeed', 0.0001),
    maxWallSeconds: cfg.get<number>('scenarioMaxSeconds', 20),
  });
  const threads = r.scenario.threads.map((t) => t.name);
  kernel = c.bootKernel({ runtime: rt, title: r.scenario.name, speed, startPaused: true, onReleased, threads });
  void vscode.window.showInformationMessage(`LKL Scope: ${r.scenario.name} is ready, paused. Use Step to Next Switch, or Resume to play it.`);
  return true;
}

/** The library or workspace scenario named `arg` (its `name`, or its path). */
export function findScenario(items: readonly ScenarioItem[], arg: unknown): ScenarioItem | undefined {
  return typeof arg === 'string' ? items.find((i) => i.label === arg || i.path === arg) : undefined;
}

export async function pickAndRunScenario(c: Controller, problems: vscode.DiagnosticCollection, arg?: unknown): Promise<void> {
  const items = await listScenarios(c.context.extensionPath);
  const wanted = findScenario(items, arg);
  // The last entry leads to Compare Two Runs… (two finished runs side by side).
  const compare = { label: '$(split-horizontal) Compare Two Runs…', detail: 'two scenarios, or one with two seeds, side by side', path: '', compare: true };
  const picked = wanted ?? (await vscode.window.showQuickPick<ScenarioItem & { compare?: boolean }>(
    [...items, { label: 'compare', kind: vscode.QuickPickItemKind.Separator, path: '' }, compare],
    {
      title: 'Run Scenario',
      placeHolder: 'Pick a workshop scenario (library or workspace *.scenario.json)',
      matchOnDetail: true,
      // a live run's toasts and timeline can take focus as the picker opens: keep it open
      ignoreFocusOut: true,
    },
  ));
  if (picked && 'compare' in picked) await vscode.commands.executeCommand('lklScope.compareRuns');
  else if (picked) runScenarioFile(c, picked.path, problems);
}

/** Restarts the last scenario with its own seed (an identical timeline) or a fresh one. */
export async function restartScenario(c: Controller, problems: vscode.DiagnosticCollection, arg?: unknown): Promise<void> {
  if (!lastPath) throw new Error('no scenario has run yet: use "LKL Scope: Run Scenario…"');
  const same = typeof arg === 'boolean' ? arg : (await vscode.window.showQuickPick(
    [
      { label: 'Same seed', description: 'the identical timeline again', same: true },
      { label: 'New seed', description: 'other tie-breaks and wake-up choices', same: false },
    ],
    { title: 'Restart Scenario', ignoreFocusOut: true },
  ))?.same;
  if (same === undefined) return;
  runScenarioFile(c, lastPath, problems, same ? undefined : randomInt(1, 2 ** 31 - 1));
}
