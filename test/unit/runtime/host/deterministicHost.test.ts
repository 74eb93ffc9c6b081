import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeterministicHost } from '../../../../src/runtime/host/deterministicHost';
import { type Fiber, newJmpBuf } from '../../../../src/runtime/host/hostOps';

function runAll(h: DeterministicHost): void {
  for (let i = 0; i < 100000 && h.step(); i++);
}

test('sem_down blocks until sem_up, and the up names the released thread', () => {
  const h = new DeterministicHost(1);
  const s = h.semAlloc(0);
  const log: string[] = [];
  let released = -1;
  const waiter = h.threadCreate(function* w(): Fiber {
    log.push('down');
    yield* h.semDown(s);
    log.push('woken');
  });
  h.threadCreate(function* u(): Fiber {
    yield* h.spin(1000);
    log.push('up');
    released = h.semUp(s);
  });
  runAll(h);
  assert.deepEqual(log, ['down', 'up', 'woken']);
  assert.equal(released, waiter);
  assert.ok(h.now >= 1000);
});

test('join returns 0 after the thread ends; TLS destructors run before', () => {
  const h = new DeterministicHost(1);
  const log: string[] = [];
  const key = h.tlsAlloc(function* d(v): Fiber {
    log.push(`destructor ${String(v)}`);
  });
  assert.ok(key);
  let joined = -9;
  const t = h.threadCreate(function* t1(): Fiber {
    h.tlsSet(key, 'task');
    yield* h.spin(10);
    log.push('body');
    h.threadExit();
  });
  h.threadCreate(function* j(): Fiber {
    joined = yield* h.threadJoin(t);
    log.push('joined');
  });
  runAll(h);
  assert.deepEqual(log, ['body', 'destructor task', 'joined']);
  assert.equal(joined, 0);
});

test('longjmp returns to the jmpBufSet of the same thread', () => {
  const h = new DeterministicHost(1);
  const jb = newJmpBuf();
  const log: string[] = [];
  h.threadCreate(function* t(): Fiber {
    const r = yield* h.jmpBufSet(jb, function* f(): Fiber {
      log.push('in f');
      yield* h.spin(5);
      h.jmpBufLongjmp(jb, 7);
    });
    log.push(`back ${r}`);
  });
  runAll(h);
  assert.deepEqual(log, ['in f', 'back 7']);
});

test('a one-shot timer runs its function on its own host thread at the set time', () => {
  const h = new DeterministicHost(1);
  const fired: number[] = [];
  let on = 0;
  const tm = h.timerAlloc(function* f(): Fiber {
    fired.push(h.time());
    on = h.threadSelf();
  });
  h.timerSetOneshot(tm, 500);
  h.timerSetOneshot(tm, 700); // re-arming replaces the first expiry
  runAll(h);
  assert.deepEqual(fired, [700]);
  assert.notEqual(on, 0);
});

test('an exception in a host thread becomes a fault, not a throw', () => {
  const h = new DeterministicHost(1);
  let fault = '';
  h.onFault = (m) => (fault = m);
  h.threadCreate(function* bad(): Fiber {
    yield* h.spin(1);
    throw new Error('boom');
  }, 'bad');
  runAll(h);
  assert.match(fault, /bad: boom/);
  assert.equal(h.step(), false);
});

test('non-recursive mutex locked twice panics; recursive nests', () => {
  const h = new DeterministicHost(1);
  const r = h.mutexAlloc(true);
  const m = h.mutexAlloc(false);
  h.threadCreate(function* t(): Fiber {
    yield* h.mutexLock(r);
    yield* h.mutexLock(r);
    h.mutexUnlock(r);
    h.mutexUnlock(r);
    yield* h.mutexLock(m);
    yield* h.mutexLock(m);
  });
  runAll(h);
  assert.match(h.panicReason ?? '', /locked twice/);
});
