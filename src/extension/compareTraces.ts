// Compare Two Traces…: imports two files and shows their per-comm differences (switches, CPU
// share, wake-up latency) as a Markdown report, from the same analyses as `lkl-scope stats --diff`.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { diffSummaries, traceSummary } from '../trace/analyses/index';
import { diffMarkdown } from './diffMarkdown';
import { importFile } from './openTrace';

export async function compareTraces(paths?: [string, string]): Promise<void> {
  let files = paths;
  if (!files) {
    const picked = await vscode.window.showOpenDialog({ title: 'Compare Two Traces: pick two files', canSelectMany: true, openLabel: 'Compare' });
    if (!picked) return;
    if (picked.length !== 2) throw new Error(`pick exactly two trace files (got ${picked.length})`);
    files = [picked[0].fsPath, picked[1].fsPath];
  }
  const [a, b] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LKL Scope: comparing traces', cancellable: true },
    (progress, token) => Promise.all(files!.map((f) => importFile(f, progress, token))),
  );
  for (const [r, f] of [[a, files[0]], [b, files[1]]] as const) if (r.error) throw new Error(`${basename(f)}: ${r.error}`);
  const sum = (r: typeof a) => traceSummary({ format: r.format, store: r.store, names: r.meta.names, bySource: r.bySource, lines: r.lines, diagnostics: r.diagnostics, source: r.meta.source });
  const md = diffMarkdown(basename(files[0]), basename(files[1]), diffSummaries(sum(a), sum(b)));
  const doc = await vscode.workspace.openTextDocument({ content: md, language: 'markdown' });
  await vscode.window.showTextDocument(doc, { preview: false });
}
