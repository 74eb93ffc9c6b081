// Ingest speed: ~100 MB of ftrace text (and of perf and trace-cmd text) built by repeating the
// shared recordings with shifted timestamps, imported into the columnar store in 1 MiB chunks.
// Prints MB/s, events/s, bytes/event and the ratio to a plain byte scan of the same buffer in
// the same run (the machine's speed cancels out); each figure is the median of several runs.
// `cpu` is MB per second of process CPU time: steadier than wall time on a shared, loaded machine.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SniffingImporter } from '../src/importers/index';

const ROOT = resolve(__dirname, '../..');
const SHARED = join(ROOT, '../shared/traces/linux-6.18-host');
const TARGET_BYTES = Number(process.env.INGEST_MB ?? 100) * 1e6;
const RUNS = Number(process.env.INGEST_RUNS ?? 5);
const CHUNK = 1 << 20;

/** Repeats the body lines of `file`, shifting each copy's `SECONDS.FRACTION:` past the previous. */
function build(file: string): Uint8Array {
  const lines = readFileSync(join(SHARED, file), 'utf8').split('\n');
  const header = lines.filter((l) => l.startsWith('#') || /^cpus=/.test(l));
  const body = lines.filter((l) => l && !l.startsWith('#') && !/^cpus=/.test(l));
  const stamp = / (\d+)\.(\d{6}): /;
  const parsed = body.map((l) => {
    const m = stamp.exec(l);
    if (!m) throw new Error(`no timestamp in ${file}: ${l}`);
    return { pre: l.slice(0, m.index), us: Number(m[1]) * 1e6 + Number(m[2]), post: l.slice(m.index + m[0].length) };
  });
  const span = parsed[parsed.length - 1].us - parsed[0].us + 1;
  const parts: string[] = [header.join('\n') + '\n'];
  let size = parts[0].length;
  for (let rep = 0; size < TARGET_BYTES; rep++) {
    let chunk = '';
    for (const p of parsed) {
      const us = p.us + rep * span;
      chunk += `${p.pre} ${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}: ${p.post}\n`;
    }
    parts.push(chunk);
    size += chunk.length;
  }
  return new TextEncoder().encode(parts.join(''));
}

function byteScan(buf: Uint8Array): number {
  let x = 0;
  for (let i = 0; i < buf.length; i++) x = (x + buf[i]) | 0;
  return x;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function bench(label: string, file: string): void {
  const buf = build(file);
  const mb = buf.length / 1e6;
  const importMs: number[] = [];
  const scanMs: number[] = [];
  const cpuMs: number[] = [];
  let events = 0;
  let bytesPerEvent = 0;
  let broken = 0;
  for (let r = 0; r < RUNS; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const imp = new SniffingImporter();
    for (let o = 0; o < buf.length; o += CHUNK) imp.push(buf.subarray(o, o + CHUNK));
    const res = imp.end();
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    cpuMs.push((c1.user + c1.system) / 1000);
    byteScan(buf);
    const t2 = performance.now();
    importMs.push(t1 - t0);
    scanMs.push(t2 - t1);
    events = res.store.count;
    broken = res.lines.broken;
    res.store.lanes();
    res.store.trim();
    bytesPerEvent = res.store.bytesPerEvent();
  }
  const ms = median(importMs);
  const scan = median(scanMs);
  console.log(
    `${label.padEnd(10)} ${mb.toFixed(1)} MB  ${(mb / (ms / 1000)).toFixed(0).padStart(4)} MB/s  ` +
    `${((events / (ms / 1000)) / 1e6).toFixed(2)} M events/s  ${bytesPerEvent.toFixed(1)} bytes/event  ` +
    `byte scan ${(mb / (scan / 1000)).toFixed(0)} MB/s  ratio ${(scan / ms).toFixed(2)}  cpu ${(mb / (median(cpuMs) / 1000)).toFixed(0)} MB/s  ` +
    `(${events} events, ${broken} broken, median of ${RUNS})`,
  );
}

if (!existsSync(SHARED)) {
  console.log(`ingest bench: ${SHARED} not found; nothing to measure`);
} else {
  bench('ftrace', 'trace.txt');
  bench('perf', 'perf-sched-script.txt');
  bench('trace-cmd', 'trace-cmd-report.txt');
}
