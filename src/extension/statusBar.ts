// Status bar: the kernel state of the session on the timeline, its virtual time and events/s.
import * as vscode from 'vscode';
import type { KernelState } from '../protocol/messages';
import { Disposable } from './disposable';
import type { TraceSession } from './session';
import { formatNs } from './treeView';

const ICON: Record<KernelState, string> = {
  idle: '$(circle-outline)',
  booting: '$(loading~spin)',
  running: '$(play)',
  halting: '$(debug-stop)',
  halted: '$(primitive-square)',
  panic: '$(error)',
  deadlock: '$(warning)',
  stopped: '$(debug-disconnect)',
};

export class KernelStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('lklScope.status', vscode.StatusBarAlignment.Left, 10));
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private counted = 0;
  private rate = 0;

  constructor(session: TraceSession) {
    super();
    this.item.name = 'LKL Scope kernel state';
    this.item.command = 'lklScope.showTimeline';
    this.attach(session);
    this.timer = setInterval(() => {
      this.rate = this.counted;
      this.counted = 0;
      this.render();
    }, 1000);
  }

  private session!: TraceSession;

  attach(session: TraceSession): void {
    this.unsubscribe?.();
    this.session = session;
    this.unsubscribe = session.subscribe({
      events: (added) => {
        this.counted += added.length;
      },
      status: () => this.render(),
    });
    this.render();
  }

  private render(): void {
    const s = this.session;
    if (s.state === 'idle' && s.eventCount === 0) {
      this.item.hide();
      return;
    }
    const lastEvent = s.lastEvent();
    const last = lastEvent?.ts ?? 0;
    if (s.meta.source !== 'runtime') {
      this.item.text = `$(graph-line) ${s.meta.source} · ${s.eventCount.toLocaleString('en-US')} events`;
      this.item.tooltip = `LKL Scope: ${s.title} (${s.meta.source} trace)`;
      this.item.show();
      return;
    }
    const gen = lastEvent?.gen ?? 0;
    this.item.text = `${ICON[s.state]} LKL ${s.state}${gen ? ` · gen ${gen}` : ''} · ${formatNs(last)}${s.live && this.rate ? ` · ${this.rate.toLocaleString('en-US')} ev/s` : ''}`;
    this.item.tooltip = `LKL Scope: ${s.title}\nstate: ${s.state}${s.detail ? ` (${s.detail})` : ''}\nevents: ${s.eventCount}`;
    this.item.show();
  }

  override dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    super.dispose();
  }
}
