// A scenario's own threads come first among the host lanes; nothing else moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadsFirst } from '../../../webview/laneFocus';
import { Lane, type LaneKind } from '../../../webview/timeline/lanes';

test('threadsFirst: the scenario host lanes move up, in order; phase, owner and object lanes stay', () => {
  const spec: [LaneKind, number][] = [['boot', 0], ['cpuOwner', 0], ['host', 1], ['host', 2], ['host', 3], ['host', 4], ['host', 5], ['object', 7]];
  const lanes = spec.map(([k, key], i) => new Lane(i, k, key));
  const names = new Map([[1, 'main'], [2, 'kthreadd'], [3, 'low'], [4, 'rcu_sched'], [5, 'high']]);
  const mine = new Set(['low', 'high']);
  const out = threadsFirst(lanes, (l) => mine.has(names.get(l.key) ?? ''));
  assert.deepEqual(out.map((l) => (l.kind === 'host' ? names.get(l.key) : l.kind)), ['boot', 'cpuOwner', 'low', 'high', 'main', 'kthreadd', 'rcu_sched', 'object']);
  assert.equal(out.length, lanes.length);
  // none of mine: the order is unchanged
  assert.deepEqual(threadsFirst(lanes, () => false), lanes);
});
