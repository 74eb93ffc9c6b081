import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import { NR, NR_SYSCALLS } from '../../../../src/runtime/kernel/syscallNumbers';
import type { SyscallArg } from '../../../../src/runtime/kernel/syscallTypes';
import { Runtime } from '../../../../src/runtime/runtime';
import { prng } from '../../../helpers/prng';


/** Calls that end the kernel on purpose (halt, panic) are not fuzzed. */
const SKIP = new Set<number>([NR.reboot, NR.scope_panic]);

function randomArg(rnd: () => number): SyscallArg {
  const r = rnd();
  if (r < 0.35) return Math.floor(rnd() * 8) - 2;
  if (r < 0.5) return Math.floor(rnd() * 2 ** 32) - 2 ** 31;
  if (r < 0.6) return ['/', '/proc', '/tmp/x', '', 'a'.repeat(300)][Math.floor(rnd() * 5)];
  if (r < 0.7) return new Uint8Array(Math.floor(rnd() * 16));
  if (r < 0.75) return new Int32Array(2);
  if (r < 0.85) return { tv_sec: 0, tv_nsec: Math.floor(rnd() * 1000), sched_priority: 1 };
  if (r < 0.9) return [{ cmdline: 'fuzz' }];
  return rnd() < 0.5 ? null : undefined;
}

it('10k random syscalls: no exception escapes, every result a value or a negative errno', () => {
  const rnd = prng(1234);
  let done = 0;
  const bad: string[] = [];
  for (let run = 0; done < 10_000 && run < 200; run++) {
    const rt = Runtime.create({ seed: run + 1, maxVirtualNs: 30e9 });
    rt.start(function* fuzz(app): Fiber {
      while (done < 10_000) {
        let no = Math.floor(rnd() * NR_SYSCALLS);
        if (SKIP.has(no)) no = NR.getpid;
        const args = Array.from({ length: 5 }, () => randomArg(rnd));
        const r = yield* app.syscall(no, ...args);
        done++;
        if (typeof r !== 'number' || !Number.isInteger(r) || r < -4095)
          bad.push(`syscall ${no}(${args.map(String).join(', ')}) = ${r}`);
      }
      yield* app.halt();
    });
    rt.runToEnd();
    // A blocking call may leave the run waiting (deadlock) or at its bound; never a fault.
    assert.notEqual(rt.status, 'panic', rt.statusDetail);
  }
  assert.equal(done, 10_000);
  assert.deepEqual(bad.slice(0, 5), []);
});
