// Argument parsing for subcommands: node's parseArgs, with its errors turned into usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args`; bad usage becomes a CliError with exit code 2 naming the command. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional.*$/s, '');
    throw new CliError(`${command}: ${msg} (see lkl-scope ${command} --help)`, 2);
  }
}

/** An integer option value, or a usage error naming the option. */
export function intOption(command: string, name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new CliError(`${command}: --${name} expects an integer, got "${value}"`, 2);
  return Number(value);
}
