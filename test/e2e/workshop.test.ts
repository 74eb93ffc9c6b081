// End-to-end for instructors and students: open the walkthrough, write a scenario file with the
// editor's completion and schema validation, and see a broken one refused with its location.
// Screenshots go to test-results/.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS, ROOT, runCommand, unexpectedProblems, useWorkbench, webviewByTitle, type ProblemPage } from './lib';

// A scenario with two mistakes the schema catches: a negative duration and an unknown field.
const BROKEN = `{
  "name": "broken-one",
  "description": "a student's first scenario",
  "seed": 7,
  "threads": [
    { "name": "a", "kind": "kernel", "actions": [ { "computeNs": -5 } ], "colour": "red" }
  ]
}
`;

// A student's own, valid scenario: a kernel thread waits for an app thread.
const MINE = `{
  "name": "my-first",
  "description": "A kernel thread waits for an app thread.",
  "seed": 3,
  "semaphores": [{ "name": "ready", "count": 0 }],
  "threads": [
    { "name": "waiter", "kind": "kernel", "actions": [{ "down": "ready" }, { "computeNs": 50000 }] },
    { "name": "app", "kind": "app", "actions": [{ "computeNs": 20000 }, { "up": "ready" }] }
  ],
  "end": { "action": "halt" }
}
`;

