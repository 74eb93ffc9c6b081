// ftrace text (`/sys/kernel/tracing/trace`): default layout with or without the TGID and irq-info
// columns, the latency format (also what ftrace_dump_on_oops prints on a console) and tp_printk
// console lines. The line layouts live in textLine.ts, the event fields in schedFields.ts.
import { TextImporter } from './textImporter';
import type { Layout } from './textLine';
import type { ImportOptions, Importer, TraceFormat } from './types';

export function createFtraceImporter(
  format: TraceFormat = 'ftrace',
  layout: Layout = format === 'ftrace-latency' ? 'latency' : format === 'tp_printk' ? 'printk' : 'ftrace',
  opts: ImportOptions = {},
): Importer {
  return new TextImporter(format, layout, opts);
}
