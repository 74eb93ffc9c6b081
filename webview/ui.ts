// The DOM around the canvas: toolbar (through controls.ts), status line, selection statistics,
// tooltip, help overlay and error state. Text only through textContent (no HTML injection).
import { button, checkbox, dropdown, registerControls, textField, type Checkbox, type TextField } from './controls';

export interface UiHooks {
  search(text: string): void;
  searchStep(dir: 1 | -1): void;
  filter(text: string): void;
  fit(): void;
  followLive(on: boolean): void;
  help(): void;
}

export const KIND_FAMILIES: [string, string][] = [
  ['', 'All kinds'], ['sem', 'Semaphores'], ['mutex', 'Mutexes'], ['cpu', 'LKL CPU'], ['sched', 'Scheduler'],
  ['syscall', 'Syscalls'], ['irq', 'IRQs'], ['timer', 'Timers'], ['thread', 'Host threads'], ['boot', 'Boot'], ['halt', 'Halt'],
];

const HELP: [string, string][] = [
  ['W / S, wheel, ctrl+wheel', 'zoom in / out'], ['A / D, drag, shift+wheel on lanes', 'pan (shift: faster)'],
  ['F', 'fit the whole trace'], ['Z', 'zoom to the selection'], ['drag on the time axis', 'select a range (statistics below)'],
  ['/', 'search task, comm, object or event kind'], ['M / shift+M', 'next / previous search match'],
  ['N / shift+N, click a flag', 'next / previous scenario note (flags under the axis)'],
  ['. / ,', 'next / previous event of the selected kind'], ['[ / ] or alt+click / alt+shift+click', 'set marker A / B'],
  ['G, click a DEADLOCK / PANIC label', 'wait-for graph (click a task in it to show its lanes; G again closes it)'],
  ['O on a semaphore / mutex event (or after a search)', 'its own lane: holder, waiters, up/down ticks (O on it: remove)'],
  ['hover the thin bar under a task', 'solid: blocked on a wait object (which, how long, who woke it); faint: woken, waiting to run'],
  ['hover an arrow', 'wake-up (and the object it woke from), hand-off or switch'],
  ['↑ / ↓, wheel on labels', 'scroll lanes'], ['L', 'follow live again'], ['Escape', 'close the graph or help, clear selection'],
  ['?', 'this help'],
];

export class Ui {
  readonly toolbar = div('lkl-toolbar');
  readonly main = div('lkl-main');
  readonly stats = div('lkl-stats');
  readonly status = div('lkl-status');
  readonly tooltip = div('lkl-tooltip');
  readonly help = div('lkl-help');
  readonly error = div('lkl-error');
  readonly searchField: TextField;
  readonly filterField: TextField;
  readonly follow: Checkbox;
  private readonly stateEl = span('lkl-state');
  private readonly infoEl = span('lkl-info');
  private readonly countsEl = span('lkl-counts');

  constructor(root: HTMLElement, hooks: UiHooks) {
    registerControls();
    root.classList.add('lkl-root');
    this.searchField = textField('Search (/)', 'Task, comm, pid, object or event kind; Enter: next, shift+Enter: previous', hooks.search, (_v, shift) => hooks.searchStep(shift ? -1 : 1));
    this.filterField = textField('Filter: task:… cpu:0-3 obj:… kind:sem', 'Tokens: task:<comm|pid> cpu:<n|a-b> obj:<name|id> kind:<kind|family>, comma-separated values', hooks.filter);
    const kinds = dropdown('Show only one family of event marks', KIND_FAMILIES, (v) => {
      const rest = this.filterField.value().split(/\s+/).filter((t) => t && !t.startsWith('kind:'));
      if (v) rest.push(`kind:${v}`);
      this.filterField.setValue(rest.join(' '));
      hooks.filter(this.filterField.value());
    });
    this.follow = checkbox('Follow live', 'Keep the newest events in view while the kernel runs (L)', true, hooks.followLive);
    this.toolbar.append(this.searchField.el, this.filterField.el, kinds, button('Fit', 'Fit the whole trace (F)', hooks.fit), this.follow.el, button('?', 'Keyboard help (?)', hooks.help));
    this.status.append(this.stateEl, this.infoEl, this.countsEl);
    this.status.setAttribute('role', 'status');
    this.help.hidden = true;
    this.help.setAttribute('role', 'dialog');
    this.help.setAttribute('aria-label', 'Keyboard help');
    const h = document.createElement('h2');
    h.textContent = 'Timeline keys';
    const table = document.createElement('table');
    for (const [k, what] of HELP) {
      const tr = table.insertRow();
      tr.insertCell().textContent = k;
      tr.insertCell().textContent = what;
    }
    this.help.append(h, table);
    this.error.hidden = true;
    this.tooltip.hidden = true;
    this.stats.hidden = true;
    this.main.append(this.tooltip, this.help, this.error);
    root.append(this.toolbar, this.main, this.stats, this.status);
  }

  setState(state: string, detail = ''): void {
    this.stateEl.textContent = detail ? `${state}: ${detail}` : state;
    this.stateEl.dataset.kernelState = state;
  }

  setInfo(text: string): void {
    this.infoEl.textContent = text;
  }

  setCounts(text: string): void {
    this.countsEl.textContent = text;
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  showTooltip(lines: string[], x: number, y: number): void {
    this.tooltip.replaceChildren(...lines.map((l, i) => (i === 0 ? strong(l) : line(l))));
    this.tooltip.hidden = false;
    const r = this.main.getBoundingClientRect();
    const w = this.tooltip.offsetWidth;
    const h = this.tooltip.offsetHeight;
    this.tooltip.style.left = `${Math.min(x - r.left + 14, r.width - w - 4)}px`;
    this.tooltip.style.top = `${Math.min(y - r.top + 14, r.height - h - 4)}px`;
  }

  hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  /** Selection statistics as a heading and a table. */
  showStats(title: string, header: string[], rows: string[][]): void {
    const table = document.createElement('table');
    const hr = table.createTHead().insertRow();
    for (const c of header) hr.appendChild(document.createElement('th')).textContent = c;
    const body = table.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      for (const c of r) tr.insertCell().textContent = c;
    }
    this.stats.replaceChildren(strong(title), table);
    this.stats.hidden = false;
  }

  hideStats(): void {
    this.stats.hidden = true;
  }
}

function div(cls: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = cls;
  return d;
}

function span(cls: string): HTMLSpanElement {
  const s = document.createElement('span');
  s.className = cls;
  return s;
}

function strong(text: string): HTMLElement {
  const s = document.createElement('strong');
  s.textContent = text;
  return s;
}

function line(text: string): HTMLElement {
  const d = document.createElement('div');
  d.textContent = text;
  return d;
}
