import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch } from '../../../src/protocol/chunk';
import { EventFactory } from '../../../src/trace/events';
import { layoutLanes } from '../../../webview/timeline/lanes';
import { TimelineModel } from '../../../webview/timeline/model';
import { NameTable } from '../../../webview/timeline/names';
import { laneTitles } from '../../../webview/timeline/scene';
import { EventStore } from '../../../webview/timeline/store';

// An app thread (host 9, "test:many_3") enters the kernel through idle_host_task (pid 6),
// runs its own host task (pid 38), and exits; the kernel thread (host 2) carries swapper.
function appThreadTrace(): EventStore {
  const f = new EventFactory();
  const s = new EventStore();
  s.append(encodeBatch([
    f.make(10, 'cpu.get', { host: 2, task: 0, arg: 1 }),
    f.make(100, 'cpu.get.wait', { host: 9 }),
    f.make(200, 'cpu.get', { host: 9, arg: 1 }),
    f.make(200, 'sched.switch', { host: 9, task: 6, peer: 38 }),
    f.make(200, 'syscall.enter', { host: 9, task: 38, arg: 'getpid' }),
    f.make(300, 'syscall.exit', { host: 9, task: 38, arg: 1 }),
    f.make(300, 'sched.exit', { host: 9, task: 38 }),
    f.make(320, 'thread.exit', { host: 9 }),
    f.make(500, 'sem.up', { host: 2, task: 0, obj: 3 }),
  ]));
  return s;
}

function titlesAt(ns: number): string[] {
  const s = appThreadTrace();
  const m = new TimelineModel(false);
  m.update(s);
  const names = new NameTable();
  names.add({ hosts: [[2, 'kernel'], [9, 'test:many_3']], tasks: [[0, 'swapper'], [6, 'idle_host_task'], [38, 'host2']], objects: [] });
  const rows = layoutLanes(m.lanes.filter((l) => l.kind === 'host'), 0, 0);
  return laneTitles(rows, names, ns);
}

test('a host lane shows the task it carries at the given time, not a later or earlier one', () => {
  assert.deepEqual(titlesAt(250), ['kernel ↔ swapper [0]', 'test:many_3 ↔ host2 [38]']);
  // before the thread ever ran kernel code it carries nothing (not its first task, idle_host_task)
  assert.deepEqual(titlesAt(150), ['kernel ↔ swapper [0]', 'test:many_3']);
});

test('after its thread exits a host lane carries no task (no stale label)', () => {
  assert.deepEqual(titlesAt(600), ['kernel ↔ swapper [0]', 'test:many_3']);
  const s = appThreadTrace();
  const m = new TimelineModel(false);
  m.update(s);
  const lane = m.lanes.find((l) => l.kind === 'host' && l.key === 9);
  assert.ok(lane);
  assert.equal(lane.taskAt(310), 38);
  assert.equal(lane.taskAt(320), -1);
  assert.deepEqual([...lane.seenTasks].sort((a, b) => a - b), [6, 38], 'the task filter still finds what it carried');
});
