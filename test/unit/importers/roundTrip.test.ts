// import → LKL Scope Chrome JSON → import gives the same events and names, for every format.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { writeChromeJson } from '../../../src/trace/chromeJson';
import { fixture, importSplit, sharedTraces } from './helpers';

const enc = new TextEncoder();

function roundTrip(bytes: Uint8Array, label: string): void {
  const a = importSplit(bytes);
  const chunks = [...writeChromeJson(a.meta, a.events)];
  const json = chunks.join('');
  const parsed = JSON.parse(json) as { traceEvents: unknown[] };
  assert.ok(Array.isArray(parsed.traceEvents), `${label}: valid Chrome JSON with traceEvents`);
  // Re-import from the writer's own chunks, each re-split to stress the streaming reader.
  const b = importSplit(enc.encode(json), [1, 17, 4096, json.length >> 1]);
  assert.equal(b.format, 'lkl-scope', label);
  assert.equal(b.meta.source, a.format, label);
  assert.deepEqual(b.events, a.events, label);
  assert.deepEqual(b.meta.names.tasks, a.meta.names.tasks, label);
  assert.deepEqual(b.meta.names.hosts, a.meta.names.hosts, label);
}

test('round trip of every fixture', () => {
  for (const f of ['ftrace/edge.txt', 'ftrace/edge-tgid.txt', 'ftrace-latency/console-crlf.txt', 'tp_printk/console.txt',
    'trace-cmd/raw.txt', 'perf/edge.txt', 'chrome-json/foreign.json']) roundTrip(fixture(f), f);
});

test('round trip of every shared trace', () => {
  for (const p of sharedTraces()) roundTrip(new Uint8Array(readFileSync(p)), p);
});
