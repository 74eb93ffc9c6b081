// `/` search and next/previous event: a query matches event kinds, task comms or pids, object
// names and host names; the cursor steps through matching events in store order. Pure: no DOM.
import { EVENT_KINDS } from '../../src/trace/events';
import type { NameTable } from './names';
import type { EventStore } from './store';

export interface Query {
  text: string;
  kinds: Set<number>;
  tasks: Set<number>;
  objects: Set<number>;
  hosts: Set<number>;
}

export function compileQuery(text: string, names: NameTable): Query {
  const q = text.trim().toLowerCase();
  const out: Query = { text: q, kinds: new Set(), tasks: new Set(), objects: new Set(), hosts: new Set() };
  if (!q) return out;
  EVENT_KINDS.forEach((k, code) => k.includes(q) && out.kinds.add(code));
  for (const [pid, comm] of names.tasks) if (comm.toLowerCase().includes(q) || String(pid) === q) out.tasks.add(pid);
  for (const [id, o] of names.objects) if (o.name.toLowerCase().includes(q)) out.objects.add(id);
  for (const [id, name] of names.hosts) if (name.toLowerCase().includes(q)) out.hosts.add(id);
  if (/^\d+$/.test(q)) out.tasks.add(Number(q));
  return out;
}

export function isEmptyQuery(q: Query): boolean {
  return q.kinds.size + q.tasks.size + q.objects.size + q.hosts.size === 0;
}

export function matches(s: EventStore, q: Query, i: number): boolean {
  return q.kinds.has(s.kind[i]) || q.tasks.has(s.task[i]) || q.tasks.has(s.peer[i]) || q.objects.has(s.obj[i]) || q.hosts.has(s.host[i]);
}

/** Next (dir 1) or previous (dir -1) matching event strictly after/before `from`, or -1. */
export function findNext(s: EventStore, q: Query, from: number, dir: 1 | -1): number {
  if (isEmptyQuery(q)) return -1;
  for (let i = from + dir; i >= 0 && i < s.count; i += dir) if (matches(s, q, i)) return i;
  return -1;
}

/** Next/previous event of one kind code. */
export function findKind(s: EventStore, kindCode: number, from: number, dir: 1 | -1): number {
  for (let i = from + dir; i >= 0 && i < s.count; i += dir) if (s.kind[i] === kindCode) return i;
  return -1;
}
