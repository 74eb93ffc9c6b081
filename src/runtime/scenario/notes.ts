// Places a scenario's notes on its trace: at a virtual time, at the nth event of a kind, or at a
// thread's recorded moment (first start, first run, first block — on an object —, exit).

import { NONE, type TraceEvent } from '../../trace/events';
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
 * A note that has fired, as the timeline draws it (the protocol's TimelineNote has this shape):
 * `id` is stable across runs of the same scenario; `task`/`obj` name what the note is about.
 */
export interface FiredNote {
  index: number;
  id: string;
  text: string;
  seq: number;
  ts: number;
  task?: number;
  obj?: number;
}

/** The note's id: its place in the scenario's `notes` (the format has no id field). */
export const noteId = (index: number): string => `note-${index + 1}`;

/** Which task runs a scenario thread (host → task learnt from the stream when not known). */
export type ThreadTaskLookup = (thread: string, hostTask: ReadonlyMap<number, number>) => number | undefined;

/**
 * Places notes while a run streams (the timeline's workshop mode): feed each event batch in
 * order; each call returns the notes whose moment has now come, each once, with its index.
 */
export class NoteTracker {
  private readonly placed: boolean[];
  private readonly seen = new Map<string, number>();
  private readonly hostTask = new Map<number, number>();
  private lastTs = 0;
  /** Every note fired so far, in firing order (a re-attached panel gets them all). */
  readonly fired: FiredNote[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly moments: () => readonly Moment[],
    private readonly taskOf?: ThreadTaskLookup,
  ) {
    this.placed = (scenario.notes ?? []).map(() => false);
  }

  feed(batch: readonly TraceEvent[]): FiredNote[] {
    const out: FiredNote[] = [];
    const notes = this.scenario.notes ?? [];
    const place = (index: number, seq: number, ts: number, task?: number, obj?: number) => {
      this.placed[index] = true;
      const n: FiredNote = { index, id: noteId(index), text: notes[index].text, seq, ts };
      if (task !== undefined && task !== NONE) n.task = task;
      if (obj !== undefined && obj !== NONE) n.obj = obj;
      out.push(n);
    };
    for (const e of batch) {
      const count = (this.seen.get(e.kind) ?? 0) + 1;
      this.seen.set(e.kind, count);
      this.lastTs = e.ts;
      if (e.task !== NONE && e.host !== NONE) this.hostTask.set(e.host, e.task);
      notes.forEach((n, i) => {
        if (this.placed[i]) return;
        const at = n.at;
        if ('timeNs' in at && e.ts >= at.timeNs) place(i, e.seq, at.timeNs);
        else if ('event' in at && at.event === e.kind && count === (at.nth ?? 1))
          place(i, e.seq, e.ts, e.task, e.obj);
      });
    }
    const ms = this.moments();
    notes.forEach((n, i) => {
      const at = n.at;
      if (this.placed[i] || !('thread' in at)) return;
      const m = ms.find((x) => x.thread === at.thread && x.what === at.when && x.on === at.on);
      if (m && m.ts <= this.lastTs) place(i, m.seq, m.ts, this.taskOf?.(at.thread, this.hostTask));
    });
    for (const n of out) this.fired.push(n);
    return out;
  }
}

/** A finished run's notes as the timeline draws them (the CLI's page, compare panels). */
export function firedNotes(
  scenario: Scenario,
  events: readonly TraceEvent[],
  moments: readonly Moment[],
  taskOf?: ThreadTaskLookup,
): FiredNote[] {
  return new NoteTracker(scenario, () => moments, taskOf).feed(events);
}

/** The fields the timeline draws (the protocol's TimelineNote), without the stream's bookkeeping. */
export function timelineNote(n: FiredNote): { ts: number; id: string; text: string; task?: number; obj?: number } {
  const out: { ts: number; id: string; text: string; task?: number; obj?: number } = { ts: n.ts, id: n.id, text: n.text };
  if (n.task !== undefined) out.task = n.task;
  if (n.obj !== undefined) out.obj = n.obj;
  return out;
}
