// `lkl-scope run <scenario> --html`: the page carries the scenario's fired notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../../src/cli/main';
import type { StandaloneData } from '../../../src/protocol/messages';

const ROOT = resolve(__dirname, '../../../..');
const built = existsSync(join(ROOT, 'dist', 'webview', 'main.js'));

test('run priority-inversion --html embeds its notes with times and tasks', { skip: !built && 'webview not built' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-cli-notes-'));
  let err = '';
  const html = join(dir, 'p.html');
  const code = await main(['run', 'priority-inversion', '--out', join(dir, 'p.json'), '--html', html], {
    out: () => undefined,
    err: (t) => void (err += t),
  });
  assert.equal(code, 0, err);
  const m = /<script type="application\/json" id="lkl-data">([\s\S]*?)<\/script>/.exec(readFileSync(html, 'utf8'));
  const data = JSON.parse(m![1]) as StandaloneData;
  const notes = data.notes ?? [];
  const sc = JSON.parse(readFileSync(join(ROOT, 'scenarios', 'priority-inversion.scenario.json'), 'utf8')) as { notes: { text: string }[] };
  assert.equal(notes.length, sc.notes.length);
  assert.deepEqual(new Set(notes.map((n) => n.text)), new Set(sc.notes.map((n) => n.text)));
  const last = data.columns.ts[data.columns.count - 1];
  for (const n of notes) assert.ok(n.ts >= 0 && n.ts <= last, `${n.id} at ${n.ts} inside the trace`);
  assert.ok(notes.some((n) => n.task !== undefined && data.session.names.tasks.some(([pid]) => pid === n.task)));
});
