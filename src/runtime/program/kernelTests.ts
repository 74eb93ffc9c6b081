// The selftest's kernel tests beyond boot.c (issue 6): kexec load/unload privilege, kexec reboot
// into generation + 1, crash kexec, and deadlock detection (on a runtime of its own).

import type { AppApi } from '../appApi';
import type { Fiber } from '../host/hostOps';
import * as errno from '../kernel/errno';
import { KEXEC_ON_CRASH } from '../kernel/kexec';
import {
  LINUX_REBOOT_CMD_KEXEC,
  LINUX_REBOOT_MAGIC1,
  LINUX_REBOOT_MAGIC2,
  NR,
} from '../kernel/syscallNumbers';
import { Runtime } from '../runtime';
import type { BootTest, BootTestEnv, TestOutcome } from './bootTests';

const ENTRY = 0x1000000;

function* kexecReboot(app: AppApi): Fiber<number> {
  const cmd = LINUX_REBOOT_CMD_KEXEC;
  return yield* app.syscall(NR.reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd);
}

function outcome(ok: boolean, log: string): TestOutcome {
  return { ok, log };
}

function gen(env: BootTestEnv): number {
  return env.gen?.() ?? -1;
}

export const KERNEL_TESTS: readonly BootTest[] = [
  {
    name: 'kexec_load_unprivileged',
    *run(app) {
      let uid = 0;
      let ret = 0;
      const t = app.spawn(function* user(u): Fiber {
        uid = yield* u.syscall(NR.setuid, 1000);
        ret = yield* u.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'x' }, 0);
      }, 'test:unprivileged');
      yield* app.join(t);
      const ok = uid === 0 && ret === -errno.EPERM;
      return outcome(ok, `setuid(1000) = ${uid}; kexec_load = ${ret}`);
    },
  },
  {
    name: 'kexec_unload',
    *run(app) {
      const load = yield* app.syscall(NR.kexec_load, ENTRY, 1, { cmdline: 'x' }, 0);
      const unload = yield* app.syscall(NR.kexec_load, 0, 0, null, 0);
      const reboot = yield* kexecReboot(app);
      return outcome(
        load === 0 && unload === 0 && reboot === -errno.EINVAL,
        `kexec_load(1 segment) = ${load}; kexec_load(0 segments) = ${unload}; ` +
          `reboot(KEXEC) without an image = ${reboot}`,
      );
    },
  },
  {
    name: 'kexec_reboot',
    *run(app, env) {
      const g0 = gen(env);
      const load = yield* app.syscall(NR.kexec_load, ENTRY, 1, { cmdline: env.cmdline }, 0);
      const reboot = yield* kexecReboot(app);
      const pid = yield* app.getpid();
      const g1 = gen(env);
      return outcome(
        load === 0 && reboot === 0 && pid === 1 && g1 === g0 + 1,
        `kexec_load = ${load}; reboot(KEXEC) = ${reboot}; gen ${g0} → ${g1}; getpid() = ${pid}`,
      );
    },
  },
  {
    name: 'crash_kexec',
    *run(app, env) {
      const g0 = gen(env);
      const image = { cmdline: env.cmdline };
      const load = yield* app.syscall(NR.kexec_load, ENTRY, 1, image, KEXEC_ON_CRASH);
      const panic = yield* app.syscall(NR.scope_panic, 'selftest crash_kexec');
      const pid = yield* app.getpid();
      const g1 = gen(env);
      return outcome(
        load === 0 && panic === -errno.EINTR && pid === 1 && g1 === g0 + 1,
        `kexec_load(KEXEC_ON_CRASH) = ${load}; panic: syscall = ${panic}; ` +
          `crash kernel gen ${g1}; ` +
          `getpid() = ${pid}`,
      );
    },
  },
  {
    name: 'deadlock_detected',
    *run() {
      // A runtime of its own: a reader waits on a channel nobody writes to.
      const rt = Runtime.create({ seed: 1 });
      rt.start(function* stuck(a): Fiber {
        const ch = yield* a.syscall(NR.chan_create);
        yield* a.syscall(NR.chan_read, ch, new Uint8Array(8), 8);
      });
      rt.runToEnd();
      const ev = rt.events.find((e) => e.kind === 'deadlock');
      return outcome(
        rt.status === 'deadlock' && ev !== undefined,
        `status ${rt.status}; wait-for graph ${String(ev?.arg ?? 'none').slice(0, 200)}`,
      );
    },
  },
];
