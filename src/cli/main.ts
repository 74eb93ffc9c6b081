// The headless `lkl-scope` command: dispatches to one module per subcommand.
// User errors print one line and exit 1 (2 for bad usage); only internal bugs print a stack.
import { CliError, type CliIo, type Command } from './command';
import { importCommand } from './commands/import';
import { runCommand } from './commands/run';
import { scenariosCommand } from './commands/scenarios';
import { selftestCommand } from './commands/selftest';
import { statsCommand } from './commands/stats';
import { validateCommand } from './commands/validate';

const COMMANDS: Command[] = [runCommand, importCommand, statsCommand, selftestCommand, scenariosCommand, validateCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: lkl-scope <command> [options]',
    '',
    'LKL Scope: boot an LKL-style kernel runtime and read kernel traces.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'lkl-scope <command> --help shows a command\'s options.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const which = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out((which ? which.usage : overview()) + '\n');
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`lkl-scope: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.usage + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`lkl-scope ${cmd.name}: ${e.message.replace(new RegExp(`^${cmd.name}: `), '')}\n`);
      return e.exitCode;
    }
    io.err(`lkl-scope ${cmd.name}: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    return 1;
  }
}

/** Standard streams; process.exitCode (not exit()) lets pending writes drain. */
const nodeIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

if (require.main === module) {
  // `lkl-scope stats big.txt | head`: a closed pipe ends the output, not the process with a stack.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  main(process.argv.slice(2), nodeIo).then((code) => {
    process.exitCode = code;
  });
}
