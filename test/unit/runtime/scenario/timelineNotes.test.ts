// Scenario notes as the timeline draws them: fired once each, at their moment, with a stable id
// and the task they are about; the same from a live stream as from a finished run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenario } from '../../../../src/runtime/scenario/loader';
import { formatError } from '../../../../src/runtime/scenario/located';
import { NoteTracker, type FiredNote, timelineNote } from '../../../../src/runtime/scenario/notes';
import { createScenarioRuntime, runScenario } from '../../../../src/runtime/scenario/runScenario';
import type { Scenario } from '../../../../src/runtime/scenario/types';

const DIR = join(resolve(__dirname, '../../../../..'), 'scenarios');

function load(name: string): Scenario {
  const r = loadScenario(readFileSync(join(DIR, `${name}.scenario.json`), 'utf8'), `${name}.scenario.json`);
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.scenario;
}

test('fired notes of thread moments name the task of that thread', () => {
  for (const name of ['priority-inversion', 'sem-ping-pong', 'cpu-lock-contention', 'deadlock']) {
    const sc = load(name);
    const run = runScenario(sc);
    assert.ok(run.fired.length > 0, name);
    const placed = run.notes.filter((n) => n.seq !== null).length;
    assert.equal(run.fired.length, placed, `${name}: every placed note fires once`);
    assert.equal(new Set(run.fired.map((n) => n.id)).size, run.fired.length, `${name}: ids unique`);
    let named = 0;
    for (const n of run.fired) {
      const at = sc.notes![n.index].at;
      assert.equal(n.text, sc.notes![n.index].text);
      assert.equal(n.ts, run.notes[n.index].ts, `${name} ${n.id}: same moment as placeNotes`);
      if (!('thread' in at)) continue;
      assert.notEqual(n.task, undefined, `${name} ${n.id}: names the task of ${at.thread}`);
      // A kthread's comm is its name; an app thread's task is the one its host thread entered as.
      const thread = sc.threads.find((t) => t.name === at.thread)!;
      if (thread.kind === 'kernel') assert.equal(run.names.tasks.get(n.task!), at.thread, `${name} ${n.id}`);
      else {
        const host = [...run.names.hosts].find(([, h]) => h === at.thread)?.[0];
        assert.ok(run.events.some((e) => e.host === host && e.task === n.task), `${name} ${n.id}: task of ${at.thread}`);
      }
      named++;
    }
    assert.ok(named > 0, `${name} has thread notes`);
  }
});

test('a live stream fires the same notes, tasks included, as the finished run', () => {
  const sc = load('priority-inversion');
  const { rt, interpreter } = createScenarioRuntime(sc);
  const tracker = new NoteTracker(sc, () => interpreter.state?.moments ?? [], (t, h) => interpreter.state?.taskOfThread(t, h));
  const live: FiredNote[] = [];
  rt.subscribe((batch) => live.push(...tracker.feed(batch)));
  while (rt.runSlice(50));
  assert.deepEqual(tracker.fired, live);
  const byIndex = (a: FiredNote[]) => [...a].sort((x, y) => x.index - y.index).map(timelineNote);
  assert.deepEqual(byIndex(live), byIndex(runScenario(sc).fired));
});

test('timelineNote keeps only what the timeline draws; ids survive a rerun', () => {
  const a = runScenario(load('sem-ping-pong')).fired.map(timelineNote);
  const b = runScenario(load('sem-ping-pong')).fired.map(timelineNote);
  assert.deepEqual(a, b);
  for (const n of a) {
    assert.deepEqual(Object.keys(n).filter((k) => !['ts', 'id', 'text', 'task', 'obj'].includes(k)), []);
    assert.match(n.id, /^note-\d+$/);
  }
});
