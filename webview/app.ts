// The timeline app: one handler per host message (validated first), the event store and derived
// model, and the glue between the view, the controls, the keyboard and persisted view state.
import {
  PROTOCOL_VERSION, type Handlers, type HostRequest, type SessionInfo, type TimelineNote, type ToWebview, type ViewState,
} from '../src/protocol/messages';
import type { Transport } from './host';
import { handleKey } from './keys';
import { bindPointer } from './pointer';
import { PointerInput } from './pointerInput';
import { ViewStateKeeper } from './state';
import { readTheme, watchTheme, type Theme } from './theme';
import { exportImage } from './timeline/exportImage';
import { drawFrame, GUTTER_PX } from './timeline/draw';
import { fromViewFilters, formatFilters, NO_FILTERS, parseFilters, toViewFilters, type Filters } from './timeline/filters';
import { lanesHeightPx, layoutLanes, type Lane, type LaneRow } from './timeline/lanes';
import { warmLevels } from './timeline/lodCache';
import { TimelineModel } from './timeline/model';
import { NameTable } from './timeline/names';
import { fitRange, formatDuration, tsOf, type Viewport } from './timeline/scale';
import { writeDataset } from './timeline/scene';
import { selectionSummary } from './timeline/summary';
import { EventStore } from './timeline/store';
import { AXIS_PX, TimelineView } from './timeline/view';
import { Navigator } from './navigator';
import { Inspector } from './inspector';
import { Ui } from './ui';
import { checkMessage } from './validate';

