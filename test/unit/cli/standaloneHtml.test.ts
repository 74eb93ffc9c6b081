import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStandaloneHtml } from '../../../src/cli/standaloneHtml';
import { decodeBatch } from '../../../src/protocol/chunk';
import type { SessionInfo, StandaloneData } from '../../../src/protocol/messages';
import { EventFactory } from '../../../src/trace/events';

const session: SessionInfo = {
  id: 's1', title: 'boot <demo>', source: 'runtime', live: false, seed: 7,
  names: { hosts: [[0, 'boot']], tasks: [[1, 'init']], objects: [[3, 'sem', 'init_sem']] },
};

function embedded(html: string): StandaloneData {
  const m = /<script type="application\/json" id="lkl-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the page embeds #lkl-data');
  return JSON.parse(m[1]) as StandaloneData;
}

test('the page embeds the trace as columns that decode to the same events', () => {
  const f = new EventFactory();
  const events = [
    f.make(0, 'boot.phase.begin', { host: 0, task: 1, arg: 'start_kernel' }),
    f.make(1_000_000_000_123, 'printk', { host: 0, task: 1, arg: 'evil </script><script>alert(1)</script>' }),
    f.make(1_000_000_000_124, 'sem.up', { host: 0, task: 1, obj: 3, peer: 0, arg: 1 }),
  ];
  const html = buildStandaloneHtml({ title: session.title, scriptJs: 'window.x = "</script>";', css: 'body{}', session, events });
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two script elements close');
  assert.match(html, /<title>boot &#60;demo&#62;<\/title>/);
  const data = embedded(html);
  assert.deepEqual(data.session, session);
  assert.equal(data.status?.state, 'halted');
  const c = data.columns;
  const batch = {
    count: c.count, seq: Float64Array.from(c.seq), ts: Float64Array.from(c.ts), kind: Uint8Array.from(c.kind),
    host: Int32Array.from(c.host), task: Int32Array.from(c.task), obj: Int32Array.from(c.obj), peer: Int32Array.from(c.peer),
    gen: Uint16Array.from(c.gen), argType: Uint8Array.from(c.argType), argNum: Float64Array.from(c.argNum), argStr: c.argStr,
  };
  assert.deepEqual(decodeBatch(batch), events);
});

test('the script and css are inlined, with closing tags inside them neutralised', () => {
  const html = buildStandaloneHtml({ title: 't', scriptJs: 'var s = "</SCRIPT>"; // <!-- x', css: 'a{} </style>', session, events: [] });
  assert.ok(html.includes('var s = "<\\/SCRIPT>";'));
  assert.ok(html.includes('<\\!-- x'));
  assert.ok(html.includes('a{} <\\/style>'));
  assert.ok(html.includes('<div id="app"></div>'));
  assert.equal(embedded(html).columns.count, 0);
});

test('scenario notes travel in StandaloneData.notes; a page without notes has no field', () => {
  const notes = [{ ts: 5, id: 'note-1', text: 'high </script> waits', task: 1 }];
  const withNotes = embedded(buildStandaloneHtml({ title: 't', scriptJs: '', css: '', session, events: [], notes }));
  assert.deepEqual(withNotes.notes, notes);
  const without = embedded(buildStandaloneHtml({ title: 't', scriptJs: '', css: '', session, events: [] }));
  assert.equal('notes' in without, false);
});
