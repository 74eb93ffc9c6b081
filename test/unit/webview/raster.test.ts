import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blend, packRgba, parseCanvasColour, Raster } from '../../../webview/timeline/raster';

const rgba = (c: number): number[] => [c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24];

test('colours the 2D context hands back parse to RGBA bytes, times the swatch alpha', () => {
  assert.deepEqual(rgba(parseCanvasColour('#3794ff') as number), [0x37, 0x94, 0xff, 255]);
  assert.deepEqual(rgba(parseCanvasColour('#3794ff', 0.6) as number), [0x37, 0x94, 0xff, 153]);
  assert.deepEqual(rgba(parseCanvasColour('rgba(128, 128, 128, 0.35)') as number), [128, 128, 128, 89]);
  assert.deepEqual(rgba(parseCanvasColour('#80808059') as number), [128, 128, 128, 0x59]);
  assert.equal(parseCanvasColour('hotpink'), undefined);
});

test('source-over: opaque replaces, translucent mixes, onto transparent keeps the source', () => {
  const red = packRgba(255, 0, 0, 255);
  const halfBlue = packRgba(0, 0, 255, 128);
  assert.equal(blend(red, packRgba(0, 255, 0, 255)), packRgba(0, 255, 0, 255));
  assert.equal(blend(0, halfBlue), halfBlue);
  const [r, g, b, a] = rgba(blend(red, halfBlue));
  assert.equal(a, 255);
  assert.ok(Math.abs(r - 127) <= 1 && g === 0 && Math.abs(b - 128) <= 1, `${r},${g},${b}`);
  // translucent over translucent: alpha grows, never past opaque
  const [, , , a2] = rgba(blend(halfBlue, halfBlue));
  assert.ok(a2 > 128 && a2 < 255);
});

test('fills clip to the buffer, cover exactly their pixels and track the touched rows', () => {
  const r = new Raster();
  r.reset(10, 8);
  const c = packRgba(1, 2, 3, 255);
  r.fill(-5, 2, 3, 4, c);
  r.fill(9, 6, 20, 30, c);
  let n = 0;
  for (let y = 0; y < 8; y++) for (let x = 0; x < 10; x++) if (r.px[y * 10 + x] === c) n++;
  assert.equal(n, 3 * 2 + 1 * 2);
  assert.equal(r.px[2 * 10 + 2], c);
  assert.equal(r.px[2 * 10 + 3], 0);
  assert.deepEqual([r.minY, r.maxY], [2, 8]);
  r.fill(3, 3, 3, 5, c); // empty: nothing drawn
  r.reset(4, 4);
  assert.ok(r.px.subarray(0, 16).every((v) => v === 0), 'reset clears what it reuses');
  assert.deepEqual([r.minY, r.maxY], [4, 0]);
});
