// `lkl-scope stats`: placeholder until its issue lands.
import { CliError, type Command } from '../command';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'not built yet',
  usage: 'lkl-scope stats: not built yet',
  async run() {
    throw new CliError('lkl-scope stats is not built yet');
  },
};
