import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellNs, lodMarks, lodSlices, MIXED } from '../../../webview/timeline/lod';
import { gallopLowerBound, lowerBound, MarkSeries, SliceSeries } from '../../../webview/timeline/series';
import type { Viewport } from '../../../webview/timeline/scale';

const vp = (startNs: number, nsPerPx: number, widthPx = 100, t0 = 0): Viewport => ({ t0, startNs, nsPerPx, widthPx });

test('cellNs is the largest power of two not above nsPerPx', () => {
  assert.equal(cellNs(1), 1);
  assert.equal(cellNs(1000), 512);
  assert.equal(cellNs(1024), 1024);
  assert.equal(cellNs(0.3), 0.25);
});

test('no mark lost: every pixel column holding marks draws one, and no more', () => {
  const m = new MarkSeries();
  // 10 000 marks packed into pixel columns 3, 40 and 99 of a 100 px view at 1000 ns/px
  for (let i = 0; i < 5000; i++) m.push(3000 + i * 0.1, i);
  for (let i = 0; i < 4999; i++) m.push(40_000 + i * 0.1, 5000 + i);
  m.push(99_500, 9999);
  const xs: number[] = [];
  let total = 0;
  const n = lodMarks(m, vp(0, 1000), (x, count) => {
    xs.push(Math.floor(x));
    total += count;
  });
  assert.equal(total, 10_000, 'counts add up to every mark');
  assert.deepEqual([...new Set(xs)], [3, 40, 99]);
  assert.ok(n <= 6, `${n} marks emitted for 3 occupied columns`);
});

test('marks outside the viewport are not emitted; a lone mark at the edge is', () => {
  const m = new MarkSeries();
  [-5000, 0, 50_000, 100_000, 100_001].forEach((t, i) => m.push(t, i));
  const seen: number[] = [];
  lodMarks(m, vp(0, 1000), (_x, _c, i) => seen.push(i));
  assert.deepEqual(seen, [1, 2, 3]);
});

test('sub-pixel slices merge per cell but each occupied column still draws', () => {
  const s = new SliceSeries();
  // 100 000 slices of 3 ns every 10 ns over 1 ms: at 10 000 ns/px that is 100 columns, all occupied
  for (let i = 0; i < 100_000; i++) s.push(i * 10, i * 10 + 3, i % 4, i);
  const cols = new Set<number>();
  const n = lodSlices(s, vp(0, 10_000, 100), (x0, x1) => {
    for (let c = Math.floor(x0); c <= Math.max(Math.floor(x0), Math.ceil(x1) - 1); c++) cols.add(c);
  });
  assert.ok(n <= 300, `emitted ${n} rects for 100 columns`);
  for (let c = 0; c < 100; c++) assert.ok(cols.has(c), `column ${c} drew nothing`);
});

test('wide slices are drawn exactly, and touching rects of one key join', () => {
  const s = new SliceSeries();
  s.push(1000, 5000, 7, 0);
  s.push(5000, 9000, 7, 1);
  s.push(9000, 20_000, 8, 2);
  const rects: [number, number, number][] = [];
  lodSlices(s, vp(0, 100), (x0, x1, key) => rects.push([x0, x1, key]));
  assert.deepEqual(rects, [[10, 90, 7], [90, 200, 8]]);
});

test('an open slice is drawn up to the last timestamp', () => {
  const s = new SliceSeries();
  const rects: [number, number, number][] = [];
  lodSlices(s, vp(0, 100), (x0, x1, key) => rects.push([x0, x1, key]), { startNs: 2000, key: 3, ev: 9 }, 4000);
  assert.deepEqual(rects, [[20, 40, 3]]);
});

test('a long slice after short ones in the same cell keeps its own extent', () => {
  const s = new SliceSeries();
  s.push(0, 1, 1, 0);
  s.push(2, 3, 2, 1);
  s.push(4, 10_000, 3, 2);
  const rects: [number, number, number, boolean][] = [];
  lodSlices(s, vp(0, 100), (x0, x1, key, _i, merged) => rects.push([x0, x1, key, merged]));
  assert.equal(rects.length, 2);
  assert.deepEqual(rects[1], [0.04, 100, 3, false]);
  assert.equal(rects[0][3], true);
});

test('dense runs of merged cells join; the run takes its dominant key, or MIXED without one', () => {
  const even = new SliceSeries();
  for (let i = 0; i < 10_000; i++) even.push(i * 10, i * 10 + 5, i % 3, i);
  const rects: [number, number, number][] = [];
  lodSlices(even, vp(0, 1000, 100), (x0, x1, key) => rects.push([x0, x1, key]));
  assert.equal(rects.length, 1);
  assert.equal(rects[0][2], MIXED, 'three keys a third each');
  assert.ok(rects[0][1] >= 99.9);
  const mostly = new SliceSeries();
  for (let i = 0; i < 10_000; i++) mostly.push(i * 10, i * 10 + 5, i === 3 ? 9 : 4, i);
  const r2: number[] = [];
  lodSlices(mostly, vp(0, 1000, 100), (_x0, _x1, key) => r2.push(key));
  assert.deepEqual(r2, [4], 'one stray key does not grey out the run');
});

test('gallopLowerBound agrees with lowerBound from any start', () => {
  const a = Float64Array.from({ length: 1000 }, (_, i) => Math.floor(i / 3));
  for (const from of [0, 1, 7, 500, 999]) {
    for (const v of [-1, 0, 5, 100, 200, 332, 333, 400]) {
      const want = Math.max(from, lowerBound(a, a.length, v));
      assert.equal(gallopLowerBound(a, from, a.length, v), want, `from ${from} v ${v}`);
    }
  }
});
