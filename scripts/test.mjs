// `npm test`: install if needed, build, compile tests, run unit tests, then the end-to-end tests
// in a real VS Code (code-server + Chromium). Ends with one line: "N passed, N failed".
//   --unit   unit tests only      --e2e   end-to-end only      --no-build   skip the build
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = new Set(process.argv.slice(2));
const wantUnit = !argv.has('--e2e');
const wantE2e = !argv.has('--unit');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

function walk(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

if (!argv.has('--no-build') && run(process.execPath, ['scripts/build.mjs']) !== 0) {
  console.log('build failed: no tests ran\n0 passed, 1 failed');
  process.exit(1);
}

// Node 20 cannot run TypeScript: transpile (no bundling) every source, test and bench file to out/.
const esbuild = await import('esbuild');
const entries = ['src', 'webview', 'test', 'bench']
  .flatMap((d) => walk(join(root, d), (p) => p.endsWith('.ts') && !p.endsWith('.d.ts')))
  .map((p) => relative(root, p));
await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'out',
  outbase: '.',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});

if (argv.has('--compile-only')) process.exit(0);

const totals = { pass: 0, fail: 0 };
function nodeTest(name, files, extra) {
  if (files.length === 0) return;
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const tap = join(root, 'test-results', `${name}.tap`);
  run(process.execPath, [
    '--enable-source-maps',
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...extra,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? (text ? 0 : 1));
  const cancelled = Number(/^# cancelled (\d+)/m.exec(text)?.[1] ?? 0);
  console.log(`${name}: ${pass} passed, ${fail + cancelled} failed`);
  totals.pass += pass;
  totals.fail += fail + cancelled;
}

if (wantUnit) {
  const files = walk(join(root, 'out/test'), (p) => p.endsWith('.test.js') && !p.includes('/e2e/'));
  nodeTest('unit', files.map((p) => relative(root, p)), ['--test-timeout=600000']);
}
if (wantE2e) {
  if (run('bash', ['test/e2e/setup.sh']) !== 0) {
    totals.fail += 1;
    console.log('e2e: setup failed');
  } else {
    if (run('npx', ['vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', 'lkl-scope.vsix']) !== 0) {
      totals.fail += 1;
      console.log('e2e: packaging the .vsix failed');
    } else {
      const files = walk(join(root, 'out/test/e2e'), (p) => p.endsWith('.test.js'));
      nodeTest('e2e', files.map((p) => relative(root, p)), ['--test-concurrency=1', '--test-timeout=300000']);
    }
  }
}
console.log(`${totals.pass} passed, ${totals.fail} failed`);
process.exit(totals.fail === 0 && totals.pass > 0 ? 0 : 1);
