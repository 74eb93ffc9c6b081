// The initcalls of this kernel, by level: standard kernel threads, console, a work item and an RCU
// callback (so boot exercises kworker, rcu_sched and ksoftirqd), and LKL's late fs_setup.

import type { Fiber } from '../host/hostOps';
import type { Kernel } from './kernel';

/**
 * Registers the standard initcalls; `runInit` is LKL's binfmt for /init, `createInit` makes the
 * /init file (through the VFS when one is installed; else only the rootfs path set).
 */
export function registerBootInitcalls(
  k: Kernel,
  runInit: (path: string) => Fiber<number>,
  createInit?: () => number,
): void {
  const ic = k.initcalls;
  ic.register({
    level: 'early',
    name: 'spawn_ksoftirqd_kworker_rcu',
    *fn(kk) {
      yield* kk.kthreads.spawnStandard();
      return 0;
    },
  });
  ic.register({
    level: 'core',
    name: 'lkl_console_init',
    *fn(kk) {
      yield* kk.host.spin(2_000);
      kk.printk(6, 'lkl console registered');
      return 0;
    },
  });
  ic.register({
    level: 'core',
    name: 'workqueue_init',
    *fn(kk) {
      kk.kthreads.queueWork(function* vmstatUpdate(): Fiber {
        yield* kk.host.spin(5_000);
      });
      return 0;
    },
  });
  ic.register({
    level: 'postcore',
    name: 'rcu_selftest',
    *fn(kk) {
      kk.kthreads.callRcu(() => kk.printk(7, 'rcu: selftest callback ran'));
      return 0;
    },
  });
  ic.register({
    level: 'subsys',
    name: 'sched_init_debug',
    *fn(kk) {
      yield* kk.host.spin(1_500);
      return 0;
    },
  });
  ic.register({
    level: 'fs',
    name: 'init_ramfs_fs',
    *fn(kk) {
      yield* kk.host.spin(1_000);
      return 0;
    },
  });
  ic.register({
    level: 'late',
    name: 'fs_setup',
    // LKL: sys_open("/init", O_CREAT, 0700) + sys_close in the rootfs, then register_binfmt.
    *fn(kk) {
      yield* kk.host.spin(1_000);
      const r = createInit ? createInit() : (kk.rootfs.add('/init'), 0);
      if (r < 0) return r;
      kk.binfmts.push(runInit);
      return 0;
    },
  });
}
