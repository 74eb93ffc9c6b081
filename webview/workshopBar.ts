// Workshop controls in the panel itself, for a live runtime session: play, pause, the three
// steps and restart (an instructor at a projector works with the mouse). Each button asks the
// extension to run the palette command of the same name; what is offered follows the kernel
// state, and the bar is hidden for opened files and compared runs.
import type { KernelState, SessionInfo } from '../src/protocol/messages';
import { button } from './controls';
import { BUTTONS, offeredCommands, type WorkshopCommand } from './workshopCommands';

export class WorkshopBar {
  readonly el = document.createElement('div');
  private readonly buttons = new Map<WorkshopCommand, HTMLElement>();
  private session: SessionInfo | undefined;
  private state: KernelState = 'idle';

  constructor(run: (command: WorkshopCommand) => void) {
    this.el.className = 'lkl-workshop';
    this.el.setAttribute('role', 'toolbar');
    this.el.setAttribute('aria-label', 'Run controls');
    for (const [cmd, label, title] of BUTTONS) {
      const b = button(label, title, () => {
        if (!b.hasAttribute('disabled')) run(cmd);
      });
      b.dataset.command = cmd;
      this.buttons.set(cmd, b);
      this.el.append(b);
    }
    this.render();
  }

  setSession(s: SessionInfo): void {
    this.session = s;
    this.state = 'idle';
    this.render();
  }

  setState(state: KernelState): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const offered = offeredCommands(this.session, this.state);
    this.el.hidden = offered.size === 0;
    for (const [cmd, b] of this.buttons) {
      if (offered.has(cmd)) b.removeAttribute('disabled');
      else b.setAttribute('disabled', '');
    }
  }
}
