// Chunk-boundary property: any split of the input into chunks, even inside a UTF-8 character,
// gives the same import as the whole input.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { importTraceSync } from '../../../src/importers/index';
import { fixture, importSplit, prng, sharedTraces, snapshot } from './helpers';

const FIXTURES = [
  'ftrace/edge.txt', 'ftrace/edge-tgid.txt', 'ftrace/trace-head.txt', 'ftrace-latency/console-crlf.txt',
  'ftrace-latency/latency-head.txt', 'tp_printk/console.txt', 'trace-cmd/raw.txt', 'trace-cmd/report-head.txt',
  'perf/edge.txt', 'perf/sched-script-head.txt', 'chrome-json/foreign.json', 'chrome-json/array.json',
];

test('random splits of every fixture give the same import (seeded)', () => {
  const rnd = prng(5);
  for (const f of FIXTURES) {
    const bytes = fixture(f);
    const whole = snapshot(importSplit(bytes));
    for (let k = 0; k < 40; k++) {
      const cuts = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => Math.floor(rnd() * bytes.length));
      assert.deepEqual(snapshot(importSplit(bytes, cuts)), whole, `${f} cut at ${cuts}`);
    }
  }
});

test('one byte per chunk, with multi-byte UTF-8 comms', () => {
  const text = [
    '  Wéb Cöntent😀-31   [001] d..2.  7.000001: sched_switch: prev_comm=Wéb Cöntent😀 prev_pid=31 prev_prio=120 prev_state=S ==> next_comm=ß/0 next_pid=32 next_prio=120',
    '           ß/0-32    [001] .....  7.000002: tracing_mark_write: ünïcode ✓',
  ].join('\n');
  const bytes = new TextEncoder().encode(text);
  const whole = importSplit(bytes);
  assert.equal(whole.meta.names.tasks.get(31), 'Wéb Cöntent😀');
  assert.equal(whole.events[1].arg, 'ünïcode ✓');
  const cuts = Array.from({ length: bytes.length }, (_, i) => i);
  assert.deepEqual(snapshot(importSplit(bytes, cuts)), snapshot(whole));
  const edge = fixture('ftrace/edge.txt');
  assert.deepEqual(snapshot(importSplit(edge, Array.from({ length: edge.length }, (_, i) => i))), snapshot(importSplit(edge)));
});

test('shared traces split at every 4093 bytes equal the whole import', () => {
  for (const path of sharedTraces()) {
    const bytes = new Uint8Array(readFileSync(path));
    const cuts = Array.from({ length: Math.floor(bytes.length / 4093) }, (_, i) => (i + 1) * 4093);
    assert.deepEqual(snapshot(importSplit(bytes, cuts)), snapshot(importSplit(bytes)), path);
  }
});

test('chunks that are views at odd offsets of a larger buffer (unaligned words) give the same import', () => {
  // The line splitter reads chunks as 32-bit words from the first aligned byte: every alignment,
  // chunk sizes below and above a word, and CRLF line ends.
  const rnd = prng(11);
  for (const f of ['ftrace/trace-head.txt', 'ftrace-latency/console-crlf.txt', 'perf/sched-script-head.txt', 'trace-cmd/report-head.txt']) {
    const bytes = fixture(f);
    const whole = snapshot(importSplit(bytes));
    for (let shift = 0; shift < 4; shift++) {
      const backing = new Uint8Array(bytes.length + 8);
      backing.set(bytes, shift);
      const view = backing.subarray(shift, shift + bytes.length);
      const chunks: Uint8Array[] = [];
      for (let o = 0; o < view.length; ) {
        const n = 1 + Math.floor(rnd() * (rnd() < 0.5 ? 9 : 700));
        chunks.push(view.subarray(o, o + n));
        o += n;
      }
      assert.deepEqual(snapshot(importTraceSync(chunks)), whole, `${f} at offset ${shift}`);
    }
  }
});

test('progress is reported after each chunk with the bytes consumed so far', () => {
  const one = fixture('ftrace/trace-head.txt');
  const bytes = new Uint8Array(one.length * 4);
  for (let k = 0; k < 4; k++) bytes.set(one, k * one.length);
  const cuts = [1000, 70000, 90000, bytes.length];
  const chunks = cuts.map((c, i) => bytes.slice(i ? cuts[i - 1] : 0, c));
  const seen: number[] = [];
  const r = importTraceSync(chunks, { onProgress: (n) => seen.push(n) });
  assert.equal(r.bytes, bytes.length);
  assert.deepEqual(seen, cuts);
});
