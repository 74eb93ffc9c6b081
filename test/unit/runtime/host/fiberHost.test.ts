import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeterministicHost } from '../../../../src/runtime/host/deterministicHost';
import type { Fiber } from '../../../../src/runtime/host/hostOps';

function runAll(h: DeterministicHost): void {
  for (let i = 0; i < 100000 && h.step(); i++);
}

test('a thread body is called on its first run, not at create', () => {
  const h = new DeterministicHost(1);
  const log: string[] = [];
  h.threadCreate(() => {
    log.push('called');
    return (function* body(): Fiber {
      log.push('runs');
    })();
  });
  assert.deepEqual(log, []);
  runAll(h);
  assert.deepEqual(log, ['called', 'runs']);
});

test('destructors run after a body that returns, and may block before the thread ends', () => {
  const h = new DeterministicHost(2);
  const s = h.semAlloc(0);
  const log: string[] = [];
  const key = h.tlsAlloc(function* d(v): Fiber {
    log.push(`destructor ${String(v)}`);
    yield* h.semDown(s);
    log.push('destructor woken');
  });
  assert.ok(key);
  const t = h.threadCreate(function* body(): Fiber {
    h.tlsSet(key, 'x');
    log.push('body done');
  });
  h.threadCreate(function* joiner(): Fiber {
    yield* h.spin(5000);
    log.push('up');
    h.semUp(s);
    const r = yield* h.threadJoin(t);
    log.push(`joined ${r}`);
  });
  runAll(h);
  assert.deepEqual(log, ['body done', 'destructor x', 'up', 'destructor woken', 'joined 0']);
});

test('an exception other than thread exit is a fault that stops the host', () => {
  const h = new DeterministicHost(3);
  let fault = '';
  h.onFault = (m) => (fault = m);
  h.threadCreate(function* bad(): Fiber {
    yield* h.spin(10);
    throw new Error('boom');
  }, 'bad');
  runAll(h);
  assert.match(fault, /bad: boom/);
  assert.equal(h.step(), false);
});

test('a woken thread reuses its queue entry and still runs in (time, seq) order', () => {
  const h = new DeterministicHost(4, undefined, { wakeNs: 100, wakeJitterNs: 0 });
  const s = h.semAlloc(0);
  const order: string[] = [];
  for (const name of ['a', 'b']) {
    h.threadCreate(function* w(): Fiber {
      for (let i = 0; i < 3; i++) {
        yield* h.semDown(s);
        order.push(`${name}${i}@${h.time()}`);
      }
    });
  }
  h.threadCreate(function* u(): Fiber {
    for (let i = 0; i < 6; i++) {
      yield* h.spin(1000);
      h.semUp(s);
    }
  });
  runAll(h);
  assert.equal(order.length, 6);
  const times = order.map((x) => Number(x.split('@')[1]));
  assert.deepEqual(times, [1100, 2100, 3100, 4100, 5100, 6100]);
});
