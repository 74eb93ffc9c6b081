// Workshop notes in the timeline: the fired notes, the one under the pointer and the selected one
// (click or n / N), their tooltip text and the #app data attributes e2e tests read.
import type { TimelineNote } from '../src/protocol/messages';
import type { LaneRow } from './timeline/lanes';
import type { NameTable } from './timeline/names';
import { NOTES_STRIP_PX, NoteList, describeNote, noteRow } from './timeline/notes';
import { formatTimestamp, type Viewport } from './timeline/scale';

export class NoteNav {
  readonly list = new NoteList();
  selected = -1;
  hover = -1;

  constructor(
    private readonly root: HTMLElement,
    private readonly info: (text: string) => void,
  ) {
    this.writeDataset();
  }

  add(notes: readonly TimelineNote[]): void {
    const id = this.selected >= 0 ? this.list.notes[this.selected].id : undefined;
    this.list.add(notes);
    this.selected = id === undefined ? -1 : this.list.indexOf(id);
    this.hover = -1;
    this.writeDataset();
  }

  clear(): void {
    this.list.clear();
    this.selected = this.hover = -1;
    this.writeDataset();
  }

  /** Height of the strip under the axis: none without notes, so other traces look as before. */
  stripPx(): number {
    return this.list.count > 0 ? NOTES_STRIP_PX : 0;
  }

  /**
   * The note under the pointer (canvas coordinates, the strip starting at stripTopPx): a flag in
   * the strip, or the pointer a note puts on its lane. -1 when none.
   */
  hitAt(rows: readonly LaneRow[], vp: Viewport, xPx: number, yPx: number, stripTopPx: number): number {
    const strip = this.stripPx();
    if (strip === 0) return -1;
    // flags are drawn to the right of their pole: the hit zone leans right too
    if (yPx >= stripTopPx && yPx < stripTopPx + strip) return this.list.nearest(vp, xPx - 3, 7);
    const row = rows.find((r) => yPx >= r.yPx && yPx < r.yPx + Math.min(r.heightPx, 9));
    if (!row) return -1;
    return this.list.nearest(vp, xPx, 5, (i) => noteRow(this.list.notes[i], rows)?.lane === row.lane);
  }

  /** Selects note i (or none with -1) and says so in the status line. */
  select(i: number, t0: number): void {
    this.selected = i >= 0 && i < this.list.count ? i : -1;
    const n = this.selected >= 0 ? this.list.notes[this.selected] : undefined;
    if (n) this.info(`note ${this.selected + 1}/${this.list.count} at ${formatTimestamp(n.ts - t0)}: ${n.text}`);
    this.writeDataset();
  }

  /** Selects the next/previous note (from the selected one, else from fromTs); its index or -1. */
  step(dir: 1 | -1, fromTs: number, t0: number): number {
    if (this.list.count === 0) {
      this.info('this run has no notes');
      return -1;
    }
    const i = this.list.step(this.selected, fromTs, dir);
    if (i < 0) this.info(dir === 1 ? 'no more notes after this one' : 'no notes before this one');
    else this.select(i, t0);
    return i;
  }

  tooltip(i: number, t0: number, names: NameTable): string[] {
    const n = this.list.notes[i];
    const about: string[] = [];
    if (n.task !== undefined) about.push(`task: ${names.task(n.task)}`);
    if (n.obj !== undefined) about.push(`object: ${names.object(n.obj)}`);
    about.push('click: select · n / N: next / previous note');
    return describeNote(n, formatTimestamp(n.ts - t0), about);
  }

  /** data-notes (count), data-note-selected (id or ''); data-notes-drawn is written per frame. */
  private writeDataset(): void {
    this.root.dataset.notes = String(this.list.count);
    this.root.dataset.noteSelected = this.selected >= 0 ? this.list.notes[this.selected].id : '';
  }
}
