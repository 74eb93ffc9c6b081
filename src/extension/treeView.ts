// The "Kernel" tree view: tasks, semaphores and mutexes, boot phases and halt steps of the
// session on the timeline. Clicking an item selects it on the timeline.
import * as vscode from 'vscode';
import { NONE } from '../trace/events';
import { Disposable } from './disposable';
import type { TraceSession } from './session';
import { TreeModel, type ObjectRow, type PhaseRow, type TaskRow } from './treeModel';

type Node =
  | { kind: 'cpu' }
  | { kind: 'group'; id: 'tasks' | 'objects' | 'phases' }
  | { kind: 'task'; row: TaskRow }
  | { kind: 'object'; row: ObjectRow }
  | { kind: 'phase'; row: PhaseRow };

export interface RevealTarget {
  startNs: number;
  endNs: number;
  task?: number;
  obj?: number;
}

export function formatNs(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns} ns`;
}

/** Events the model reads per turn of the event loop. */
const TREE_SLICE = 65_536;

export class KernelTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private model: TreeModel;
  private session: TraceSession | undefined;
  private unsubscribe: (() => void) | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(session: TraceSession) {
    super();
    this.model = this.attach(session);
  }

  attach(session: TraceSession): TreeModel {
    this.unsubscribe?.();
    this.session = session;
    const model = new TreeModel(session.meta.names, session.meta.source === 'runtime');
    this.model = model;
    // The model reads the session's events in slices, one slice per turn of the event loop: an
    // opened file of millions never holds up the extension host, and live batches that arrive
    // meanwhile are read in their turn (in order, from the session's own columns).
    let done = 0;
    let pumping = false;
    const pump = (): void => {
      if (this.model !== model) return; // another session was attached
      const end = Math.min(done + TREE_SLICE, session.eventCount);
      model.add(session.events(done, end));
      done = end;
      if (done < session.eventCount) setImmediate(pump);
      else {
        pumping = false;
        this.scheduleRefresh();
      }
    };
    const more = (): void => {
      if (pumping) return;
      pumping = true;
      pump();
    };
    this.unsubscribe = session.subscribe({ events: more, names: () => this.scheduleRefresh() });
    more();
    this.changed.fire(undefined);
    return this.model;
  }

  /** Live runs produce thousands of events a second: refresh the tree at most twice a second. */
  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire(undefined);
    }, 500);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const groups: Node[] = [{ kind: 'group', id: 'tasks' }, { kind: 'group', id: 'objects' }, { kind: 'group', id: 'phases' }];
      // the runtime's own sessions: who holds the LKL CPU and who queues for it, first
      return this.session?.meta.source === 'runtime' ? [{ kind: 'cpu' }, ...groups] : groups;
    }
    if (node.kind !== 'group') return [];
    if (node.id === 'tasks') return [...this.model.tasks.values()].sort((a, b) => a.pid - b.pid).map((row) => ({ kind: 'task', row }));
    if (node.id === 'objects') return [...this.model.objects.values()].sort((a, b) => a.id - b.id).map((row) => ({ kind: 'object', row }));
    return this.model.phases.map((row) => ({ kind: 'phase', row }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'cpu': {
        const c = this.model.cpu;
        const host = (h: number) => this.session?.meta.names.hosts.get(h) ?? `host ${h}`;
        const item = new vscode.TreeItem('LKL CPU', C.None);
        const waiting = c.waiting.length ? `${c.waiting.length} waiting: ${c.waiting.map(host).join(', ')}` : 'nobody waiting';
        item.description = `${c.owner === NONE ? 'free' : `owned by ${host(c.owner)}`} · ${waiting} · ${c.waits} waits so far, at most ${c.maxWaiting} at once`;
        item.tooltip = item.description;
        item.iconPath = new vscode.ThemeIcon('chip');
        return item;
      }
      case 'group': {
        const label = { tasks: 'Tasks', objects: 'Semaphores, mutexes and wait queues', phases: 'Boot phases and halt steps' }[node.id];
        const item = new vscode.TreeItem(label, node.id === 'tasks' ? C.Expanded : C.Collapsed);
        item.id = node.id;
        return item;
      }
      case 'task': {
        const r = node.row;
        const item = new vscode.TreeItem(`${r.comm} (${r.pid})`, C.None);
        item.description = `${r.state}${r.cls ? ` · ${r.cls}` : ''} · ${formatNs(r.cpuNs)} CPU · ${r.switchesIn} switches in`;
        item.iconPath = new vscode.ThemeIcon(r.state === 'running' ? 'play' : r.state === 'blocked' ? 'debug-pause' : r.state === 'dead' ? 'close' : 'circle-outline');
        item.command = this.revealCommand({ startNs: 0, endNs: this.model.lastTs, task: r.pid });
        return item;
      }
      case 'object': {
        const r = node.row;
        const item = new vscode.TreeItem(r.name, C.None);
        const holder = r.holder === NONE ? '' : ` · held by ${this.session?.meta.names.hosts.get(r.holder) ?? `host ${r.holder}`}`;
        item.description = `${r.type} · count ${r.count}${holder} · ${r.waiters.length} waiting`;
        item.iconPath = new vscode.ThemeIcon(r.type === 'mutex' ? 'lock' : r.type === 'waitq' ? 'list-ordered' : 'symbol-numeric');
        item.command = this.revealCommand({ startNs: 0, endNs: this.model.lastTs, obj: r.id });
        return item;
      }
      case 'phase': {
        const r = node.row;
        const item = new vscode.TreeItem(r.name, C.None);
        const dur = r.endNs === null ? 'running' : formatNs(r.endNs - r.startNs);
        item.description = `${r.group}${r.gen ? ` (gen ${r.gen})` : ''} · ${dur}`;
        item.iconPath = new vscode.ThemeIcon(r.group === 'halt' ? 'debug-stop' : 'debug-start');
        item.command = this.revealCommand({ startNs: r.startNs, endNs: r.endNs ?? this.model.lastTs });
        return item;
      }
    }
  }

  private revealCommand(t: RevealTarget): vscode.Command {
    return { command: 'lklScope.reveal', title: 'Show on Timeline', arguments: [t] };
  }

  override dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.unsubscribe?.();
    super.dispose();
  }
}
