import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import * as errno from '../../../../src/runtime/kernel/errno';
import {
  LINUX_REBOOT_CMD_KEXEC,
  LINUX_REBOOT_MAGIC1,
  LINUX_REBOOT_MAGIC2,
  NR,
} from '../../../../src/runtime/kernel/syscallNumbers';
import { KEXEC_ON_CRASH, KEXEC_STEPS } from '../../../../src/runtime/kernel/kexec';
import { Runtime } from '../../../../src/runtime/runtime';
import type { TraceEvent } from '../../../../src/trace/events';
import { checkOrder } from '../../../helpers/orderChecker';

const ENTRY = 0x1000000;
const reboot = [LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_KEXEC] as const;

function run(body: (r: number[], rt: Runtime) => (app: import('../../../../src/runtime/appApi').AppApi) => Fiber) {
  const rt = Runtime.create({ seed: 3 });
  const out: number[] = [];
  rt.start(body(out, rt));
  rt.runToEnd();
  return { rt, out };
}

const steps = (ev: readonly TraceEvent[], from = 0) =>
  ev.slice(from).filter((e) => e.kind === 'halt.step.begin').map((e) => e.arg);

describe('kexec_load', () => {
  it('checks privilege, segment count and flags; zero segments unloads', () => {
    const { rt, out } = run((r) =>
      function* (app): Fiber {
        r.push(yield* app.syscall(NR.kexec_load, ENTRY, 17, { cmdline: 'x' }, 0));
        r.push(yield* app.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'x' }, 0x40));
        r.push(yield* app.syscall(NR.kexec_load, ENTRY, 1, null, 0));
        r.push(yield* app.syscall(NR.kexec_load, ENTRY, 16, [{ cmdline: 'x' }], 0));
        r.push(yield* app.syscall(NR.kexec_load, 0, 0, null, 0));
        r.push(yield* app.syscall(NR.reboot, ...reboot));
        r.push(yield* app.syscall(NR.reboot, 1, 2, LINUX_REBOOT_CMD_KEXEC));
        const user = app.spawn(function* unprivileged(u): Fiber {
          r.push(yield* u.syscall(NR.setuid, 1000));
          r.push(yield* u.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'x' }, 0));
          r.push(yield* u.syscall(NR.reboot, ...reboot));
        }, 'user');
        yield* app.join(user);
        yield* app.halt();
      },
    );
    assert.deepEqual(out, [
      -errno.EINVAL, -errno.EINVAL, -errno.EFAULT, 0, 0, -errno.EINVAL, -errno.EINVAL, 0,
      -errno.EPERM, -errno.EPERM,
    ]);
    assert.equal(rt.events.filter((e) => e.kind === 'kexec.load').length, 1);
    assert.equal(rt.events.filter((e) => e.kind === 'kexec.unload').length, 1);
    assert.equal(rt.status, 'halted');
  });
});

describe('reboot(LINUX_REBOOT_CMD_KEXEC)', () => {
  it('shuts down in order, boots gen 1 in the same host with the image cmdline', () => {
    const { rt, out } = run((r) =>
      function* (app): Fiber {
        r.push(yield* app.getpid());
        r.push(yield* app.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'mem=16M next' }, 0));
        r.push(yield* app.syscall(NR.reboot, ...reboot));
        r.push(yield* app.getpid());
        yield* app.halt();
      },
    );
    assert.equal(out[1], 0);
    assert.equal(out[2], 0);
    assert.ok(out[3] > 0, `getpid after kexec: ${out[3]}`);
    const ev = rt.events;
    const exec = ev.findIndex((e) => e.kind === 'kexec.exec');
    assert.ok(exec > 0);
    assert.deepEqual(steps(ev).slice(0, KEXEC_STEPS.length), [...KEXEC_STEPS]);
    const done = ev.findIndex((e, i) => i > exec && e.kind === 'boot.done');
    assert.ok(done > exec);
    assert.equal(ev[done].arg, 'mem=16M next');
    assert.equal(ev[done].gen, 1);
    for (const e of ev.slice(exec, done)) {
      assert.ok(!(e.kind === 'halt.step.begin' && (e.arg === 'threads_cleanup' || e.arg === 'thread_join')));
    }
    for (let i = exec + 1; i < ev.length; i++) assert.equal(ev[i].gen, 1);
    assert.equal(rt.kernel.cmdline, 'mem=16M next');
    assert.equal(rt.kernel.memBytes, 16 << 20);
    assert.equal(rt.status, 'halted');
  });
});

describe('crash kexec', () => {
  it('a panic with a crash image boots the crash kernel', () => {
    const { rt, out } = run((r) =>
      function* (app): Fiber {
        r.push(yield* app.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'crash' }, KEXEC_ON_CRASH));
        r.push(yield* app.syscall(NR.scope_panic, 'test'));
        r.push(yield* app.getpid());
        yield* app.halt();
      },
    );
    assert.deepEqual(out.slice(0, 2), [0, -errno.EINTR]);
    assert.ok(out[2] > 0);
    const ev = rt.events;
    assert.ok(ev.some((e) => e.kind === 'panic'));
    assert.ok(ev.some((e) => e.kind === 'boot.done' && e.gen === 1 && e.arg === 'crash'));
    assert.equal(rt.status, 'halted');
  });

  it('without a crash image the panic stays a panic', () => {
    const { rt } = run(() =>
      function* (app): Fiber {
        yield* app.syscall(NR.scope_panic, 'test');
      },
    );
    assert.equal(rt.status, 'panic');
  });
});

describe('kexec traces and the order checker', () => {
  it('accepts kexec and crash-kexec runs, and rejects a host halt step before boot.done', () => {
    const normal = run(() =>
      function* (app): Fiber {
        yield* app.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'next' }, 0);
        yield* app.syscall(NR.reboot, ...reboot);
        yield* app.halt();
      },
    ).rt;
    assert.deepEqual(checkOrder(normal), []);
    const crash = run(() =>
      function* (app): Fiber {
        yield* app.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'crash' }, KEXEC_ON_CRASH);
        yield* app.syscall(NR.scope_panic, 'test');
        yield* app.halt();
      },
    ).rt;
    assert.deepEqual(checkOrder(crash), []);
    const ev = [...normal.events];
    const x = ev.findIndex((e) => e.kind === 'kexec.exec');
    ev.splice(x + 1, 0, { ...ev[x], kind: 'halt.step.begin', arg: 'threads_cleanup', gen: 1 });
    const broken = ev.map((e, i) => ({ ...e, seq: i }));
    assert.ok(checkOrder({ events: broken, names: normal.names }).some((m) => m.includes('between kexec.exec')));
    const noGen = normal.events.map((e) => ({ ...e, gen: 0 }));
    assert.ok(checkOrder({ events: noGen, names: normal.names }).some((m) => m.includes('gen 0')));
  });
});

describe('Runtime helpers for a live runtime', () => {
  it('kexecReboot() boots gen 1 with the given cmdline; triggerPanic() then panics it', () => {
    const rt = Runtime.create({ seed: 5 });
    rt.start(function* main(app): Fiber {
      yield* app.getpid();
    });
    assert.equal(rt.runToEnd(), 'running');
    rt.kexecReboot('mem=8M from-helper');
    assert.equal(rt.runToEnd(), 'running');
    assert.equal(rt.gen, 1);
    assert.equal(rt.kernel.cmdline, 'mem=8M from-helper');
    rt.triggerPanic('from the extension');
    assert.equal(rt.runToEnd(), 'panic');
    assert.match(rt.statusDetail, /from the extension/);
    assert.deepEqual(checkOrder(rt), []);
  });
});
