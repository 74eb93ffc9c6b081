// `lkl-scope selftest`: placeholder until its issue lands.
import { CliError, type Command } from '../command';

export const selftestCommand: Command = {
  name: 'selftest',
  summary: 'not built yet',
  usage: 'lkl-scope selftest: not built yet',
  async run() {
    throw new CliError('lkl-scope selftest is not built yet');
  },
};
