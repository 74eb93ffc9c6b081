import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import { NR } from '../../../../src/runtime/kernel/syscallNumbers';
import { Completion, KMutex } from '../../../../src/runtime/kernel/wait';
import { Runtime } from '../../../../src/runtime/runtime';

it('ABBA on two kernel mutexes: a deadlock event with task → mutex → holder, clean stop', () => {
  const rt = Runtime.create({
    seed: 9,
    scenario: {
      name: 'abba',
      install(r) {
        r.kernel.initcalls.register({
          level: 'late',
          name: 'abba',
          *fn(k) {
            const a = new KMutex(k, 'A');
            const b = new KMutex(k, 'B');
            const aHeld = new Completion(k, 'a_held');
            const bHeld = new Completion(k, 'b_held');
            k.kernelThread(function* one(): Fiber {
              yield* a.lock();
              aHeld.complete();
              yield* bHeld.wait();
              yield* b.lock();
            }, 'abba_one');
            k.kernelThread(function* two(): Fiber {
              yield* b.lock();
              bHeld.complete();
              yield* aHeld.wait();
              yield* a.lock();
            }, 'abba_two');
            return 0;
          },
        });
      },
    },
  });
  rt.start(function* main(app): Fiber {
    const ch = yield* app.syscall(NR.chan_create);
    yield* app.syscall(NR.chan_read, ch, new Uint8Array(4), 4);
  });
  assert.equal(rt.runToEnd(), 'deadlock');
  const ev = rt.events.find((e) => e.kind === 'deadlock');
  assert.ok(ev);
  const g = JSON.parse(String(ev.arg)) as {
    tasks: { comm: string; waitingOn: string; holder: { comm: string } | null }[];
  };
  const one = g.tasks.find((t) => t.comm === 'abba_one');
  const two = g.tasks.find((t) => t.comm === 'abba_two');
  assert.deepEqual([one?.waitingOn, one?.holder?.comm], ['mutex:B', 'abba_two']);
  assert.deepEqual([two?.waitingOn, two?.holder?.comm], ['mutex:A', 'abba_one']);
});
