// End-to-end in a real VS Code: install the .vsix, run commands from the palette, look inside the
// timeline webview, save screenshots under test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  installVsix, launch, makeSandbox, openWorkbench, removeSandbox, RESULTS, runCommand, startCodeServer,
  teardownStack, unexpectedProblems, webviewByTitle,
} from './lib';

const TITLE = 'LKL Scope Timeline';

test('Show Timeline opens the webview and completes the ready → init handshake', { timeout: 300_000 }, async (t) => {
  const defer = teardownStack(t);
  const sb = makeSandbox();
  defer(() => removeSandbox(sb));
  installVsix(sb);
  const cs = await startCodeServer(sb, 'code-server-show-timeline.log');
  defer(() => cs.stop());
  const { browser, page } = await launch();
  defer(() => browser.close());
  await openWorkbench(page, cs, sb);

  await runCommand(page, 'LKL Scope: Show Timeline');
  await page.locator('.tabs-container .tab', { hasText: TITLE }).first().waitFor({ state: 'visible' });
  const wv = await webviewByTitle(page, TITLE);
  // body[data-state] becomes "ready" only when the webview has handled the extension's `init`.
  await wv.locator('body[data-state="ready"]').waitFor({ state: 'attached' });
  await page.screenshot({ path: join(RESULTS, 'show-timeline.png') });
  assert.deepEqual(unexpectedProblems(page), []);
});
