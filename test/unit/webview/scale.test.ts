import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fitRange, formatDuration, formatTimestamp, panBy, transformFor, tsOf, viewFromTransform, xOf, zoomAround,
} from '../../../webview/timeline/scale';

test('ns precision at deep zoom on a trace with absolute timestamps near 1e15 ns', () => {
  const t0 = 987_654_321_012_345; // ~11 days of uptime, in ns
  const rel = 3_600_000_000_123; // one hour in, plus 123 ns
  const vp = { t0, startNs: rel - 50, nsPerPx: 0.5, widthPx: 1280 };
  assert.equal(xOf(vp, t0 + rel), 100);
  assert.equal(xOf(vp, t0 + rel + 1), 102, 'one ns is two pixels apart');
  assert.equal(tsOf(vp, 100), t0 + rel);
});

test('d3-zoom transforms round-trip to the same viewport', () => {
  const { k, x } = transformFor(3_600_000_000_123, 0.25);
  const vp = viewFromTransform(k, x, 5e14, 1280);
  assert.ok(Math.abs(vp.startNs - 3_600_000_000_123) < 0.01, `startNs ${vp.startNs}`);
  assert.ok(Math.abs(vp.nsPerPx - 0.25) < 1e-12);
});

test('zoomAround keeps the time under the pointer', () => {
  const vp = { t0: 0, startNs: 1000, nsPerPx: 10, widthPx: 500 };
  const z = zoomAround(vp, 200, 4);
  assert.equal(tsOf(z, 200), tsOf(vp, 200));
  assert.equal(z.nsPerPx, 2.5);
  assert.equal(panBy(z, 10).startNs, z.startNs + 25);
});

test('fitRange shows the whole range with a margin; formats carry ns digits', () => {
  const vp = fitRange(0, 1e9, 0, 1000);
  assert.ok(vp.startNs < 0 && vp.startNs + vp.nsPerPx * 1000 > 1e9);
  assert.equal(formatTimestamp(1_000_000_123), '1.000000123 s');
  assert.equal(formatDuration(1_500_000), '1.5 ms');
  assert.equal(formatDuration(250), '250 ns');
});
