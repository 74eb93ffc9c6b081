// Content sniffing: formats from the bytes, and one-line errors for empty and binary files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importTraceSync, sniff } from '../../../src/importers/index';
import { fixture } from './helpers';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

test('each fixture is recognised from its content', () => {
  const cases: [string, string][] = [
    ['ftrace/trace-head.txt', 'ftrace'], ['ftrace/trace-tgid-head.txt', 'ftrace'], ['ftrace/trace-noirqinfo-head.txt', 'ftrace'],
    ['ftrace-latency/latency-head.txt', 'ftrace-latency'], ['ftrace-latency/console-crlf.txt', 'ftrace-latency'],
    ['tp_printk/console.txt', 'tp_printk'], ['trace-cmd/report-head.txt', 'trace-cmd'], ['trace-cmd/raw.txt', 'trace-cmd'],
    ['perf/sched-script-head.txt', 'perf'], ['perf/edge.txt', 'perf'], ['chrome-json/foreign.json', 'chrome-json'],
    ['chrome-json/array.json', 'chrome-json'],
  ];
  for (const [file, format] of cases) assert.equal(sniff(fixture(file)).format, format, file);
});

test('trace-cmd report without its header is still told apart from ftrace', () => {
  const line = '  bash-15451 [000]  2700.839424: sched_switch:         bash:15451 [120] R ==> sh:19965 [120]\n';
  assert.equal(sniff(enc(line)).format, 'trace-cmd');
});

test('empty, binary and unknown input: a one-line error naming what it looks like', () => {
  const check = (bytes: Uint8Array, re: RegExp) => {
    const s = sniff(bytes);
    assert.equal(s.format, null);
    assert.match((s as { error: string }).error, re);
    const r = importTraceSync([bytes], { fileName: 'x' });
    assert.match(r.error ?? '', re);
    assert.ok(!(r.error ?? '').includes('\n'));
    assert.equal(r.events.length, 0);
  };
  check(new Uint8Array(0), /empty/);
  check(enc('  \n\n'), /empty/);
  check(Uint8Array.from([0x17, 0x08, 0x44, ...enc('tracing6'), 0, 0, 1]), /trace-cmd report/);
  check(Uint8Array.from([...enc('PERFILE2'), 0, 0, 0, 1, 2]), /perf/);
  check(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0]), /gzip/);
  check(Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256), /binary/);
  check(enc('hello world\nthis is not a trace\n'), /not a recognised trace.*hello world/);
});

test('a UTF-8 byte order mark is ignored', () => {
  for (const file of ['ftrace/edge.txt', 'chrome-json/array.json', 'perf/edge.txt']) {
    const plain = fixture(file);
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...plain]);
    const a = importTraceSync([plain]);
    const b = importTraceSync([withBom.slice(0, 2), withBom.slice(2)]);
    assert.equal(b.format, a.format, file);
    assert.deepEqual(b.events, a.events, file);
    assert.deepEqual(b.lines, a.lines, file);
  }
});
