// Export Trace…: the session as LKL Scope Chrome JSON, written atomically.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../cli/io';
import { writeChromeJson } from '../trace/chromeJson';
import type { TraceSession } from './session';

export async function exportTrace(session: TraceSession, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (session.eventCount === 0) throw new Error('there is no trace to export yet');
  let uri = target;
  if (!uri) {
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${session.title.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-')}.lkltrace.json`;
    uri = await vscode.window.showSaveDialog({
      title: 'Export Trace as Chrome JSON',
      defaultUri: base ? vscode.Uri.joinPath(base, name) : undefined,
      filters: { 'LKL Scope trace': ['json'] },
    });
    if (!uri) return undefined;
  }
  if (target && existsSync(uri.fsPath)) {
    const ok = await vscode.window.showWarningMessage(`${uri.fsPath} exists. Overwrite it?`, { modal: true }, 'Overwrite');
    if (ok !== 'Overwrite') return undefined;
  }
  const bytes = writeFileAtomic(uri.fsPath, writeChromeJson(session.meta, session.iterEvents()));
  void vscode.window.showInformationMessage(`LKL Scope: exported ${session.eventCount} events (${(bytes / 1e6).toFixed(1)} MB) to ${uri.fsPath}`);
  return uri;
}
