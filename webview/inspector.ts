// What the timeline offers beyond drawing and moving: scenario notes (select, step), the wait-for
// graph of a deadlock or panic, per-object lanes and the lane a reveal focuses. The app hands
// in what it owns through InspectorContext; this keeps the app to messages, view and frames.
import { EVENT_KINDS } from '../src/trace/events';
import { LaneFocus, objectLane, scrollToLane, taskLane } from './laneFocus';
import type { Navigator } from './navigator';
import { NoteNav } from './noteNav';
import { noteRow } from './timeline/notes';
import type { Theme } from './theme';
import { describeEvent } from './timeline/describe';
import { laneTitle } from './timeline/draw';
import { drawLaneFocus, drawNotes } from './timeline/drawNotes';
import type { Filters } from './timeline/filters';
import type { Hit } from './timeline/hitTest';
import { layoutLanes, type Lane, type LaneRow } from './timeline/lanes';
import type { TimelineModel } from './timeline/model';
import type { NameTable } from './timeline/names';
import { syncObjectLane } from './timeline/objectLane';
import { tsOf, type Viewport } from './timeline/scale';
import type { EventStore } from './timeline/store';
import { AXIS_PX, type TimelineView } from './timeline/view';
import type { Ui } from './ui';
import { WaitGraphPanel } from './waitGraphPanel';

export interface InspectorContext {
  readonly store: EventStore;
  readonly names: NameTable;
  readonly ui: Ui;
  readonly view: TimelineView;
  readonly nav: Navigator;
  model(): TimelineModel;
  filters(): Filters;
  /** What the pointer is on (not a note). */
  hover(): Hit | undefined;
  /** Applies filter field text. */
  setFilterText(text: string): void;
  persist(): void;
}

export class Inspector {
  readonly notes: NoteNav;
  readonly graph: WaitGraphPanel;
  readonly lanes: LaneFocus;
  /** Lane id frames keep in view until focusUntilMs (performance.now() ms): -1 for none. */
  private scrollLaneId = -1;
  private focusUntilMs = 0;

  constructor(private readonly root: HTMLElement, private readonly c: InspectorContext) {
    this.notes = new NoteNav(root, (t) => c.ui.setInfo(t));
    this.lanes = new LaneFocus(root);
    this.graph = new WaitGraphPanel(c.ui.main, root, {
      selectTask: (pid) => this.showTask(pid),
      selectObject: (name) => this.showObject(name),
    });
  }

  /** Height the notes strip takes under the axis. */
  stripPx(): number {
    return this.notes.stripPx();
  }

  /** Selects note i; `center` also brings its moment to the middle of the view. */
  selectNote(i: number, center: boolean): void {
    const { view } = this.c;
    this.notes.select(i, this.c.store.firstTs);
    const n = this.notes.list.notes[i];
    if (n && center) {
      const vp = view.vp;
      view.setViewport({ ...vp, startNs: n.ts - vp.t0 - (vp.widthPx * vp.nsPerPx) / 2 }, true);
      // and its lane into view (not outlined: the note's pointer marks it)
      const lanes = this.lanes.shown(this.c.model(), this.c.filters());
      const row = noteRow(n, layoutLanes(lanes, 0, 0));
      if (row) this.keepInView(row.lane.id);
    }
    view.invalidate();
  }

  /** n / N: the next or previous note from the selected one, else from the middle of the view. */
  noteStep(dir: 1 | -1): void {
    const vp = this.c.view.vp;
    const i = this.notes.step(dir, tsOf(vp, vp.widthPx / 2), this.c.store.firstTs);
    if (i >= 0) this.selectNote(i, true);
  }

  /** A reveal's target: its object's lane (added) or the lane carrying its task. */
  reveal(startNs: number, task?: number, obj?: number): void {
    const { names } = this.c;
    if (obj !== undefined) {
      const l = objectLane(this.c.model(), names, obj);
      if (l) this.lanes.setObject(obj, true);
      this.focusLane(l, names.object(obj));
    } else if (task !== undefined) this.focusLane(taskLane(this.c.model(), task, startNs), names.task(task));
  }

  /** Scrolls lane l into view and outlines it (says so when there is none or it is filtered out). */
  focusLane(l: Lane | undefined, what: string): void {
    this.lanes.focusId = l ? l.id : -1;
    this.root.dataset.focusLane = l ? laneTitle(l, this.c.names) : '';
    // scrolled by the frames of the next half second: the lane list and the plot height (the
    // statistics panel a selection opens takes room) settle only after this call
    this.keepInView(l ? l.id : -1);
    if (!l) this.c.ui.setInfo(what ? `no lane shows ${what}` : '');
    else if (!this.lanes.shown(this.c.model(), this.c.filters()).includes(l)) this.c.ui.setInfo(`${what}: its lane is hidden by the filters`);
    this.c.persist();
    this.c.view.invalidate();
  }

  private keepInView(laneId: number): void {
    this.scrollLaneId = laneId;
    this.focusUntilMs = laneId >= 0 ? performance.now() + 500 : 0;
  }

