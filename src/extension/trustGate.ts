// Workspace trust for scenarios (no vscode here: unit-tested). Scenario files run no code, except
// a JavaScript scheduling class (`schedClass`), which runs only in a trusted workspace.
import type { Scenario } from '../runtime/scenario/types';

export type TrustDecision = { run: true; loadsCode: boolean } | { run: false; message: string };

/** Whether the scenario may start in this workspace, and the message when it may not. */
export function trustDecision(sc: Scenario, file: string, trusted: boolean): TrustDecision {
  const module = sc.schedClass?.module;
  if (module === undefined) return { run: true, loadsCode: false };
  if (trusted) return { run: true, loadsCode: true };
  return {
    run: false,
    message: `LKL Scope: ${file} runs JavaScript (its scheduling class ${module}): trust this workspace to run it. No kernel was started.`,
  };
}
