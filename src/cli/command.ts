// The shape of one CLI subcommand; main.ts dispatches to these by name.

/** A user error: printed as one line without a stack trace; exit code 1 (or 2 for usage). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  usage: string;
  /** Returns the exit code; throws CliError for user errors. */
  run(args: string[], io: CliIo): Promise<number>;
}
