// Order checker over a runtime trace (the events and names a trace file holds, never runtime
// internals): the LKL hand-off protocol, CPU ownership, init_sem, halt order, and kexec (its
// steps in order, no host halt between kexec.exec and the next boot.done, gen + 1 after it).
// Returns violations.

import { NONE, type TraceEvent, type TraceNames } from '../../src/trace/events';

export const HALT_ORDER = [
  'reboot',
  'cpu_shutdown',
  'wait_shutdown',
  'syscalls_cleanup',
  'threads_cleanup',
  'tick_suspend',
  'free_mem',
  'thread_join',
];

/** Events that only the CPU owner may emit. */
/** kexec's steps (kernel/kexec.ts), traced as halt.step.begin like the halt's. */
export const KEXEC_ORDER = [
  'reboot_notifiers',
  'device_shutdown',
  'migrate_to_reboot_cpu',
  'syscore_shutdown',
  'machine_shutdown',
  'machine_kexec',
];
export const CRASH_KEXEC_ORDER = ['machine_crash_shutdown', 'machine_kexec'];
const KEXEC_STEP = new Set([...KEXEC_ORDER, ...CRASH_KEXEC_ORDER]);

const OWNER_ONLY = new Set([
  'sched.switch',
  'syscall.enter',
  'irq.enter',
  'sched.fork',
  'boot.initcall.begin',
]);

const EXPECTED = { owner: 'cpu.owner', up: 'sem.up of next', down: 'prev to down its semaphore' };

/** Owner value once the owning host thread has exited. */
const ORPHAN = -2;

interface PendingSwitch {
  seq: number;
  prevSem: string;
  nextSem: string;
  how: string;
  stage: 'owner' | 'up' | 'down';
  nextHost: number;
}

export interface TraceInput {
  events: readonly TraceEvent[];
  names: TraceNames;
}

