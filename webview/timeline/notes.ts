// Scenario teaching notes on the timeline: kept in time order (a re-sent note replaces the one with
// its id), found under the pointer, stepped with n / N, and placed on the lane of the task or object
// they are about. Pure: no DOM.
import type { TimelineNote } from '../../src/protocol/messages';
import type { LaneRow } from './lanes';
import { lowerBound } from './series';
import { tsOf, xOf, type Viewport } from './scale';

/** Height of the notes strip under the time axis (only while there are notes). */
export const NOTES_STRIP_PX = 18;

export class NoteList {
  private list: TimelineNote[] = [];
  private ts = new Float64Array(0);

  get notes(): readonly TimelineNote[] {
    return this.list;
  }

  get count(): number {
    return this.list.length;
  }

  /** Adds fired notes; one with a known id replaces it (a re-attached panel gets them all again). */
  add(added: readonly TimelineNote[]): void {
    const byId = new Map(this.list.map((n) => [n.id, n]));
    for (const n of added) byId.set(n.id, n);
    // stable by time, then by id, so restarts with the same seed give the same order
    this.list = [...byId.values()].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.ts = Float64Array.from(this.list, (n) => n.ts);
  }

  clear(): void {
    this.list = [];
    this.ts = new Float64Array(0);
  }

  indexOf(id: string): number {
    return this.list.findIndex((n) => n.id === id);
  }

  /** The note whose flag is nearest to xPx within tolPx, or -1. */
  nearest(vp: Viewport, xPx: number, tolPx: number, only?: (i: number) => boolean): number {
    if (this.list.length === 0) return -1;
    const t = tsOf(vp, xPx);
    const i = lowerBound(this.ts, this.ts.length, t);
    let best = -1;
    let bestPx = tolPx;
    // flags at the same time stack: look a little either side of the insertion point
    for (let k = Math.max(0, i - 4); k < Math.min(this.list.length, i + 4); k++) {
      if (only && !only(k)) continue;
      const d = Math.abs(xOf(vp, this.ts[k]) - xPx);
      if (d <= bestPx) {
        bestPx = d;
        best = k;
      }
    }
    return best;
  }

  /**
   * The next (dir 1) or previous (dir -1) note: from the current one when there is one, else
   * from the time `fromTs` (the middle of the view). -1 when there is none that way.
   */
  step(current: number, fromTs: number, dir: 1 | -1): number {
    const n = this.list.length;
    if (n === 0) return -1;
    if (current >= 0 && current < n) {
      const j = current + dir;
      return j >= 0 && j < n ? j : -1;
    }
    if (dir === 1) {
      const j = lowerBound(this.ts, n, fromTs);
      return j < n ? j : -1;
    }
    return lowerBound(this.ts, n, fromTs) - 1;
  }
}

/**
 * The row a note belongs on: its object's lane when shown, else the host/CPU lane carrying its
 * task at its moment (else one that ever carried it), else undefined (the strip only).
 */
export function noteRow(n: TimelineNote, rows: readonly LaneRow[]): LaneRow | undefined {
  if (n.obj !== undefined) {
    const r = rows.find((x) => x.lane.kind === 'object' && x.lane.key === n.obj);
    if (r) return r;
  }
  if (n.task === undefined) return undefined;
  const thread = rows.filter((x) => x.lane.kind === 'host' || x.lane.kind === 'cpu');
  return thread.find((x) => x.lane.taskAt(n.ts) === n.task) ?? thread.find((x) => x.lane.seenTasks.has(n.task as number));
}

/** Tooltip lines for a note. */
export function describeNote(n: TimelineNote, relTs: string, about: string[]): string[] {
  return [`Note: ${n.text}`, `at ${relTs}  (${n.id})`, ...about];
}
