import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_GRAPH, describeWaits, findCycle, layoutWaitGraph, parseWaitGraph } from '../../../webview/timeline/waitGraph';

// The shape runState.nothingToRun emits: two tasks taking two mutexes in opposite order, plus a
// kernel thread idling on its own wait queue (no holder).
const ABBA = JSON.stringify({
  threads: [{ host: 10, name: 'left', waitingOn: 'sched_sem:left' }],
  tasks: [
    { pid: 9, comm: 'left', waitingOn: 'mutex:B', holder: { pid: 10, comm: 'right' } },
    { pid: 10, comm: 'right', waitingOn: 'mutex:A', holder: { pid: 9, comm: 'left' } },
    { pid: 2, comm: 'kthreadd', waitingOn: 'kthreadd', holder: null },
  ],
  edges: [[9, 'mutex:B', 10], [10, 'mutex:A', 9], [2, 'kthreadd', null]],
});

test('a deadlock arg gives task → object → holder edges and the cycle', () => {
  const p = parseWaitGraph(ABBA);
  assert.ok(p.ok);
  const g = p.graph;
  assert.deepEqual(g.cycle, ['t:9', 'o:mutex:B', 't:10', 'o:mutex:A', 't:9']);
  assert.equal(g.nodes.get('t:10')?.label, 'right [10]');
  assert.equal(g.edges.filter((e) => e.kind === 'waits').length, 3, 'edges repeated in `edges` are not doubled');
  assert.deepEqual(describeWaits(g), [
    'left [9] waits on mutex:B, held by right [10]',
    'right [10] waits on mutex:A, held by left [9]',
    'kthreadd [2] waits on kthreadd (holder unknown)',
  ]);
});

test('edges alone (no task objects) still give the graph, named through the name table', () => {
  const p = parseWaitGraph(JSON.stringify({ edges: [[4, 'm1', 5], [5, 'm2', 4]] }), (pid) => `comm${pid}`);
  assert.ok(p.ok);
  assert.equal(p.graph.nodes.get('t:5')?.label, 'comm5 [5]');
  assert.equal(p.graph.cycle.length, 5);
});

test('the cycle\'s waiters are listed first', () => {
  const p = parseWaitGraph(JSON.stringify({ edges: [[2, 'kthreadd', null], [4, 'm1', 5], [5, 'm2', 4]] }));
  assert.ok(p.ok);
  assert.deepEqual(describeWaits(p.graph).map((l) => /\[(\d+)\]/.exec(l)?.[1]), ['4', '5', '2']);
});

test('a scenario cycle [thread, mutex, thread, …] supplies the holders the task list lacks', () => {
  const arg = JSON.stringify({
    tasks: [
      { pid: 9, comm: 'left', waitingOn: 'mutex:B', holder: null },
      { pid: 10, comm: 'right', waitingOn: 'mutex:A', holder: null },
    ],
    cycle: ['left', 'B', 'right', 'A', 'left'],
  });
  const p = parseWaitGraph(arg);
  assert.ok(p.ok);
  assert.deepEqual(p.graph.cycle, ['t:9', 'o:mutex:B', 't:10', 'o:mutex:A', 't:9']);
  assert.equal(p.graph.edges.filter((e) => e.kind === 'waits').length, 2, 'no second waits edge');
});

test('without holders there is no cycle', () => {
  const p = parseWaitGraph(JSON.stringify({ tasks: [{ pid: 9, comm: 'left', waitingOn: 'mutex:B', holder: null }] }));
  assert.ok(p.ok);
  assert.deepEqual(p.graph.cycle, []);
  assert.deepEqual(findCycle([]), []);
});

test('a malformed or missing arg never throws: it says there is no graph', () => {
  for (const arg of [null, 42, '', 'kernel panic: oops', '{not json', '[]', '{}', '{"tasks":"x","edges":[[1]]}',
    JSON.stringify({ tasks: [{ pid: 'x', waitingOn: 3 }, null, 7] })]) {
    const p = parseWaitGraph(arg);
    assert.equal(p.ok, false, String(arg));
    if (!p.ok) assert.ok(p.reason.startsWith(NO_GRAPH), p.reason);
  }
});

test('the layout places every node once: the cycle on a ring above the other waiters', () => {
  const p = parseWaitGraph(ABBA);
  assert.ok(p.ok);
  const lay = layoutWaitGraph(p.graph, 500);
  assert.equal(lay.pos.size, p.graph.nodes.size);
  const ringBottom = Math.max(...p.graph.cycle.map((k) => lay.pos.get(k)?.y ?? Infinity));
  assert.ok((lay.pos.get('t:2')?.y ?? 0) > ringBottom, 'kthreadd row under the ring');
  for (const { x, y } of lay.pos.values()) assert.ok(x >= 0 && x <= 500 && y >= 0 && y <= lay.heightPx);
});
