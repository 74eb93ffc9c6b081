// `lkl-scope scenarios`: the workshop library (and any *.scenario.json in --dir), with descriptions.
// Also the file side of scenarios for other commands: find the library, load by name, path or text.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatError } from '../../runtime/scenario/located';
import { loadScenario } from '../../runtime/scenario/loader';
import type { Scenario } from '../../runtime/scenario/types';
import { parseCommandArgs } from '../args';
import { CliError, type Command } from '../command';

const SUFFIX = '.scenario.json';

/** The shipped library folder: `scenarios/` beside package.json, found upward from this file. */
export function libraryDir(from = __dirname): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const cand = join(dir, 'scenarios');
    if (existsSync(join(dir, 'package.json')) && existsSync(cand)) return cand;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** Scenario files in `dir` (not recursive), sorted by name. */
export function scenarioFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
    .map((f) => join(dir, f));
}

export type LoadedScenario =
  { ok: true; scenario: Scenario; file: string } | { ok: false; errors: string[] };

/**
 * A scenario from a library name (`sem-ping-pong`), a file path, or the JSON text itself; bad
 * input gives `file:line:column: message` lines, and nothing is started.
 */
export function loadScenarioByNameOrText(arg: string, library = libraryDir()): LoadedScenario {
  const trimmed = arg.trimStart();
  if (trimmed.startsWith('{')) {
    const r = loadScenario(arg, '<scenario text>');
    return r.ok
      ? { ok: true, scenario: r.scenario, file: '<scenario text>' }
      : { ok: false, errors: r.errors.map(formatError) };
  }
  let file: string | null = null;
  if (existsSync(arg) && statSync(arg).isFile()) file = arg;
  else if (
    library &&
    /^[A-Za-z0-9_.-]+$/.test(arg) &&
    existsSync(join(library, `${arg}${SUFFIX}`))
  ) {
    file = join(library, `${arg}${SUFFIX}`);
  }
  if (!file) {
    const names = library ? scenarioFiles(library).map((f) => basename(f, SUFFIX)) : [];
    const known = names.length ? ` (library: ${names.join(', ')})` : '';
    return { ok: false, errors: [`${arg}: no such scenario file or library scenario${known}`] };
  }
  const text = readFileSync(file, 'utf8');
  const r = loadScenario(text, file);
  return r.ok
    ? { ok: true, scenario: r.scenario, file }
    : { ok: false, errors: r.errors.map(formatError) };
}

export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'list the workshop scenarios',
  usage: [
    'usage: lkl-scope scenarios [--dir DIR] [--json]',
    '',
    'Lists the scenario library (name and description), then any *.scenario.json in DIR.',
    'Run one with `lkl-scope run NAME`; check a file with `lkl-scope validate FILE`.',
    '',
    '  --dir DIR   also list the scenario files in DIR',
    '  --json      one JSON array of {name, description, file, valid}',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('scenarios', args, {
      dir: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0)
      throw new CliError(`scenarios: unexpected argument "${positionals[0]}"`, 2);
    if (values.dir && !existsSync(values.dir))
      throw new CliError(`scenarios: --dir ${values.dir}: no such folder`);
    const lib = libraryDir();
    const files = [
      ...(lib ? scenarioFiles(lib) : []),
      ...(values.dir ? scenarioFiles(resolve(values.dir)) : []),
    ];
    const rows = files.map((file) => {
      const r = loadScenario(readFileSync(file, 'utf8'), file);
      return r.ok
        ? { name: r.scenario.name, description: r.scenario.description, file, valid: true }
        : {
            name: basename(file, SUFFIX),
            description: `invalid: ${formatError(r.errors[0])}`,
            file,
            valid: false,
          };
    });
    if (values.json) {
      io.out(JSON.stringify(rows, null, 2) + '\n');
      return 0;
    }
    if (rows.length === 0) {
      io.out('no scenarios found\n');
      return 0;
    }
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) io.out(`${r.name.padEnd(width)}  ${r.description}\n`);
    return rows.every((r) => r.valid) ? 0 : 1;
  },
};
