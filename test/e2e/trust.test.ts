// End-to-end with workspace trust on: in a workspace its user does not trust, a scenario that
// brings a JavaScript scheduling class is refused with a clear message and no kernel starts,
// while a scenario without code runs as anywhere. Screenshots go to test-results/.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS, ROOT, runCommand, unexpectedProblems, useWorkbench, webviewByTitle, type ProblemPage } from './lib';

const library = (f: string) => readFileSync(join(ROOT, 'scenarios', f), 'utf8');

describe('Workspace trust in VS Code', { timeout: 300_000 }, () => {
  // the student's copy of the custom class scenario, its module beside it
  const w = useWorkbench({
    files: {
      'my-lottery.scenario.json': library('custom-sched.scenario.json').replace(/"name":\s*"custom-sched"/, '"name": "my-lottery"'),
      'lottery.sched.js': library('lottery.sched.js'),
    },
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open' },
    log: 'code-server-trust.log',
    workspaceTrust: true,
  });
  let page: ProblemPage;
  before(() => {
    page = w.page;
  });

  const statusBar = () => page.locator('.part.statusbar .statusbar-item', { hasText: 'LKL' }).first();
  const pick = async (name: string, where: RegExp) => {
    await runCommand(page, 'LKL Scope: Run Scenario…', { opensPicker: true });
    await page.locator('.quick-input-widget:visible input:visible').first().fill(name);
    await page.locator('.quick-input-widget:visible .monaco-list-row', { hasText: where }).filter({ hasText: name }).first().click();
  };

  test('restricted mode: a scenario with a JavaScript class is refused, no kernel starts; one without code runs', async () => {
    // restricted mode is on: the workbench says so in the status bar
    await page.screenshot({ path: join(RESULTS, 'trust-start.png') });
    await page.locator('.part.statusbar', { hasText: /Restricted Mode/i }).waitFor({ state: 'visible', timeout: 30_000 });
    await pick('my-lottery', /my-lottery\.scenario\.json/);
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'trust this workspace' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: join(RESULTS, 'trust-refused.png') });
    const text = await toast.innerText();
    assert.match(text, /my-lottery\.scenario\.json runs JavaScript \(its scheduling class \.\/lottery\.sched\.js\)/);
    assert.match(text, /No kernel was started/);
    assert.match(text, /Manage Workspace Trust/, 'the toast offers to manage trust');
    assert.equal(await statusBar().isVisible(), false, 'no kernel state in the status bar: nothing ran');
    // the library's own scenarios bring no code: they run in restricted mode too
    await pick('sem-ping-pong', /library/);
    const wv = await webviewByTitle(page, 'LKL Scope Timeline');
    await wv.locator('#app[data-source="runtime"]').waitFor({ state: 'attached', timeout: 30_000 });
    await runCommand(page, 'LKL Scope: Resume');
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'LKL halted' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: join(RESULTS, 'trust-plain-runs.png') });
    assert.deepEqual(unexpectedProblems(page).filter((p) => !/No kernel was started/.test(p)), []);
  });
});
