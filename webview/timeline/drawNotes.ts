// Draws scenario notes: a flag per note in the strip under the axis (with as much of its text as
// fits before the next flag), a pointer on the lane of the task or object it is about, a guide
// line for the selected note; and the outline of a revealed lane. Canvas only.
import type { Theme } from '../theme';
import { GUTTER_PX } from './draw';
import type { LaneRow } from './lanes';
import { noteRow, type NoteList } from './notes';
import { xOf, type Viewport } from './scale';

export interface NotesFrame {
  ctx: CanvasRenderingContext2D;
  theme: Theme;
  vp: Viewport;
  notes: NoteList;
  rows: readonly LaneRow[];
  stripTopPx: number;
  stripPx: number;
  widthPx: number;
  heightPx: number;
  hover: number;
  selected: number;
}

/** Returns how many notes were drawn (in view). */
export function drawNotes(f: NotesFrame): number {
  const { ctx, theme, stripTopPx: top, stripPx: h } = f;
  const lanesTop = top + h;
  ctx.save();
  ctx.fillStyle = theme.muted;
  ctx.font = `11px ${theme.font}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(`notes (${f.notes.count})  n / N`, 6, top + h / 2);
  ctx.fillStyle = theme.grid;
  ctx.fillRect(0, lanesTop - 1, f.widthPx, 1);
  ctx.beginPath();
  ctx.rect(GUTTER_PX, top, f.widthPx - GUTTER_PX, f.heightPx - top);
  ctx.clip();
  const list = f.notes.notes;
  const xs = list.map((n) => GUTTER_PX + xOf(f.vp, n.ts));
  let drawn = 0;
  for (let i = 0; i < list.length; i++) {
    const x = Math.round(xs[i]) + 0.5;
    if (x < GUTTER_PX - 8 || x > f.widthPx + 8) continue;
    drawn++;
    const strong = i === f.selected || i === f.hover;
    ctx.fillStyle = theme.focus;
    ctx.fillRect(x - 0.5, top + 2, strong ? 2 : 1, h - 3);
    ctx.beginPath();
    ctx.moveTo(x, top + 2);
    ctx.lineTo(x + (strong ? 10 : 8), top + 6);
    ctx.lineTo(x, top + 10);
    ctx.closePath();
    ctx.fill();
    if (theme.outline) {
      ctx.strokeStyle = theme.outline;
      ctx.stroke();
    }
    // the note's own text, up to the next flag
    const room = (i + 1 < list.length ? xs[i + 1] : f.widthPx) - x - 16;
    if (room > 30) {
      ctx.fillStyle = strong ? theme.fg : theme.muted;
      ctx.fillText(fit(ctx, list[i].text, room), x + 12, top + h / 2 + 1);
    }
    const row = noteRow(list[i], f.rows);
    if (row && row.yPx + row.heightPx > lanesTop && row.yPx < f.heightPx) {
      ctx.fillStyle = theme.focus;
      ctx.beginPath();
      ctx.moveTo(x - 4, row.yPx + 1);
      ctx.lineTo(x + 4, row.yPx + 1);
      ctx.lineTo(x, row.yPx + 7);
      ctx.closePath();
      ctx.fill();
    }
    if (i === f.selected) {
      ctx.strokeStyle = theme.focus;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(x, lanesTop);
      ctx.lineTo(x, row ? Math.max(lanesTop, row.yPx) : f.heightPx);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  ctx.restore();
  return drawn;
}

/** Text cut with an ellipsis to at most widthPx. */
function fit(ctx: CanvasRenderingContext2D, text: string, widthPx: number): string {
  if (ctx.measureText(text).width <= widthPx) return text;
  let n = Math.max(1, Math.floor(widthPx / 6));
  while (n > 1 && ctx.measureText(`${text.slice(0, n)}…`).width > widthPx) n--;
  return `${text.slice(0, n)}…`;
}

/** Outlines the focused lane (a reveal's target) across the gutter and the plot. */
export function drawLaneFocus(ctx: CanvasRenderingContext2D, theme: Theme, row: LaneRow, widthPx: number, topPx: number): void {
  if (row.yPx + row.heightPx <= topPx) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, topPx, widthPx, row.yPx + row.heightPx + 2);
  ctx.clip();
  ctx.strokeStyle = theme.focus;
  ctx.lineWidth = 2;
  ctx.strokeRect(1, row.yPx + 1, widthPx - 2, row.heightPx - 2);
  ctx.restore();
}
