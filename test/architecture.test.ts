// The boundaries of DESIGN.md, checked on every source file's imports and on the calls that
// would bring wall-clock time or randomness into the deterministic layers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
type Layer = 'runtime' | 'trace' | 'importers' | 'protocol' | 'cli' | 'extension' | 'webview' | 'other';

function layerOf(rel: string): Layer {
  const m = /^(?:src\/(runtime|trace|importers|protocol|cli|extension)|(webview))(?:\/|$)/.exec(rel);
  return (m?.[1] ?? m?.[2] ?? 'other') as Layer;
}

/** Which layers each layer may import (relative imports resolved to a layer). */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  runtime: ['runtime', 'trace'],
  trace: ['trace'],
  importers: ['importers', 'trace'],
  protocol: ['protocol', 'trace'],
  cli: ['cli', 'runtime', 'trace', 'importers', 'protocol'],
  extension: ['extension', 'runtime', 'trace', 'importers', 'protocol', 'cli'],
  webview: ['webview', 'protocol', 'trace'],
  other: [],
};
const PURE: ReadonlySet<Layer> = new Set(['runtime', 'trace', 'importers', 'protocol']);
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const WEBVIEW_PACKAGES = /^(d3(-[a-z-]+)?|@vscode\/webview-ui-toolkit|@vscode-elements\/elements)(\/|$)/;
const FORBIDDEN_CALLS: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now'],
  [/\bnew Date\s*\(/, 'new Date'],
  [/\bMath\.random\s*\(/, 'Math.random'],
  [/\bperformance\.now\s*\(/, 'performance.now'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/, 'timers'],
  [/\bprocess\./, 'process'],
];

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function specifiers(src: string): string[] {
  const out: string[] = [];
  const re = /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?|\bexport\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  for (let m; (m = re.exec(src)); ) out.push(m[1]);
  return out;
}

/** Every breach of the rules in one file, as "file: what". */
export function checkFile(rel: string, src: string): string[] {
  const layer = layerOf(rel);
  if (layer === 'other') return [];
  const code = stripComments(src);
  const bad: string[] = [];
  for (const spec of specifiers(code)) {
    if (spec.startsWith('.')) {
      const target = layerOf(relative(ROOT, resolve(ROOT, dirname(rel), spec)));
      if (!MAY_IMPORT[layer].includes(target)) bad.push(`${rel}: ${layer} imports ${target} ("${spec}")`);
    } else if (spec === 'vscode') {
      if (layer !== 'extension') bad.push(`${rel}: ${layer} imports vscode`);
    } else if (NODE.has(spec)) {
      if (PURE.has(layer) || layer === 'webview') bad.push(`${rel}: ${layer} imports node module "${spec}"`);
    } else if (layer === 'webview' && !WEBVIEW_PACKAGES.test(spec)) {
      bad.push(`${rel}: webview imports package "${spec}" that is not a browser dependency`);
    }
  }
  if (PURE.has(layer)) {
    for (const [re, what] of FORBIDDEN_CALLS) if (re.test(code)) bad.push(`${rel}: ${layer} uses ${what}`);
  }
  return bad;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

test('every source file keeps to the layer table of DESIGN.md', () => {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'webview'))];
  assert.ok(files.length > 5, 'found the sources');
  const breaches = files.flatMap((f) => checkFile(relative(ROOT, f), readFileSync(f, 'utf8')));
  assert.deepEqual(breaches, []);
});

test('the checker catches each kind of breach', () => {
  assert.deepEqual(checkFile('src/runtime/arch/cpu.ts', "import * as vscode from 'vscode';"), [
    'src/runtime/arch/cpu.ts: runtime imports vscode',
  ]);
  assert.equal(checkFile('src/trace/store.ts', "import { readFileSync } from 'node:fs';").length, 1);
  assert.equal(checkFile('src/importers/ftrace.ts', "import { x } from '../runtime/runtime';").length, 1);
  assert.equal(checkFile('webview/main.ts', "import { Runtime } from '../src/runtime/runtime';").length, 1);
  assert.equal(checkFile('webview/main.ts', "import * as path from 'path';").length, 1);
  assert.equal(checkFile('src/runtime/host/clock.ts', 'const t = Date.now();').length, 1);
  assert.equal(checkFile('src/runtime/host/x.ts', 'setTimeout(() => 0, 1);').length, 1);
  assert.equal(checkFile('src/trace/x.ts', 'const r = Math.random();').length, 1);
  assert.equal(checkFile('src/cli/main.ts', "export { x } from '../extension/activate';").length, 1);
  assert.deepEqual(checkFile('src/runtime/x.ts', '// Date.now() is never used here\nconst a = 1;'), []);
  assert.deepEqual(checkFile('webview/main.ts', "import * as d3 from 'd3';\nimport { t } from '../src/trace/events';"), []);
  assert.deepEqual(checkFile('src/extension/a.ts', "import * as vscode from 'vscode';\nimport { x } from '../runtime/r';"), []);
  assert.deepEqual(checkFile('src/extension/a.ts', "import { importTrace } from '../importers';"), [], 'a folder index import');
  assert.equal(checkFile('webview/a.ts', "import { x } from '../src/importers';").length, 1);
});
