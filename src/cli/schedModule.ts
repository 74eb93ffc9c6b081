// Loads a scenario's `schedClass` JavaScript module for the runtime (which loads no code itself).
// The module is evaluated in a fresh vm context for each run: no `require`, no `process`, no
// timers, and no state carried from one run to the next. Errors are located and never thrown.
// The extension calls this only in a trusted workspace; the CLI runs what its user names.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseTree } from 'jsonc-parser';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { type Context, Script, createContext } from 'node:vm';
import type { CustomSchedFactory } from '../runtime/scenario/customSched';
import { SCHED_METHOD_KEYS, userFrame } from '../runtime/scenario/customSched';
import { Locator, type ScenarioError } from '../runtime/scenario/located';
import type { Scenario } from '../runtime/scenario/types';

/** Top-level module code gets this long. */
const EVAL_TIMEOUT_MS = 1000;
/**
 * Each call into the class (create, then every kernel call) gets this long: a method that loops
 * forever becomes a located BUG that stops the run, not a hung extension host.
 */
export const CALL_TIMEOUT_MS = 250;
/** Calls `__lkl.fn` with `__lkl.self` and `__lkl.args` inside the module's context. */
const CALL = new Script('__lkl.fn.apply(__lkl.self, __lkl.args)', { filename: 'lkl-scope:call' });

export type SchedModuleResult =
  | { ok: true; factory: CustomSchedFactory | undefined; path?: string }
  | { ok: false; error: string };

/** The absolute path of the scenario's class module (relative to the scenario file). */
export function schedModulePath(scenarioFile: string, module: string): string {
  return isAbsolute(module) ? module : resolve(dirname(scenarioFile), module);
}

/**
 * Reads and compiles the module; the factory evaluates it afresh for each run and returns its
 * `create(ctx)` result (or the exports themselves when they are the class).
 */
export function loadSchedModule(scenarioFile: string, sc: Scenario): SchedModuleResult {
  if (!sc.schedClass) return { ok: true, factory: undefined };
  const path = schedModulePath(scenarioFile, sc.schedClass.module);
  const shown = relative(process.cwd(), path) || path;
  let code: string;
  try {
    code = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, error: `${scenarioFile}: schedClass.module: cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  let script: Script;
  try {
    script = new Script(code, { filename: path });
  } catch (e) {
    return { ok: false, error: `${shown}: ${String(e)}${syntaxLine(e)}` };
  }
  const evaluate = (): { exports: unknown; ctx: Context } => {
    const module = { exports: {} as unknown };
    const ctx = createContext({ module, exports: module.exports }, { codeGeneration: { strings: false, wasm: false } });
    script.runInContext(ctx, { timeout: EVAL_TIMEOUT_MS });
    return { exports: module.exports, ctx };
  };
  const factory: CustomSchedFactory = {
    source: shown,
    create: (schedCtx) => {
      const { exports, ctx } = evaluate();
      const exp = exports as { create?: unknown } | null;
      const impl = exp && typeof exp.create === 'function' ? timedCall(ctx, exp.create, exp, [schedCtx], 'create') : exp;
      return guarded(ctx, impl);
    },
  };
  // A first evaluation here, so a module that throws at load is reported before any kernel starts.
  try {
    evaluate();
  } catch (e) {
    const at = userFrame(e, path);
    return { ok: false, error: `${at ? at.replace(/^[^:]+/, shown) : shown}: the module threw while loading: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { ok: true, factory, path };
}

/** Runs fn.apply(self, args) in the module's context, stopped after CALL_TIMEOUT_MS. */
function timedCall(ctx: Context, fn: unknown, self: unknown, args: unknown[], method: string): unknown {
  ctx.__lkl = { fn, self, args };
  try {
    return CALL.runInContext(ctx, { timeout: CALL_TIMEOUT_MS });
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new Error(`${method}() did not return within ${CALL_TIMEOUT_MS} ms (an endless loop?)`);
    throw e;
  } finally {
    ctx.__lkl = undefined;
  }
}

/**
 * The class as the kernel calls it: each method the kernel knows runs under the time limit, with
 * the class itself as `this`; everything else (its name, its own fields) reads through.
 */
function guarded(ctx: Context, impl: unknown): unknown {
  if (typeof impl !== 'object' || impl === null) return impl;
  const o = impl as Record<string, unknown>;
  const out = Object.create(o) as Record<string, unknown>;
  for (const key of SCHED_METHOD_KEYS) {
    const fn = o[key];
    if (typeof fn === 'function') out[key] = (...args: unknown[]) => timedCall(ctx, fn, o, args, key);
  }
  return out;
}

function syntaxLine(e: unknown): string {
  const m = e instanceof Error && e.stack ? /:(\d+)\n/.exec(e.stack) : null;
  return m ? ` (line ${m[1]})` : '';
}

/** `validate`'s check (no code runs): the module the scenario names exists, located at its field. */
export function schedModuleProblem(file: string, text: string, sc: Scenario): ScenarioError | null {
  if (!sc.schedClass) return null;
  const path = schedModulePath(file, sc.schedClass.module);
  if (existsSync(path) && statSync(path).isFile()) return null;
  return new Locator(file, text, parseTree(text)).at(['schedClass', 'module'], `no such file ${path}`);
}
