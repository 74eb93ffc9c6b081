// Moving through events: `/` search matches, next/previous event of the picked kind, and the
// A/B markers with their delta. Keeps the cursor (store index of the current event).
import { EVENT_KINDS } from '../src/trace/events';
import type { Hit } from './timeline/hitTest';
import type { NameTable } from './timeline/names';
import { formatDuration, formatTimestamp, tsOf } from './timeline/scale';
import { compileQuery, findKind, findNext, type Query } from './timeline/search';
import type { EventStore } from './timeline/store';
import type { TimelineView } from './timeline/view';

export class Navigator {
  cursor = -1;
  selectedKind = -1;
  markerA: number | undefined;
  markerB: number | undefined;
  /** The event jumped to, drawn highlighted. */
  current: Hit | undefined;
  private query: Query | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly names: NameTable,
    private readonly view: TimelineView,
    private readonly info: (text: string) => void,
    private readonly root: HTMLElement,
  ) {}

  reset(): void {
    this.cursor = -1;
    this.selectedKind = -1;
    this.markerA = this.markerB = undefined;
    this.current = undefined;
  }

  setQuery(text: string): void {
    this.query = text.trim() ? compileQuery(text, this.names) : undefined;
    this.cursor = -1;
  }

  /** Objects the current search names (O adds a lane for each). */
  queryObjects(): number[] {
    return this.query ? [...this.query.objects] : [];
  }

  searchStep(dir: 1 | -1): void {
    if (!this.query) return;
    const s = this.store;
    const from = this.cursor >= 0 ? this.cursor : dir === 1 ? s.indexAt(tsOf(this.view.vp, 0)) - 1 : s.count;
    this.goTo(findNext(s, this.query, from, dir), `no more matches for "${this.query.text}"`);
  }

  kindStep(dir: 1 | -1): void {
    if (this.selectedKind < 0) return this.info('click an event first to pick its kind');
    this.goTo(findKind(this.store, this.selectedKind, this.cursor, dir), `no more ${EVENT_KINDS[this.selectedKind]} events`);
  }

  /** Makes event i current (clicked): `.` and `,` then step through its kind. */
  pick(i: number): void {
    this.cursor = i;
    this.selectedKind = this.store.kind[i];
    this.info(`selected ${EVENT_KINDS[this.selectedKind]}: . and , step through this kind`);
  }

  private goTo(i: number, none: string): void {
    if (i < 0) return this.info(none);
    const s = this.store;
    this.cursor = i;
    this.selectedKind = s.kind[i];
    const vp = this.view.vp;
    const rel = s.ts[i] - vp.t0;
    this.current = { kind: 'marker', ev: i, startNs: s.ts[i], endNs: s.ts[i], key: s.kind[i] };
    this.view.setViewport({ ...vp, startNs: rel - (vp.widthPx * vp.nsPerPx) / 2 }, true);
    this.info(`${EVENT_KINDS[s.kind[i]]} at ${formatTimestamp(rel)}`);
  }

  setMarker(which: 'A' | 'B', ts: number): void {
    if (which === 'A') this.markerA = ts;
    else this.markerB = ts;
    const t0 = this.store.firstTs;
    const { markerA: a, markerB: b } = this;
    const parts = [a, b].map((m, i) => (m === undefined ? '' : `${'AB'[i]} ${formatTimestamp(m - t0)}`)).filter(Boolean);
    if (a !== undefined && b !== undefined) parts.push(`Δ ${formatDuration(b - a, 9)}`);
    this.info(parts.join('   '));
    this.root.dataset.markerDeltaNs = a !== undefined && b !== undefined ? String(b - a) : '';
    this.view.invalidate();
  }
}
