// Compare Two Runs…: two scenarios (or one with two seeds) run to their end and shown in two
// timeline panels side by side, each with its own session; zoom and pan on one move the other.
// The main "LKL Scope Timeline" panel is left alone. The difference is offered as Markdown.
import { randomInt } from 'node:crypto';
import * as vscode from 'vscode';
import { timelineNote } from '../runtime/scenario/notes';
import { runScenario, type ScenarioRun } from '../runtime/scenario/runScenario';
import { CompareLink, compareTitles, runLabels, suggestPartner, type Side } from './compareLink';
import type { Controller } from './controller';
import { runsDiffMarkdown } from './diffMarkdown';
import { Disposable } from './disposable';
import { findScenario, listScenarios, loadScenarioFile, scenarioHooks, type ScenarioItem } from './scenarios';
import { TraceSession } from './session';
import { TimelinePanel } from './timelinePanel';

/** Not the main timeline's view type: compare panels are not restored into the main panel. */
export const COMPARE_VIEW_TYPE = 'lklScope.compareTimeline';

/** A finished scenario run as a (complete) session. */
export function sessionOfRun(run: ScenarioRun, title: string): TraceSession {
  const meta = { version: 1, source: 'runtime', scenario: run.scenario.name, seed: run.summary.seed, names: run.names } as const;
  const s = new TraceSession(title, meta, false, run.scenario.threads.map((t) => t.name));
  s.append(run.events);
  s.addNotes(run.fired.map(timelineNote));
  s.setStatus(run.status, run.detail || undefined);
  return s;
}

interface Pair {
  panels: [TimelinePanel, TimelinePanel];
  link: CompareLink;
  markdown: string;
}

export class CompareRuns extends Disposable {
  private pair: Pair | undefined;

  constructor(private readonly c: Controller) {
    super();
  }

  /** The open comparison's panels and the Markdown of its difference (tests, e2e). */
  get current(): Readonly<Pair> | undefined {
    return this.pair;
  }

  /**
   * Picks (or takes by name/path) two scenarios, runs both to their end and opens them side by
   * side. `seedB` given with the same scenario twice compares two seeds of it.
   */
  async run(argA?: unknown, argB?: unknown, seedB?: unknown): Promise<{ a: string; b: string } | undefined> {
    const items = await listScenarios(this.c.context.extensionPath);
    const a = findScenario(items, argA) ?? (await vscode.window.showQuickPick(items, { title: 'Compare Two Runs (1/2): first run', matchOnDetail: true }));
    if (!a) return undefined;
    const b = findScenario(items, argB) ?? (await this.pickSecond(items, a));
    if (!b) return undefined;
    const problems = this.c.problems;
    const sa = loadScenarioFile(this.c, a.path, problems);
    const sb = sa && loadScenarioFile(this.c, b.path, problems);
    if (!sa || !sb) return undefined;
    const ha = scenarioHooks(this.c, a.path, sa);
    const hb = ha && scenarioHooks(this.c, b.path, sb);
    if (!ha || !hb) return undefined;
    const same = a.path === b.path;
    const seedOfB = typeof seedB === 'number' ? seedB : same && 'anotherSeed' in b ? randomInt(1, 2 ** 31 - 1) : undefined;
    const runA = runScenario(sa, {}, ha);
    const runB = runScenario(sb, { seed: seedOfB }, hb);
    const labels = runLabels({ name: sa.name, seed: runA.summary.seed }, { name: sb.name, seed: runB.summary.seed });
    this.open(labels, runA, runB);
    this.c.log(`compare: ${labels[0]} (${runA.status}, ${runA.events.length} events) vs ${labels[1]} (${runB.status}, ${runB.events.length} events)`);
    void vscode.window.showInformationMessage(`LKL Scope: comparing ${labels[0]} with ${labels[1]}: zoom and pan move both.`, 'Show Differences').then((choice) => {
      if (choice) void this.showDifferences();
    });
    return { a: this.pair!.panels[0].currentSession.id, b: this.pair!.panels[1].currentSession.id };
  }

  private async pickSecond(items: ScenarioItem[], a: ScenarioItem): Promise<(ScenarioItem & { anotherSeed?: true }) | undefined> {
    const partner = suggestPartner(a.path, items.map((i) => i.path));
    const sorted = [...items].sort((x, y) => Number(y.path === partner) - Number(x.path === partner));
    const seedItem = { ...a, label: `${a.label}, another seed`, description: 'the same scenario with a new seed', anotherSeed: true as const };
    return vscode.window.showQuickPick<ScenarioItem & { anotherSeed?: true }>(
      [seedItem, ...sorted.map((i) => (i.path === partner ? { ...i, description: `suggested · ${i.description ?? ''}` } : i))],
      { title: `Compare Two Runs (2/2): compare ${a.label} with…`, matchOnDetail: true },
    );
  }

  /** Opens the Markdown report of the open comparison. */
  async showDifferences(): Promise<void> {
    if (!this.pair) throw new Error('no comparison is open: use "LKL Scope: Compare Two Runs…"');
    const doc = await vscode.workspace.openTextDocument({ content: this.pair.markdown, language: 'markdown' });
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Active });
  }

  private open(labels: [string, string], runA: ScenarioRun, runB: ScenarioRun): void {
    this.close();
    const titles = compareTitles(labels);
    const link = new CompareLink(labels);
    const sessions = [sessionOfRun(runA, labels[0]), sessionOfRun(runB, labels[1])] as const;
    const make = (side: Side, column: vscode.ViewColumn): TimelinePanel => {
      const wp = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, titles[side], { viewColumn: column, preserveFocus: side === 1 }, { enableScripts: true });
      const panel = new TimelinePanel(wp, sessions[side], {
        ...this.c.panelHostFor(() => sessions[side]),
        onViewRange: (r) => this.post(link.viewRange(side, r)),
      });
      panel.onDidBecomeReady(() => this.post(link.attached(side)));
      wp.onDidDispose(() => {
        this.post(link.closed(side));
        if (this.pair?.link !== link) return;
        this.pair = undefined;
        void vscode.commands.executeCommand('setContext', 'lklScope.comparing', false);
      });
      return panel;
    };
    const panels: [TimelinePanel, TimelinePanel] = [make(0, vscode.ViewColumn.One), make(1, vscode.ViewColumn.Beside)];
    this.pair = { panels, link, markdown: runsDiffMarkdown(labels, runA, runB) };
    void vscode.commands.executeCommand('setContext', 'lklScope.comparing', true);
  }

  private post(posts: ReturnType<CompareLink['attached']>): void {
    for (const p of posts) this.pair?.panels[p.side].post(p.msg);
  }

  /** Closes the open comparison's panels. */
  close(): void {
    const p = this.pair;
    this.pair = undefined;
    p?.panels.forEach((x) => x.dispose());
  }

  override dispose(): void {
    this.close();
    super.dispose();
  }
}
