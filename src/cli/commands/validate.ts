// `lkl-scope validate FILE...`: checks scenario files against the schema and their cross-references
// without starting a kernel; every problem as `file:line:column: field: what is wrong`, exit 1.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { formatError } from '../../runtime/scenario/located';
import { loadScenario } from '../../runtime/scenario/loader';
import { SCENARIO_SCHEMA } from '../../runtime/scenario/schema';
import { parseCommandArgs } from '../args';
import { schedModuleProblem } from '../schedModule';
import { CliError, type Command } from '../command';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check scenario files (schema and references) without running them',
  usage: [
    'usage: lkl-scope validate FILE... [--quiet]',
    '       lkl-scope validate --print-schema',
    '',
    'Checks each scenario file and prints every problem as file:line:column: field: message.',
    'Exit status 1 when any file has a problem. No kernel is started.',
    '',
    '  --quiet          print nothing for valid files',
    '  --print-schema   print the JSON Schema of scenario files (schemas/scenario.schema.json)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('validate', args, {
      quiet: { type: 'boolean' },
      'print-schema': { type: 'boolean' },
    });
    if (values['print-schema']) {
      io.out(JSON.stringify(SCENARIO_SCHEMA, null, 2) + '\n');
      return 0;
    }
    if (positionals.length === 0)
      throw new CliError('validate: give at least one scenario FILE', 2);
    let bad = 0;
    for (const file of positionals) {
      if (!existsSync(file) || !statSync(file).isFile()) {
        io.err(`${file}: no such file\n`);
        bad++;
        continue;
      }
      const text = readFileSync(file, 'utf8');
      const loaded = loadScenario(text, file);
      // A scheduling class module must exist (it is not run here).
      const missing = loaded.ok ? schedModuleProblem(file, text, loaded.scenario) : null;
      const r = missing ? { ok: false as const, errors: [missing] } : loaded;
      if (r.ok) {
        if (!values.quiet)
          io.out(`${file}: ok (${r.scenario.name}, ${r.scenario.threads.length} threads)\n`);
        continue;
      }
      bad++;
      for (const e of r.errors) io.err(formatError(e) + '\n');
      io.err(`${file}: ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}\n`);
    }
    return bad > 0 ? 1 : 0;
  },
};
