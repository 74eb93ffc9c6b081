// Tooltip and status text for what the pointer is on: an event, a running slice, a wait or a
// phase. Times relative to the trace start with ns digits. Pure: no DOM.
import { EVENT_KINDS, KIND_CODE, NONE } from '../../src/trace/events';
import type { Hit } from './hitTest';
import { RUNNABLE_KEY, SLEEP_KEY, type TimelineModel } from './model';
import type { NameTable } from './names';
import { holderName } from './objectLane';
import { formatDuration, formatTimestamp } from './scale';
import type { EventStore } from './store';

const WAKEUP = KIND_CODE.get('sched.wakeup') as number;
const WAKING = KIND_CODE.get('sched.waking') as number;
const ARROW_WHAT = ['wake-up', 'hand-off (sem.up → sem.down)', 'switch'];

/** "name (type)" of a wait object, or "obj N" when unnamed. */
export function objectLabel(names: NameTable, id: number): string {
  const o = names.objects.get(id);
  return o ? `${o.name} (${o.type})` : `obj ${id}`;
}

/** The sched.wakeup (or waking) of `pid` at exactly tsNs, the end of its sleep, or -1. */
export function wakeAt(s: EventStore, pid: number, tsNs: number): number {
  for (let i = s.indexAt(tsNs); i < s.count && s.ts[i] === tsNs; i++) {
    if ((s.kind[i] === WAKEUP || s.kind[i] === WAKING) && s.peer[i] === pid) return i;
  }
  return -1;
}

/** A task blocked on the wait object its switch named: what, how long, and who woke it. */
function describeSleep(h: Hit, s: EventStore, names: NameTable): string[] {
  const pid = s.task[h.ev];
  const w = wakeAt(s, pid, h.endNs);
  const woken = w >= 0 ? `, woken by ${names.task(s.task[w])}` : h.endNs >= s.lastTs ? ', not woken by the end of the trace' : '';
  return [
    `blocked on ${objectLabel(names, s.obj[h.ev])} for ${formatDuration(h.endNs - h.startNs)}${woken}`,
    `task: ${names.task(pid)}`,
    `from ${formatTimestamp(h.startNs - s.firstTs)}`,
  ];
}

/** A wake-up, hand-off or switch arrow: who to whom, and for a wake-up the object it woke from. */
function describeArrow(h: Hit, s: EventStore, names: NameTable): string[] {
  const i = h.ev;
  const lines = [ARROW_WHAT[h.key] ?? 'arrow'];
  if (h.key === 0) {
    lines[0] = `wake-up: ${names.task(s.task[i])} wakes ${names.task(s.peer[i])}`;
    lines.push(s.obj[i] !== NONE ? `from ${objectLabel(names, s.obj[i])}` : 'wait object unknown');
  } else if (h.key === 2) lines[0] = `switch: ${names.task(s.task[i])} → ${names.task(s.peer[i])}`;
  else if (s.obj[i] !== NONE) lines.push(`on ${objectLabel(names, s.obj[i])}`);
  lines.push(`at ${formatTimestamp(h.endNs - s.firstTs)}`);
  return lines;
}

export function describeEvent(s: EventStore, names: NameTable, i: number): string[] {
  const kind = EVENT_KINDS[s.kind[i]];
  const lines = [kind, `at ${formatTimestamp(s.ts[i] - s.firstTs)}  (seq ${s.seq[i]})`];
  if (s.host[i] !== NONE) lines.push(`host thread: ${names.host(s.host[i])}`);
  if (s.task[i] !== NONE) lines.push(`task: ${names.task(s.task[i])}`);
  if (s.obj[i] !== NONE) lines.push(`object: ${names.object(s.obj[i])}`);
  if (s.peer[i] !== NONE) lines.push(`peer: ${kind.startsWith('sem.') ? names.host(s.peer[i]) : names.task(s.peer[i])}`);
  const a = s.arg(i);
  const fault = kind === 'deadlock' || kind === 'panic';
  // a deadlock's arg is its whole wait-for graph as JSON: the panel shows it, not the tooltip
  if (fault && typeof a === 'string' && a.startsWith('{')) lines.push('carries a wait-for graph');
  else if (a !== null) lines.push(`arg: ${String(a).slice(0, 200)}`);
  if (fault) lines.push('click or G: open the wait-for graph');
  if (s.gen[i] > 0) lines.push(`kernel generation ${s.gen[i]}`);
  return lines;
}

export function describeHit(h: Hit, m: TimelineModel, s: EventStore, names: NameTable): string[] {
  const dur = `${formatDuration(h.endNs - h.startNs)} from ${formatTimestamp(h.startNs - s.firstTs)}`;
  if (h.lane?.kind === 'object' && (h.kind === 'slice' || h.kind === 'wait')) {
    const o = names.object(h.lane.key);
    if (h.kind === 'wait') return [`${h.key} waiting on ${o}`, dur];
    const who = holderName(h.key, (p) => names.task(p), (id) => `host thread ${names.host(id)}`);
    return [`${o} ${o.startsWith('mutex') ? 'held' : 'taken'} by ${who}`, dur];
  }
  if (h.kind === 'slice') {
    const phase = h.lane && (h.lane.kind === 'boot' || h.lane.kind === 'initcall' || h.lane.kind === 'halt');
    const what = phase ? `${h.lane?.kind === 'halt' ? 'halt step' : h.lane?.kind === 'initcall' ? 'initcall' : 'boot phase'} ${m.label(h.key)}` : `running: ${names.task(h.key)}`;
    return [what, dur];
  }
  if (h.kind === 'arrow' && h.ev >= 0 && h.ev < s.count) return describeArrow(h, s, names);
  if (h.kind === 'wait') {
    if (h.key === SLEEP_KEY && h.ev >= 0 && h.ev < s.count) return describeSleep(h, s, names);
    if (h.lane?.kind === 'cpuOwner') return [`${h.key} waiting for the LKL CPU (cpu_get)`, dur];
    // the host wait going on after its task's wake-up: the task is runnable, waiting for its turn
    const runnable = h.key === RUNNABLE_KEY && h.ev >= 0 && h.ev < s.count;
    const w = runnable ? wakeAt(s, s.task[h.ev], h.startNs) : -1;
    const what = (runnable ? EVENT_KINDS[s.kind[h.ev]] : EVENT_KINDS[h.key]) ?? 'wait';
    const woken = w >= 0 ? `woken by ${names.task(s.task[w])}, ` : '';
    const lines = [runnable ? `runnable: ${woken}waiting to run (${what})` : `blocked: ${what}`, dur];
    if (h.ev >= 0 && s.obj[h.ev] !== NONE) lines.push(`on ${names.object(s.obj[h.ev])}`);
    return lines;
  }
  return h.ev >= 0 && h.ev < s.count ? describeEvent(s, names, h.ev) : ['?'];
}
