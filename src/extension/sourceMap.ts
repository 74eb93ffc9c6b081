// "Jump to source": which runtime file emits each event kind (the traced host wraps HostOps, the
// arch files emit cpu/sched/boot/halt events). Pure, so it is unit-tested without vscode.
import type { EventKind } from '../trace/events';

const BY_PREFIX: [string, string][] = [
  ['sem.', 'src/runtime/host/tracedHost.ts'],
  ['mutex.', 'src/runtime/host/tracedHost.ts'],
  ['thread.', 'src/runtime/host/tracedHost.ts'],
  ['timer.', 'src/runtime/host/tracedHost.ts'],
  ['irq.', 'src/runtime/arch/irq.ts'],
  ['cpu.', 'src/runtime/arch/cpu.ts'],
  ['sched.switch', 'src/runtime/arch/threads.ts'],
  ['sched.', 'src/runtime/kernel/sched/core.ts'],
  ['syscall.', 'src/runtime/arch/syscalls.ts'],
  ['boot.initcall', 'src/runtime/kernel/initcall.ts'],
  ['boot.', 'src/runtime/arch/setup.ts'],
  ['halt.', 'src/runtime/arch/halt.ts'],
  ['kexec.', 'src/runtime/kernel/kexec.ts'],
];

/** The file (relative to the extension root) that emits `kind` in runtime traces, if known. */
export function sourceOfKind(kind: EventKind): string | undefined {
  return BY_PREFIX.find(([p]) => kind.startsWith(p))?.[1];
}
