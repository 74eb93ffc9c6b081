// `lkl-scope import`: placeholder until its issue lands.
import { CliError, type Command } from '../command';

export const importCommand: Command = {
  name: 'import',
  summary: 'not built yet',
  usage: 'lkl-scope import: not built yet',
  async run() {
    throw new CliError('lkl-scope import is not built yet');
  },
};
