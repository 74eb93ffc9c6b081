import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch } from '../../../src/protocol/chunk';
import { EventFactory } from '../../../src/trace/events';
import { checkMessage } from '../../../webview/validate';
import { parseFilters, toViewFilters, fromViewFilters } from '../../../webview/timeline/filters';
import { NameTable } from '../../../webview/timeline/names';

const names = { hosts: [], tasks: [], objects: [] };

test('well-formed host messages pass', () => {
  const batch = encodeBatch([new EventFactory().make(5, 'sem.up', { host: 0 })]);
  for (const m of [
    { type: 'init', version: 1, session: { id: 'a', title: 't', source: 'runtime', live: true, names } },
    { type: 'init', version: 1, session: { id: 'a', title: 't', source: 'runtime', live: false, names, eventCount: 1_000_000, threads: ['producer', 'consumer'] } },
    { type: 'events', seq: 0, batch },
    { type: 'names', added: { hosts: [[1, 'boot']], tasks: [], objects: [[2, 'sem', 'x'], [3, 'waitq', 'rcu_gp']] } },
    { type: 'status', state: 'halted' },
    { type: 'error', message: 'boom' },
    { type: 'request', id: 3, req: { kind: 'viewState' } },
  ]) assert.deepEqual(checkMessage(m), { ok: true, msg: m });
});

test('notes, compare and syncView messages pass when well formed, and stopped is a state', () => {
  for (const m of [
    { type: 'notes', added: [{ ts: 10, id: 'n1', text: 'high blocks on M', task: 3 }] },
    { type: 'syncView', range: { offsetStartNs: 0, offsetEndNs: 1e6 } },
    { type: 'compare', peer: 'priority-inversion-inherit' },
    { type: 'compare', peer: null },
    { type: 'status', state: 'stopped' },
  ]) assert.equal(checkMessage(m).ok, true, JSON.stringify(m));
});

test('malformed messages are rejected with the field named, never thrown', () => {
  const cases: [unknown, RegExp][] = [
    [null, /not an object/],
    [{ type: 'nope' }, /unknown message type "nope"/],
    [{ type: 'init', version: 1, session: { title: 't', source: 'runtime', names: { hosts: 3 } } }, /session\.names/],
    [{ type: 'init', version: 1, session: { title: 't', source: 'runtime', names, eventCount: -1 } }, /session\.eventCount is not a count/],
    [{ type: 'init', version: 1, session: { title: 't', source: 'runtime', names, eventCount: 2.5 } }, /session\.eventCount/],
    [{ type: 'init', version: 1, session: { title: 't', source: 'runtime', names, eventCount: '10' } }, /session\.eventCount/],
    [{ type: 'init', version: 1, session: { title: 't', source: 'runtime', names, threads: ['a', 3] } }, /session\.threads is not a list of names/],
    [{ type: 'init', version: 1, session: { title: 't', source: 'runtime', names, threads: 'a' } }, /session\.threads/],
    [{ type: 'events', seq: 1, batch: { count: 1 } }, /batch is invalid: batch\.seq/],
    [{ type: 'names', added: { hosts: [['x', 1]], tasks: [], objects: [] } }, /added/],
    [{ type: 'names', added: { hosts: [], tasks: [], objects: [[2, 'rwsem', 'x']] } }, /added is not a names delta/],
    [{ type: 'status', state: 'exploded' }, /state is not a kernel state/],
    [{ type: 'request', id: 1, req: { kind: 'rm -rf' } }, /req\.kind/],
    [{ type: 'notes', added: [{ ts: 1, id: 'a', text: 'x' }, { ts: 'soon', id: 'b', text: 'y' }] }, /added\[1\] is not a note/],
    [{ type: 'syncView', range: { offsetStartNs: 5, offsetEndNs: 5 } }, /range is not an increasing/],
    [{ type: 'compare', peer: 3 }, /peer is neither/],
    [{ type: 'reveal', startNs: 1, endNs: 2, task: 'kthreadd' }, /reveal message: task is not a number/],
    [{ type: 'reveal', startNs: 1, endNs: 2, obj: null }, /reveal message: obj is not a number/],
  ];
  for (const [m, re] of cases) {
    const r = checkMessage(m);
    assert.equal(r.ok, false);
    assert.match((r as { error: string }).error, re);
  }
});

test('filter tokens parse to sets, round-trip through the view state, and report bad tokens', () => {
  const t = new NameTable();
  t.add({ hosts: [], tasks: [[2, 'kthreadd'], [9, 'kworker/0']], objects: [[7, 'sem', 'init_sem']] });
  const p = parseFilters('task:kthreadd,9 cpu:0-2 obj:init_sem kind:sem', t);
  assert.deepEqual(p.errors, []);
  assert.deepEqual([...(p.filters.tasks ?? [])].sort(), [2, 9]);
  assert.deepEqual([...(p.filters.cpus ?? [])], [0, 1, 2]);
  assert.deepEqual([...(p.filters.objects ?? [])], [7]);
  assert.equal(p.filters.kinds?.size, 5);
  assert.deepEqual(fromViewFilters(toViewFilters(p.filters)), p.filters);
  assert.deepEqual(parseFilters('bogus cpu:x kind:nothing', t).errors.length, 3);
});
