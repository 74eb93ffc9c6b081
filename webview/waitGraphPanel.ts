// The overlay a deadlock or panic marker opens: the event's wait-for graph drawn as SVG (task →
// object → holder, the cycle highlighted) over one line per waiting task. A task, in the drawing or
// the list, is a button that shows that task's lanes; an object adds its own lane. Text only
// through textContent.
import { describeWaits, layoutWaitGraph, parseWaitGraph, waitEdges, type WaitGraph } from './timeline/waitGraph';

const SVG = 'http://www.w3.org/2000/svg';

export interface WaitGraphHooks {
  selectTask(pid: number): void;
  /** An object node was clicked: show its lane (false when the trace has no such object). */
  selectObject(name: string): boolean;
}

export class WaitGraphPanel {
  readonly el = document.createElement('div');
  private readonly body = document.createElement('div');
  private readonly title = document.createElement('h2');

  constructor(parent: HTMLElement, private readonly root: HTMLElement, private readonly hooks: WaitGraphHooks) {
    this.el.className = 'lkl-graph';
    this.el.hidden = true;
    this.el.setAttribute('role', 'dialog');
    this.el.setAttribute('aria-label', 'Wait-for graph');
    const close = document.createElement('button');
    close.className = 'lkl-graph-close';
    close.textContent = '×';
    close.title = 'Close (Escape)';
    close.addEventListener('click', () => this.hide());
    this.el.append(close, this.title, this.body);
    parent.append(this.el);
    this.writeDataset(undefined);
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  /** Shows the graph in `arg` (a deadlock event's JSON), or says there is none; never throws. */
  show(heading: string, arg: unknown, comm: (pid: number) => string): void {
    this.title.textContent = heading;
    this.el.hidden = false;
    const p = parseWaitGraph(arg, comm);
    if (!p.ok) {
      const msg = para(p.reason);
      msg.className = 'lkl-graph-none';
      this.body.replaceChildren(msg);
      if (typeof arg === 'string' && arg) this.body.append(para(`event text: ${arg.slice(0, 300)}`));
      this.writeDataset(undefined);
    } else {
      const g = p.graph;
      const cycle = g.cycle.map((k) => g.nodes.get(k)?.label ?? k).join(' → ');
      const summary = para(cycle ? `cycle: ${cycle}` : 'no cycle among the holders this event names');
      summary.className = cycle ? 'lkl-graph-cycle' : 'lkl-graph-none';
      this.body.replaceChildren(summary, this.drawing(g), this.list(g));
      this.writeDataset(g);
    }
  }

  hide(): void {
    this.el.hidden = true;
    this.root.dataset.waitGraph = '';
  }

  private drawing(g: WaitGraph): SVGSVGElement {
    const lay = layoutWaitGraph(g);
    const svg = svgEl('svg', { width: lay.widthPx, height: lay.heightPx, viewBox: `0 0 ${lay.widthPx} ${lay.heightPx}` }) as SVGSVGElement;
    const defs = svgEl('defs', {});
    for (const id of ['lkl-arrow', 'lkl-arrow-cycle']) {
      const m = svgEl('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      m.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: id === 'lkl-arrow' ? 'lkl-graph-head' : 'lkl-graph-head lkl-cycle' }));
      defs.append(m);
    }
    svg.append(defs);
    const onCycle = new Set<string>();
    for (let i = 0; i + 1 < g.cycle.length; i++) onCycle.add(`${g.cycle[i]}>${g.cycle[i + 1]}`);
    const half = (k: string): [number, number] => [boxWidth(g.nodes.get(k)?.label ?? k) / 2, 11];
    for (const e of g.edges) {
      const a = lay.pos.get(e.from);
      const b = lay.pos.get(e.to);
      if (!a || !b) continue;
      const cyc = onCycle.has(`${e.from}>${e.to}`);
      const [x0, y0] = clipToBox(a, b, half(e.from));
      const [x1, y1] = clipToBox(b, a, half(e.to));
      const line = svgEl('line', { x1: x0, y1: y0, x2: x1, y2: y1, class: `lkl-graph-edge ${e.kind}${cyc ? ' lkl-cycle' : ''}`, 'marker-end': `url(#${cyc ? 'lkl-arrow-cycle' : 'lkl-arrow'})` });
      const tip = svgEl('title', {});
      tip.textContent = e.kind === 'waits' ? 'waits on' : 'held by';
      line.append(tip);
      svg.append(line);
    }
    for (const [k, n] of g.nodes) {
      const p = lay.pos.get(k);
      if (!p) continue;
      const w = boxWidth(n.label);
      const grp = svgEl('g', { class: `lkl-graph-node ${n.kind}${g.cycle.includes(k) ? ' lkl-cycle' : ''}`, transform: `translate(${p.x - w / 2},${p.y - 11})` });
      grp.append(svgEl('rect', { width: w, height: 22, rx: n.kind === 'task' ? 4 : 11 }));
      const t = svgEl('text', { x: w / 2, y: 15, 'text-anchor': 'middle' });
      t.textContent = n.label;
      grp.append(t);
      if (n.pid !== undefined) this.button(grp, `show ${n.label}`, () => this.hooks.selectTask(n.pid as number));
      else this.button(grp, `add a lane for ${n.label}`, () => this.hooks.selectObject(n.label));
      svg.append(grp);
    }
    return svg;
  }

  private list(g: WaitGraph): HTMLElement {
    const ul = document.createElement('ul');
    const waits = waitEdges(g);
    describeWaits(g).forEach((line, i) => {
      const li = document.createElement('li');
      const pid = g.nodes.get(waits[i].from)?.pid;
      const b = document.createElement('button');
      b.className = 'lkl-graph-task';
      b.textContent = line;
      if (pid !== undefined) b.addEventListener('click', () => this.hooks.selectTask(pid));
      li.append(b);
      ul.append(li);
    });
    return ul;
  }

  private button(el: Element, label: string, act: () => void): void {
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', label);
    el.addEventListener('click', act);
    el.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') act();
    });
  }

  /** data-wait-graph: 'open' | 'none' (no graph in the event) | ''; data-wait-cycle: the cycle. */
  private writeDataset(g: WaitGraph | undefined): void {
    this.root.dataset.waitGraph = this.el.hidden ? '' : g ? 'open' : 'none';
    this.root.dataset.waitCycle = g ? g.cycle.map((k) => g.nodes.get(k)?.label ?? k).join(' → ') : '';
    this.root.dataset.waitTasks = g ? String(g.edges.filter((e) => e.kind === 'waits').length) : '0';
  }
}

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function para(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function boxWidth(label: string): number {
  return Math.max(60, label.length * 7 + 16);
}

/** Where the segment from a's centre towards b leaves a's box (half sizes hw, hh). */
function clipToBox(a: { x: number; y: number }, b: { x: number; y: number }, [hw, hh]: [number, number]): [number, number] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return [a.x, a.y];
  const s = Math.min(dx !== 0 ? hw / Math.abs(dx) : Infinity, dy !== 0 ? hh / Math.abs(dy) : Infinity);
  return [a.x + dx * s, a.y + dy * s];
}
