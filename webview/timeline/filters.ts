// Filters typed as tokens in one field: `task:kworker cpu:0-3 obj:init_sem kind:sem`. Parsed into
// sets the drawing checks, and converted to/from the persisted ViewState form. Pure: no DOM.
import type { ViewState } from '../../src/protocol/messages';
import { EVENT_KINDS, KIND_CODE, isEventKind } from '../../src/trace/events';
import type { NameTable } from './names';

export interface Filters {
  kinds: Set<number> | null;
  tasks: Set<number> | null;
  cpus: Set<number> | null;
  objects: Set<number> | null;
}

export const NO_FILTERS: Filters = { kinds: null, tasks: null, cpus: null, objects: null };

export interface ParsedFilters {
  filters: Filters;
  /** Tokens that were not understood, for the user. */
  errors: string[];
}

/** Parses the filter field; an empty field means no filters. */
export function parseFilters(text: string, names: NameTable): ParsedFilters {
  const f: Filters = { kinds: null, tasks: null, cpus: null, objects: null };
  const errors: string[] = [];
  const add = (k: keyof Filters, v: number): void => {
    (f[k] ??= new Set()).add(v);
  };
  for (const tok of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(task|cpu|obj|kind):(.+)$/.exec(tok);
    if (!m) {
      errors.push(`"${tok}": expected task:, cpu:, obj: or kind:`);
      continue;
    }
    const [, field, value] = m;
    for (const v of value.split(',').filter(Boolean)) {
      const lower = v.toLowerCase();
      if (field === 'cpu') {
        const r = /^(\d+)(?:-(\d+))?$/.exec(v);
        if (!r) errors.push(`cpu:${v}: expected a number or a range like 0-3`);
        else for (let c = Number(r[1]); c <= Number(r[2] ?? r[1]); c++) add('cpus', c);
      } else if (field === 'task') {
        if (/^\d+$/.test(v)) add('tasks', Number(v));
        for (const [pid, comm] of names.tasks) if (comm.toLowerCase().includes(lower)) add('tasks', pid);
        if (!/^\d+$/.test(v) && !f.tasks) errors.push(`task:${v}: no task by that name`);
      } else if (field === 'obj') {
        if (/^\d+$/.test(v)) add('objects', Number(v));
        for (const [id, o] of names.objects) if (o.name.toLowerCase().includes(lower)) add('objects', id);
        if (!/^\d+$/.test(v) && !f.objects) errors.push(`obj:${v}: no object by that name`);
      } else {
        EVENT_KINDS.forEach((k, code) => (k === lower || k.startsWith(`${lower}.`)) && add('kinds', code));
        if (!EVENT_KINDS.some((k) => k === lower || k.startsWith(`${lower}.`))) errors.push(`kind:${v}: no such kind or family`);
      }
    }
  }
  return { filters: f, errors };
}

/** The persisted form (kind names rather than codes, so a version bump keeps meaning). */
export function toViewFilters(f: Filters): NonNullable<ViewState['filters']> {
  const out: NonNullable<ViewState['filters']> = {};
  if (f.kinds) out.kinds = [...f.kinds].map((c) => EVENT_KINDS[c]);
  if (f.tasks) out.tasks = [...f.tasks];
  if (f.cpus) out.cpus = [...f.cpus];
  if (f.objects) out.objects = [...f.objects];
  return out;
}

export function fromViewFilters(v: ViewState['filters']): Filters {
  if (!v) return NO_FILTERS;
  const nums = (a: unknown): Set<number> | null =>
    Array.isArray(a) ? new Set(a.filter((x): x is number => typeof x === 'number')) : null;
  const kinds = Array.isArray(v.kinds) ? new Set(v.kinds.filter(isEventKind).map((k) => KIND_CODE.get(k) as number)) : null;
  return { kinds, tasks: nums(v.tasks), cpus: nums(v.cpus), objects: nums(v.objects) };
}

/** Field text for restored filters. */
export function formatFilters(f: Filters): string {
  const parts: string[] = [];
  if (f.tasks) parts.push(`task:${[...f.tasks].join(',')}`);
  if (f.cpus) parts.push(`cpu:${[...f.cpus].join(',')}`);
  if (f.objects) parts.push(`obj:${[...f.objects].join(',')}`);
  if (f.kinds) parts.push(`kind:${[...f.kinds].map((c) => EVENT_KINDS[c]).join(',')}`);
  return parts.join(' ');
}
