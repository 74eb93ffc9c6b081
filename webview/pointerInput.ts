// What the pointer does on the plot: hover (a note flag, else hitTest: tooltip and highlight),
// click (a note, a deadlock/panic marker's graph, or pick the event; alt: A/B markers) and
// double-click (jump to the source). Keeps what is hovered for the keys and the frame.
import type { HostRequest } from '../src/protocol/messages';
import type { Inspector } from './inspector';
import type { Navigator } from './navigator';
import type { PointerHooks } from './pointer';
import { describeHit } from './timeline/describe';
import type { Filters } from './timeline/filters';
import { hitTest, type Hit } from './timeline/hitTest';
import type { LaneRow } from './timeline/lanes';
import type { TimelineModel } from './timeline/model';
import type { NameTable } from './timeline/names';
import { tsOf } from './timeline/scale';
import type { EventStore } from './timeline/store';
import { AXIS_PX, type TimelineView } from './timeline/view';
import type { Ui } from './ui';

export interface PointerTarget {
  readonly store: EventStore;
  readonly names: NameTable;
  readonly ui: Ui;
  readonly view: TimelineView;
  readonly nav: Navigator;
  readonly inspect: Inspector;
  model(): TimelineModel;
  filters(): Filters;
  rows(): readonly LaneRow[];
  request(req: HostRequest): Promise<unknown>;
}

export class PointerInput {
  /** What the pointer is on (not a note flag: the Inspector keeps that). */
  hover: Hit | undefined;
  /** Plot x of the pointer (keyboard zoom centres on it), undefined when it left. */
  xPx: number | undefined;

  constructor(private readonly t: PointerTarget) {}

  hooks(): PointerHooks {
    const t = this.t;
    return {
      move: (x, y, cx, cy) => {
        this.xPx = x;
        const notes = t.inspect.notes;
        const note = notes.hitAt(t.rows(), t.view.vp, x, y, AXIS_PX);
        if (note !== notes.hover) {
          notes.hover = note;
          t.view.invalidate();
        }
        if (note >= 0) {
          t.ui.showTooltip(notes.tooltip(note, t.store.firstTs, t.names), cx, cy);
          this.hover = undefined;
          return;
        }
        const kinds = t.filters().kinds;
        const lanesTop = AXIS_PX + t.inspect.stripPx();
        const model = t.model();
        const h = hitTest(t.rows(), t.view.vp, x, y, {
          lastTs: t.store.lastTs,
          markers: model.markers,
          markerBandPx: [lanesTop, lanesTop + 15],
          evVisible: kinds ? (ev) => kinds.has(t.store.kind[ev]) : undefined,
          arrows: model.arrows,
        });
        if (h) t.ui.showTooltip([...describeHit(h, model, t.store, t.names), ...t.inspect.objectHint(h)], cx, cy);
        else t.ui.hideTooltip();
        if (h?.ev !== this.hover?.ev || h?.kind !== this.hover?.kind) {
          this.hover = h;
          t.view.invalidate();
        }
      },
      leave: () => {
        this.xPx = undefined;
        t.ui.hideTooltip();
      },
      click: (x, alt, shift) => {
        const h = this.hover;
        if (alt) t.nav.setMarker(shift ? 'B' : 'A', tsOf(t.view.vp, x));
        else if (t.inspect.notes.hover >= 0) t.inspect.selectNote(t.inspect.notes.hover, false);
        else if (h?.kind === 'marker' && t.inspect.isFault(h.ev)) t.inspect.openGraph(h.ev);
        else if (h && h.ev >= 0) t.nav.pick(h.ev);
      },
      dblclick: () => {
        const h = this.hover;
        if (h && h.ev >= 0) t.request({ kind: 'openSource', seq: t.store.seq[h.ev] }).catch(() => undefined);
      },
    };
  }
}
