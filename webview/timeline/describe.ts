// Tooltip and status text for what the pointer is on: an event, a running slice, a wait or a
// phase. Times relative to the trace start with ns digits. Pure: no DOM.
import { EVENT_KINDS, NONE } from '../../src/trace/events';
import type { Hit } from './hitTest';
import type { TimelineModel } from './model';
import type { NameTable } from './names';
import { holderName } from './objectLane';
import { formatDuration, formatTimestamp } from './scale';
import type { EventStore } from './store';

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
  if (h.kind === 'wait') {
    if (h.lane?.kind === 'cpuOwner') return [`${h.key} waiting for the LKL CPU (cpu_get)`, dur];
    const lines = [`blocked: ${EVENT_KINDS[h.key] ?? 'wait'}`, dur];
    if (h.ev >= 0 && s.obj[h.ev] !== NONE) lines.push(`on ${names.object(s.obj[h.ev])}`);
    return lines;
  }
  return h.ev >= 0 && h.ev < s.count ? describeEvent(s, names, h.ev) : ['?'];
}
