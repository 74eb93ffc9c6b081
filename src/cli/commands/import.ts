// `lkl-scope import FILE [--out OUT.json]`: any supported trace → LKL Scope's Chrome JSON
// (opens in Perfetto as is; reads back losslessly). Also the file loader `stats` shares.
import { importTraceSync, formatDiagnostic, type ImportResult } from '../../importers/index';
import { writeChromeJson } from '../../trace/chromeJson';
import { parseCommandArgs } from '../args';
import { CliError, type CliIo, type Command } from '../command';
import { readFileChunks, writeFileAtomic } from '../io';

/** Imports a file in 1 MiB chunks; a file that cannot be read or holds no trace is a CliError. */
export function loadTrace(path: string): ImportResult {
  let r: ImportResult;
  try {
    r = importTraceSync(readFileChunks(path), { fileName: path });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code) throw new CliError(`cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    throw e;
  }
  if (r.error) throw new CliError(`${path}: ${r.error}`);
  return r;
}

/** Prints the first diagnostics located as `file:line: message`, then how many more there were. */
export function reportDiagnostics(path: string, r: ImportResult, io: CliIo, max = 10): void {
  for (const d of r.diagnostics.slice(0, max)) io.err(formatDiagnostic(path, d) + '\n');
  if (r.diagnosticCount > max) io.err(`${path}: ... and ${r.diagnosticCount - max} more problems\n`);
}

export const importCommand: Command = {
  name: 'import',
  summary: 'convert an ftrace, trace-cmd, perf or Chrome JSON trace to LKL Scope Chrome JSON',
  usage: [
    'usage: lkl-scope import FILE [--out OUT.json]',
    '',
    'Reads FILE (ftrace text with or without TGID/irq-info columns, latency format, tp_printk console',
    'capture, trace-cmd report, perf sched script, Chrome/Perfetto JSON; detected from the content)',
    'and writes LKL Scope Chrome Trace Event JSON, which Perfetto and chrome://tracing open and',
    'LKL Scope reads back losslessly. Without --out the JSON goes to stdout.',
    'Lines that do not parse are reported as FILE:LINE: what was expected; the rest still imports.',
    '',
    'options:',
    '  --out OUT.json   write to this file (atomically) instead of stdout',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('import', args, { out: { type: 'string' } });
    if (positionals.length !== 1) throw new CliError('import: expected exactly one FILE (see lkl-scope import --help)', 2);
    const path = positionals[0];
    const r = loadTrace(path);
    reportDiagnostics(path, r, io);
    const chunks = writeChromeJson(r.meta, r.store.iterEvents());
    if (values.out) {
      const bytes = writeFileAtomic(values.out, chunks);
      io.err(`${path}: ${r.format}, ${r.store.count} events, ${r.lines.broken} broken lines → ${values.out} (${bytes} bytes)\n`);
    } else {
      for (const c of chunks) io.out(c);
    }
    return 0;
  },
};
