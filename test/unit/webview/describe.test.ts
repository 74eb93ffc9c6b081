import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch } from '../../../src/protocol/chunk';
import { EventFactory } from '../../../src/trace/events';
import { describeEvent, describeHit } from '../../../webview/timeline/describe';
import { TimelineModel } from '../../../webview/timeline/model';
import { NameTable } from '../../../webview/timeline/names';
import { holderKey } from '../../../webview/timeline/objectLane';
import { EventStore } from '../../../webview/timeline/store';

function setup() {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(0, 'mutex.lock', { host: 1, task: 4, obj: 2 }),
    f.make(10, 'deadlock', { arg: JSON.stringify({ tasks: [], edges: [[4, 'mutex:m', null]] }) }),
    f.make(20, 'panic', { task: 4, arg: 'oops' }),
  ]));
  const names = new NameTable();
  names.add({ hosts: [[1, 'worker']], tasks: [[4, 'left']], objects: [[2, 'mutex', 'm']] });
  const m = new TimelineModel(false);
  m.update(s);
  return { s, names, m };
}

test('a fault marker\'s tooltip points at the wait-for graph instead of printing its JSON', () => {
  const { s, names } = setup();
  const dl = describeEvent(s, names, 1);
  assert.ok(dl.includes('carries a wait-for graph'), dl.join(' | '));
  assert.ok(!dl.some((l) => l.includes('edges')));
  assert.ok(dl.includes('click or G: open the wait-for graph'));
  const panic = describeEvent(s, names, 2);
  assert.ok(panic.includes('arg: oops'));
  assert.ok(describeEvent(s, names, 0).every((l) => !l.includes('wait-for')), 'other events say nothing of it');
});

test('on an object lane a slice is its holder and a wait counts its waiters', () => {
  const { s, names, m } = setup();
  const lane = m.objectLanes.get(2);
  assert.ok(lane);
  const held = describeHit({ kind: 'slice', lane, ev: 0, startNs: 0, endNs: 10, key: 4 }, m, s, names);
  assert.equal(held[0], 'mutex m held by left [4]');
  const byHost = describeHit({ kind: 'slice', lane, ev: 0, startNs: 0, endNs: 10, key: holderKey(-1, 1) }, m, s, names);
  assert.equal(byHost[0], 'mutex m held by host thread worker');
  const wait = describeHit({ kind: 'wait', lane, ev: 0, startNs: 0, endNs: 10, key: 2 }, m, s, names);
  assert.equal(wait[0], '2 waiting on mutex m');
});
