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

/**
 * Places notes while a run streams (the timeline's workshop mode): feed each event batch in
 * order; each call returns the notes whose moment has now come, each once, with its index.
 */
export class NoteTracker {
  private readonly placed: boolean[];
  private readonly seen = new Map<string, number>();
  private lastTs = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly moments: () => readonly Moment[],
  ) {
    this.placed = (scenario.notes ?? []).map(() => false);
  }

  feed(batch: readonly TraceEvent[]): (PlacedNote & { index: number })[] {
    const out: (PlacedNote & { index: number })[] = [];
    const notes = this.scenario.notes ?? [];
    const place = (index: number, seq: number, ts: number) => {
      this.placed[index] = true;
      out.push({ index, text: notes[index].text, seq, ts });
    };
    for (const e of batch) {
      const count = (this.seen.get(e.kind) ?? 0) + 1;
      this.seen.set(e.kind, count);
      this.lastTs = e.ts;
      notes.forEach((n, i) => {
        if (this.placed[i]) return;
        const at = n.at;
        if ('timeNs' in at && e.ts >= at.timeNs) place(i, e.seq, at.timeNs);
        else if ('event' in at && at.event === e.kind && count === (at.nth ?? 1))
          place(i, e.seq, e.ts);
      });
    }
    const ms = this.moments();
    notes.forEach((n, i) => {
      const at = n.at;
      if (this.placed[i] || !('thread' in at)) return;
      const m = ms.find((x) => x.thread === at.thread && x.what === at.when && x.on === at.on);
      if (m && m.ts <= this.lastTs) place(i, m.seq, m.ts);
    });
    return out;
  }
}
