import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FromWebview } from '../../../src/protocol/messages';
import type { Transport } from '../../../webview/host';
import { Requests } from '../../../webview/requests';

function fake(): { t: Transport; sent: FromWebview[] } {
  const sent: FromWebview[] = [];
  const t: Transport = { mode: 'standalone', post: (m) => sent.push(m), onMessage: () => () => undefined, getState: () => undefined, setState: () => undefined };
  return { t, sent };
}

test('a request resolves with its own reply, rejects on an error reply, and all pending fail on rejectAll', async () => {
  const { t, sent } = fake();
  const r = new Requests(t);
  const a = r.ask({ kind: 'openSource', seq: 1 });
  const b = r.ask({ kind: 'openSource', seq: 2 });
  const c = r.ask({ kind: 'openSource', seq: 3 });
  const ids = sent.map((m) => (m.type === 'request' ? m.id : -1));
  assert.equal(new Set(ids).size, 3, 'distinct ids');
  r.settle(ids[1], true, 'B', undefined);
  r.settle(ids[0], false, undefined, 'no source');
  r.settle(999, true, 'nobody asked', undefined); // ignored
  assert.equal(await b, 'B');
  await assert.rejects(a, /no source/);
  r.rejectAll('timeline closed');
  await assert.rejects(c, /timeline closed/);
});

test('a host request is answered with the body or the error message', async () => {
  const { t, sent } = fake();
  const r = new Requests(t);
  r.answer(4, Promise.resolve({ x: 1 }));
  r.answer(5, Promise.reject(new Error('export failed')));
  await new Promise((res) => setTimeout(res, 0));
  assert.deepEqual(sent, [
    { type: 'reply', id: 4, ok: true, body: { x: 1 } },
    { type: 'reply', id: 5, ok: false, error: 'export failed' },
  ]);
});