  /** O: a lane for the object under the pointer (or of the current event, or the search's). */
  toggleObjectLane(): void {
    const { store, names, ui } = this.c;
    const h = this.c.hover();
    if (h?.lane?.kind === 'object') {
      this.lanes.setObject(h.lane.key, false);
      ui.setInfo(`removed the lane of ${names.object(h.lane.key)}`);
    } else {
      const ev = h && h.ev >= 0 ? h.ev : this.c.nav.cursor;
      const ids = ev >= 0 && ev < store.count && store.obj[ev] >= 0 ? [store.obj[ev]] : this.c.nav.queryObjects().slice(0, 8);
      const found = ids.map((id) => [id, objectLane(this.c.model(), names, id)] as const).filter(([, l]) => l);
      if (found.length === 0) return ui.setInfo('point at a semaphore or mutex event (or search for one) to add its lane');
      for (const [id] of found) this.lanes.setObject(id, true);
      this.focusLane(found[0][1], names.object(found[0][0]));
      ui.setInfo(`lane added: ${found.map(([id]) => names.object(id)).join(', ')} (O again on it removes it)`);
    }
    this.c.persist();
    this.c.view.invalidate();
  }

  /** The tooltip's O line for a hit on or about a semaphore or mutex with a lane. */
  objectHint(h: Hit): string[] {
    const { store, names } = this.c;
    if (h.lane?.kind === 'object') return ['O: remove this lane'];
    const o = h.ev >= 0 && h.ev < store.count ? store.obj[h.ev] : -1;
    if (o < 0 || !this.c.model().objectLanes.has(o)) return [];
    return [this.lanes.has(o) ? `${names.object(o)} has its own lane` : `O: add a lane for ${names.object(o)}`];
  }

  isFault(ev: number): boolean {
    const s = this.c.store;
    if (ev < 0 || ev >= s.count) return false;
    const k = EVENT_KINDS[s.kind[ev]];
    return k === 'deadlock' || k === 'panic';
  }

  /** Opens the wait-for graph of the deadlock/panic event `ev` (or says it carries none). */
  openGraph(ev: number): void {
    const { store, names } = this.c;
    const head = describeEvent(store, names, ev).slice(0, 2).join(' ');
    this.graph.show(`Wait-for graph: ${head}`, store.arg(ev), (pid) => names.tasks.get(pid) ?? `pid ${pid}`);
    this.c.ui.hideTooltip();
  }

  /** G: the graph of the hovered deadlock/panic marker, else of the last one; G again closes it. */
  graphKey(): void {
    if (this.closeGraph()) return;
    const h = this.c.hover();
    const last = [...this.c.model().markers].reverse().find((m) => m.kind === 'deadlock' || m.kind === 'panic');
    if (h?.kind === 'marker' && this.isFault(h.ev)) this.openGraph(h.ev);
    else if (last) this.openGraph(last.ev);
    else this.c.ui.setInfo('no deadlock or panic in this trace');
  }

  /** Shows only the lanes of task pid (the filter field says so). */
  showTask(pid: number): void {
    const { ui } = this.c;
    this.graph.hide();
    const rest = ui.filterField.value().split(/\s+/).filter((t) => t && !t.startsWith('task:'));
    ui.filterField.setValue([`task:${pid}`, ...rest].join(' '));
    this.c.setFilterText(ui.filterField.value());
    ui.setInfo(`showing ${this.c.names.task(pid)}; clear the filter to see every lane`);
  }

  /** Adds and focuses the lane of the object the graph names `name` (a wait queue's name). */
  showObject(name: string): boolean {
    const { names, ui } = this.c;
    const id = [...names.objects].find(([, o]) => o.name === name || `${o.type}:${o.name}` === name)?.[0];
    const l = id === undefined ? undefined : objectLane(this.c.model(), names, id);
    if (id === undefined || !l) {
      ui.setInfo(`${name}: no events on it in this trace`);
      return false;
    }
    this.graph.hide();
    this.lanes.setObject(id, true);
    this.focusLane(l, names.object(id));
    return true;
  }

  /** Escape: closes the graph; returns false when it was not open. */
  closeGraph(): boolean {
    if (!this.graph.open) return false;
    this.graph.hide();
    return true;
  }

  /** The frame's lanes (filters' plus added object lanes, brought up to date) and focus scroll. */
  frameLanes(scrollPx: number, heightPx: number): Lane[] {
    const lanes = this.lanes.shown(this.c.model(), this.c.filters());
    for (const l of lanes) if (l.kind === 'object') syncObjectLane(l, this.c.store);
    if (this.focusUntilMs > 0 && performance.now() < this.focusUntilMs) {
      const y = scrollToLane(lanes, this.scrollLaneId, scrollPx, heightPx - AXIS_PX - this.stripPx());
      if (y !== undefined && y !== scrollPx) this.c.view.scrollBy(y - scrollPx); // drawn at the next frame
    }
    return lanes;
  }

  /** Notes strip and flags, the focused lane's outline; writes data-notes-drawn. */
  drawOverlays(ctx: CanvasRenderingContext2D, theme: Theme, vp: Viewport, rows: readonly LaneRow[], w: number, h: number): void {
    const strip = this.stripPx();
    const n = this.notes;
    const drawn = strip === 0 ? 0 : drawNotes({
      ctx, theme, vp, notes: n.list, rows, stripTopPx: AXIS_PX, stripPx: strip, widthPx: w, heightPx: h, hover: n.hover, selected: n.selected,
    });
    this.root.dataset.notesDrawn = String(drawn);
    const focus = this.lanes.focusId >= 0 ? rows.find((r) => r.lane.id === this.lanes.focusId) : undefined;
    if (focus) drawLaneFocus(ctx, theme, focus, w, AXIS_PX + strip);
  }
}
