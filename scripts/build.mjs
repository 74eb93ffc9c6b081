// Build: type-check every layer with its own tsconfig (the boundaries of DESIGN.md), then bundle
// with esbuild: dist/extension.js, dist/cli.js, dist/webview/{main.js,timeline.css}.
//   --typecheck-only   no bundles      --no-typecheck   bundles only (quick iterations)
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const LAYERS = ['src/runtime', 'src/trace', 'src/cli', 'src/extension', 'webview', 'test'];

function tsc(project) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--pretty'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ project, code, out }));
  });
}

export async function typecheck() {
  const results = await Promise.all(LAYERS.map((l) => tsc(join(l, 'tsconfig.json'))));
  let failed = false;
  for (const r of results) {
    if (r.code !== 0) {
      failed = true;
      process.stderr.write(`type errors in ${r.project}:\n${r.out}\n`);
    }
  }
  if (failed) throw new Error('type check failed');
}

export async function bundle() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  // mainFields: prefer ESM entry points; jsonc-parser's `main` is a UMD build esbuild cannot follow.
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', target: 'es2022', absWorkingDir: root, mainFields: ['module', 'main'] };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['src/extension/activate.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
    }),
    esbuild.build({
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      platform: 'node',
      format: 'cjs',
      banner: { js: '#!/usr/bin/env node' },
    }),
    esbuild.build({
      ...common,
      entryPoints: ['webview/main.ts'],
      outfile: 'dist/webview/main.js',
      platform: 'browser',
      format: 'iife',
      minify: true,
    }),
  ]);
  mkdirSync(join(root, 'dist/webview'), { recursive: true });
  cpSync(join(root, 'media/timeline.css'), join(root, 'dist/webview/timeline.css'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const t0 = performance.now();
    if (!args.has('--no-typecheck')) await typecheck();
    if (!args.has('--typecheck-only')) await bundle();
    console.log(`build ok in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`build failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
