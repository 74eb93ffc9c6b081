// `npm run bench [name...]`: transpile (as the tests do) and run each bench/*.bench.ts, which
// print their own figures. Benchmarks are never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const r = spawnSync(process.execPath, ['scripts/test.mjs', '--unit', '--no-build', '--compile-only'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
const benches = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n));
let failed = 0;
for (const name of benches) {
  console.log(`\n## ${name}`);
  const s = spawnSync(process.execPath, ['--expose-gc', `out/bench/${name}.bench.js`], { cwd: root, stdio: 'inherit' });
  if (s.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
