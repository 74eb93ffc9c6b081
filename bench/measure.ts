// Helpers every benchmark prints with: the median, memory held, and the machine's load.
import { loadavg } from 'node:os';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** JS heap plus typed-array backing stores (event logs keep their columns outside the heap). */
export function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** "load average 1.10 0.90 0.80": figures on a loaded machine are read differently. */
export const loadLine = (): string => `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
