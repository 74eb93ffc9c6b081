// Timeline webview entry: bundled by esbuild to dist/webview/main.js (iife, browser). Works
// inside VS Code (acquireVsCodeApi) and standalone in out/boot.html (embedded #lkl-data).
import { TimelineApp } from './app';
import { connect } from './host';

function start(): void {
  document.body.dataset.state = 'loading';
  const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
  root.id = 'app';
  try {
    const app = new TimelineApp(root, connect());
    window.addEventListener('unload', () => app.dispose());
    (window as unknown as { lklApp?: TimelineApp }).lklApp = app;
  } catch (e) {
    document.body.dataset.state = 'error';
    root.textContent = `The timeline failed to start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
