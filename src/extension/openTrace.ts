// Opening trace files: stream the bytes through the sniffing importer with a cancellable
// progress notification, report located diagnostics, and never throw for a bad file.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { formatDiagnostic, SniffingImporter, type ImportResult } from '../importers';
import { TraceSession } from './session';

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

/** Reads and imports `path`; throws ImportCancelled if the user cancels, never for bad content. */
export async function importFile(
  path: string,
  progress?: vscode.Progress<{ message?: string; increment?: number }>,
  token?: vscode.CancellationToken,
): Promise<ImportResult> {
  const total = Math.max(1, statSync(path).size);
  const name = basename(path);
  const imp = new SniffingImporter({ fileName: name });
  let read = 0;
  let reported = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (token?.isCancellationRequested) throw new ImportCancelled();
      imp.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      read += chunk.byteLength;
      const pct = Math.floor((read / total) * 100);
      if (pct > reported) {
        progress?.report({ increment: pct - reported, message: `${name}: ${(read / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB` });
        reported = pct;
      }
    }
  } finally {
    stream.destroy();
  }
  return imp.end();
}

/** A session for an imported file, or an error message naming the file. */
export function sessionFromImport(path: string, r: ImportResult): TraceSession | string {
  const name = basename(path);
  if (r.error) return `${name}: ${r.error}`;
  const session = new TraceSession(name, r.meta, false);
  // the importer's columns as they are: no event objects for a file of millions
  session.adopt(r.store);
  session.setStatus(r.meta.source === 'runtime' ? 'halted' : 'idle', `${r.format}, ${r.store.count} events`);
  return session;
}

/** Imports with a progress notification; shows problems to the user; undefined if none loaded. */
export async function openTraceWithProgress(path: string, log: (l: string) => void): Promise<TraceSession | undefined> {
  const name = basename(path);
  let result: ImportResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `LKL Scope: importing ${name}`, cancellable: true },
      (progress, token) => importFile(path, progress, token),
    );
  } catch (e) {
    if (e instanceof ImportCancelled) return undefined;
    const msg = `${name}: ${(e as Error).message}`;
    log(msg);
    void vscode.window.showErrorMessage(`LKL Scope: cannot read ${msg}`);
    return undefined;
  }
  const session = sessionFromImport(path, result);
  if (typeof session === 'string') {
    log(session);
    void vscode.window.showErrorMessage(`LKL Scope: ${session}`);
    return undefined;
  }
  log(`${name}: ${result.format}, ${result.store.count} events; lines parsed ${result.lines.parsed}, skipped ${result.lines.skipped}, broken ${result.lines.broken}`);
  for (const d of result.diagnostics) log(formatDiagnostic(name, d));
  if (result.lines.broken > 0) {
    const first = result.diagnostics[0];
    void vscode.window.showWarningMessage(
      `LKL Scope: ${result.lines.broken} line(s) of ${name} could not be read${first ? `; first: ${formatDiagnostic(name, first)}` : ''}. The rest is loaded; see the LKL Scope output.`,
    );
  }
  return session;
}
