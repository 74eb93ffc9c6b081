// `lkl-scope selftest [--seed N]`: LKL's boot tests (tools/lkl/tests/boot.c) on the runtime,
// reported as TAP13 the way LKL's test.c does; exit 1 on any failure.
import { performance } from 'node:perf_hooks';
import { runDefaultProgram, type TestResult } from '../../runtime/program/defaultProgram';
import { intOption, parseCommandArgs } from '../args';
import { CliError, type Command } from '../command';

const USAGE = `usage: lkl-scope selftest [--seed N]

Boots the kernel runtime and runs LKL's boot tests in boot.c's order, printing TAP version 13:
"1..N", then "ok i name" or "not ok i name" with a YAML block (virtual time, log), then a summary.

  --seed N   seed of the deterministic host (default 1)

Exit code 0 when every test passed, 1 otherwise.`;

/** TAP13 text for a list of results (LKL's runner: plan, one line per test, YAML, summary). */
export function tapReport(suite: string, tests: readonly TestResult[], extra = ''): string {
  const lines = ['TAP version 13', `1..${tests.length} # ${suite}`];
  tests.forEach((t, i) => {
    lines.push(`${t.ok ? 'ok' : 'not ok'} ${i + 1} ${t.name}`);
    lines.push('  ---', `  time_us: ${Math.round(t.durNs / 1000)}`, '  log: |');
    for (const l of t.log.split('\n')) lines.push(`    ${l}`);
    lines.push('  ...');
  });
  const failed = tests.filter((t) => !t.ok).length;
  lines.push(
    `# summary: ${tests.length} tests, ${tests.length - failed} ok, ${failed} not ok${extra}`,
  );
  return lines.join('\n') + '\n';
}

export const selftestCommand: Command = {
  name: 'selftest',
  summary: "run LKL's boot tests on the runtime and print TAP13",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('selftest', args, {
      seed: { type: 'string' },
    });
    if (positionals.length > 0) throw new CliError('selftest: takes no positional arguments', 2);
    const seed = intOption('selftest', 'seed', values.seed, 1);
    const t0 = performance.now();
    const r = runDefaultProgram({ seed, wallMs: () => performance.now() });
    const wallMs = performance.now() - t0;
    const status = r.status === 'halted' ? '' : `; kernel ${r.status}: ${r.summary.detail}`;
    io.out(tapReport('boot', r.tests, `; seed ${seed}; ${wallMs.toFixed(0)} ms wall${status}`));
    return r.tests.every((t) => t.ok) && r.status === 'halted' ? 0 : 1;
  },
};
