// Custom editor for *.lkltrace.json: the file opens straight into a timeline.
import * as vscode from 'vscode';
import { Disposable } from './disposable';
import { importFile, sessionFromImport } from './openTrace';
import type { TraceSession } from './session';
import { TimelinePanel, type PanelHost } from './timelinePanel';

export const TRACE_EDITOR_VIEW_TYPE = 'lklScope.traceEditor';

class TraceDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    readonly session: TraceSession | undefined,
    readonly error: string | undefined,
  ) {}
  dispose(): void {}
}

export class TraceEditorProvider extends Disposable implements vscode.CustomReadonlyEditorProvider<TraceDocument> {
  constructor(private readonly host: PanelHost) {
    super();
  }

  async openCustomDocument(uri: vscode.Uri, _ctx: vscode.CustomDocumentOpenContext, token: vscode.CancellationToken): Promise<TraceDocument> {
    const result = await importFile(uri.fsPath, undefined, token);
    const s = sessionFromImport(uri.fsPath, result);
    return typeof s === 'string' ? new TraceDocument(uri, undefined, s) : new TraceDocument(uri, s, undefined);
  }

  resolveCustomEditor(doc: TraceDocument, panel: vscode.WebviewPanel): void {
    if (!doc.session) {
      panel.webview.html = `<!DOCTYPE html><html><body data-state="error"><p>${escape(doc.error ?? 'cannot read this file')}</p></body></html>`;
      this.host.log(doc.error ?? '');
      return;
    }
    const timeline = new TimelinePanel(panel, doc.session, this.host);
    this._register(timeline);
  }
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
