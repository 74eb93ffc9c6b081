// `perf sched script` / `perf script` text: `comm pid[/tid] [cpu] secs.frac: sys:event: fields`.
// The comm is right-aligned and may contain spaces, so the line is anchored on ` [cpu] `.
import { TextImporter } from './textImporter';
import type { ImportOptions, Importer } from './types';

export function createPerfImporter(opts: ImportOptions = {}): Importer {
  return new TextImporter('perf', 'perf', opts);
}
