import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lodMarks, lodSlices } from '../../../webview/timeline/lod';
import { drawMarks, drawSlices, warmFineLevels } from '../../../webview/timeline/lodCache';
import { MarkSeries, SliceSeries } from '../../../webview/timeline/series';
import type { Viewport } from '../../../webview/timeline/scale';

function rng(seed: number): () => number {
  let a = seed;
  return () => ((a = (Math.imul(a, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Occupied pixel columns of a 500 px view (what is drawn past the edge is clipped anyway). */
function columns(draw: (emit: (x0: number, x1: number) => void) => void): string {
  const cols = new Set<number>();
  draw((x0, x1) => {
    for (let c = Math.max(0, Math.floor(x0)); c <= Math.min(499, Math.max(Math.floor(x0), Math.ceil(x1) - 1)); c++) cols.add(c);
  });
  return [...cols].sort((a, b) => a - b).join(',');
}

test('cached coarse levels draw the same pixel columns as the raw reducer, also while streaming', () => {
  const r = rng(3);
  const marks = new MarkSeries();
  const slices = new SliceSeries();
  let t = 1e9;
  const views: Viewport[] = [
    { t0: 1e9, startNs: 0, nsPerPx: 2_000_000, widthPx: 500 },
    { t0: 1e9, startNs: 123_456_789, nsPerPx: 700_000, widthPx: 500 },
  ];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < 50_000; i++) {
      const gap = r() < 0.01 ? 5_000_000 : r() * 4000;
      marks.push(t, i);
      slices.push(t, t + gap * 0.6, Math.floor(r() * 5), i);
      t += gap;
    }
    const span = t - 1e9;
    for (const vp of views) {
      const direct = columns((e) => lodMarks(marks, vp, (x) => e(x, x)));
      const cached = columns((e) => drawMarks(marks, vp, span, (x) => e(x, x)));
      assert.equal(cached, direct, `marks, round ${round}`);
      assert.equal(
        columns((e) => drawSlices(slices, vp, span, (a, b) => e(a, b))),
        columns((e) => lodSlices(slices, vp, (a, b) => e(a, b))),
        `slices, round ${round}`,
      );
    }
  }
});

test('fine levels are drawn from only once the warm-up built them, and show the same columns', () => {
  const r = rng(7);
  const marks = new MarkSeries();
  const slices = new SliceSeries();
  let t = 0;
  for (let i = 0; i < 400_000; i++) {
    marks.push(t, i);
    slices.push(t, t + 30, i % 3, i);
    t += 50 + Math.floor(r() * 100);
  }
  const span = t;
  // 1024 ns cells over ~40 ms: about 2^15 cells, finer than the levels warmed at load
  const vp: Viewport = { t0: 0, startNs: span - 500 * 1500, nsPerPx: 1500, widthPx: 500 };
  const indices = (): number[] => {
    const seen: number[] = [];
    drawMarks(marks, vp, span, (_x, _n, i) => seen.push(i));
    return seen;
  };
  const rawMarks = columns((e) => lodMarks(marks, vp, (x) => e(x, x)));
  const rawSlices = columns((e) => lodSlices(slices, vp, (a, b) => e(a, b)));
  assert.ok(span / 1024 > 1 << 15 && span / 1024 < 1 << 16);
  assert.ok(Math.min(...indices()) > 300_000, 'before the warm-up: the raw series (indices of raw marks)');
  warmFineLevels([slices], [marks], 0, span);
  assert.ok(Math.max(...indices()) < span / 1024, 'after: the level, one row per occupied cell');
  assert.equal(columns((e) => drawMarks(marks, vp, span, (x) => e(x, x))), rawMarks);
  assert.equal(columns((e) => drawSlices(slices, vp, span, (a, b) => e(a, b))), rawSlices);
});
