// Marks are stored per lane in four classes drawn with one geometry each: semaphore/mutex
// releases (ticks from the top), acquires and waits (ticks from the bottom), faults, and the rest.
import { EVENT_KINDS, type EventKind } from '../../src/trace/events';

export const UP = 0;
export const DOWN = 1;
export const FAULT = 2;
export const OTHER = 3;
export const MARK_CLASSES = 4;

const CLASS_OF: Partial<Record<EventKind, number>> = {
  'sem.up': UP, 'mutex.unlock': UP,
  'sem.down': DOWN, 'sem.down.wait': DOWN, 'mutex.lock': DOWN, 'mutex.lock.wait': DOWN,
  panic: FAULT, deadlock: FAULT, warn: FAULT,
};

/** Class of each kind code. */
export const MARK_CLASS: Uint8Array = Uint8Array.from(EVENT_KINDS, (k) => CLASS_OF[k] ?? OTHER);
