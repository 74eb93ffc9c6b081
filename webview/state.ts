// View state persistence: saved with the host's setState on every change (so hiding or reloading
// the panel restores it) and posted as `viewState`, debounced, so the extension can re-send it.
import type { ViewState } from '../src/protocol/messages';
import type { Transport } from './host';

export class ViewStateKeeper {
  private timer: number | undefined;
  private last = '';

  constructor(private readonly transport: Transport) {}

  /** The state saved before a reload, if any. */
  restore(): ViewState | undefined {
    const s = this.transport.getState();
    return typeof s === 'object' && s !== null ? (s as ViewState) : undefined;
  }

  save(v: ViewState): void {
    const json = JSON.stringify(v);
    if (json === this.last) return;
    this.last = json;
    this.transport.setState(v);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.transport.post({ type: 'viewState', view: v });
    }, 250);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}
