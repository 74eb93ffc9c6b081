// Canvas colours from VS Code theme variables, re-read when the theme changes (VS Code rewrites
// the html style and body class). Standalone pages have no variables: dark defaults fill in.

export interface Swatch {
  colour: string;
  alpha: number;
}

export interface Theme {
  bg: string;
  fg: string;
  muted: string;
  grid: string;
  focus: string;
  /** Outline colour in high contrast, else ''. */
  outline: string;
  highContrast: boolean;
  /** Slice colours by task/phase (index = key hash). */
  palette: Swatch[];
  semUp: string;
  semDown: string;
  other: string;
  wait: string;
  cpuWait: string;
  wake: string;
  handoff: string;
  switchArrow: string;
  fault: string;
  selection: string;
  font: string;
  monoFont: string;
}

const DARK: Record<string, string> = {
  'editor-background': '#1e1e1e', foreground: '#cccccc', descriptionForeground: '#9d9d9d',
  focusBorder: '#007fd4', 'panel-border': '#80808059', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff',
  'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
  'charts-lines': '#cccccc80', errorForeground: '#f48771', 'editor-selectionBackground': '#264f78',
  'font-family': 'system-ui, sans-serif', 'editor-font-family': 'monospace',
};

function cssVar(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(`--vscode-${name}`).trim() || DARK[name] || '';
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const v = (n: string): string => cssVar(style, n);
  const hc = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const charts = ['blue', 'green', 'orange', 'purple', 'yellow', 'red'].map((c) => v(`charts-${c}`));
  const palette: Swatch[] = [
    ...charts.map((colour) => ({ colour, alpha: 1 })),
    ...charts.map((colour) => ({ colour, alpha: hc ? 1 : 0.6 })),
  ];
  const contrast = style.getPropertyValue('--vscode-contrastBorder').trim();
  return {
    bg: v('editor-background'),
    fg: v('foreground'),
    muted: v('descriptionForeground'),
    grid: v('panel-border') || v('charts-lines'),
    focus: v('focusBorder'),
    outline: hc ? contrast || v('foreground') : '',
    highContrast: hc,
    palette,
    semUp: v('charts-green'),
    semDown: v('charts-orange'),
    other: v('charts-lines'),
    wait: v('descriptionForeground'),
    cpuWait: v('charts-yellow'),
    wake: v('charts-blue'),
    handoff: v('charts-green'),
    switchArrow: v('charts-purple'),
    fault: v('errorForeground') || v('charts-red'),
    selection: v('editor-selectionBackground'),
    font: v('font-family'),
    monoFont: v('editor-font-family'),
  };
}

/** Calls `changed` when VS Code switches theme; returns the unsubscribe function. */
export function watchTheme(changed: () => void): () => void {
  const mo = new MutationObserver(changed);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  mo.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => mo.disconnect();
}
