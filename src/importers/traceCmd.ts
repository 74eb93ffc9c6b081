// `trace-cmd report` text: ftrace's line prefix after a `cpus=N` header, with trace-cmd's plugin
// field layouts (`comm:pid [prio] S ==> comm:pid [prio]`) and the `-R` raw form, both handled
// by schedFields.ts.
import { TextImporter } from './textImporter';
import type { ImportOptions, Importer } from './types';

export function createTraceCmdImporter(opts: ImportOptions = {}): Importer {
  return new TextImporter('trace-cmd', 'ftrace', opts);
}