describe('Workshop in VS Code', { timeout: 300_000 }, () => {
  const w = useWorkbench({
    files: {
      'broken.scenario.json': BROKEN,
      'mine.scenario.json': MINE,
      'new.scenario.json': '{\n  \n}\n',
      // The whole library plays in the time of one test: each scenario in at most 3 s.
      '.vscode/settings.json': JSON.stringify({ 'lklScope.scenarioMaxSeconds': 3 }),
    },
    log: 'code-server-workshop.log',
  });
  let page: ProblemPage;
  before(() => {
    page = w.page;
  });

  const openFile = async (name: string) => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor({ state: 'visible' });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  };

  test('the walkthrough opens with its five steps', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...', { opensPicker: true });
    const input = page.locator('.quick-input-widget:visible input:visible').first();
    await input.fill('LKL Scope');
    await page.locator('.quick-input-widget:visible .monaco-list-row', { hasText: 'a kernel in your editor' }).first().click();
    const steps = page.locator('.gettingStartedContainer .getting-started-step');
    await steps.first().waitFor({ state: 'visible', timeout: 30_000 });
    const titles = (await page.locator('.gettingStartedContainer .getting-started-step .step-title').allInnerTexts()).join(' | ');
    await page.screenshot({ path: join(RESULTS, 'walkthrough.png') });
    for (const t of [/first kernel/i, /context switch/i, /holds the CPU/i, /halt/i, /own scenario/i]) assert.match(titles, t);
  });

  test('a broken scenario file shows located schema errors in the editor', async () => {
    await openFile('broken.scenario.json');
    // The Problems panel lists the schema's findings for the open file.
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const markers = page.locator('.markers-panel .monaco-list-row');
    await markers.first().waitFor({ state: 'visible', timeout: 30_000 });
    for (let i = 0; i < 50 && (await markers.count()) < 3; i++) await page.waitForTimeout(100);
    const text = (await markers.allInnerTexts()).join('\n');
    await page.screenshot({ path: join(RESULTS, 'scenario-problems.png') });
    assert.match(text, /Property colour is not allowed/, 'the unknown field is reported');
    assert.match(text, /below the minimum of 0/, 'the negative duration is reported');
    assert.match(text, /colour[^\n]*\n?[^\n]*Ln 6, Col \d+/, 'the unknown field is located on line 6');
  });

  test('completion in a new scenario file offers the schema\'s fields', async () => {
    await openFile('new.scenario.json');
    const editor = page.locator('.monaco-editor').first();
    await editor.locator('.view-line').nth(1).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget .monaco-list-row');
    await suggest.first().waitFor({ state: 'visible', timeout: 30_000 });
    let labels = (await suggest.allInnerTexts()).join(' ');
    await page.screenshot({ path: join(RESULTS, 'scenario-completion.png') });
    // The list shows a dozen rows at a time: typing narrows it to the fields further down.
    await page.keyboard.type('th');
    await suggest.filter({ hasText: 'threads' }).first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    labels += ' ' + (await suggest.allInnerTexts()).join(' ');
    await page.keyboard.press('Escape');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Backspace');
    for (const f of ['threads', 'seed', 'notes']) assert.match(labels, new RegExp(f), `completion offers ${f}: ${labels}`);
    assert.deepEqual(unexpectedProblems(page), []);
  });

  test('Run Scenario… refuses the broken file with its location and runs the student\'s own', async () => {
    const statusBar = (text: string) => page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
    const pick = async (name: string) => {
      await runCommand(page, 'LKL Scope: Run Scenario…', { opensPicker: true });
      await page.locator('.quick-input-widget:visible input:visible').first().fill(name);
      await page.locator('.quick-input-widget:visible .monaco-list-row', { hasText: name }).first().click();
    };
    await pick('broken-one');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'No kernel was started' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await toast.innerText(), /broken\.scenario\.json has \d+ error\(s\); first: line \d+/);
    assert.equal(await statusBar('LKL running').count(), 0, 'no kernel started');
    await page.screenshot({ path: join(RESULTS, 'scenario-refused.png') });

    await pick('my-first');
    await statusBar('LKL').waitFor({ state: 'visible' });
    // Scenarios start paused so the class can step; Resume plays it to its halt.
    await runCommand(page, 'LKL Scope: Resume');
    await statusBar('LKL halted').waitFor({ state: 'visible', timeout: 60_000 });
    // The timeline shows the student's threads.
    const wv = await webviewByTitle(page, 'LKL Scope Timeline');
    await wv.locator('#app[data-kernel-state="halted"]').waitFor({ state: 'attached' });
    const titles = (await wv.locator('#app').getAttribute('data-lane-titles')) ?? '';
    await page.screenshot({ path: join(RESULTS, 'scenario-mine.png') });
    assert.match(titles, /waiter/, `lanes: ${titles}`);
    // The refusal itself is an error notification, which the workbench also logs.
    assert.deepEqual(unexpectedProblems(page).filter((p) => !/No kernel was started/.test(p)), []);
  });

  test('every library scenario runs from the palette to its end', async () => {
    const statusBar = page.locator('.part.statusbar .statusbar-item', { hasText: 'LKL' }).first();
    // How each ends, as `lkl-scope run` reports it: most halt; these end otherwise.
    const ending: Record<string, RegExp> = { deadlock: /LKL deadlock/, 'crash-kernel': /gen 1/ };
    const names = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.scenario.json')).map((f) => f.replace(/\.scenario\.json$/, ''));
    assert.ok(names.length >= 11, `library: ${names.join(', ')}`);
    const seen: string[] = [];
    for (const name of names) {
      const wv = await webviewByTitle(page, 'LKL Scope Timeline');
      const before = (await wv.locator('#app').getAttribute('data-session')) ?? '';
      await runCommand(page, 'LKL Scope: Run Scenario…', { opensPicker: true });
      await page.locator('.quick-input-widget:visible input:visible').first().fill(name);
      // The library's own entry (its description says so), not a workspace file of the same name.
      await page.locator('.quick-input-widget:visible .monaco-list-row', { hasText: 'library' }).filter({ hasText: name }).first().click();
      await wv.locator(`#app:not([data-session="${before}"])`).waitFor({ state: 'attached', timeout: 30_000 });
      await runCommand(page, 'LKL Scope: Resume');
      const want = ending[name] ?? /LKL halted/;
      for (let i = 0; i < 300 && !want.test(await statusBar.innerText()); i++) await page.waitForTimeout(100);
      const text = await statusBar.innerText();
      if (!want.test(text)) await page.screenshot({ path: join(RESULTS, `scenario-${name}-failed.png`) });
      assert.match(text, want, `${name} ends with ${want}`);
      if (name === 'deadlock') {
        // G opens the wait-for graph of the deadlock: the two threads and two mutexes in a ring.
        await wv.locator('canvas').first().click({ position: { x: 400, y: 200 }, force: true });
        await page.keyboard.press('g');
        await wv.locator('#app[data-wait-graph="open"]').waitFor({ state: 'attached', timeout: 10_000 });
        const cycle = (await wv.locator('#app').getAttribute('data-wait-cycle')) ?? '';
        await page.screenshot({ path: join(RESULTS, 'deadlock-graph.png') });
        assert.match(cycle, /^(left \[\d+\] → mutex:B → right \[\d+\] → mutex:A → left|right \[\d+\] → mutex:A → left \[\d+\] → mutex:B → right) \[\d+\]$/, cycle);
        // G again closes it; the next run must not inherit it either
        await page.keyboard.press('g');
        await wv.locator('#app:not([data-wait-graph="open"])').waitFor({ state: 'attached', timeout: 5_000 });
        await page.keyboard.press('g');
        await wv.locator('#app[data-wait-graph="open"]').waitFor({ state: 'attached', timeout: 5_000 });
      }
      if (seen.includes('deadlock')) assert.notEqual(await wv.locator('#app').getAttribute('data-wait-graph'), 'open', `${name}: no graph left open from another run`);
      seen.push(name);
    }
    await page.screenshot({ path: join(RESULTS, 'scenario-last.png') });
    assert.equal(seen.length, names.length);
  });

  test('Compare Two Runs shows priority inversion without and with inheritance side by side, zoom moves both', async () => {
    await runCommand(page, 'LKL Scope: Compare Two Runs…', { opensPicker: true });
    const input = page.locator('.quick-input-widget:visible input:visible').first();
    const row = (label: string) => page.locator('.quick-input-widget:visible .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
    await input.fill('priority-inversion');
    await row('priority-inversion').click();
    // The second pick suggests the scenario's natural partner.
    await page.locator('.quick-input-widget:visible .monaco-list-row', { hasText: 'suggested' }).first().waitFor({ state: 'visible' });
    await input.fill('priority-inversion-inherit');
    await row('priority-inversion-inherit').click();
    const left = await webviewByTitle(page, 'LKL Scope: priority-inversion (compare)');
    const right = await webviewByTitle(page, 'LKL Scope: priority-inversion-inherit (compare)');
    for (const wv of [left, right]) await wv.locator('#app[data-compare]:not([data-compare=""])').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await left.locator('#app').getAttribute('data-compare'), 'priority-inversion-inherit');
    // the scenario's own threads come right under the LKL CPU owner, before the kernel's threads
    const titles = (await left.locator('#app').getAttribute('data-lane-titles')) ?? '';
    assert.match(titles, /LKL CPU owner[^|]*\|low[^|]*\|medium[^|]*\|high[^|]*\|main/, titles);
    const span = async (wv: typeof left) => {
      const a = wv.locator('#app');
      return [Number(await a.getAttribute('data-view-start-ns')), Number(await a.getAttribute('data-view-end-ns'))];
    };
    // an uncluttered picture (the README's): no panel, no toasts (focus out of the webview first,
    // so the palette key reaches the workbench)
    await page.locator('.part.sidebar .composite.title').first().click();
    if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.screenshot({ path: join(RESULTS, 'compare.png') });
    // Zoom the left one by keyboard: the right one follows to the same range.
    await left.locator('canvas').first().click({ position: { x: 500, y: 200 }, force: true });
    await page.keyboard.press('w');
    await page.keyboard.press('w');
    let l = await span(left);
    let r = await span(right);
    for (let i = 0; i < 50 && (Math.abs(l[0] - r[0]) > 1 || Math.abs(l[1] - r[1]) > 1); i++) {
      await page.waitForTimeout(100);
      l = await span(left);
      r = await span(right);
    }
    await page.screenshot({ path: join(RESULTS, 'compare-zoomed.png') });
    assert.ok(Math.abs(l[0] - r[0]) <= 1 && Math.abs(l[1] - r[1]) <= 1, `left ${l} right ${r}`);
    await runCommand(page, 'LKL Scope: Show Differences of Compared Runs');
    const editor = page.locator('.monaco-editor .view-lines').first();
    await page.locator('.tab', { hasText: 'Untitled' }).first().waitFor({ state: 'visible' });
    assert.match(await editor.innerText(), /priority-inversion/);
    await page.screenshot({ path: join(RESULTS, 'compare-differences.png') });
    assert.deepEqual(unexpectedProblems(page).filter((p) => !/No kernel was started/.test(p)), []);
  });
});
