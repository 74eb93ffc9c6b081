// Cross-reference checks on threads' actions: declared names, spawn rules, mutex balance per
// thread, unreachable actions. Defensive: they run even on a document the schema rejected.

import type { JsonPath } from './located';
import { closest } from './suggest';

export interface CrossRefError {
  path: JsonPath;
  message: string;
  /** Point at the key rather than the value. */
  atKey?: boolean;
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const didYouMean = (word: string, names: Iterable<string>) => {
  const hint = closest(word, names);
  return hint ? ` (did you mean "${hint}"?)` : '';
};

/** Declared names by list, reporting duplicates. */
export function declare(
  doc: Obj,
  list: string,
  errs: CrossRefError[],
  taken: Map<string, string>,
): Map<string, Obj> {
  const out = new Map<string, Obj>();
  arr(doc[list]).forEach((item, i) => {
    const name = isObj(item) ? str(item.name) : undefined;
    if (name === undefined || !isObj(item)) return;
    const prev = taken.get(name);
    if (prev)
      errs.push({ path: [list, i, 'name'], message: `"${name}" is already declared (${prev})` });
    else {
      taken.set(name, `${list}[${i}]`);
      out.set(name, item);
    }
  });
  return out;
}

export interface Names {
  threads: Map<string, Obj>;
  sems: Map<string, Obj>;
  mutexes: Map<string, Obj>;
  vars: Set<string>;
}

/** Every `as` name saved by any syscall, so vars may be shared between threads. */
export function collectVars(actions: unknown[], vars: Set<string>): void {
  for (const a of actions) {
    if (!isObj(a)) continue;
    if (typeof a.syscall === 'string' && typeof a.as === 'string') vars.add(a.as);
    if (Array.isArray(a.do)) collectVars(a.do, vars);
  }
}

/** Walks one thread's actions; `held` is the set of mutexes it holds at this point. */
export function checkActions(
  actions: unknown[],
  base: JsonPath,
  thread: Obj,
  n: Names,
  held: Set<string>,
  errs: CrossRefError[],
): 'exited' | 'open' {
  const kind = thread.kind;
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    const path = [...base, i];
    if (!isObj(a)) continue;
    const ref = (key: string, map: Map<string, Obj>, what: string, other?: Map<string, Obj>) => {
      const name = str(a[key]);
      if (name === undefined || map.has(name)) return name;
      const alt = other?.has(name)
        ? ` ("${name}" is a ${what === 'semaphore' ? 'mutex' : 'semaphore'})`
        : '';
      errs.push({
        path: [...path, key],
        message: `unknown ${what} "${name}"${alt || didYouMean(name, map.keys())}`,
      });
      return undefined;
    };
    if ('syscall' in a) {
      if (kind === 'kernel')
        errs.push({
          path: [...path, 'syscall'],
          message: 'kernel threads make no syscalls; use an app thread',
        });
      arr(a.args).forEach((arg, j) => {
        const v = isObj(arg) ? str(arg.var) : undefined;
        if (v !== undefined && !n.vars.has(v))
          errs.push({
            path: [...path, 'args', j, 'var'],
            message: `no syscall saves a result as "${v}"${didYouMean(v, n.vars)}`,
          });
      });
    } else if ('down' in a) ref('down', n.sems, 'semaphore', n.mutexes);
    else if ('up' in a) ref('up', n.sems, 'semaphore', n.mutexes);
    else if ('lock' in a) {
      const m = ref('lock', n.mutexes, 'mutex', n.sems);
      if (m !== undefined && held.has(m))
        errs.push({
          path: [...path, 'lock'],
          message: `"${m}" is already held by this thread: it would deadlock on itself`,
        });
      if (m !== undefined) held.add(m);
    } else if ('unlock' in a) {
      const m = ref('unlock', n.mutexes, 'mutex', n.sems);
      if (m !== undefined && !held.has(m))
        errs.push({
          path: [...path, 'unlock'],
          message: `unlocks "${m}", which this thread does not hold here`,
        });
      if (m !== undefined) held.delete(m);
    } else if ('spawn' in a) {
      const t = ref('spawn', n.threads, 'thread');
      const target = t !== undefined ? n.threads.get(t) : undefined;
      if (target && target.spawned !== true)
        errs.push({
          path: [...path, 'spawn'],
          message: `"${t}" starts on its own; declare it with "spawned": true to spawn it`,
        });
      else if (target && target.kind !== kind)
        errs.push({
          path: [...path, 'spawn'],
          message: `a ${kind} thread cannot spawn the ${target.kind} thread "${t}"`,
        });
    } else if ('repeat' in a && Array.isArray(a.do)) {
      const before = new Set(held);
      if (checkActions(a.do, [...path, 'do'], thread, n, held, errs) === 'exited') return 'exited';
      const added = [...held].filter((m) => !before.has(m));
      const dropped = [...before].filter((m) => !held.has(m));
      if (added.length + dropped.length > 0 && typeof a.repeat === 'number' && a.repeat > 1)
        errs.push({
          path: [...path, 'repeat'],
          message: `the repeated actions leave "${[...added, ...dropped][0]}" ${added.length ? 'locked' : 'unlocked'}, so the next round would ${added.length ? 'lock it again' : 'unlock it again'}`,
        });
    } else if ('exit' in a) {
      if (i + 1 < actions.length)
        errs.push({ path: [...base, i + 1], message: 'never runs: it comes after "exit"' });
      return 'exited';
    }
  }
  return 'open';
}

/** Spawn cycles (A spawns B spawns A) would start threads forever. */
export function spawnCycle(n: Names): string[] | null {
  const edges = new Map<string, string[]>();
  const collect = (actions: unknown[], out: string[]) => {
    for (const a of actions)
      if (isObj(a)) {
        if (typeof a.spawn === 'string') out.push(a.spawn);
        if (Array.isArray(a.do)) collect(a.do, out);
      }
  };
  for (const [name, t] of n.threads)
    collect(arr(t.actions), edges.set(name, []).get(name) as string[]);
  const state = new Map<string, 'open' | 'done'>();
  const visit = (t: string, stack: string[]): string[] | null => {
    if (state.get(t) === 'open') return [...stack.slice(stack.indexOf(t)), t];
    if (state.get(t) === 'done') return null;
    state.set(t, 'open');
    for (const u of edges.get(t) ?? []) {
      const c = visit(u, [...stack, t]);
      if (c) return c;
    }
    state.set(t, 'done');
    return null;
  };
  for (const t of n.threads.keys()) {
    const c = visit(t, []);
    if (c) return c;
  }
  return null;
}
