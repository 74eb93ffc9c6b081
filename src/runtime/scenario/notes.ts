// Places a scenario's notes on its trace: at a virtual time, at the nth event of a kind, or at a
// thread's recorded moment (first start, first run, first block — on an object —, exit).

import type { TraceEvent } from '../../trace/events';
import type { Moment } from './scenarioState';
import type { Scenario } from './types';

export interface PlacedNote {
  text: string;
  /** Where the note belongs; null when its moment never happened in this run. */
  seq: number | null;
  ts: number | null;
}

/** First index with events[i].ts >= ts (events are in seq order, ts non-decreasing). */
function firstAtOrAfter(events: readonly TraceEvent[], ts: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function placeNotes(
  scenario: Scenario,
  events: readonly TraceEvent[],
  moments: readonly Moment[],
): PlacedNote[] {
  return (scenario.notes ?? []).map((n) => {
    const at = n.at;
    if ('timeNs' in at) {
      const i = firstAtOrAfter(events, at.timeNs);
      return {
        text: n.text,
        seq: events[i]?.seq ?? null,
        ts: i < events.length ? at.timeNs : null,
      };
    }
    if ('event' in at) {
      let left = at.nth ?? 1;
      const e = events.find((x) => x.kind === at.event && --left === 0);
      return { text: n.text, seq: e?.seq ?? null, ts: e?.ts ?? null };
    }
    const m = moments.find((x) => x.thread === at.thread && x.what === at.when && x.on === at.on);
    return { text: n.text, seq: m?.seq ?? null, ts: m?.ts ?? null };
  });
}
