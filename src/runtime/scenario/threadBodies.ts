// What each scenario thread runs: app threads act through syscalls (scenario objects through the
// scenario_* calls), kernel threads act directly on kernel objects with the LKL CPU held.

import type { AppApi, AppFn } from '../appApi';
import type { Fiber } from '../host/hostOps';
import type { Kernel } from '../kernel/kernel';
import { NR, type SyscallName } from '../kernel/syscallNumbers';
import type { SyscallArg } from '../kernel/syscallTypes';
import { applySchedParams, hasSchedParams, kernelCompute, kernelSleep } from './kobjects';
import type { ScenarioState } from './scenarioState';
import { SCN } from './scenarioSyscalls';
import type { Action, ScenarioArg, ScenarioThread } from './types';

const encoder = new TextEncoder();

function resolveArg(a: ScenarioArg, st: ScenarioState): SyscallArg {
  if (a === null || typeof a !== 'object') return a;
  if ('bytes' in a) return new Uint8Array(a.bytes);
  if ('text' in a) return encoder.encode(a.text);
  const v = st.vars.get(a.var);
  if (v === undefined) st.warn(`"${a.var}" read before any syscall saved it`);
  return v;
}

/** An app thread's body; `exit` ends it like returning from the thread function. */
export function appBody(thread: ScenarioThread, st: ScenarioState): AppFn {
  return function* scenarioApp(app: AppApi): Fiber {
    st.threadOfHost.set(app.host.threadSelf(), thread.name);
    st.moment(thread.name, 'starts');
    st.moment(thread.name, 'runs');
    if (hasSchedParams(thread)) yield* app.syscall(SCN.attach, st.threadIndex(thread.name));
    yield* runApp(thread.actions, app, st);
    st.moment(thread.name, 'exits');
  };
}

function* runApp(actions: readonly Action[], app: AppApi, st: ScenarioState): Fiber<'exit' | void> {
  for (const a of actions) {
    if ('syscall' in a) {
      const args = (a.args ?? []).map((x) => resolveArg(x, st));
      const r = yield* app.syscall(NR[a.syscall as SyscallName], ...args);
      if (a.as !== undefined) st.vars.set(a.as, r);
    } else if ('down' in a) yield* app.syscall(SCN.down, st.semIndex(a.down));
    else if ('up' in a) yield* app.syscall(SCN.up, st.semIndex(a.up));
    else if ('lock' in a) yield* app.syscall(SCN.lock, st.mutexIndex(a.lock));
    else if ('unlock' in a) yield* app.syscall(SCN.unlock, st.mutexIndex(a.unlock));
    else if ('sleepNs' in a) {
      st.sleeping(app.host.threadSelf(), a.sleepNs);
      yield* app.nanosleep(a.sleepNs);
    } else if ('computeNs' in a)
      yield* app.host.spin(a.computeNs); // user-space work: no LKL CPU
    else if ('spawn' in a) {
      const t = st.thread(a.spawn);
      st.hostOfThread.set(t.name, app.spawn(appBody(t, st), t.name));
    } else if ('exit' in a) return 'exit';
    else if ('repeat' in a) {
      for (let i = 0; i < a.repeat; i++)
        if ((yield* runApp(a.do, app, st)) === 'exit') return 'exit';
    }
  }
}

/** A kernel thread's body (kthread function); it ends through do_exit as every kthread. */
export function kernelBody(thread: ScenarioThread, st: ScenarioState, k: Kernel): () => Fiber {
  return function* scenarioKthread(): Fiber {
    st.threadOfPid.set(k.current.pid, thread.name);
    applySchedParams(k, k.current, thread, st.customClass);
    st.moment(thread.name, 'runs');
    const code = yield* runKernel(thread.actions, k, st);
    st.moment(thread.name, 'exits');
    st.kthreadDone(thread.name);
    if (typeof code === 'number') yield* k.doExit(code);
  };
}

function* runKernel(
  actions: readonly Action[],
  k: Kernel,
  st: ScenarioState,
): Fiber<number | void> {
  for (const a of actions) {
    if ('down' in a) yield* st.sem(a.down).down();
    else if ('up' in a) st.sem(a.up).up();
    else if ('lock' in a) yield* st.mutex(a.lock).lock();
    else if ('unlock' in a) st.mutex(a.unlock).unlock();
    else if ('sleepNs' in a) {
      st.sleeping(k.host.threadSelf(), a.sleepNs);
      yield* kernelSleep(k, a.sleepNs);
    } else if ('computeNs' in a) yield* kernelCompute(k, a.computeNs);
    else if ('spawn' in a) yield* st.startKthread(a.spawn);
    else if ('exit' in a) return a.exit;
    else if ('repeat' in a) {
      for (let i = 0; i < a.repeat; i++) {
        const r = yield* runKernel(a.do, k, st);
        if (typeof r === 'number') return r;
      }
    }
    // 'syscall' in a kernel thread is rejected by the loader.
  }
}
