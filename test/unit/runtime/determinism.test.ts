import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runDefaultProgram } from '../../../src/runtime/program/defaultProgram';
import { readChromeJson, writeChromeJson } from '../../../src/trace/chromeJson';
import type { TraceMeta } from '../../../src/trace/events';
import { checkOrder } from '../../helpers/orderChecker';

function traceFile(seed: number): string {
  const r = runDefaultProgram({ seed });
  const meta: TraceMeta = {
    version: 1,
    source: 'runtime',
    scenario: 'default',
    seed,
    names: r.names,
  };
  return [...writeChromeJson(meta, r.events)].join('');
}

test('the same seed twice gives a byte-identical trace file', () => {
  for (const seed of [1, 77]) {
    const a = traceFile(seed);
    const b = traceFile(seed);
    assert.ok(a.length > 100_000);
    assert.equal(a, b);
  }
});

test('different seeds give different traces', () => {
  assert.notEqual(traceFile(1), traceFile(2));
});

test('a trace read back from its file passes the order checker', async () => {
  for (const seed of [3, 4]) {
    const bytes = new TextEncoder().encode(traceFile(seed));
    const chunks = [bytes.subarray(0, 4096), bytes.subarray(4096)];
    const { meta, events } = await readChromeJson(chunks);
    assert.ok(events.length > 1000);
    assert.deepEqual(checkOrder({ events, names: meta.names }), []);
  }
});

test('200 seeds: every run halts, every boot test passes, the order checker accepts it', () => {
  const failures: string[] = [];
  for (let seed = 1000; seed < 1200; seed++) {
    const r = runDefaultProgram({ seed });
    const v = checkOrder(r);
    const bad = r.tests.filter((t) => !t.ok).map((t) => t.name);
    if (r.status !== 'halted' || v.length > 0 || bad.length > 0) {
      failures.push(`seed ${seed}: ${r.status} ${bad.join(',')} ${v.slice(0, 3).join('; ')}`);
    }
  }
  assert.deepEqual(failures, []);
});
