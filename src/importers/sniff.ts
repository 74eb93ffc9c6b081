// Chooses the format from the content, never from the file name. Looks at the first 64 KiB:
// binary magics first (with a one-line hint of what to run), then the shape of the text lines.
import type { Layout } from './textLine';
import type { TraceFormat } from './types';

export type Sniffed =
  | { format: TraceFormat; layout: Layout | null }
  | { format: null; error: string };

export const SNIFF_BYTES = 1 << 16;

const MAGICS: [bytes: number[], what: string][] = [
  [[0x17, 0x08, 0x44, 0x74, 0x72, 0x61, 0x63, 0x69, 0x6e, 0x67], 'a trace-cmd binary file (trace.dat): run `trace-cmd report` on it and import the text'],
  [[0x50, 0x45, 0x52, 0x46, 0x49, 0x4c, 0x45, 0x32], 'a perf.data binary file: run `perf sched script` (or `perf script`) on it and import the text'],
  [[0x1f, 0x8b], 'gzip-compressed data: decompress it first'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data: decompress it first'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data: decompress it first'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive: extract the trace first'],
];

const PRINTK = /^\[\s*\d+\.\d+\](?:\[\s*[TC]\d+\])?\s*/;
const LATENCY = /^\s*.{0,8}-\d+ +\d+[^\d\s]\S* +\d+(?:us)?.?: \S+: ?/;
const PERF = /^\s*.*? \d+(?:\/\d+)? +\[\d+\] +\d+\.\d+: +\S+:\S+:(?: |$)/;
const FTRACE = /^\s*.*-\d+ +(?:\([ \d-]+\) +)?\[\d+\] +(?:\S+ +)?\d+\.\d+: +(\S+)(?:: ?| <-)(.*)$/;
const TP_PRINTK = /^[a-z0-9_]+: /;

/** What `bytes` (the start of a file) looks like. */
export function sniff(bytes: Uint8Array): Sniffed {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = bytes.subarray(bom, SNIFF_BYTES);
  let i = 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  if (i === head.length) return { format: null, error: 'empty file: no trace data' };
  for (const [magic, what] of MAGICS) {
    if (magic.every((b, k) => head[k] === b)) return { format: null, error: `binary data: this looks like ${what}` };
  }
  let control = 0;
  for (const c of head) if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27)) control++;
  if (control > 0 && control * 100 > head.length) {
    return { format: null, error: 'binary data: not a text trace (expected ftrace, trace-cmd report, perf script or Chrome JSON)' };
  }
  const text = latin1(head);
  const first = text.charCodeAt(i);
  if (first === 123 || (first === 91 && /^\[\s*(?:\{|\])/.test(text.slice(i, i + 64)))) {
    return { format: 'chrome-json', layout: null };
  }
  const lines = text.split('\n', 400).map((l) => l.replace(/\r+$/, ''));
  if (lines.some((l) => /^cpus=\d+$/.test(l) || /^version = \d+$/.test(l))) return { format: 'trace-cmd', layout: 'ftrace' };
  if (lines.some((l) => /^# .*latency trace v/.test(l) || /^#\s+cmd\s+pid\s/.test(l))) return { format: 'ftrace-latency', layout: 'latency' };
  let plain: 'ftrace' | 'trace-cmd' | null = null;
  for (const raw of lines) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    const p = PRINTK.exec(raw);
    const l = p ? raw.slice(p[0].length) : raw;
    if (PERF.test(l)) return { format: 'perf', layout: 'perf' };
    const f = FTRACE.exec(l);
    if (f) {
      // trace-cmd's plugins print `comm:pid [prio]` where ftrace prints `key=value`.
      if (/ ==> /.test(f[2]) && !/prev_comm=/.test(f[2])) return { format: 'trace-cmd', layout: 'ftrace' };
      if (/^sched_wakeup/.test(f[1]) && / CPU:\d+$/.test(f[2])) return { format: 'trace-cmd', layout: 'ftrace' };
      plain ??= 'ftrace';
      continue;
    }
    if (LATENCY.test(l)) return { format: 'ftrace-latency', layout: 'latency' };
    if (p && TP_PRINTK.test(l) && !plain) return { format: 'tp_printk', layout: 'printk' };
  }
  if (plain) return { format: plain, layout: 'ftrace' };
  const shown = lines.find((l) => l.trim() !== '')?.slice(0, 60) ?? '';
  return {
    format: null,
    error: `not a recognised trace: expected ftrace, trace-cmd report, perf script or Chrome JSON text; the file starts with ${JSON.stringify(shown)}`,
  };
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}
