// Clocks on virtual time: clock_gettime and clock_nanosleep (relative or TIMER_ABSTIME) for
// CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME and CLOCK_TAI. Errors as Linux's
// posix-timers: an unknown clock -EINVAL, a clock that cannot sleep -EOPNOTSUPP, a bad
// timespec -EINVAL, a bad pointer -EFAULT.

import * as errno from '../errno';
import { NR } from '../syscallNumbers';
import type { SyscallArg, SyscallContext, SyscallHandlerSet, SyscallResult } from '../syscallTypes';
import { NSEC_PER_SEC, timespecNs } from './basic';

export const CLOCK_REALTIME = 0;
export const CLOCK_MONOTONIC = 1;
export const CLOCK_PROCESS_CPUTIME_ID = 2;
export const CLOCK_THREAD_CPUTIME_ID = 3;
export const CLOCK_MONOTONIC_RAW = 4;
export const CLOCK_REALTIME_COARSE = 5;
export const CLOCK_MONOTONIC_COARSE = 6;
export const CLOCK_BOOTTIME = 7;
export const CLOCK_TAI = 11;
export const TIMER_ABSTIME = 1;

/** CLOCK_REALTIME at virtual time 0 (fixed, so runs stay deterministic): 2023-11-14T22:13:20Z. */
export const REALTIME_EPOCH_NS = 1_700_000_000 * NSEC_PER_SEC;
/** TAI is ahead of UTC by the leap seconds since 1972. */
const TAI_OFFSET_NS = 37 * NSEC_PER_SEC;

/** The clock's reading at virtual time `nowNs`, or null for a clock id Linux does not know. */
export function clockNow(clock: SyscallArg, nowNs: number): number | null {
  switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
      return REALTIME_EPOCH_NS + nowNs;
    case CLOCK_TAI:
      return REALTIME_EPOCH_NS + TAI_OFFSET_NS + nowNs;
    // No suspend and no NTP slew here: the monotonic clocks and boottime agree.
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
      return nowNs;
    // The task's CPU time is not tracked per call: the run time so far stands in.
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
      return nowNs;
    default:
      return null;
  }
}

function clockGettime(ctx: SyscallContext, args: readonly SyscallArg[]): number {
  const now = clockNow(args[0], ctx.nowNs());
  if (now === null) return -errno.EINVAL;
  const tp = args[1];
  if (tp === null || typeof tp !== 'object' || Array.isArray(tp) || ArrayBuffer.isView(tp))
    return -errno.EFAULT;
  const out = tp as Record<string, unknown>;
  out.tv_sec = Math.floor(now / NSEC_PER_SEC);
  out.tv_nsec = now % NSEC_PER_SEC;
  return 0;
}

/** Clocks whose clock_nanosleep works (common_nsleep); the others known to Linux cannot sleep. */
const SLEEPS = new Set<SyscallArg>([CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_TAI]);

function clockNanosleep(ctx: SyscallContext, args: readonly SyscallArg[]): SyscallResult {
  const [clock, flags, req] = args;
  const now = clockNow(clock, ctx.nowNs());
  // The thread CPU clock has an nsleep that refuses (-EINVAL); the process one is not modelled.
  if (now === null || clock === CLOCK_THREAD_CPUTIME_ID || clock === CLOCK_PROCESS_CPUTIME_ID)
    return -errno.EINVAL;
  if (!SLEEPS.has(clock)) return -errno.EOPNOTSUPP;
  if (typeof flags !== 'number' || !Number.isInteger(flags)) return -errno.EINVAL;
  const ns = timespecNs(req);
  if (ns < 0) return ns;
  const delayNs = flags & TIMER_ABSTIME ? ns - now : ns;
  if (delayNs <= 0) return 0; // an absolute time already past returns at once
  const sleep: SyscallResult = {
    kind: 'block',
    queues: [],
    reason: 'clock_nanosleep',
    timeoutNs: delayNs,
    retry: () => sleep,
    onTimeout: () => 0,
  };
  return sleep;
}

export const timeSyscalls: SyscallHandlerSet = {
  name: 'time',
  defs: [
    { no: NR.clock_gettime, name: 'clock_gettime', handler: clockGettime },
    { no: NR.clock_nanosleep, name: 'clock_nanosleep', handler: clockNanosleep },
  ],
};
