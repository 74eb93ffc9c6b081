// Where the view is and who moves it: fitting, following a live trace, the view restored after
// a reload (persisted view state) and the compare-mode range sync with a peer panel.
import type { RelativeRange, ViewState } from '../src/protocol/messages';
import type { Transport } from './host';
import { ViewStateKeeper } from './state';
import { toViewFilters, type Filters } from './timeline/filters';
import { fitRange } from './timeline/scale';
import type { EventStore } from './timeline/store';
import type { TimelineView } from './timeline/view';
import type { Ui } from './ui';

export interface ViewSyncDeps {
  root: HTMLElement;
  transport: Transport;
  store: EventStore;
  view: TimelineView;
  ui: Ui;
  live: () => boolean;
  filters: () => Filters;
  objectLanes: () => readonly number[];
  select: (r: [number, number] | undefined) => void;
}

export class ViewSync {
  followLive = true;
  /** A file still arriving in batches keeps being fitted until the user moves the view. */
  private autoFit = false;
  /** The view to apply once the first events arrive (restored, or sent with init). */
  private pendingView: ViewState | undefined;
  /** The label of the run this one is compared with, when in compare mode. */
  private comparePeer: string | null = null;
  private readonly keeper: ViewStateKeeper;

  constructor(private readonly d: ViewSyncDeps) {
    this.keeper = new ViewStateKeeper(d.transport);
    this.pendingView = this.keeper.restore();
  }

  /** A new init: a view state belongs to its session, another session starts from its own (or a fit). */
  startSession(sameSession: boolean, view: ViewState | undefined): ViewState | undefined {
    if (!sameSession) this.pendingView = undefined;
    this.pendingView = view ?? this.pendingView;
    return this.pendingView;
  }

  /** The view moved (by the user or by code). */
  moved(byUser: boolean): void {
    if (byUser) this.autoFit = false;
    if (byUser && this.followLive) this.setFollow(false);
    // Only the user's own moves are echoed: a synced move must not bounce back to the peer.
    if (byUser && this.comparePeer !== null) this.postViewRange();
    this.persist();
  }

  /** Events were appended: the first batch applies the pending view, later ones follow or refit. */
  eventsAdded(first: boolean): void {
    if (first) this.applyInitialView();
    else if (this.followLive && this.d.live()) this.followNewest();
    else if (this.autoFit) this.fit(false);
  }

  /** The peer panel moved: show exactly its range (no fit margin), whatever this panel's width. */
  syncTo(range: RelativeRange): void {
    this.autoFit = false;
    if (this.followLive) this.setFollow(false);
    const { offsetStartNs: a, offsetEndNs: b } = range;
    const widthPx = this.d.view.vp.widthPx;
    this.d.view.setViewport({ t0: this.d.store.firstTs, startNs: a, nsPerPx: (b - a) / Math.max(widthPx, 1), widthPx }, false);
  }

  setCompare(peer: string | null): void {
    this.comparePeer = peer;
    this.d.root.dataset.compare = peer ?? '';
    if (peer !== null) {
      this.d.ui.setInfo(`compared with ${peer}: zoom and pan move both`);
      this.postViewRange();
    }
  }

  fit(byUser: boolean): void {
    const t0 = this.d.store.firstTs;
    this.d.view.setViewport(fitRange(0, Math.max(this.d.store.lastTs - t0, 1000), t0, this.d.view.vp.widthPx), byUser);
  }

  setFollow(on: boolean): void {
    this.followLive = on;
    this.d.ui.follow.set(on);
    this.d.root.dataset.followLive = String(on);
    if (on && this.d.live() && this.d.store.count > 0) this.followNewest();
    this.persist();
  }

  zoomToSelection(): void {
    const s = this.d.view.selection;
    if (!s) return;
    const t0 = this.d.store.firstTs;
    this.d.view.setViewport(fitRange(s[0] - t0, s[1] - t0, t0, this.d.view.vp.widthPx), true);
  }

  viewState(): ViewState {
    const vp = this.d.view.vp;
    const sel = this.d.view.selection;
    const objectLanes = this.d.objectLanes();
    return {
      viewStartNs: vp.t0 + vp.startNs,
      viewEndNs: vp.t0 + vp.startNs + vp.widthPx * vp.nsPerPx,
      filters: toViewFilters(this.d.filters()),
      selection: sel ? { startNs: sel[0], endNs: sel[1] } : undefined,
      followLive: this.followLive,
      objectLanes: objectLanes.length > 0 ? [...objectLanes] : undefined,
    };
  }

  persist(): void {
    if (this.d.store.count > 0) this.keeper.save(this.viewState());
  }

  dispose(): void {
    this.keeper.dispose();
  }

  private applyInitialView(): void {
    const v = this.pendingView;
    this.pendingView = undefined;
    if (v?.selection) this.d.select([v.selection.startNs, v.selection.endNs]);
    if (v?.viewStartNs !== undefined && v.viewEndNs !== undefined && v.viewEndNs > v.viewStartNs) {
      const t0 = this.d.store.firstTs;
      this.d.view.setViewport(fitRange(v.viewStartNs - t0, v.viewEndNs - t0, t0, this.d.view.vp.widthPx));
    } else {
      this.fit(false);
      this.autoFit = true;
    }
  }

  private followNewest(): void {
    const vp = this.d.view.vp;
    const span = this.d.store.lastTs - this.d.store.firstTs;
    const viewNs = vp.nsPerPx * vp.widthPx;
    // Until the user zooms, a live trace stays fitted as it grows; after that its width is kept.
    if (this.autoFit || span * 1.04 < viewNs) this.fit(false);
    else this.d.view.setViewport({ ...vp, t0: this.d.store.firstTs, startNs: span - viewNs * 0.98 });
  }

  private postViewRange(): void {
    const vp = this.d.view.vp;
    this.d.transport.post({ type: 'viewRange', range: { offsetStartNs: vp.startNs, offsetEndNs: vp.startNs + vp.widthPx * vp.nsPerPx } });
  }
}
