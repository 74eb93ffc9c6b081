// A scenario's scheduling class in JavaScript: the shipped lottery class decides the schedule
// (its draws are the trace's switches), and a class that throws or picks a task it may not
// gives a located BUG (panic event naming module, method and line) and a clean stop, never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSchedModule } from '../../../../src/cli/schedModule';
import type { CustomSchedFactory } from '../../../../src/runtime/scenario/customSched';
import { loadScenario } from '../../../../src/runtime/scenario/loader';
import { runScenario } from '../../../../src/runtime/scenario/runScenario';
import type { Scenario } from '../../../../src/runtime/scenario/types';

const FILE = join(resolve(__dirname, '../../../../..'), 'scenarios', 'custom-sched.scenario.json');

function scenario(): Scenario {
  const r = loadScenario(readFileSync(FILE, 'utf8'), FILE);
  assert.ok(r.ok);
  return r.scenario;
}

/** The shipped module, with the class instance kept so its draws can be read. */
function lottery(): { factory: CustomSchedFactory; instance: () => { picks: { pid: number; prev: number | null }[] } } {
  const m = loadSchedModule(FILE, scenario());
  assert.ok(m.ok && m.factory, m.ok ? '' : m.error);
  const f = m.factory;
  let inst: unknown;
  return {
    factory: { source: f.source, create: (ctx) => (inst = f.create(ctx)) },
    instance: () => inst as { picks: { pid: number; prev: number | null }[] },
  };
}

test("the lottery class's draws are the trace's switches to its tasks, in order", () => {
  const sc = scenario();
  const l = lottery();
  const run = runScenario(sc, {}, { schedClass: l.factory });
  assert.equal(run.status, 'halted', run.detail);
  assert.deepEqual(run.warnings, []);
  const custom = new Set([...run.names.tasks].filter(([, c]) => ['rich', 'middle', 'poor'].includes(c)).map(([p]) => p));
  assert.equal(custom.size, 3);
  // A kthread starts in the fair class and joins lottery on its first run: skip that first switch.
  const seen = new Set<number>();
  const switches = run.events
    .filter((e) => e.kind === 'sched.switch' && custom.has(e.peer))
    .filter((e) => seen.has(e.peer) || !seen.add(e.peer))
    .map((e) => e.peer);
  const draws = Array.from(l.instance().picks.filter((p) => p.pid !== p.prev), (p) => p.pid);
  assert.ok(draws.length >= 10, `${draws.length} draws`);
  assert.deepEqual(switches, draws);
  // seeded: the same draws again
  const again = lottery();
  runScenario(sc, {}, { schedClass: again.factory });
  // (arrays from the module's own context: compared as JSON)
  assert.equal(JSON.stringify(again.instance().picks), JSON.stringify(l.instance().picks));
});

test('without a loaded class the scenario runs as normal and says so', () => {
  const run = runScenario(scenario());
  assert.equal(run.status, 'halted');
  assert.match(run.warnings.join('\n'), /schedClass \.\/lottery\.sched\.js was not loaded/);
});

function withModule(code: string): CustomSchedFactory {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-sched-'));
  writeFileSync(join(dir, 'bad.sched.js'), code);
  const sc = { ...scenario(), schedClass: { module: './bad.sched.js' } };
  const m = loadSchedModule(join(dir, 'x.scenario.json'), sc);
  assert.ok(m.ok && m.factory, m.ok ? '' : m.error);
  return m.factory;
}

const panicOf = (run: ReturnType<typeof runScenario>) => run.events.find((e) => e.kind === 'panic');

test('a class that throws in pickNext stops the run with a panic naming module, method and line', () => {
  const factory = withModule(
    [
      'module.exports = { create() { return {',
      '  enqueue() {}, dequeue() {},',
      '  pickNext() {',
      "    throw new Error('no tickets left');",
      '  },',
      '}; } };',
    ].join('\n'),
  );
  const run = runScenario(scenario(), {}, { schedClass: factory });
  assert.equal(run.status, 'panic');
  const p = panicOf(run);
  assert.ok(p, 'a panic event');
  assert.match(String(p.arg), /BUG: scheduling class custom \(.*bad\.sched\.js\) pickNext: Error: no tickets left at bad\.sched\.js:4:\d+/);
  assert.match(run.detail, /pickNext/);
});

test('a pick that is not a runnable task of the class, or a class without pickNext, is a BUG too', () => {
  const wrong = withModule("module.exports = { create: () => ({ name: 'liar', enqueue() {}, dequeue() {}, pickNext: () => 424242 }) };");
  const a = runScenario(scenario(), {}, { schedClass: wrong });
  assert.equal(a.status, 'panic');
  assert.match(String(panicOf(a)?.arg), /scheduling class liar .* pickNext: returned 424242, not the pid of a runnable task of this class/);
  const partial = withModule('module.exports = { create: () => ({ enqueue() {}, dequeue() {} }) };');
  const b = runScenario(scenario(), {}, { schedClass: partial });
  assert.equal(b.status, 'panic');
  assert.match(String(panicOf(b)?.arg), /create: the class has no pickNext\(\) method/);
  const throwsInCreate = withModule("module.exports = { create() { throw new TypeError('bad ctx'); } };");
  const c = runScenario(scenario(), {}, { schedClass: throwsInCreate });
  assert.match(String(panicOf(c)?.arg), /create: TypeError: bad ctx at bad\.sched\.js:1:\d+/);
});

test('a class that never returns is stopped at its time limit: a BUG naming the method, and the run ends', () => {
  const loops = withModule("module.exports = { create: () => ({ enqueue() {}, dequeue() {}, pickNext() { for (;;) {} } }) };");
  const a = runScenario(scenario(), {}, { schedClass: loops });
  assert.equal(a.status, 'panic');
  assert.match(String(panicOf(a)?.arg), /scheduling class custom .* pickNext: Error: pickNext\(\) did not return within \d+ ms \(an endless loop\?\)/);
  const createLoops = withModule('module.exports = { create() { while (true); } };');
  const b = runScenario(scenario(), {}, { schedClass: createLoops });
  assert.equal(b.status, 'panic');
  assert.match(String(panicOf(b)?.arg), /create: Error: create\(\) did not return within/);
});

test('the loader reports a missing file, a syntax error and a throw at load, without running anything', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-sched-'));
  const sc = (module: string): Scenario => ({ ...scenario(), schedClass: { module } });
  const scFile = join(dir, 'x.scenario.json');
  const missing = loadSchedModule(scFile, sc('./none.js'));
  assert.ok(!missing.ok && /schedClass\.module: cannot read .*none\.js: ENOENT/.test(missing.error), JSON.stringify(missing));
  writeFileSync(join(dir, 'syntax.js'), 'module.exports = {\n  create( {\n};\n');
  const syntax = loadSchedModule(scFile, sc('./syntax.js'));
  assert.ok(!syntax.ok && /syntax\.js: SyntaxError: .* \(line \d\)/.test(syntax.error), JSON.stringify(syntax));
  writeFileSync(join(dir, 'boom.js'), "\nthrow new Error('at load');\n");
  const boom = loadSchedModule(scFile, sc('./boom.js'));
  assert.ok(!boom.ok && /boom\.js:2:\d+: the module threw while loading: Error: at load/.test(boom.error), JSON.stringify(boom));
  writeFileSync(join(dir, 'req.js'), "require('fs');\n");
  const req = loadSchedModule(scFile, sc('./req.js'));
  assert.ok(!req.ok && /require is not defined/.test(req.error), 'no require in the module context');
});
