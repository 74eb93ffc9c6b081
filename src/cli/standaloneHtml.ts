// out/boot.html: the timeline webview bundle in one self-contained page that opens in any browser
// (no VS Code, no network), with the trace embedded as JSON the webview's standalone transport reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBatch } from '../protocol/chunk';
import { PROTOCOL_VERSION, type KernelState, type SessionInfo, type StandaloneData, type TimelineNote } from '../protocol/messages';
import type { TraceEvent } from '../trace/events';

export interface StandaloneHtmlOptions {
  title: string;
  /** dist/webview/main.js */
  scriptJs: string;
  /** dist/webview/timeline.css */
  css: string;
  session: SessionInfo;
  events: readonly TraceEvent[];
  status?: { state: KernelState; detail?: string };
  /** A scenario's fired notes; omitted from the page when absent. */
  notes?: readonly TimelineNote[];
}

/** The embedded data: the batch columns as plain arrays. */
export function standaloneData(
  session: SessionInfo,
  events: readonly TraceEvent[],
  status?: StandaloneData['status'],
  notes?: readonly TimelineNote[],
): StandaloneData {
  const b = encodeBatch(events);
  return {
    version: PROTOCOL_VERSION,
    session,
    status: status ?? { state: 'halted' },
    ...(notes ? { notes: [...notes] } : {}),
    columns: {
      count: b.count,
      seq: Array.from(b.seq), ts: Array.from(b.ts), kind: Array.from(b.kind), host: Array.from(b.host),
      task: Array.from(b.task), obj: Array.from(b.obj), peer: Array.from(b.peer), gen: Array.from(b.gen),
      argType: Array.from(b.argType), argNum: Array.from(b.argNum), argStr: b.argStr,
    },
  };
}

export function buildStandaloneHtml(o: StandaloneHtmlOptions): string {
  // `<` escaped in the JSON and `</script` in the code so no embedded text can close its element
  const json = JSON.stringify(standaloneData(o.session, o.events, o.status, o.notes))
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  const js = o.scriptJs.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  const css = o.css.replace(/<\/(style)/gi, '<\\/$1');
  const csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(o.title)}</title>
<style>
${css}
</style>
</head>
<body data-state="loading" data-host="standalone">
<div id="app"></div>
<script type="application/json" id="lkl-data">${json}</script>
<script>
${js}
</script>
</body>
</html>
`;
}

/** Reads the built webview bundle from `<root>/dist/webview` (run `node scripts/build.mjs` first). */
export function readWebviewAssets(root: string): { scriptJs: string; css: string } {
  const dir = join(root, 'dist', 'webview');
  try {
    return { scriptJs: readFileSync(join(dir, 'main.js'), 'utf8'), css: readFileSync(join(dir, 'timeline.css'), 'utf8') };
  } catch (e) {
    throw new Error(`webview bundle not found in ${dir} (build first): ${e instanceof Error ? e.message : String(e)}`);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
