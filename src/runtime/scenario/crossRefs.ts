// The checks a schema cannot express: duplicate names, references to undeclared threads,
// semaphores and mutexes, spawn rules, scheduling fields that contradict the policy, end and note
// options that do not fit together.

import {
  type CrossRefError,
  type Names,
  type Obj,
  arr,
  checkActions,
  collectVars,
  declare,
  didYouMean,
  isObj,
  spawnCycle,
  str,
} from './actionChecks';

function checkThread(
  t: Obj,
  i: number,
  n: Names,
  spawnedBy: Set<string>,
  errs: CrossRefError[],
  custom: boolean,
): void {
  const path = ['threads', i];
  const policy = str(t.policy) ?? 'normal';
  if (policy === 'custom' && !custom)
    errs.push({
      path: [...path, 'policy'],
      message: 'policy "custom" needs a top-level "schedClass": {"module": "./my.sched.js"}',
    });
  const rt = policy === 'fifo' || policy === 'rr';
  if (rt && t.priority === undefined)
    errs.push({
      path: [...path, 'policy'],
      message: `policy "${policy}" needs a "priority" (1..99)`,
    });
  if (!rt && t.priority !== undefined)
    errs.push({
      path: [...path, 'priority'],
      message: `"priority" applies to fifo and rr, not "${policy}"; use "nice"`,
      atKey: true,
    });
  if (policy !== 'normal' && policy !== 'custom' && t.nice !== undefined)
    errs.push({
      path: [...path, 'nice'],
      message: `"nice" applies to policy normal (or custom), not "${policy}"`,
      atKey: true,
    });
  const name = str(t.name);
  if (t.spawned === true && t.startNs !== undefined)
    errs.push({
      path: [...path, 'startNs'],
      message: 'a spawned thread starts when spawned; remove "startNs"',
      atKey: true,
    });
  if (t.spawned === true && name !== undefined && !spawnedBy.has(name))
    errs.push({ path: [...path, 'spawned'], message: `no "spawn" action starts "${name}"` });
  checkActions(arr(t.actions), [...path, 'actions'], t, n, new Set(), errs);
}

function checkEnd(doc: Obj, errs: CrossRefError[]): void {
  const end = doc.end;
  if (!isObj(end)) return;
  const action = str(end.action);
  if (end.cmdline !== undefined && action !== 'kexec')
    errs.push({
      path: ['end', 'cmdline'],
      message: 'only a kexec end takes a "cmdline"',
      atKey: true,
    });
  const crash = isObj(doc.kernel) && doc.kernel.crashKernel === true;
  if (end.thenHalt !== undefined && action !== 'kexec' && !(action === 'panic' && crash))
    errs.push({
      path: ['end', 'thenHalt'],
      message: '"thenHalt" applies to kexec, or a panic with "kernel.crashKernel"',
      atKey: true,
    });
  const max = isObj(doc.limits) ? doc.limits.maxTimeNs : undefined;
  if (typeof max === 'number' && typeof end.atNs === 'number' && end.atNs > max)
    errs.push({
      path: ['end', 'atNs'],
      message: `comes after limits.maxTimeNs (${max}), so it never happens`,
    });
}

function checkNotes(doc: Obj, n: Names, errs: CrossRefError[]): void {
  arr(doc.notes).forEach((note, i) => {
    const at = isObj(note) ? note.at : undefined;
    if (!isObj(at)) return;
    const path = ['notes', i, 'at'];
    const thread = str(at.thread);
    if (thread !== undefined && !n.threads.has(thread))
      errs.push({
        path: [...path, 'thread'],
        message: `unknown thread "${thread}"${didYouMean(thread, n.threads.keys())}`,
      });
    const on = str(at.on);
    if (on !== undefined && at.when !== 'blocks')
      errs.push({
        path: [...path, 'on'],
        message: '"on" applies to "when": "blocks" only',
        atKey: true,
      });
    else if (on !== undefined && !n.sems.has(on) && !n.mutexes.has(on))
      errs.push({
        path: [...path, 'on'],
        message: `unknown semaphore or mutex "${on}"${didYouMean(on, [...n.sems.keys(), ...n.mutexes.keys()])}`,
      });
  });
}

/** Every cross-reference problem in a parsed document (which may also have failed the schema). */
export function crossRefErrors(doc: unknown): CrossRefError[] {
  const errs: CrossRefError[] = [];
  if (!isObj(doc)) return errs;
  const taken = new Map<string, string>();
  const n: Names = {
    sems: declare(doc, 'semaphores', errs, taken),
    mutexes: declare(doc, 'mutexes', errs, taken),
    threads: declare(doc, 'threads', errs, new Map()),
    vars: new Set(),
  };
  for (const t of n.threads.values()) collectVars(arr(t.actions), n.vars);
  const spawnedBy = new Set<string>();
  const collect = (actions: unknown[]) => {
    for (const a of actions)
      if (isObj(a)) {
        if (typeof a.spawn === 'string') spawnedBy.add(a.spawn);
        collect(arr(a.do));
      }
  };
  for (const t of n.threads.values()) collect(arr(t.actions));
  arr(doc.threads).forEach((t, i) => {
    if (isObj(t) && n.threads.get(str(t.name) ?? '') === t)
      checkThread(t, i, n, spawnedBy, errs, isObj(doc.schedClass));
  });
  if (isObj(doc.schedClass) && !arr(doc.threads).some((t) => isObj(t) && t.policy === 'custom'))
    errs.push({
      path: ['schedClass'],
      message: 'no thread has policy "custom", so the class would schedule nothing',
      atKey: true,
    });
  const cycle = spawnCycle(n);
  if (cycle) {
    const i = arr(doc.threads).indexOf(n.threads.get(cycle[0]));
    errs.push({
      path: ['threads', i, 'name'],
      message: `spawn cycle ${cycle.join(' → ')} would start threads forever`,
    });
  }
  checkEnd(doc, errs);
  checkNotes(doc, n, errs);
  return errs;
}
