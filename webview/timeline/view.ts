// The timeline's canvas and SVG overlay: DPR-correct canvas sized on every resize, d3-zoom on the
// plot (wheel/ctrl-wheel zoom, drag pan), a d3 axis and a d3 brush (range selection) in the
// axis strip, shift-wheel or gutter wheel to scroll lanes, one draw per animation frame.
import { axisTop, brushX, scaleLinear, select, zoom, zoomIdentity, type BrushBehavior, type D3BrushEvent, type D3ZoomEvent, type ZoomBehavior } from 'd3';
import { GUTTER_PX } from './draw';
import { endNs, formatTick, formatTimestamp, MIN_NS_PER_PX, transformFor, tsOf, viewFromTransform, xOf, BASE_NS_PER_PX, type Viewport } from './scale';

export const AXIS_PX = 30;

export interface ViewHooks {
  render(ctx: CanvasRenderingContext2D, dpr: number, widthPx: number, heightPx: number, vp: Viewport, scrollPx: number): void;
  viewChanged(vp: Viewport, byUser: boolean): void;
  /** A range chosen with the brush (absolute ns), or undefined when cleared. */
  brushed(range: [number, number] | undefined): void;
  spanNs(): number;
  contentHeightPx(): number;
}

export class TimelineView {
  readonly canvas = document.createElement('canvas');
  readonly plot = document.createElement('div');
  private readonly gutter = document.createElement('div');
  private readonly axisBase = document.createElement('div');
  private readonly svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
  private readonly axisG = this.svg.append('g').attr('class', 'lkl-axis-g');
  private readonly brushG = this.svg.append('g').attr('class', 'lkl-brush');
  private readonly zoomB: ZoomBehavior<HTMLDivElement, unknown>;
  private readonly brushB: BrushBehavior<unknown>;
  private readonly ro: ResizeObserver;
  private readonly cleanups: (() => void)[] = [];
  vp: Viewport = { t0: 0, startNs: 0, nsPerPx: 1000, widthPx: 1 };
  scrollPx = 0;
  widthPx = 1;
  heightPx = 1;
  dpr = 1;
  private raf = 0;
  private userAction = false;
  /** Recent draw times in ms (the benchmark and the data-last-draw-ms attribute read them). */
  readonly frameMs: number[] = [];
  selection: [number, number] | undefined;

