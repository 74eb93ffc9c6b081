// Export Timeline Image…: the webview renders its current view as PNG or SVG; we save it.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TimelinePanel } from './timelinePanel';

export async function exportImage(panel: TimelinePanel | undefined, target?: vscode.Uri, format?: 'png' | 'svg'): Promise<vscode.Uri | undefined> {
  if (!panel || !panel.isReady) throw new Error('open the timeline first (LKL Scope: Show Timeline)');
  const fmt = format ?? (await vscode.window.showQuickPick(['png', 'svg'], { title: 'Export Timeline Image', placeHolder: 'Image format' })) as 'png' | 'svg' | undefined;
  if (!fmt) return undefined;
  const uri = target ?? (await vscode.window.showSaveDialog({
    title: 'Export Timeline Image',
    defaultUri: vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, `timeline.${fmt}`) : undefined,
    filters: fmt === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
  }));
  if (!uri) return undefined;
  const body = (await panel.request({ kind: 'exportImage', format: fmt })) as { format?: string; data?: unknown } | undefined;
  if (!body || typeof body.data !== 'string') throw new Error('the timeline returned no image');
  if (fmt === 'png') {
    const m = /^data:image\/png;base64,(.*)$/s.exec(body.data);
    if (!m) throw new Error('the timeline returned a PNG that is not a data URL');
    writeFileSync(uri.fsPath, Buffer.from(m[1], 'base64'));
  } else writeFileSync(uri.fsPath, body.data);
  void vscode.window.showInformationMessage(`LKL Scope: timeline image saved to ${uri.fsPath}`);
  return uri;
}