export function checkOrder(trace: TraceInput): string[] {
  const { events, names } = trace;
  const out: string[] = [];
  const bad = (e: TraceEvent, msg: string) => {
    if (out.length < 50)
      out.push(`seq ${e.seq} (${e.kind} on ${names.hosts.get(e.host) ?? e.host}): ${msg}`);
  };
  const objName = (id: number) => names.objects.get(id)?.name ?? `#${id}`;
  const comm = (pid: number) => names.tasks.get(pid) ?? `pid ${pid}`;

  let owner = NONE;
  const pending = new Map<number, PendingSwitch>();
  /** Host thread → scheduling semaphore it must down before doing anything else. */
  const mustDown = new Map<number, { sem: string; seq: number }>();
  let execSeen = false;
  let initUps = 0;
  let initUpHost = NONE;
  let haltIdx = 0;
  let haltDone = false;
  let kexecSteps: string[] = [];
  /** Between kexec.exec and the next boot.done: no host halt step may appear. */
  let kexecBooting = false;
  let gen = events[0]?.gen ?? 0;

  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (i > 0 && e.seq <= events[i - 1].seq) bad(e, 'seq not increasing');
    if (i > 0 && e.ts < events[i - 1].ts) bad(e, 'time went backwards');
    if (haltDone && e.kind !== 'thread.exit') bad(e, 'event after halt.done');
    if (e.gen !== gen) bad(e, `gen ${e.gen} where ${gen} was expected`);

    const md = mustDown.get(e.host);
    if (md && !e.kind.startsWith('mutex.')) {
      if (e.kind === 'sem.down' && objName(e.obj) === md.sem) mustDown.delete(e.host);
      else bad(e, `woken by switch at seq ${md.seq} but did not down ${md.sem} first`);
    }

    if (OWNER_ONLY.has(e.kind) && owner !== e.host) {
      bad(e, `emitted while the CPU is owned by ${names.hosts.get(owner) ?? owner}`);
    }

    const p = pending.get(e.host);
    if (p) {
      if (p.stage === 'owner' && e.kind === 'cpu.owner') {
        p.nextHost = e.peer;
        p.stage = 'up';
      } else if (p.stage === 'up' && e.kind === 'sem.up') {
        if (objName(e.obj) !== p.nextSem)
          bad(e, `switch at seq ${p.seq} upped ${objName(e.obj)}, not ${p.nextSem}`);
        mustDown.set(p.nextHost, { sem: p.nextSem, seq: p.seq });
        if (p.how === 'jb') pending.delete(e.host);
        else p.stage = 'down';
      } else if (p.stage === 'down' && (e.kind === 'sem.down.wait' || e.kind === 'sem.down')) {
        if (objName(e.obj) !== p.prevSem)
          bad(e, `switch at seq ${p.seq}: prev downed ${objName(e.obj)}, not ${p.prevSem}`);
        pending.delete(e.host);
      } else if (
        !e.kind.startsWith('mutex.') &&
        !(p.stage === 'down' && e.kind === 'sem.down' && objName(e.obj) === p.nextSem)
      ) {
        bad(
          e,
          `switch at seq ${p.seq} (${p.how}) expected ${EXPECTED[p.stage]}`,
        );
        pending.delete(e.host);
      }
    }

    switch (e.kind) {
      case 'cpu.get':
        if (typeof e.arg === 'number' && e.arg >= 1) {
          if (owner !== NONE && owner !== e.host)
            bad(e, `took the CPU owned by ${names.hosts.get(owner) ?? owner}`);
          owner = e.host;
        }
        break;
      case 'thread.exit':
        // LKL: init's host thread exits owning the CPU; lkl_start_kernel's caller takes it over.
        if (owner === e.host) owner = ORPHAN;
        break;
      case 'cpu.owner':
        if (owner !== e.host && owner !== ORPHAN)
          bad(
            e,
            `changed the owner without owning the CPU (owner ${names.hosts.get(owner) ?? owner})`,
          );
        owner = e.peer;
        break;
      case 'sched.switch':
        if (pending.has(e.host)) bad(e, 'switch while a previous switch is unfinished');
        pending.set(e.host, {
          seq: e.seq,
          prevSem: `sched_sem:${comm(e.task)}`,
          nextSem: `sched_sem:${comm(e.peer)}`,
          how: String(e.arg),
          stage: 'owner',
          nextHost: NONE,
        });
        break;
      case 'boot.phase.begin':
        if (e.arg === 'exec:/init') execSeen = true;
        break;
      case 'sem.up':
        if (objName(e.obj) === 'init_sem') {
          initUps++;
          initUpHost = e.host;
          if (!execSeen) bad(e, 'init_sem upped before the /init exec');
          const next = events.slice(i + 1).find((x) => x.host === e.host);
          if (!next || next.kind !== 'thread.exit')
            bad(e, 'the thread that upped init_sem did not exit next');
        }
        break;
      case 'halt.step.begin':
        if (KEXEC_STEP.has(String(e.arg))) {
          kexecSteps.push(String(e.arg));
          break;
        }
        if (kexecBooting && (e.arg === 'threads_cleanup' || e.arg === 'thread_join'))
          bad(e, `host halt step ${String(e.arg)} between kexec.exec and the next boot.done`);
        if (e.arg !== HALT_ORDER[haltIdx])
          bad(
            e,
            `halt step ${String(e.arg)} out of order (expected ${HALT_ORDER[haltIdx] ?? 'none'})`,
          );
        haltIdx++;
        break;
      case 'halt.done':
        if (haltIdx !== HALT_ORDER.length)
          bad(e, `halt.done after ${haltIdx} of ${HALT_ORDER.length} steps`);
        haltDone = true;
        break;
      case 'boot.done':
        if (initUps !== 1) bad(e, `boot.done with init_sem upped ${initUps} times`);
        kexecBooting = false;
        break;
      case 'kexec.exec': {
        const want = kexecSteps[0] === CRASH_KEXEC_ORDER[0] ? CRASH_KEXEC_ORDER : KEXEC_ORDER;
        if (kexecSteps.join() !== want.join())
          bad(e, `kexec steps ${kexecSteps.join(', ') || 'none'} (expected ${want.join(', ')})`);
        // The next generation: its own CPU, init_sem, boot and halt; every later event gen + 1.
        kexecSteps = [];
        kexecBooting = true;
        gen++;
        owner = NONE;
        execSeen = false;
        initUps = 0;
        haltIdx = 0;
        pending.clear();
        mustDown.clear();
        break;
      }
    }
  }
  const last = events[events.length - 1];
  if (last && events.some((e) => e.kind === 'boot.done') && initUps !== 1) {
    bad(last, `init_sem upped ${initUps} times (by ${initUpHost})`);
  }
  return out;
}
