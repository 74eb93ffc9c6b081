// What the panel's run controls offer (pure: unit-tested without a DOM). The controls run the
// palette commands of the same name in the extension.
import type { KernelState, RunCommand, SessionInfo } from '../src/protocol/messages';

/** Halt stays a palette command: one click should not end a workshop's run. */
export type WorkshopCommand = Exclude<RunCommand, 'halt'>;

export const BUTTONS: readonly [WorkshopCommand, string, string][] = [
  ['resume', '▶ Play', 'Play the run on (LKL Scope: Resume)'],
  ['pause', 'Pause', 'Hold the run here (LKL Scope: Pause)'],
  ['stepSwitch', 'Step: switch', 'Run to the next context switch (LKL Scope: Step to Next Switch)'],
  ['stepUpDown', 'up/down', 'Run to the next host semaphore up or down, the __switch_to hand-off (LKL Scope: Step to Next Semaphore Up/Down)'],
  ['stepPhase', 'phase', 'Run to the next boot phase, halt step or kexec (LKL Scope: Step to Next Phase)'],
  ['restart', 'Restart…', 'Run the scenario again: the same seed gives the identical timeline (LKL Scope: Restart Scenario)'],
];

/** The kernel can still run: playing and stepping mean something. */
const RUNNABLE: ReadonlySet<KernelState> = new Set(['booting', 'running', 'halting']);

/**
 * The commands the bar offers: none for a finished trace (a file, a compared run); play, pause
 * and steps while the kernel can run; restart whenever the session is a scenario's (the boot
 * tests' program is called 'default' and has no scenario file to restart).
 */
export function offeredCommands(session: Pick<SessionInfo, 'live' | 'source' | 'scenario'> | undefined, state: KernelState): Set<WorkshopCommand> {
  const out = new Set<WorkshopCommand>();
  if (!session || !session.live || session.source !== 'runtime') return out;
  if (RUNNABLE.has(state)) for (const c of ['resume', 'pause', 'stepSwitch', 'stepUpDown', 'stepPhase'] as const) out.add(c);
  if (session.scenario !== undefined && session.scenario !== 'default') out.add('restart');
  return out;
}
