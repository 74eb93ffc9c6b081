import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PREWARM_MIN_EVENTS, prewarmViews, runInSlices, runLead, schedulePrewarm } from '../../../webview/timeline/prewarm';
import { endNs } from '../../../webview/timeline/scale';

test('warm-up views zoom in around the centre of the frame they follow', () => {
  const vp = { t0: 5e9, startNs: 1e6, nsPerPx: 1000, widthPx: 1000 };
  const views = prewarmViews(vp, [2, 10]);
  assert.deepEqual(views.map((v) => v.nsPerPx), [500, 100]);
  const centre = (v: typeof vp): number => (v.startNs + endNs(v)) / 2;
  for (const v of views) {
    assert.equal(centre(v), centre(vp));
    assert.equal(v.t0, vp.t0);
    assert.equal(v.widthPx, vp.widthPx);
  }
});

test('one warm-up per large model, in a task of its own', () => {
  const queued: (() => void)[] = [];
  const post = (f: () => void): void => void queued.push(f);
  let runs = 0;
  const warm = (): void => void runs++;
  assert.equal(schedulePrewarm({}, PREWARM_MIN_EVENTS - 1, warm, post), false, 'small traces are cheap cold');
  const model = {};
  assert.equal(schedulePrewarm(model, PREWARM_MIN_EVENTS, warm, post), true);
  assert.equal(runs, 0, 'not run inside the frame that scheduled it');
  assert.equal(schedulePrewarm(model, 2 * PREWARM_MIN_EVENTS, warm, post), false, 'once per model');
  queued.forEach((f) => f());
  assert.equal(runs, 1);
  assert.equal(schedulePrewarm({}, PREWARM_MIN_EVENTS, warm, post), true, 'a new session warms again');
});

test('warm-up jobs run in order, in tasks of about the slice time, none skipped', () => {
  let clock = 0;
  const ran: number[] = [];
  const tasks: (() => void)[] = [];
  const jobs = [5, 5, 30, 1, 1, 1, 40, 2].map((ms, i) => () => {
    ran.push(i);
    clock += ms;
  });
  runInSlices(jobs, (f) => void tasks.push(f), 10, () => clock);
  assert.deepEqual(ran, [0, 1], 'the first task stops once 10 ms are used');
  const perTask: number[][] = [ran.slice()];
  while (tasks.length > 0) {
    const before = ran.length;
    (tasks.shift() as () => void)();
    perTask.push(ran.slice(before));
  }
  assert.deepEqual(perTask, [[0, 1], [2], [3, 4, 5, 6], [7]]);
});

test('the lead draws throwaway frames until enough of them were dense, sparse ones on the way included, then the deepest', () => {
  const ran: number[] = [];
  const frames = [false, true, false, false, true, true, false].map((dense, i) => () => (ran.push(i), dense));
  assert.deepEqual(runLead(frames, 2), [frames[5]], 'the frames left for later, in order');
  assert.deepEqual(ran, [0, 1, 2, 3, 4, 6], 'in order, stopping after the second dense frame, then the last');
  ran.length = 0;
  assert.deepEqual(runLead(frames.slice(0, 3), 2), [], 'all of them when too few are dense');
  assert.deepEqual(ran, [0, 1, 2], 'each once');
  ran.length = 0;
  assert.deepEqual(runLead(frames, 0), frames, 'no lead asked: none');
  assert.deepEqual(ran, []);
  assert.deepEqual(runLead([]), []);
});

test('the lead runs inside the frame that starts the warm-up, the rest in a task after it', () => {
  const queued: (() => void)[] = [];
  const order: string[] = [];
  const model = {};
  assert.equal(schedulePrewarm(model, PREWARM_MIN_EVENTS, () => order.push('rest'), (f) => void queued.push(f), () => order.push('lead')), true);
  assert.deepEqual(order, ['lead']);
  queued.forEach((f) => f());
  assert.deepEqual(order, ['lead', 'rest']);
  assert.equal(schedulePrewarm(model, PREWARM_MIN_EVENTS, () => order.push('rest'), (f) => void queued.push(f), () => order.push('lead')), false);
  assert.deepEqual(order, ['lead', 'rest'], 'once per model');
});
