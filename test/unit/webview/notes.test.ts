import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimelineNote } from '../../../src/protocol/messages';
import { handleKey, type KeyActions } from '../../../webview/keys';
import { NoteNav } from '../../../webview/noteNav';
import { Lane, layoutLanes } from '../../../webview/timeline/lanes';
import { NoteList, noteRow } from '../../../webview/timeline/notes';
import type { Viewport } from '../../../webview/timeline/scale';

const NOTES: TimelineNote[] = [
  { ts: 3000, id: 'note-2', text: 'right blocks on A', task: 10 },
  { ts: 1000, id: 'note-1', text: 'left blocks on B', task: 9 },
  { ts: 9000, id: 'note-3', text: 'deadlock', obj: 4 },
];
// 10 ns per pixel from t0 = 0: note-1 at x 100, note-2 at x 300, note-3 at x 900
const VP: Viewport = { t0: 0, startNs: 0, nsPerPx: 10, widthPx: 1000 };

test('notes are kept in time order; a re-sent id replaces its note', () => {
  const l = new NoteList();
  l.add(NOTES);
  assert.deepEqual(l.notes.map((n) => n.id), ['note-1', 'note-2', 'note-3']);
  l.add([{ ts: 500, id: 'note-3', text: 'moved' }]);
  assert.deepEqual(l.notes.map((n) => `${n.id}@${n.ts}`), ['note-3@500', 'note-1@1000', 'note-2@3000']);
  assert.equal(l.count, 3);
});

test('the flag under the pointer is found within a few pixels only', () => {
  const l = new NoteList();
  l.add(NOTES);
  assert.equal(l.nearest(VP, 302, 5), 1);
  assert.equal(l.nearest(VP, 98, 5), 0);
  assert.equal(l.nearest(VP, 200, 5), -1);
  assert.equal(l.nearest(VP, 900, 5, (i) => i !== 2), -1, 'a filtered-out note is not hit');
});

test('n / N step from the selected note, or from the middle of the view', () => {
  const l = new NoteList();
  l.add(NOTES);
  assert.equal(l.step(-1, 2000, 1), 1, 'first note after the middle');
  assert.equal(l.step(-1, 2000, -1), 0, 'last note before the middle');
  assert.equal(l.step(1, 0, 1), 2);
  assert.equal(l.step(2, 0, 1), -1, 'none after the last');
  assert.equal(l.step(0, 0, -1), -1, 'none before the first');
  assert.equal(new NoteList().step(-1, 0, 1), -1);
});

test('a note sits on its object lane, else on the lane carrying its task at its moment', () => {
  const a = new Lane(0, 'host', 1);
  a.carry(0, 9);
  a.carry(2000, 10);
  const b = new Lane(1, 'host', 2);
  b.carry(0, 10);
  const o = new Lane(2, 'object', 4);
  const rows = layoutLanes([a, b, o], 0, 0);
  const l = new NoteList();
  l.add(NOTES);
  assert.equal(noteRow(l.notes[0], rows)?.lane, a, 'task 9 on host 1 at 1000');
  assert.equal(noteRow(l.notes[1], rows)?.lane, a, 'task 10 moved to host 1 by 3000');
  assert.equal(noteRow(l.notes[2], rows)?.lane, o);
  assert.equal(noteRow({ ts: 0, id: 'x', text: 'no lane', task: 77 }, rows), undefined);
  assert.equal(noteRow({ ts: 0, id: 'y', text: 'strip only' }, rows), undefined);
});

test('NoteNav keeps the selection across added notes and writes the data attributes', () => {
  const root = { dataset: {} as DOMStringMap } as HTMLElement;
  let info = '';
  const nav = new NoteNav(root, (t) => (info = t));
  assert.equal(root.dataset.notes, '0');
  assert.equal(nav.stripPx(), 0, 'no strip without notes');
  nav.add(NOTES.slice(0, 2));
  assert.equal(nav.step(1, 0, 0), 0);
  assert.equal(root.dataset.noteSelected, 'note-1');
  assert.match(info, /note 1\/2 .*left blocks on B/);
  nav.add([{ ts: 10, id: 'note-0', text: 'first' }]);
  assert.equal(nav.selected, 1, 'still note-1, now second');
  assert.equal(root.dataset.notes, '3');
  assert.ok(nav.stripPx() > 0);
  // the strip lies just under the axis (top 30 here); the flag leans right of its pole
  const rows = layoutLanes([], 30 + nav.stripPx(), 0);
  assert.equal(nav.hitAt(rows, VP, 103, 35, 30), 1);
  assert.equal(nav.hitAt(rows, VP, 103, 80, 30), -1, 'below the strip, on no lane');
  nav.clear();
  assert.equal(root.dataset.notes, '0');
  assert.equal(root.dataset.noteSelected, '');
});

test('n and N step notes; m and M step search matches', () => {
  const calls: string[] = [];
  const a = new Proxy({}, { get: (_t, k) => (...args: unknown[]) => calls.push(`${String(k)}(${args.join(',')})`) }) as KeyActions;
  for (const [key, shiftKey] of [['n', false], ['N', true], ['m', false], ['M', true]] as const) {
    assert.ok(handleKey({ key, shiftKey, ctrlKey: false, metaKey: false } as KeyboardEvent, a));
  }
  assert.deepEqual(calls, ['noteStep(1)', 'noteStep(-1)', 'searchStep(1)', 'searchStep(-1)']);
});
