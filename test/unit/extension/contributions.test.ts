// package.json and the command table must agree: a contributed command nobody registers fails
// when clicked, and a registered one left out of package.json never reaches the palette.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '../../../..');

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
// commands.ts imports vscode, so its table is read as text: `  name: (c…` lines inside COMMANDS.
const source = readFileSync(join(ROOT, 'src/extension/commands.ts'), 'utf8');
const table = source.slice(source.indexOf('const COMMANDS'), source.indexOf('export function registerCommands'));
const registered = new Set([...table.matchAll(/^ {2}(\w+): (?:async )?\(/gm)].map((m) => `lklScope.${m[1]}`));

test('every contributed command is registered, and every registered one is contributed', () => {
  const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
  assert.ok(registered.size >= 15, `parsed ${registered.size} registered commands`);
  assert.deepEqual([...contributed].filter((c) => !registered.has(c)), [], 'contributed but not registered');
  assert.deepEqual([...registered].filter((c) => !contributed.has(c)), [], 'registered but not contributed');
});

test('commands sit in the LKL Scope category and menus name only contributed commands', () => {
  const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const c of manifest.contributes.commands) assert.equal(c.category, 'LKL Scope', c.command);
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const i of items) assert.ok(contributed.has(i.command), `${menu} names ${i.command}`);
  }
});
