import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readChromeJson, TraceFormatError, writeChromeJson } from '../../../src/trace/chromeJson';
import { EVENT_KINDS, emptyNames, NONE, type TraceEvent, type TraceMeta } from '../../../src/trace/events';
import { pick, prng, randInt } from '../../helpers/prng';

const enc = new TextEncoder();

function randomTrace(seed: number, n: number): { meta: TraceMeta; events: TraceEvent[] } {
  const r = prng(seed);
  const names = emptyNames();
  for (let h = 0; h < 4; h++) names.hosts.set(h, `host${h} "q" \\ ü`);
  names.tasks.set(1, 'init');
  names.tasks.set(7, 'Web Content');
  names.objects.set(3, { type: 'sem', name: 'sched_sem:kworker/0:1' });
  names.objects.set(5, { type: 'waitq', name: 'completion:kthreadd_done' });
  const strings = ['', 'S', 'R+', 'a "quoted" \\ line\nnext', 'ümlaut ✓ 🧵', 'initcall:fs_setup'];
  const events: TraceEvent[] = [];
  let ts = randInt(r, 0, 1e12);
  for (let seq = 0; seq < n; seq++) {
    ts += randInt(r, 0, 1e6);
    const argKind = randInt(r, 0, 3);
    events.push({
      seq,
      ts,
      kind: pick(r, EVENT_KINDS),
      host: randInt(r, -1, 5),
      task: randInt(r, -1, 100),
      obj: randInt(r, -1, 20),
      peer: r() < 0.3 ? NONE : randInt(r, 0, 100),
      arg: argKind === 0 ? null : argKind === 1 ? randInt(r, -1e9, 1e9) : argKind === 2 ? r() * 1e6 : pick(r, strings),
      gen: randInt(r, 0, 3),
    });
  }
  return { meta: { version: 1, source: 'runtime', scenario: 'prop', seed, names }, events };
}

const text = (meta: TraceMeta, events: TraceEvent[]) => [...writeChromeJson(meta, events)].join('');

test('write then read gives the same events and names, field for field (200 random traces)', async () => {
  for (let seed = 1; seed <= 200; seed++) {
    const { meta, events } = randomTrace(seed, seed % 50);
    const back = await readChromeJson([enc.encode(text(meta, events))]);
    assert.deepEqual(back.events, events, `seed ${seed}`);
    assert.deepEqual(back.meta, meta, `seed ${seed}`);
  }
});

test('the file has the shape other tools read', () => {
  const { meta, events } = randomTrace(7, 300);
  const doc = JSON.parse(text(meta, events));
  assert.deepEqual(Object.keys(doc), ['traceEvents', 'displayTimeUnit', 'metadata']);
  assert.equal(doc.displayTimeUnit, 'ns');
  assert.equal(doc.metadata['lkl-scope'].version, 1);
  const model = doc.traceEvents.filter((e: { args?: { lkl?: unknown } }) => e.args?.lkl);
  assert.equal(model.length, events.length, 'every model event is exactly one element');
  for (const el of model) assert.equal(Math.round(el.ts * 1000), el.args.lkl.ts, 'Chrome ts is the event ts in µs');
  const derived = doc.traceEvents.filter((e: { args?: { lkl?: unknown } }) => !e.args?.lkl);
  assert.ok(derived.some((e: { ph: string }) => e.ph === 'M'), 'thread names');
  for (const el of doc.traceEvents) assert.ok(['i', 'B', 'E', 'M', 's', 'f'].includes(el.ph), el.ph);
});

test('nanosecond timestamps survive as exact microsecond decimals', () => {
  const names = emptyNames();
  const ev: TraceEvent = { seq: 0, ts: 1_234_567_890_123, kind: 'printk', host: 0, task: 1, obj: -1, peer: -1, arg: 'x', gen: 0 };
  const s = text({ version: 1, source: 'runtime', names }, [ev]);
  assert.match(s, /"ts":1234567890\.123,/);
});

test('any split of the bytes into chunks reads the same (also inside UTF-8 characters)', async () => {
  const { meta, events } = randomTrace(99, 120);
  const bytes = enc.encode(text(meta, events));
  const r = prng(5);
  for (let trial = 0; trial < 60; trial++) {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; ) {
      const n = trial < 3 ? trial + 1 : randInt(r, 1, 400);
      chunks.push(bytes.subarray(i, i + n));
      i += n;
    }
    const back = await readChromeJson(chunks);
    assert.deepEqual(back.events, events, `trial ${trial}`);
  }
});

test('malformed files give an error naming the line and field', async () => {
  const { meta, events } = randomTrace(3, 5);
  const good = text(meta, events);
  const bad = good.replace(/"kind":"[^"]+"/, '"kind":"sem.bogus"');
  const line = bad.slice(0, bad.indexOf('sem.bogus')).split('\n').length;
  await assert.rejects(readChromeJson([enc.encode(bad)]), (e: unknown) => {
    assert.ok(e instanceof TraceFormatError);
    assert.equal(e.line, line);
    assert.equal(e.field, 'args.lkl.kind');
    return true;
  });
  await assert.rejects(readChromeJson([enc.encode(good.slice(0, good.length / 2))]), /unexpected end of input/);
  await assert.rejects(readChromeJson([enc.encode('')]), /empty input/);
  await assert.rejects(readChromeJson([enc.encode('{"traceEvents":[]}')]), /metadata\.lkl-scope: missing/);
  await assert.rejects(
    readChromeJson([enc.encode(good.replace('"seq":0,', '"seq":"zero",'))]),
    /args\.lkl\.seq: expected an integer/,
  );
});

test('a malformed top-level key is located', async () => {
  const bad = '{"traceEvents":[],\n"bad\\u00zz":1}';
  await assert.rejects(readChromeJson([enc.encode(bad)]), (e: unknown) => {
    assert.ok(e instanceof TraceFormatError);
    assert.equal(e.line, 2);
    assert.match(e.message, /malformed key/);
    return true;
  });
});

test('object types: a wait queue round-trips, the old four still read, an unknown type is located', async () => {
  const { meta, events } = randomTrace(4, 3);
  const back = await readChromeJson([enc.encode(text(meta, events))]);
  assert.deepEqual(back.meta.names.objects.get(5), { type: 'waitq', name: 'completion:kthreadd_done' });
  for (const type of ['sem', 'mutex', 'timer', 'irq'] as const) {
    meta.names.objects.set(5, { type, name: 'old' });
    const old = await readChromeJson([enc.encode(text(meta, events))]);
    assert.equal(old.meta.names.objects.get(5)?.type, type);
  }
  const bad = text(meta, events).replace('"type":"irq"', '"type":"rwsem"');
  await assert.rejects(readChromeJson([enc.encode(bad)]), (e: unknown) => {
    assert.ok(e instanceof TraceFormatError);
    assert.equal(e.field, 'metadata.lkl-scope.names.objects.5.type');
    assert.match(e.message, /expected one of sem, mutex, timer, irq, waitq/);
    return true;
  });
});
