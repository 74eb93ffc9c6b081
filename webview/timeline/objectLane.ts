// Per-object lanes (a semaphore, mutex or wait queue) shown on demand: who holds the object (a
// mutex from lock to unlock, a semaphore from down to the next up) and how many wait for it
// (host threads blocked on it, or tasks a switch put to sleep on it until their wake-up).
// Derived lazily from the lane's own marks when the lane is shown, so hidden objects cost nothing.
import { KIND_CODE, NONE, type EventKind } from '../../src/trace/events';
import type { Lane } from './lanes';
import { DOWN, OTHER, UP } from './markClass';
import type { EventStore } from './store';

const K = (k: EventKind): number => KIND_CODE.get(k) as number;
const LOCK = K('mutex.lock');
const LOCK_WAIT = K('mutex.lock.wait');
const UNLOCK = K('mutex.unlock');
const DOWN_K = K('sem.down');
const DOWN_WAIT = K('sem.down.wait');
const UP_K = K('sem.up');
const SWITCH = K('sched.switch');
const WAKEUP = K('sched.wakeup');
/** Waiters are host threads (host semaphores) or tasks (kernel wait queues): tasks offset. */
const TASK_WAITER = 1 << 24;
const CLASSES = [UP, DOWN, OTHER];

interface ObjectState {
  /** How far each mark class (CLASSES) has been read. */
  upTo: number[];
  /** Host threads (or TASK_WAITER + pid) blocked on the object now. */
  waiting: Set<number>;
}

const states = new WeakMap<Lane, ObjectState>();

/**
 * The key a hold slice carries: the task pid, or for a host thread running no task (the timer
 * thread, a thread before its first syscall) -2 - host, which holderName reads back.
 */
export function holderKey(task: number, host: number): number {
  return task !== NONE ? task : host !== NONE ? -2 - host : -1;
}

/** Name for a hold key: names.task for a pid, the host thread otherwise. */
export function holderName(key: number, task: (pid: number) => string, host: (id: number) => string): string {
  return key >= 0 ? task(key) : key <= -2 ? host(-2 - key) : 'unknown';
}

/** Brings an object lane's hold and wait slices up to date with the events it has marks for. */
export function syncObjectLane(lane: Lane, s: EventStore): void {
  if (lane.kind !== 'object') return;
  let st = states.get(lane);
  if (!st) states.set(lane, (st = { upTo: CLASSES.map(() => 0), waiting: new Set() }));
  const series = CLASSES.map((c) => lane.marks[c]);
  const at = st.upTo;
  // the classes merged back into event order (ev indices grow with the store)
  for (;;) {
    let best = -1;
    for (let c = 0; c < series.length; c++) {
      if (at[c] < series[c].count && (best < 0 || series[c].ev[at[c]] < series[best].ev[at[best]])) best = c;
    }
    if (best < 0) break;
    const ev = series[best].ev[at[best]++];
    if (ev < s.count) step(lane, st, s, ev);
  }
}

function step(lane: Lane, st: ObjectState, s: EventStore, i: number): void {
  const k = s.kind[i];
  const ts = s.ts[i];
  const h = s.host[i];
  if (k === LOCK_WAIT || k === DOWN_WAIT) {
    st.waiting.add(h);
    queue(lane, st, ts, i);
  } else if (k === LOCK || k === DOWN_K) {
    if (st.waiting.delete(h)) queue(lane, st, ts, i);
    hold(lane, ts, holderKey(s.task[i], h), i);
  } else if (k === UNLOCK || k === UP_K) {
    release(lane, ts);
  } else if (k === SWITCH && s.task[i] !== NONE) {
    st.waiting.add(TASK_WAITER + s.task[i]);
    queue(lane, st, ts, i);
  } else if (k === WAKEUP && st.waiting.delete(TASK_WAITER + s.peer[i])) {
    queue(lane, st, ts, i);
  }
}

function hold(l: Lane, ts: number, key: number, ev: number): void {
  release(l, ts);
  l.open[0] = { startNs: ts, key, ev };
}

function release(l: Lane, ts: number): void {
  const o = l.open[0];
  if (!o) return;
  l.runs[0].push(o.startNs, ts, o.key, o.ev);
  l.open.length = 0;
}

/** The wait slice's key is how many wait from then on. */
function queue(l: Lane, st: ObjectState, ts: number, ev: number): void {
  const o = l.waitOpen;
  if (o) {
    l.waits.push(o.startNs, ts, o.key, o.ev);
    l.waitOpen = null;
  }
  if (st.waiting.size > 0) l.waitOpen = { startNs: ts, key: st.waiting.size, ev };
}

/** Object lane ids to show besides the filters': added ones first-come, no duplicates. */
export function withObjectLanes(lanes: Lane[], extra: readonly number[], lane: (id: number) => Lane | undefined): Lane[] {
  const shown = new Set(lanes.filter((l) => l.kind === 'object').map((l) => l.key));
  for (const id of extra) {
    if (shown.has(id)) continue;
    const l = lane(id);
    if (l) {
      lanes.push(l);
      shown.add(id);
    }
  }
  return lanes;
}
