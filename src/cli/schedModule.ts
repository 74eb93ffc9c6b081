// Loads a scenario's `schedClass` JavaScript module for the runtime (which loads no code itself).
// The module is evaluated in a fresh vm context for each run: no `require`, no `process`, no
// timers, and no state carried from one run to the next. Errors are located and never thrown.
// The extension calls this only in a trusted workspace; the CLI runs what its user names.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseTree } from 'jsonc-parser';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Script, createContext } from 'node:vm';
import type { CustomSchedFactory } from '../runtime/scenario/customSched';
import { userFrame } from '../runtime/scenario/customSched';
import { Locator, type ScenarioError } from '../runtime/scenario/located';
import type { Scenario } from '../runtime/scenario/types';

/** Top-level module code gets this long; methods are called by the kernel without a limit. */
const EVAL_TIMEOUT_MS = 1000;

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
  const evaluate = (): unknown => {
    const module = { exports: {} as unknown };
    const ctx = createContext({ module, exports: module.exports }, { codeGeneration: { strings: false, wasm: false } });
    script.runInContext(ctx, { timeout: EVAL_TIMEOUT_MS });
    return module.exports;
  };
  const factory: CustomSchedFactory = {
    source: shown,
    create: (ctx) => {
      const exp = evaluate() as { create?: unknown } | null;
      if (exp && typeof exp.create === 'function') return (exp.create as (c: unknown) => unknown)(ctx);
      return exp;
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
