// The timeline app: one handler per host message (validated first), the event store and derived
// model, and the glue between the view, the controls, the keyboard and persisted view state.
import {
  PROTOCOL_VERSION, type Handlers, type HostRequest, type SessionInfo, type TimelineNote, type ToWebview,
} from '../src/protocol/messages';
import type { Transport } from './host';
import { handleKey } from './keys';
import { bindPointer } from './pointer';
import { PointerInput } from './pointerInput';
import { readTheme, watchTheme, type Theme } from './theme';
import { exportImage } from './timeline/exportImage';
import { drawFrame, GUTTER_PX } from './timeline/draw';
import { fromViewFilters, formatFilters, NO_FILTERS, parseFilters, type Filters } from './timeline/filters';
import { lanesHeightPx, layoutLanes, type Lane, type LaneRow } from './timeline/lanes';
import { warmLevels } from './timeline/lodCache';
import { TimelineModel } from './timeline/model';
import { NameTable } from './timeline/names';
import { formatDuration, tsOf, type Viewport } from './timeline/scale';
import { writeDataset } from './timeline/scene';
import { selectionSummary } from './timeline/summary';
import { EventStore } from './timeline/store';
import { AXIS_PX, TimelineView } from './timeline/view';
import { Navigator } from './navigator';
import { Inspector } from './inspector';
import { Ui } from './ui';
import { Requests } from './requests';
import { WorkshopBar } from './workshopBar';
import { checkMessage } from './validate';
import { ViewSync } from './viewSync';

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
  private lastSeq = -1;
  private gaps = 0;
  /** Notes, the wait-for graph, object lanes and the focused lane. */
  readonly inspect: Inspector;
  private readonly requests: Requests;
  private readonly workshop: WorkshopBar;
  /** Fit, follow-live, persisted view state and compare sync. */
  readonly sync: ViewSync;
  readonly nav: Navigator;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly root: HTMLElement, private readonly transport: Transport) {
    this.theme = readTheme();
    this.requests = new Requests(transport);
    this.ui = new Ui(root, {
      search: (t) => this.nav.setQuery(t),
      searchStep: (d) => this.nav.searchStep(d),
      filter: (t) => this.setFilters(t),
      fit: () => this.sync.fit(true),
      followLive: (on) => this.sync.setFollow(on),
      help: () => this.toggleHelp(),
    });
    // the run controls ask the extension to run the palette command; a refusal shows in the status line
    this.workshop = new WorkshopBar((command) => this.request({ kind: 'runCommand', command }).catch((e: Error) => this.ui.setInfo(e.message)));
    this.ui.toolbar.append(this.workshop.el);
    this.view = new TimelineView(this.ui.main, {
      render: (ctx, dpr, w, h, vp, scroll) => this.render(ctx, dpr, w, h, vp, scroll),
      viewChanged: (_vp, byUser) => {
        this.ui.hideTooltip();
        // the view reports its first layout while being built, before sync exists (nothing to save yet)
        this.sync?.moved(byUser);
      },
      brushed: (r) => this.select(r),
      spanNs: () => this.store.lastTs - this.store.firstTs,
      contentHeightPx: () => lanesHeightPx(this.lanesShown) + this.inspect.stripPx(),
    });
    this.sync = new ViewSync({
      root, transport, store: this.store, view: this.view, ui: this.ui, live: () => this.session?.live === true,
      filters: () => this.filters, objectLanes: () => this.inspect.lanes.objectIds, select: (r) => this.select(r),
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
      const view = this.sync.startSession(!this.session || this.session.id === m.session.id, m.view);
      this.session = m.session;
      this.store.clear();
      if (m.session.eventCount) this.store.expect(m.session.eventCount);
      this.model = new TimelineModel(m.session.source !== 'runtime' && m.session.source !== 'lkl-scope');
      this.names.clear();
      this.names.add(m.session.names);
      this.lastSeq = -1;
      this.inspect.notes.clear();
      // another run's graph and statistics must not stay over this one (a re-attach gets its
      // selection back from the pending view with the first events)
      this.inspect.closeGraph();
      this.view.setSelection(undefined);
      this.ui.hideStats();
      this.root.dataset.selection = '';
      this.nav.reset();
      this.filters = fromViewFilters(view?.filters);
      this.inspect.lanes.reset(view?.objectLanes);
      this.ui.filterField.setValue(formatFilters(this.filters));
      this.sync.setFollow(m.session.live && (view?.followLive ?? true));
      this.ui.error.hidden = true;
      document.title = m.session.title;
      document.body.dataset.state = 'ready';
      this.root.dataset.source = m.session.source;
      this.root.dataset.session = m.session.id;
      this.workshop.setSession(m.session);
      this.inspect.lanes.setFirst(m.session.threads ?? [], (key) => this.names.hosts.get(key));
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
      this.sync.eventsAdded(first);
      this.view.invalidate();
    },
    names: (m) => {
      this.names.add(m.added);
      this.view.invalidate();
    },
    status: (m) => {
      this.ui.setState(m.state, m.detail);
      this.root.dataset.kernelState = m.state;
      this.workshop.setState(m.state);
      if (m.state === 'halted' || m.state === 'panic' || m.state === 'deadlock') this.view.invalidate();
    },
    progress: (m) => this.ui.setInfo(`${m.detail ?? 'loading'} ${Math.round(m.fraction * 100)}%`),
    error: (m) => this.fail(m.message),
    notes: (m) => {
      this.inspect.notes.add(m.added);
      this.view.invalidate();
    },
    syncView: (m) => this.sync.syncTo(m.range),
    compare: (m) => this.sync.setCompare(m.peer),
    reveal: (m) => {
      this.select([m.startNs, m.endNs]);
      this.sync.zoomToSelection();
      this.inspect.reveal(m.startNs, m.task, m.obj);
    },
    request: (m) => {
      if (m.req.kind === 'viewState') this.requests.answer(m.id, Promise.resolve(this.sync.viewState()));
      else this.requests.answer(m.id, exportImage(this.view.canvas, this.ui.main.querySelector('svg.lkl-axis'), m.req.format, this.theme));
    },
    reply: (m) => this.requests.settle(m.id, m.ok, m.body, m.error),
  };

  /** Asks the extension something; rejected if it answers with an error or the app is disposed. */
  request(req: HostRequest): Promise<unknown> {
    return this.requests.ask(req);
  }

  private fail(message: string): void {
    document.body.dataset.state = 'error';
    this.ui.showError(message);
    this.requests.rejectAll(message);
    this.transport.post({ type: 'error', message });
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
      fit: () => this.sync.fit(true),
      zoomToSelection: () => this.sync.zoomToSelection(),
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
      followLive: () => this.sync.setFollow(true),
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

  private persist(): void {
    this.sync.persist();
  }

  dispose(): void {
    this.view.dispose();
    this.sync.dispose();
    this.cleanups.forEach((f) => f());
    this.requests.rejectAll('timeline closed');
  }
}

