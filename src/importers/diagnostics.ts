// Located diagnostics: `file:line: what was expected`. Counting never stops; storage is capped.
import type { Diagnostic } from './types';

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  count = 0;

  constructor(private readonly max = 1000) {}

  add(line: number, message: string): void {
    this.count++;
    // One line each, whatever the input put into the message (parser errors quote it).
    const oneLine = message.replace(/[\r\n\t]+/g, ' ');
    if (this.list.length < this.max) this.list.push({ line, message: oneLine.length > 300 ? oneLine.slice(0, 297) + '...' : oneLine });
  }
}

/** `trace.txt:17: expected ...`; a whole-file problem (line 0) omits the line. */
export function formatDiagnostic(fileName: string | undefined, d: Diagnostic): string {
  const file = fileName ?? '<input>';
  return d.line > 0 ? `${file}:${d.line}: ${d.message}` : `${file}: ${d.message}`;
}
