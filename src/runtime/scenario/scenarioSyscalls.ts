// The calls app threads use to reach a scenario's kernel objects, in the arch-specific range as
// LKL's own additions are: like a driver's ioctl, they run kernel code with the LKL CPU held.

import * as errno from '../kernel/errno';
import type { Kernel } from '../kernel/kernel';
import type { SyscallArg } from '../kernel/syscallTypes';
import { applySchedParams } from './kobjects';
import type { ScenarioState } from './scenarioState';

export const SCN = {
  launch: 400,
  down: 401,
  up: 402,
  lock: 403,
  unlock: 404,
  waitKthreads: 405,
  attach: 406,
  panic: 407,
} as const;

const index = (a: SyscallArg, n: number) =>
  typeof a === 'number' && Number.isInteger(a) && a >= 0 && a < n ? a : -1;

/** Registers the scenario_* calls on `k` for the objects of `st`. */
export function registerScenarioSyscalls(k: Kernel, st: ScenarioState): void {
  const sc = st.scenario;
  const sems = (sc.semaphores ?? []).map((s) => st.sem(s.name));
  const mutexes = (sc.mutexes ?? []).map((m) => st.mutex(m.name));
  const threads = sc.threads;
  k.table.registerKernel(SCN.launch, 'scenario_launch', function* (args) {
    const bootDoneNs = typeof args[0] === 'number' ? args[0] : k.host.time();
    const t = yield* k.kthreads.kthreadRun('scenario', () => st.launcher(bootDoneNs));
    return t ? t.pid : -errno.ENOMEM;
  });
  k.table.registerKernel(SCN.down, 'scenario_down', function* (args) {
    const i = index(args[0], sems.length);
    if (i < 0) return -errno.EINVAL;
    yield* sems[i].down();
    return 0;
  });
  k.table.registerKernel(SCN.up, 'scenario_up', function* (args) {
    const i = index(args[0], sems.length);
    if (i < 0) return -errno.EINVAL;
    sems[i].up();
    return 0;
  });
  k.table.registerKernel(SCN.lock, 'scenario_lock', function* (args) {
    const i = index(args[0], mutexes.length);
    if (i < 0) return -errno.EINVAL;
    yield* mutexes[i].lock();
    return 0;
  });
  k.table.registerKernel(SCN.unlock, 'scenario_unlock', function* (args) {
    const i = index(args[0], mutexes.length);
    if (i < 0 || mutexes[i].owner !== k.current) return -errno.EPERM;
    mutexes[i].unlock();
    return 0;
  });
  k.table.registerKernel(SCN.waitKthreads, 'scenario_wait_kthreads', function* () {
    yield* st.waitKthreads();
    return 0;
  });
  k.table.registerKernel(SCN.attach, 'scenario_attach', function* (args) {
    const i = index(args[0], threads.length);
    if (i < 0) return -errno.EINVAL;
    st.threadOfPid.set(k.current.pid, threads[i].name);
    applySchedParams(k, k.current, threads[i], st.customClass);
    return 0;
  });
  k.table.registerKernel(SCN.panic, 'scenario_panic', function* () {
    return k.panic(`scenario ${sc.name}: end action panic`);
  });
}
