import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceSession } from '../../../src/extension/session';
import { EventFactory } from '../../../src/trace/events';
import { checkMessage } from '../../../webview/validate';

test('session info announces the events it holds, and the webview boundary accepts it', () => {
  const s = new TraceSession('t', { version: 1, source: 'runtime', names: { hosts: new Map(), tasks: new Map(), objects: new Map() } }, false);
  assert.equal(s.info().eventCount, 0);
  const f = new EventFactory();
  s.append([f.make(1, 'sem.up', { host: 0 }), f.make(2, 'sem.down', { host: 0 })]);
  const info = s.info();
  assert.equal(info.eventCount, 2);
  assert.equal(checkMessage({ type: 'init', version: 1, session: info }).ok, true);
});
