// Owns the extension's state: the output channel, the timeline panel and the session it shows.
import * as vscode from 'vscode';
import { RUN_COMMANDS, type HostRequest, type ViewState } from '../protocol/messages';
import { emptyNames } from '../trace/events';
import { CompareRuns } from './compareRuns';
import { Disposable } from './disposable';
import { TraceSession } from './session';
import { LiveKernel } from './liveKernel';
import { sourceOfKind } from './sourceMap';
import { KernelStatusBar } from './statusBar';
import { TRACE_EDITOR_VIEW_TYPE, TraceEditorProvider } from './traceEditor';
import { KernelTreeProvider, type RevealTarget } from './treeView';
import { TIMELINE_TITLE, TIMELINE_VIEW_TYPE, TimelinePanel, type PanelHost } from './timelinePanel';

export class Controller extends Disposable {
  readonly output = this._register(vscode.window.createOutputChannel('LKL Scope'));
  /** Located scenario errors, in the Problems panel. */
  readonly problems = this._register(vscode.languages.createDiagnosticCollection('lkl-scope'));
  private panel: TimelinePanel | undefined;
  private sessionValue: TraceSession = new TraceSession('no trace', { version: 1, source: 'runtime', names: emptyNames() }, false);
  private readonly sessionEmitter = this._register(new vscode.EventEmitter<TraceSession>());
  /** Fires when the timeline switches to another session. */
  readonly onDidChangeSession = this.sessionEmitter.event;

  /** Compare Two Runs: two panels side by side, apart from the main timeline. */
  readonly compare = this._register(new CompareRuns(this));
  private readonly tree: KernelTreeProvider;
  private readonly status: KernelStatusBar;

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    this.tree = this._register(new KernelTreeProvider(this.sessionValue));
    this._register(vscode.window.registerTreeDataProvider('lklScope.kernel', this.tree));
    this.status = this._register(new KernelStatusBar(this.sessionValue));
    const editor = this._register(new TraceEditorProvider(this.panelHost()));
    this._register(vscode.window.registerCustomEditorProvider(TRACE_EDITOR_VIEW_TYPE, editor, { supportsMultipleEditorsPerDocument: true }));
    this._register(
      vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          this.adopt(panel, isViewState(state) ? state : undefined);
        },
      }),
    );
  }

  private liveKernel: LiveKernel | undefined;

  get live(): LiveKernel | undefined {
    return this.liveKernel;
  }

  /** Boots a new kernel (replacing any live one) and streams it to the timeline. */
  bootKernel(opts: Partial<ConstructorParameters<typeof LiveKernel>[0]> & { startPaused?: boolean } = {}): LiveKernel {
    this.liveKernel?.dispose();
    const cfg = vscode.workspace.getConfiguration('lklScope');
    const k = new LiveKernel({
      seed: cfg.get<number>('seed', 1),
      speed: cfg.get<number>('speed', 0.05),
      cmdline: cfg.get<string>('cmdline') || undefined,
      ...opts,
      onEnd: (ended) => {
        if (this.liveKernel === ended) void this.setLiveContext();
        const failed = ended.tests.filter((t) => !ended.finished || !t.ok);
        this.log(`kernel ${ended.session.state}${ended.session.detail ? ` (${ended.session.detail})` : ''}; ${ended.session.eventCount} events; boot tests ${ended.tests.length - failed.length}/${ended.tests.length} ok`);
      },
    });
    this.liveKernel = k;
    this.showTimeline(k.session);
    k.start(opts.startPaused ?? false);
    void this.setLiveContext();
    return k;
  }

  /** The live kernel, or an error the command shows. */
  requireLive(): LiveKernel {
    const k = this.liveKernel;
    if (!k || k.finished) throw new Error('no kernel is running: use "LKL Scope: Boot Kernel" first');
    return k;
  }

  async setLiveContext(): Promise<void> {
    const k = this.liveKernel;
    await vscode.commands.executeCommand('setContext', 'lklScope.kernelLive', !!k && !k.finished);
    await vscode.commands.executeCommand('setContext', 'lklScope.paused', !!k && k.paused);
  }

  get session(): TraceSession {
    return this.sessionValue;
  }

  get timeline(): TimelinePanel | undefined {
    return this.panel;
  }

  log(line: string): void {
    this.output.appendLine(line);
  }

  /** Opens (or reveals) the timeline, showing `session` if given. */
  showTimeline(session?: TraceSession): TimelinePanel {
    if (session) this.setSession(session);
    if (this.panel && !this.panel.isDisposed) {
      this.panel.panel.reveal(undefined, true);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, TIMELINE_TITLE, vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    return this.adopt(panel);
  }

  setSession(session: TraceSession): void {
    this.sessionValue = session;
    this.panel?.attach(session);
    this.tree.attach(session);
    this.status.attach(session);
    void vscode.commands.executeCommand('setContext', 'lklScope.hasTrace', true);
    this.sessionEmitter.fire(session);
  }

  /** Selects a time range (and a task or object) on the timeline, opening it if needed. */
  reveal(t: RevealTarget): void {
    const panel = this.showTimeline();
    const send = () => panel.post({ type: 'reveal', ...t });
    if (panel.isReady) send();
    else {
      const once = panel.onDidBecomeReady(() => {
        once.dispose();
        send();
      });
    }
  }

  private adopt(webviewPanel: vscode.WebviewPanel, view?: ViewState): TimelinePanel {
    this.panel?.dispose();
    const panel = new TimelinePanel(webviewPanel, this.sessionValue, this.panelHost(), view);
    this.panel = panel;
    panel.panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    return panel;
  }

  private panelHost(): PanelHost {
    return {
      extensionUri: this.context.extensionUri,
      log: (l) => this.log(l),
      onHostRequest: (req) => this.hostRequest(req, this.sessionValue),
    };
  }

  /** The host of a panel showing its own finished session (Compare Two Runs): no kernel commands. */
  panelHostFor(session: () => TraceSession): PanelHost {
    return {
      extensionUri: this.context.extensionUri,
      log: (l) => this.log(l),
      onHostRequest: (req) => {
        if (req.kind === 'runCommand') return Promise.reject(new Error('a compared run has finished: Pause, Step and Halt act on the main timeline'));
        return this.hostRequest(req, session());
      },
    };
  }

  private async hostRequest(req: HostRequest, session: TraceSession): Promise<unknown> {
    switch (req.kind) {
      case 'runCommand':
        // the webview is a trust boundary: only the run controls' own commands
        if (!(RUN_COMMANDS as readonly string[]).includes(req.command)) throw new Error(`the panel may not run ${JSON.stringify(req.command)}`);
        return vscode.commands.executeCommand(`lklScope.${req.command === 'halt' ? 'haltKernel' : req.command}`);
      case 'openSource': {
        const e = session.eventBySeq(req.seq);
        const rel = e && session.meta.source === 'runtime' ? sourceOfKind(e.kind) : undefined;
        if (!e || !rel) throw new Error(`no source location is known for event ${req.seq}`);
        const uri = vscode.Uri.joinPath(this.context.extensionUri, rel);
        try {
          await vscode.workspace.fs.stat(uri);
        } catch {
          throw new Error(`${e.kind} is emitted by ${rel}, which is not shipped in the installed extension`);
        }
        await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
        return rel;
      }
    }
  }

  override dispose(): void {
    this.liveKernel?.dispose();
    this.panel?.dispose();
    super.dispose();
  }
}

function isViewState(v: unknown): v is ViewState {
  return typeof v === 'object' && v !== null;
}