  constructor(private readonly main: HTMLElement, private readonly hooks: ViewHooks) {
    this.canvas.className = 'lkl-canvas';
    this.plot.className = 'lkl-plot';
    this.plot.tabIndex = 0;
    this.plot.setAttribute('role', 'application');
    this.plot.setAttribute('aria-label', 'Timeline: W/S zoom, A/D pan, F fit, ? help');
    this.gutter.className = 'lkl-gutter';
    this.axisBase.className = 'lkl-axis-base';
    this.svg.attr('class', 'lkl-axis');
    main.append(this.canvas, this.svg.node() as SVGSVGElement, this.plot, this.gutter, this.axisBase);
    this.zoomB = zoom<HTMLDivElement, unknown>()
      .scaleExtent([BASE_NS_PER_PX / 1e13, BASE_NS_PER_PX / MIN_NS_PER_PX])
      .filter((e: Event) => {
        if (e.type === 'wheel') {
          const w = e as WheelEvent;
          return !w.shiftKey && Math.abs(w.deltaX) <= Math.abs(w.deltaY);
        }
        return !(e as MouseEvent).button && !(e as MouseEvent).altKey;
      })
      .constrain((t) => {
        const v = viewFromTransform(t.k, t.x, this.vp.t0, this.vp.widthPx);
        const viewNs = v.nsPerPx * v.widthPx;
        const start = Math.min(Math.max(v.startNs, -0.9 * viewNs), Math.max(this.hooks.spanNs() - 0.1 * viewNs, -0.9 * viewNs));
        return start === v.startNs ? t : zoomIdentity.translate(-start / v.nsPerPx, t.y).scale(t.k);
      })
      .on('zoom', (e: D3ZoomEvent<HTMLDivElement, unknown>) => {
        this.vp = viewFromTransform(e.transform.k, e.transform.x, this.vp.t0, this.vp.widthPx);
        this.hooks.viewChanged(this.vp, this.userAction || e.sourceEvent != null);
        this.invalidate();
      });
    select(this.plot).call(this.zoomB).on('dblclick.zoom', null);
    this.brushB = brushX()
      .on('end', (e: D3BrushEvent<unknown>) => {
        if (!e.sourceEvent) return;
        const s = e.selection as [number, number] | null;
        this.selection = s && s[1] - s[0] >= 1 ? [tsOf(this.vp, s[0]), tsOf(this.vp, s[1])] : undefined;
        this.hooks.brushed(this.selection);
        this.invalidate();
      });
    this.brushG.call(this.brushB);
    const onWheel = (e: WheelEvent): void => {
      if (e.shiftKey || e.currentTarget === this.gutter) this.scrollBy(e.deltaY || e.deltaX);
      else if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) this.panBy(e.deltaX);
      else return;
      e.preventDefault();
    };
    this.plot.addEventListener('wheel', onWheel, { passive: false });
    this.gutter.addEventListener('wheel', onWheel, { passive: false });
    this.cleanups.push(() => this.plot.removeEventListener('wheel', onWheel), () => this.gutter.removeEventListener('wheel', onWheel));
    this.ro = new ResizeObserver(() => this.resize());
    this.ro.observe(main);
    this.resize();
  }

  /** Reads size and device-pixel ratio (never cached across resizes) and redraws. */
  resize(): void {
    const r = this.main.getBoundingClientRect();
    this.dpr = window.devicePixelRatio || 1;
    this.widthPx = Math.max(GUTTER_PX + 10, Math.floor(r.width));
    this.heightPx = Math.max(AXIS_PX + 10, Math.floor(r.height));
    this.canvas.width = Math.round(this.widthPx * this.dpr);
    this.canvas.height = Math.round(this.heightPx * this.dpr);
    this.canvas.style.width = `${this.widthPx}px`;
    this.canvas.style.height = `${this.heightPx}px`;
    const plotW = this.widthPx - GUTTER_PX;
    this.svg.attr('width', plotW).attr('height', AXIS_PX);
    this.brushB.extent([[0, 0], [plotW, AXIS_PX]]);
    // an explicit extent: d3-zoom's default reads clientWidth on every event (a forced layout)
    this.zoomB.extent([[0, 0], [plotW, Math.max(1, this.heightPx - AXIS_PX)]]);
    this.brushG.call(this.brushB);
    this.setViewport({ ...this.vp, widthPx: plotW });
  }

  /** Shows `vp` (programmatic; `byUser` marks keyboard actions, which stop follow-live). */
  setViewport(vp: Viewport, byUser = false): void {
    this.vp = { ...vp, widthPx: this.widthPx - GUTTER_PX };
    const { k, x } = transformFor(this.vp.startNs, this.vp.nsPerPx);
    this.userAction = byUser;
    select(this.plot).call(this.zoomB.transform, zoomIdentity.translate(x, 0).scale(k));
    this.userAction = false;
  }

  zoomBy(factor: number, atPx = (this.widthPx - GUTTER_PX) / 2): void {
    this.userAction = true;
    select(this.plot).call(this.zoomB.scaleBy, factor, [atPx, 0]);
    this.userAction = false;
  }

  panBy(dxPx: number): void {
    this.userAction = true;
    select(this.plot).call(this.zoomB.translateBy, -dxPx / this.currentK(), 0);
    this.userAction = false;
  }

  private currentK(): number {
    return BASE_NS_PER_PX / this.vp.nsPerPx;
  }

  scrollBy(dyPx: number): void {
    const max = Math.max(0, this.hooks.contentHeightPx() - (this.heightPx - AXIS_PX) + 20);
    this.scrollPx = Math.min(max, Math.max(0, this.scrollPx + dyPx));
    this.invalidate();
  }

  setSelection(range: [number, number] | undefined): void {
    this.selection = range;
    this.invalidate();
  }

  invalidate(): void {
    if (this.raf === 0) this.raf = requestAnimationFrame(() => this.frame());
  }

  /** Draws now (the benchmark times this); normally called from the animation frame. */
  frame(): number {
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.raf = 0;
    const t = performance.now();
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return 0;
    this.hooks.render(ctx, this.dpr, this.widthPx, this.heightPx, this.vp, this.scrollPx);
    this.drawAxis();
    const ms = performance.now() - t;
    this.frameMs.push(ms);
    if (this.frameMs.length > 400) this.frameMs.splice(0, 200);
    return ms;
  }

  private drawAxis(): void {
    const vp = this.vp;
    const scale = scaleLinear().domain([vp.startNs, endNs(vp)]).range([0, vp.widthPx]);
    const ticks = scale.ticks(Math.max(2, Math.floor(vp.widthPx / 110)));
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : vp.nsPerPx * 100;
    // deep in a long trace, absolute labels get long: show offsets from a base instead
    const base = Math.abs(vp.startNs) / step > 1e4 && ticks.length > 0 ? ticks[0] : 0;
    this.axisBase.textContent = base !== 0 ? `${formatTimestamp(base)} +` : 'time since trace start';
    this.axisG
      .attr('transform', `translate(0,${AXIS_PX - 1})`)
      .call(axisTop(scale).tickValues(ticks).tickSizeOuter(0).tickFormat((d) => formatTick(Number(d) - base, step)));
    const s = this.selection;
    const a = s ? Math.max(-1, xOf(vp, s[0])) : 0;
    const b = s ? Math.min(vp.widthPx + 1, xOf(vp, s[1])) : 0;
    const shown = b > a;
    // the brush follows the view; with nothing to show, leave the DOM alone
    if (shown || this.brushShown) this.brushG.call(this.brushB.move, shown ? [a, b] : null);
    this.brushShown = shown;
  }

  private brushShown = false;

  dispose(): void {
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.ro.disconnect();
    select(this.plot).on('.zoom', null);
    this.cleanups.forEach((f) => f());
  }
}
