// `lkl-scope run`: placeholder until its issue lands.
import { CliError, type Command } from '../command';

export const runCommand: Command = {
  name: 'run',
  summary: 'not built yet',
  usage: 'lkl-scope run: not built yet',
  async run() {
    throw new CliError('lkl-scope run is not built yet');
  },
};
