// Chrome Trace Event JSON from other tools, and the located error for broken JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeChromeJson } from '../../../src/trace/chromeJson';
import { emptyNames, EventFactory } from '../../../src/trace/events';
import { fixture, importSplit } from './helpers';

test('object form: B/E/X/i/C, flows s/t/f, bind ids, M names', () => {
  const r = importSplit(fixture('chrome-json/foreign.json'), [], 'f.json');
  assert.equal(r.format, 'chrome-json');
  assert.deepEqual(r.lines, { parsed: 8, skipped: 2, broken: 1 });
  assert.equal(r.diagnostics[0].line, 12);
  assert.match(r.diagnostics[0].message, /"ts"/);
  assert.equal(r.meta.names.tasks.get(7), 'main');
  assert.equal(r.meta.names.hosts.get(0), 'renderer (pid 4242)');
  const args = r.events.map((e) => e.arg);
  assert.deepEqual(args.slice(0, 3), ['B layout', 'E ', 'X paint: dur=2250ns bind_id="0x1" flow_out=true']);
  assert.equal(r.events[3].kind, 'marker');
  assert.equal(r.events[3].arg, 'vsync');
  assert.match(String(args[4]), /^C heap: args=\{"used":1024\}/);
  assert.deepEqual(args.slice(5), ['s post: id=1', 't post: id=1', 'f post: id=1']);
  assert.deepEqual(r.events.map((e) => e.ts), [10500, 12000, 13000, 14000, 15000, 16000, 17000, 18000]);
  assert.equal(r.bySource.post, 3);
});

test('array form', () => {
  const r = importSplit(fixture('chrome-json/array.json'));
  assert.equal(r.format, 'chrome-json');
  assert.deepEqual(r.events.map((e) => [e.kind, e.ts, e.task]), [['generic', 1000, 2], ['marker', 3000, 2]]);
});

test('broken JSON keeps what came before and names the line', () => {
  const text = '{"traceEvents":[\n{"ph":"i","name":"a","ts":1,"pid":1,"tid":1},\n{"ph":"i",,}\n]}';
  const r = importSplit(new TextEncoder().encode(text), [], 'b.json');
  assert.equal(r.events.length, 1);
  assert.equal(r.lines.broken, 1);
  assert.equal(r.diagnostics[0].line, 3);
});

test('an LKL Scope file keeps its object types, wait queues included', () => {
  const names = emptyNames();
  names.objects.set(2, { type: 'sem', name: 'sched_sem:init' });
  names.objects.set(3, { type: 'waitq', name: 'wait_chldexit:1' });
  const ev = new EventFactory().make(10, 'sched.switch', { task: 1, peer: 0, obj: 3, host: 0 });
  const json = [...writeChromeJson({ version: 1, source: 'runtime', names }, [ev])].join('');
  const r = importSplit(new TextEncoder().encode(json), [7], 't.json');
  assert.equal(r.format, 'lkl-scope');
  assert.deepEqual([...r.meta.names.objects], [[2, { type: 'sem', name: 'sched_sem:init' }], [3, { type: 'waitq', name: 'wait_chldexit:1' }]]);
});
