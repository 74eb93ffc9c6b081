// Seeded fuzzing: 10k mutated inputs per importer. No exception escapes, every line is counted
// once, every diagnostic is located on a line of the input, events stay in time and seq order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEventKind } from '../../../src/trace/events';
import { fixture, importSplit, lineCount, prng } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SPECIAL = new TextEncoder().encode(' :[]()=->|#.0123456789\n\r\t<>{}",');

function firstLines(bytes: Uint8Array, n: number): Uint8Array {
  let seen = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 && ++seen === n) return bytes.slice(0, i + 1);
  return bytes;
}

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  let b = Array.from(src);
  const ops = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(rnd() * (b.length + 1));
    const pick = rnd() < 0.7 ? () => SPECIAL[Math.floor(rnd() * SPECIAL.length)] : () => Math.floor(rnd() * 256);
    switch (Math.floor(rnd() * 6)) {
      case 0: if (b.length) b[Math.min(at, b.length - 1)] = pick(); break;
      case 1: b.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rnd() * 8) }, pick)); break;
      case 2: b.splice(at, 1 + Math.floor(rnd() * 40)); break;
      case 3: { const len = Math.floor(rnd() * 200); b.splice(at, 0, ...b.slice(Math.max(0, at - len), at)); break; }
      case 4: b = b.slice(0, at); break;
      default: b.splice(at, 0, 0xe2, 0x9c, 0x93); // a UTF-8 character, maybe cut by a later op
    }
  }
  return Uint8Array.from(b);
}

const BASES: [format: string, file: string][] = [
  ['ftrace', 'ftrace/trace-tgid-head.txt'],
  ['ftrace-latency', 'ftrace-latency/latency-head.txt'],
  ['tp_printk', 'tp_printk/console.txt'],
  ['trace-cmd', 'trace-cmd/report-head.txt'],
  ['perf', 'perf/sched-script-head.txt'],
  ['chrome-json', 'chrome-json/foreign.json'],
];

for (const [format, file] of BASES) {
  test(`fuzz ${format}: ${RUNS} mutations of ${file}`, () => {
    const base = firstLines(fixture(file), 24);
    const rnd = prng(0x5eed + format.length);
    const seen = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const input = mutate(base, rnd);
      const cut = Math.floor(rnd() * input.length);
      const r = importSplit(input, [cut], 'fuzz.txt');
      const label = `${format} run ${run}`;
      seen.add(r.error ? 'error' : r.format);
      const lines = lineCount(input);
      if (r.error) {
        assert.ok(!r.error.includes('\n'), label);
        assert.equal(r.events.length, 0, label);
        continue;
      }
      for (const d of r.diagnostics) {
        assert.ok(d.line >= 1 && d.line <= lines, `${label}: diagnostic line ${d.line} of ${lines}`);
        assert.ok(d.message.length > 0 && !d.message.includes('\n'), label);
      }
      if (r.format !== 'chrome-json' && r.format !== 'lkl-scope') {
        const { parsed, skipped, broken } = r.lines;
        assert.equal(parsed + skipped + broken, lines, `${label}: every line counted once`);
        assert.equal(parsed, r.store.count, label);
        assert.equal(broken, r.diagnosticCount, label);
      }
      const s = r.store;
      for (let i = 1; i < s.count; i++) assert.ok(s.ts[i] >= s.ts[i - 1], `${label}: time order`);
      for (let i = 0; i < s.count; i += 7) {
        const e = s.event(i);
        assert.ok(isEventKind(e.kind) && e.seq === i && Number.isFinite(e.ts), label);
      }
    }
    assert.ok(seen.has(format), `${format}: most mutations still read as ${format} (${[...seen]})`);
  });
}