export class TimelineApp {
  readonly store = new EventStore();
  model = new TimelineModel(false);
  readonly names = new NameTable();
  readonly ui: Ui;
  readonly view: TimelineView;
  private theme: Theme;
  private session: SessionInfo | undefined;
  private filters: Filters = NO_FILTERS;
  private rows: LaneRow[] = [];
  private needWarm = false;
  private lanesShown: Lane[] = [];
  private readonly pointer: PointerInput;
  private followLive = true;
  /** A file still arriving in batches keeps being fitted until the user moves the view. */
  private autoFit = false;
  private pendingView: ViewState | undefined;
  private lastSeq = -1;
  private gaps = 0;
  /** Notes, the wait-for graph, object lanes and the focused lane. */
  readonly inspect: Inspector;
  /** The label of the run this one is compared with, when in compare mode. */
  private comparePeer: string | null = null;
  private nextRequest = 1;
  private readonly pending = new Map<number, { resolve: (b: unknown) => void; reject: (e: Error) => void }>();
  private readonly keeper: ViewStateKeeper;
  readonly nav: Navigator;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly root: HTMLElement, private readonly transport: Transport) {
    this.theme = readTheme();
    this.keeper = new ViewStateKeeper(transport);
    this.ui = new Ui(root, {
      search: (t) => this.nav.setQuery(t),
      searchStep: (d) => this.nav.searchStep(d),
      filter: (t) => this.setFilters(t),
      fit: () => this.fit(true),
      followLive: (on) => this.setFollow(on),
      help: () => this.toggleHelp(),
    });
    this.view = new TimelineView(this.ui.main, {
      render: (ctx, dpr, w, h, vp, scroll) => this.render(ctx, dpr, w, h, vp, scroll),
      viewChanged: (_vp, byUser) => {
        if (byUser) this.autoFit = false;
        this.ui.hideTooltip();
        if (byUser && this.followLive) this.setFollow(false);
        // Only the user's own moves are echoed: a synced move must not bounce back to the peer.
        if (byUser && this.comparePeer !== null) this.postViewRange();
        this.persist();
      },
      brushed: (r) => this.select(r),
      spanNs: () => this.store.lastTs - this.store.firstTs,
      contentHeightPx: () => lanesHeightPx(this.lanesShown) + this.inspect.stripPx(),
    });
    this.nav = new Navigator(this.store, this.names, this.view, (t) => this.ui.setInfo(t), root);
    this.inspect = new Inspector(root, {
      store: this.store, names: this.names, ui: this.ui, view: this.view, nav: this.nav,
      model: () => this.model, filters: () => this.filters, hover: () => this.pointer.hover,
      setFilterText: (t) => this.setFilters(t), persist: () => this.persist(),
    });
    this.pointer = new PointerInput({
      store: this.store, names: this.names, ui: this.ui, view: this.view, nav: this.nav, inspect: this.inspect,
      model: () => this.model, filters: () => this.filters, rows: () => this.rows, request: (r) => this.request(r),
    });
    this.cleanups.push(bindPointer(this.view.plot, this.pointer.hooks()));
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|TEXTAREA|VSCODE-TEXT-FIELD)$/.test(t.tagName)) return;
      if (handleKey(e, this.keyActions())) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    this.cleanups.push(() => document.removeEventListener('keydown', onKey));
    this.cleanups.push(watchTheme(() => {
      this.theme = readTheme();
      this.view.invalidate();
    }));
    this.cleanups.push(transport.onMessage((m) => this.receive(m)));
    this.pendingView = this.keeper.restore();
    transport.post({ type: 'ready', version: PROTOCOL_VERSION });
  }

  /** Every host message enters here; a bad one shows an error and is dropped, never thrown. */
  receive(raw: unknown): void {
    const c = checkMessage(raw);
    if (!c.ok) {
      this.fail(`Bad message from the host: ${c.error}`);
      return;
    }
    try {
      (this.handlers[c.msg.type] as (m: ToWebview) => void)(c.msg);
    } catch (e) {
      this.fail(`Failed to handle ${c.msg.type}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Scenario notes that fired, in time order. */
  get notes(): readonly TimelineNote[] {
    return this.inspect.notes.list.notes;
  }

  private readonly handlers: Handlers<ToWebview> = {
    init: (m) => {
      // A view state belongs to its session: another session starts from its own (or a fit).
      if (this.session && this.session.id !== m.session.id) this.pendingView = undefined;
      this.session = m.session;
      this.store.clear();
      this.model = new TimelineModel(m.session.source !== 'runtime' && m.session.source !== 'lkl-scope');
      this.names.clear();
      this.names.add(m.session.names);
      this.lastSeq = -1;
      this.inspect.notes.clear();
      this.nav.reset();
      this.pendingView = m.view ?? this.pendingView;
      this.filters = fromViewFilters(this.pendingView?.filters);
      this.inspect.lanes.reset(this.pendingView?.objectLanes);
      this.ui.filterField.setValue(formatFilters(this.filters));
      this.setFollow(m.session.live && (this.pendingView?.followLive ?? true));
      this.ui.error.hidden = true;
      document.title = m.session.title;
      document.body.dataset.state = 'ready';
      this.root.dataset.source = m.session.source;
      this.root.dataset.session = m.session.id;
      this.view.invalidate();
    },
    events: (m) => {
      if (this.lastSeq >= 0 && m.seq !== this.lastSeq + 1) this.gaps++;
      this.lastSeq = m.seq;
      const first = this.store.count === 0;
      this.store.append(m.batch);
      this.model.update(this.store);
      // LOD levels are extended once per frame (render), not once per batch: a bulk load
      // delivers many batches before the first frame
      this.needWarm = true;
      if (first) this.applyInitialView();
      else if (this.followLive && this.session?.live) this.followNewest();
      else if (this.autoFit) this.fit(false);
      this.view.invalidate();
    },
    names: (m) => {
      this.names.add(m.added);
      this.view.invalidate();
    },
    status: (m) => {
      this.ui.setState(m.state, m.detail);
      this.root.dataset.kernelState = m.state;
      if (m.state === 'halted' || m.state === 'panic' || m.state === 'deadlock') this.view.invalidate();
    },
    progress: (m) => this.ui.setInfo(`${m.detail ?? 'loading'} ${Math.round(m.fraction * 100)}%`),
    error: (m) => this.fail(m.message),
    notes: (m) => {
      this.inspect.notes.add(m.added);
      this.view.invalidate();
    },
    syncView: (m) => {
      const t0 = this.store.firstTs;
      this.autoFit = false;
      if (this.followLive) this.setFollow(false);
      // Exactly the peer's range (no fit margin), whatever this panel's width.
      const { offsetStartNs: a, offsetEndNs: b } = m.range;
      const widthPx = this.view.vp.widthPx;
      this.view.setViewport({ t0, startNs: a, nsPerPx: (b - a) / Math.max(widthPx, 1), widthPx }, false);
    },
    compare: (m) => {
      this.comparePeer = m.peer;
      this.root.dataset.compare = m.peer ?? '';
      if (m.peer !== null) {
        this.ui.setInfo(`compared with ${m.peer}: zoom and pan move both`);
        this.postViewRange();
      }
    },
    reveal: (m) => {
      this.select([m.startNs, m.endNs]);
      this.zoomToSelection();
      this.inspect.reveal(m.startNs, m.task, m.obj);
    },
    request: (m) => {
      const reply = (p: Promise<unknown>): void => {
        p.then(
          (body) => this.transport.post({ type: 'reply', id: m.id, ok: true, body }),
          (e: unknown) => this.transport.post({ type: 'reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
        );
      };
      if (m.req.kind === 'viewState') reply(Promise.resolve(this.viewState()));
      else reply(exportImage(this.view.canvas, this.ui.main.querySelector('svg.lkl-axis'), m.req.format, this.theme));
    },
    reply: (m) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (p) (m.ok ? p.resolve(m.body) : p.reject(new Error(m.error ?? 'request failed')));
    },
  };

  /** Asks the extension something; rejected if it answers with an error or the app is disposed. */
  request(req: HostRequest): Promise<unknown> {
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.post({ type: 'request', id, req });
    });
  }

  private fail(message: string): void {
    document.body.dataset.state = 'error';
    this.ui.showError(message);
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.transport.post({ type: 'error', message });
  }

  private applyInitialView(): void {
    const v = this.pendingView;
    this.pendingView = undefined;
    if (v?.selection) this.select([v.selection.startNs, v.selection.endNs]);
    if (v?.viewStartNs !== undefined && v.viewEndNs !== undefined && v.viewEndNs > v.viewStartNs) {
      const t0 = this.store.firstTs;
      this.view.setViewport(fitRange(v.viewStartNs - t0, v.viewEndNs - t0, t0, this.view.vp.widthPx));
    } else {
      this.fit(false);
      this.autoFit = true;
    }
  }

  /** Prepares the cached LOD levels of every lane for the zoom levels a user reaches first. */
  private warm(): void {
    const slices = [];
    const marks = [];
    for (const l of this.model.lanes) {
      slices.push(...l.runs, l.waits);
      marks.push(...l.marks);
    }
    warmLevels(slices, marks, this.store.firstTs, this.store.lastTs - this.store.firstTs);
  }

  private fit(byUser: boolean): void {
    const t0 = this.store.firstTs;
    this.view.setViewport(fitRange(0, Math.max(this.store.lastTs - t0, 1000), t0, this.view.vp.widthPx), byUser);
  }

  private followNewest(): void {
    const vp = this.view.vp;
    const span = this.store.lastTs - this.store.firstTs;
    const viewNs = vp.nsPerPx * vp.widthPx;
    // Until the user zooms, a live trace stays fitted as it grows; after that its width is kept.
    if (this.autoFit || span * 1.04 < viewNs) this.fit(false);
    else this.view.setViewport({ ...vp, t0: this.store.firstTs, startNs: span - viewNs * 0.98 });
  }

  private setFollow(on: boolean): void {
    this.followLive = on;
    this.ui.follow.set(on);
    this.root.dataset.followLive = String(on);
    if (on && this.session?.live && this.store.count > 0) this.followNewest();
    this.persist();
  }

  private select(r: [number, number] | undefined): void {
    this.view.setSelection(r);
    if (r) {
      this.transport.post({ type: 'select', startNs: r[0], endNs: r[1] });
      const s = selectionSummary(this.model, this.store, this.names, r[0], r[1]);
      this.ui.showStats(s.title, s.header, s.rows);
    } else this.ui.hideStats();
    this.root.dataset.selection = r ? `${r[0]},${r[1]}` : '';
    this.persist();
  }

  private zoomToSelection(): void {
    const s = this.view.selection;
    if (!s) return;
    const t0 = this.store.firstTs;
    this.view.setViewport(fitRange(s[0] - t0, s[1] - t0, t0, this.view.vp.widthPx), true);
  }

  private setFilters(text: string): void {
    const p = parseFilters(text, this.names);
    this.filters = p.filters;
    this.ui.filterField.setInvalid(p.errors.join('; '));
    this.ui.setInfo(p.errors.join('; '));
    this.view.invalidate();
    this.persist();
  }

  private toggleHelp(): void {
    this.ui.help.hidden = !this.ui.help.hidden;
  }

  private keyActions() {
    return {
      zoom: (f: number) => this.view.zoomBy(f, this.pointer.xPx),
      pan: (fr: number) => this.view.panBy(fr * this.view.vp.widthPx),
      fit: () => this.fit(true),
      zoomToSelection: () => this.zoomToSelection(),
      search: () => this.ui.searchField.focus(),
      help: () => this.toggleHelp(),
      escape: () => {
        if (this.inspect.closeGraph()) return;
        if (!this.ui.help.hidden) this.ui.help.hidden = true;
        else {
          this.select(undefined);
          this.inspect.focusLane(undefined, '');
        }
      },
      marker: (w: 'A' | 'B') => this.nav.setMarker(w, tsOf(this.view.vp, this.pointer.xPx ?? this.view.vp.widthPx / 2)),
      searchStep: (d: 1 | -1) => this.nav.searchStep(d),
      noteStep: (d: 1 | -1) => this.inspect.noteStep(d),
      kindStep: (d: 1 | -1) => this.nav.kindStep(d),
      followLive: () => this.setFollow(true),
      objectLane: () => this.inspect.toggleObjectLane(),
      waitGraph: () => this.inspect.graphKey(),
      scroll: (dy: number) => this.view.scrollBy(dy),
    };
  }

  private render(ctx: CanvasRenderingContext2D, dpr: number, w: number, h: number, vp: Viewport, scroll: number): void {
    const t0 = this.store.firstTs;
    if (vp.t0 !== t0) vp = { ...vp, t0 };
    if (this.needWarm) {
      this.needWarm = false;
      this.warm();
    }
    this.lanesShown = this.inspect.frameLanes(scroll, h);
    const strip = this.inspect.stripPx();
    this.rows = layoutLanes(this.lanesShown, AXIS_PX + strip, scroll);
    const counts = drawFrame({
      ctx, dpr, widthPx: w, heightPx: h, topPx: AXIS_PX + strip, vp, rows: this.rows, model: this.model, names: this.names,
      theme: this.theme, filters: this.filters, lastTs: this.store.lastTs, kindCol: this.store.kind, selection: this.view.selection,
      markerA: this.nav.markerA, markerB: this.nav.markerB, hover: this.pointer.hover ?? this.nav.current,
    });
    this.inspect.drawOverlays(ctx, this.theme, vp, this.rows, w, h);
    if (this.store.count === 0) {
      ctx.fillStyle = this.theme.muted;
      ctx.font = `13px ${this.theme.font}`;
      ctx.fillText(this.session?.live ? 'Waiting for the kernel’s first events…' : 'No events in this trace.', GUTTER_PX + 16, AXIS_PX + 24);
    }
    writeDataset(this.root.dataset, this.rows, this.names, vp, this.store.count, this.store.lastTs);
    this.root.dataset.gaps = String(this.gaps);
    this.root.dataset.drawn = `${counts.rects} rects, ${counts.marks} marks, ${counts.arrows} arrows`;
    this.ui.setCounts(`${this.store.count.toLocaleString()} events · ${this.rows.length} lanes · ${formatDuration(vp.nsPerPx * vp.widthPx)} in view`);
  }

  private viewState(): ViewState {
    const vp = this.view.vp;
    const sel = this.view.selection;
    return {
      viewStartNs: vp.t0 + vp.startNs,
      viewEndNs: vp.t0 + vp.startNs + vp.widthPx * vp.nsPerPx,
      filters: toViewFilters(this.filters),
      selection: sel ? { startNs: sel[0], endNs: sel[1] } : undefined,
      followLive: this.followLive,
      objectLanes: this.inspect.lanes.objectIds.length > 0 ? [...this.inspect.lanes.objectIds] : undefined,
    };
  }

  private postViewRange(): void {
    const vp = this.view.vp;
    this.transport.post({ type: 'viewRange', range: { offsetStartNs: vp.startNs, offsetEndNs: vp.startNs + vp.widthPx * vp.nsPerPx } });
  }

  private persist(): void {
    if (this.store.count > 0) this.keeper.save(this.viewState());
  }

  dispose(): void {
    this.view.dispose();
    this.keeper.dispose();
    this.cleanups.forEach((f) => f());
    for (const p of this.pending.values()) p.reject(new Error('timeline closed'));
    this.pending.clear();
  }
}

