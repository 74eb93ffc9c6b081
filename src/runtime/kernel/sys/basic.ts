// The basic syscalls: getpid, gettid, getppid, sched_yield, nanosleep, reboot (restart and kexec
// paths), kexec_load and LKL Scope's scope_panic. Bad arguments give negative errno, as Linux.

import type { Fiber } from '../../host/hostOps';
import * as errno from '../errno';
import type { Kernel } from '../kernel';
import {
  LINUX_REBOOT_CMD_HALT,
  LINUX_REBOOT_CMD_KEXEC,
  LINUX_REBOOT_CMD_POWER_OFF,
  LINUX_REBOOT_CMD_RESTART,
  LINUX_REBOOT_MAGIC1,
  LINUX_REBOOT_MAGIC2,
  NR,
} from '../syscallNumbers';
import type { SyscallArg, SyscallHandlerSet, SyscallResult } from '../syscallTypes';

export const NSEC_PER_SEC = 1_000_000_000;

/** Reads a struct timespec argument: ns, or a negative errno. */
export function timespecNs(a: SyscallArg): number {
  if (
    a === null ||
    typeof a !== 'object' ||
    a instanceof Uint8Array ||
    a instanceof Int32Array ||
    Array.isArray(a)
  ) {
    return -errno.EFAULT;
  }
  const sec = a.tv_sec;
  const nsec = a.tv_nsec;
  if (typeof sec !== 'number' || typeof nsec !== 'number') return -errno.EFAULT;
  if (
    !Number.isInteger(sec) ||
    !Number.isInteger(nsec) ||
    sec < 0 ||
    nsec < 0 ||
    nsec >= NSEC_PER_SEC
  ) {
    return -errno.EINVAL;
  }
  return sec * NSEC_PER_SEC + nsec;
}

function nanosleep(args: readonly SyscallArg[]): SyscallResult {
  const ns = timespecNs(args[0]);
  if (ns < 0) return ns;
  const sleep: SyscallResult = {
    kind: 'block',
    queues: [],
    reason: 'nanosleep',
    timeoutNs: ns,
    retry: () => sleep,
    onTimeout: () => 0,
  };
  return sleep;
}

export const basicSyscalls: SyscallHandlerSet = {
  name: 'basic',
  defs: [
    { no: NR.getpid, name: 'getpid', handler: (ctx) => ctx.tgid },
    { no: NR.gettid, name: 'gettid', handler: (ctx) => ctx.pid },
    { no: NR.getppid, name: 'getppid', handler: (ctx) => ctx.ppid },
    { no: NR.nanosleep, name: 'nanosleep', handler: (_ctx, args) => nanosleep(args) },
  ],
};

/** Handlers that need the scheduler itself run as kernel fibers. */
export function registerKernelSyscalls(k: Kernel, machineHalt: () => void): void {
  k.table.registerKernel(NR.kexec_load, 'kexec_load', function* kexecLoad(args): Fiber<number> {
    return k.kexec.load(args);
  });
  k.table.registerKernel(NR.syslog, 'syslog', function* syslog(args): Fiber<number> {
    return k.log.syslog(args, k.current.uid === 0);
  });
  k.table.registerKernel(NR.scope_panic, 'scope_panic', function* panic(args): Fiber<number> {
    if (k.current.uid !== 0) return -errno.EPERM;
    return k.panic(typeof args[0] === 'string' ? args[0] : 'scope_panic');
  });
  k.table.registerKernel(NR.sched_yield, 'sched_yield', function* schedYield(): Fiber<number> {
    yield* k.sched.schedule(true);
    return 0;
  });
  k.table.registerKernel(NR.reboot, 'reboot', function* reboot(args): Fiber<number> {
    if (k.current.uid !== 0) return -errno.EPERM; // CAP_SYS_BOOT is checked first
    if (args[0] !== LINUX_REBOOT_MAGIC1 || args[1] !== LINUX_REBOOT_MAGIC2) return -errno.EINVAL;
    switch (args[2]) {
      case LINUX_REBOOT_CMD_RESTART:
      case LINUX_REBOOT_CMD_HALT:
      case LINUX_REBOOT_CMD_POWER_OFF:
        // kernel_restart: notifiers and devices have nothing to do yet; all machine_* halt the CPU.
        k.printk(0, 'reboot: Restarting system');
        machineHalt();
        return 0;
      case LINUX_REBOOT_CMD_KEXEC:
        return yield* k.kexec.reboot(); // -EINVAL without an image
      default:
        return -errno.EINVAL;
    }
  });
}
