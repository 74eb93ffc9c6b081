// The palette commands (category "LKL Scope"). Each is one function of the controller's state.
import * as vscode from 'vscode';
import type { Controller } from './controller';
import { compareTraces } from './compareTraces';
import { exportImage } from './exportImage';
import { exportTrace } from './exportTrace';
import { openTraceWithProgress } from './openTrace';
import { pickAndRunScenario, restartScenario } from './scenarios';
import type { RevealTarget } from './treeView';

type CommandFn = (c: Controller, ...args: unknown[]) => unknown;

/** Where Step to Next Phase stops: a boot phase, a halt step, a kexec into the next generation. */
const PHASE_STARTS = ['boot.phase.begin', 'halt.step.begin', 'kexec.exec'] as const;

const COMMANDS: Record<string, CommandFn> = {
  showTimeline: (c) => {
    c.showTimeline();
  },
  reveal: (c, target) => c.reveal(target as RevealTarget),
  bootKernel: (c) => {
    c.bootKernel();
  },
  runScenario: (c, arg) => pickAndRunScenario(c, c.problems, arg),
  restart: (c, arg) => restartScenario(c, c.problems, arg),
  compareRuns: (c, a, b, seedB) => c.compare.run(a instanceof vscode.Uri ? a.fsPath : a, b instanceof vscode.Uri ? b.fsPath : b, seedB),
  compareRunsDifferences: (c) => c.compare.showDifferences(),
  haltKernel: (c) => {
    c.requireLive().halt();
  },
  kexecReboot: (c) => {
    c.requireLive().kexecReboot();
  },
  triggerPanic: async (c, arg) => {
    const k = c.requireLive();
    const choice = typeof arg === 'boolean' ? arg : (await vscode.window.showQuickPick(
      [
        { label: 'Panic', description: 'no crash kernel: the panic is the end', crash: false },
        { label: 'Load a crash kernel, then panic', description: 'crash_kexec boots the crash kernel (gen + 1)', crash: true },
      ],
      // a live run's output can move focus while the user reads the choice: keep the picker open
      { title: 'Trigger Panic', ignoreFocusOut: true },
    ))?.crash;
    if (choice === undefined) return;
    k.triggerPanic(choice);
  },
  pause: (c) => {
    c.requireLive().pause();
    return c.setLiveContext();
  },
  resume: (c) => {
    c.requireLive().resume();
    return c.setLiveContext();
  },
  stepSwitch: (c) => {
    const k = c.requireLive();
    if (!k.stepTo('sched.switch')) void vscode.window.showInformationMessage('LKL Scope: no further context switch: the kernel is idle or has ended.');
    return c.setLiveContext();
  },
  // the host semaphore hand-off of __switch_to, one up or down at a time
  stepUpDown: (c) => {
    const k = c.requireLive();
    if (!k.stepTo(['sem.up', 'sem.down'])) void vscode.window.showInformationMessage('LKL Scope: no further semaphore up or down: the kernel is idle or has ended.');
    return c.setLiveContext();
  },
  stepPhase: (c) => {
    const k = c.requireLive();
    if (!k.stepTo(PHASE_STARTS)) void vscode.window.showInformationMessage('LKL Scope: no further boot phase, halt step or kexec: the kernel is idle or has ended.');
    return c.setLiveContext();
  },
  openTrace: async (c, arg) => {
    let uri = arg instanceof vscode.Uri ? arg : undefined;
    if (!uri) {
      const picked = await vscode.window.showOpenDialog({
        title: 'Open Trace File (ftrace, trace-cmd, perf, Chrome JSON)',
        canSelectMany: false,
        openLabel: 'Open Trace',
      });
      uri = picked?.[0];
    }
    if (!uri) return;
    const session = await openTraceWithProgress(uri.fsPath, (l) => c.log(l));
    if (session) c.showTimeline(session);
  },
  exportTrace: (c, arg) => exportTrace(c.session, arg instanceof vscode.Uri ? arg : undefined),
  exportImage: (c, uri, format) => exportImage(c.timeline, uri instanceof vscode.Uri ? uri : undefined, format === 'png' || format === 'svg' ? format : undefined),
  compareTraces: (_c, a, b) => compareTraces(typeof a === 'string' && typeof b === 'string' ? [a, b] : undefined),
};

export function registerCommands(c: Controller): void {
  for (const [name, fn] of Object.entries(COMMANDS)) {
    c.context.subscriptions.push(
      vscode.commands.registerCommand(`lklScope.${name}`, async (...args: unknown[]) => {
        try {
          return await fn(c, ...args);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          c.log(`lklScope.${name} failed: ${e instanceof Error ? e.stack : msg}`);
          void vscode.window.showErrorMessage(`LKL Scope: ${msg}`);
          return undefined;
        }
      }),
    );
  }
}
