// Located diagnostics: `file:line: what was expected`. Counting never stops; storage is capped.
import type { Diagnostic } from './types';

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  count = 0;

  constructor(private readonly max = 1000) {}

  add(line: number, message: string): void {
    this.count++;
    if (this.list.length < this.max) this.list.push({ line, message });
  }
}

/** `trace.txt:17: expected ...`; a whole-file problem (line 0) omits the line. */
export function formatDiagnostic(fileName: string | undefined, d: Diagnostic): string {
  const file = fileName ?? '<input>';
  return d.line > 0 ? `${file}:${d.line}: ${d.message}` : `${file}: ${d.message}`;
}
