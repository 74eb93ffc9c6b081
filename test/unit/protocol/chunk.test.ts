import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBatch, encodeBatch, validateBatch } from '../../../src/protocol/chunk';
import { EventFactory } from '../../../src/trace/events';

test('a batch encodes to columns and decodes to the same events', () => {
  const f = new EventFactory();
  const events = [
    f.make(0, 'sem.alloc', { host: 0, obj: 3, arg: 0 }),
    f.make(10, 'sched.switch', { host: 1, task: 2, peer: 5, arg: 'S' }),
    f.make(1_234_567_890_123, 'printk', { host: 2, arg: 'hello, world' }),
    f.make(1_234_567_890_124, 'boot.done', { gen: 3 }),
  ];
  const b = encodeBatch(events);
  assert.equal(b.count, 4);
  assert.deepEqual(b.argStr, ['S', 'hello, world']);
  assert.deepEqual(decodeBatch(b), events);
  assert.equal(validateBatch(b), null);
});

test('validateBatch names the bad column', () => {
  const b = encodeBatch([new EventFactory().make(0, 'panic')]);
  assert.match(validateBatch({ ...b, ts: [0] }) ?? '', /batch\.ts is not a Float64Array/);
  assert.match(validateBatch({ ...b, host: new Int32Array(2) }) ?? '', /batch\.host has length 2, expected 1/);
  assert.match(validateBatch({ ...b, kind: new Uint8Array([250]) }) ?? '', /batch\.kind\[0\] is 250/);
  assert.equal(validateBatch(null), 'batch is not an object');
});
