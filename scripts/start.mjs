// `npm start`: install if needed, build, boot the default scenario, halt, and write
// out/boot.trace.json plus a self-contained out/boot.html timeline.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (!existsSync(join(root, 'node_modules/.package-lock.json')) && run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
process.exit(run(process.execPath, ['dist/cli.js', 'run', '--out', 'out/boot.trace.json', '--html', 'out/boot.html', ...process.argv.slice(2)]));
