// Opening and closing a lane's intervals as events arrive: running slices, and waits, where a
// task's sleep on a wait object (from its sched.switch to its wake-up) comes before the host
// thread's own wait, which is parked behind the sleep and goes on from the wake-up.
import { KIND_CODE } from '../../src/trace/events';
import type { Lane } from './lanes';

/** Wait key of a task blocked on the wait object its sched.switch names (ev = the switch). */
export const SLEEP_KEY = KIND_CODE.get('sched.switch') as number;
/** Wait key of the host wait going on after its task's wake-up: runnable (ev = the host wait). */
export const RUNNABLE_KEY = KIND_CODE.get('sched.wakeup') as number;

export function openRun(l: Lane, ts: number, key: number, ev: number): void {
  const o = l.open[0];
  if (o && o.key === key) return;
  closeRun(l, ts);
  l.open[0] = { startNs: ts, key, ev };
}

export function closeRun(l: Lane, ts: number): void {
  const o = l.open[0];
  if (!o) return;
  l.runs[0].push(o.startNs, ts, o.key, o.ev);
  l.open.length = 0;
}

export function openWait(l: Lane, ts: number, key: number, ev: number): void {
  closeWait(l, ts);
  l.waitOpen = { startNs: ts, key, ev };
}

export function closeWait(l: Lane, ts: number): void {
  const o = l.waitOpen;
  l.parked = null;
  if (!o) return;
  l.waits.push(o.startNs, ts, o.key, o.ev);
  l.waitOpen = null;
}

/** The host thread's own wait ends; a task sleep in front of it goes on (only a wake-up ends it). */
export function endHostWait(l: Lane, ts: number): void {
  if (l.waitOpen?.key === SLEEP_KEY) l.parked = null;
  else closeWait(l, ts);
}

/** A host thread's own wait: behind a task sleep it is parked until the wake-up. */
export function hostWait(l: Lane, ts: number, key: number, ev: number): void {
  if (l.waitOpen?.key === SLEEP_KEY) l.parked = { startNs: ts, key, ev };
  else openWait(l, ts, key, ev);
}

/** `pid` was woken: its sleep on `l` ends, and the host wait parked behind it goes on from here. */
export function wake(l: Lane, taskCol: Int32Array, pid: number, ts: number): void {
  const o = l.waitOpen;
  if (o?.key !== SLEEP_KEY || taskCol[o.ev] !== pid) return;
  const parked = l.parked;
  closeWait(l, ts);
  if (parked) l.waitOpen = { startNs: ts, key: RUNNABLE_KEY, ev: parked.ev };
}

/** `pid` was switched in: neither blocked nor runnable any more (its host wait ends after). */
export function switchedIn(l: Lane, taskCol: Int32Array, pid: number, ts: number): void {
  const o = l.waitOpen;
  if ((o?.key !== SLEEP_KEY && o?.key !== RUNNABLE_KEY) || taskCol[o.ev] !== pid) return;
  if (o.key === RUNNABLE_KEY && o.startNs === ts) {
    l.waitOpen = null; // switched in at its wake-up: no runnable stretch to keep
    l.parked = null;
  } else closeWait(l, ts);
}
