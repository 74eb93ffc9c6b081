// The only module that knows the control library: @vscode/webview-ui-toolkit today (sunset
// upstream); swapping to @vscode-elements/elements means changing the tags and events here.
// The toolkit styles through adopted stylesheets, so it works under the strict CSP.
import {
  provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeDropdown, vsCodeOption, vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerControls(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeCheckbox(), vsCodeDropdown(), vsCodeOption(), vsCodeTextField());
}

export function button(label: string, title: string, onClick: () => void, secondary = true): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  b.title = title;
  if (secondary) b.setAttribute('appearance', 'secondary');
  b.addEventListener('click', onClick);
  return b;
}

export interface TextField {
  el: HTMLElement;
  value(): string;
  setValue(v: string): void;
  focus(): void;
  setInvalid(message: string): void;
}

export function textField(placeholder: string, title: string, onChange: (v: string) => void, onEnter?: (v: string, shift: boolean) => void): TextField {
  const el = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  el.setAttribute('placeholder', placeholder);
  el.title = title;
  el.addEventListener('input', () => onChange(el.value));
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && onEnter) onEnter(el.value, e.shiftKey);
    if (e.key === 'Escape') el.blur();
    e.stopPropagation();
  });
  return {
    el,
    value: () => el.value ?? '',
    setValue: (v) => {
      el.value = v;
    },
    focus: () => el.focus(),
    setInvalid: (m) => {
      el.title = m || title;
      el.classList.toggle('lkl-invalid', m !== '');
    },
  };
}

export interface Checkbox {
  el: HTMLElement;
  set(v: boolean): void;
}

export function checkbox(label: string, title: string, checked: boolean, onChange: (v: boolean) => void): Checkbox {
  const el = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  el.textContent = label;
  el.title = title;
  el.checked = checked;
  el.addEventListener('change', () => onChange(el.checked));
  return { el, set: (v) => void (el.checked = v) };
}

export function dropdown(title: string, options: [value: string, label: string][], onChange: (v: string) => void): HTMLElement {
  const el = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  el.title = title;
  for (const [value, label] of options) {
    const o = document.createElement('vscode-option');
    o.setAttribute('value', value);
    o.textContent = label;
    el.appendChild(o);
  }
  el.addEventListener('change', () => onChange(el.value));
  return el;
}
