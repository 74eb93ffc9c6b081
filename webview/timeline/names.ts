// Names registered by the host (`init` session names, then `names` deltas), with the labels
// the timeline shows for hosts, tasks and objects.
import type { NamesDelta } from '../../src/protocol/messages';
import { isObjectType, type ObjectType } from '../../src/trace/events';

export class NameTable {
  readonly hosts = new Map<number, string>();
  readonly tasks = new Map<number, string>();
  readonly objects = new Map<number, { type: ObjectType; name: string }>();

  add(d: NamesDelta): void {
    for (const [id, name] of d.hosts) this.hosts.set(id, name);
    for (const [pid, comm] of d.tasks) this.tasks.set(pid, comm);
    for (const [id, type, name] of d.objects) this.objects.set(id, { type, name });
  }

  clear(): void {
    this.hosts.clear();
    this.tasks.clear();
    this.objects.clear();
  }

  task(pid: number): string {
    if (pid < 0) return '—';
    const comm = this.tasks.get(pid);
    return comm === undefined ? `pid ${pid}` : `${comm} [${pid}]`;
  }

  host(id: number): string {
    return this.hosts.get(id) ?? `host ${id}`;
  }

  object(id: number): string {
    const o = this.objects.get(id);
    return o ? `${o.type} ${o.name}` : `obj ${id}`;
  }
}

/** True when `d` has the shape of a NamesDelta (it crossed a trust boundary). */
export function isNamesDelta(d: unknown): d is NamesDelta {
  if (typeof d !== 'object' || d === null) return false;
  const r = d as Record<string, unknown>;
  const pairs = (a: unknown, n: number): boolean =>
    Array.isArray(a) && a.every((x) => Array.isArray(x) && x.length === n && typeof x[0] === 'number' && typeof x[n - 1] === 'string');
  return pairs(r.hosts, 2) && pairs(r.tasks, 2) && pairs(r.objects, 3) && (r.objects as unknown[][]).every((o) => isObjectType(o[1]));
}
