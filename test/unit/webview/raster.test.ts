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

test('full-width translucent rows over one-colour rows match a pixel-by-pixel reference', () => {
  let seed = 11;
  const rnd = (n: number): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n);
  const w = 40;
  const h = 12;
  const colours = [packRgba(10, 20, 30, 255), packRgba(200, 0, 0, 255), packRgba(0, 0, 255, 10), packRgba(0, 255, 0, 140), packRgba(90, 90, 90, 204)];
  for (let round = 0; round < 30; round++) {
    const r = new Raster();
    r.reset(w, h, round % 2 === 0);
    const ref = new Int32Array(w * h);
    if (round % 2 === 1) {
      // a buffer the caller paints: whatever it held is unknown, the first fill covers it
      r.px.fill(packRgba(1, 1, 1, 255));
      ref.fill(packRgba(1, 1, 1, 255));
    }
    for (let k = 0; k < 25; k++) {
      const full = rnd(3) === 0;
      const x0 = full ? 0 : rnd(w);
      const x1 = full ? w : x0 + 1 + rnd(w - x0);
      const y0 = rnd(h);
      const y1 = y0 + 1 + rnd(h - y0);
      const c = colours[rnd(colours.length)];
      r.fill(x0, y0, x1, y1, c);
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ref[y * w + x] = blend(ref[y * w + x], c);
    }
    assert.deepEqual([...r.px.subarray(0, w * h)], [...ref], `round ${round}`);
  }
});

test('fillAll (boundary rows drawn, the rows between copied) leaves the same pixels as a fill per rect', () => {
  let seed = 7;
  const rnd = (n: number): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n);
  const colours = [packRgba(10, 20, 30, 255), packRgba(200, 0, 0, 255), packRgba(0, 0, 255, 10), packRgba(0, 255, 0, 140), packRgba(90, 90, 90, 204), packRgba(5, 5, 5, 0)];
  for (let round = 0; round < 60; round++) {
    const w = 10 + rnd(60);
    const h = 5 + rnd(50);
    const n = 1 + rnd(80);
    const q = new Int32Array(5 * n);
    for (let k = 0; k < n; k++) {
      // lane-like bands: rects share a few row ranges; some clipped, empty, full width or transparent
      const band = rnd(4);
      const y0 = band === 3 ? rnd(h + 6) - 3 : band * Math.floor(h / 4) + rnd(2);
      const x0 = rnd(3) === 0 ? 0 : rnd(w + 4) - 2;
      const x1 = rnd(4) === 0 ? w + rnd(3) : x0 + rnd(Math.max(1, w - x0 + 2));
      q.set([x0, y0, x1, y0 + rnd(h / 2 + 2), colours[rnd(colours.length)]], 5 * k);
    }
    // mostly a background first (as the batch draws), over the whole buffer or past it
    if (round % 4 !== 3) q.set([-rnd(2), -rnd(2), w + rnd(2), h + rnd(2), colours[rnd(2)]], 0);
    const clear = round % 3 !== 0;
    const a = new Raster();
    const b = new Raster();
    a.reset(w, h, clear);
    b.reset(w, h, clear);
    if (!clear) {
      // a buffer the caller paints: what no rect covers keeps what it held
      for (let i = 0; i < w * h; i++) a.px[i] = b.px[i] = packRgba(i % 7, i % 13, 3, 255);
    }
    for (let k = 0; k < n; k++) a.fill(q[5 * k], q[5 * k + 1], q[5 * k + 2], q[5 * k + 3], q[5 * k + 4]);
    b.fillAll(q, n);
    assert.deepEqual([...b.px.subarray(0, w * h)], [...a.px.subarray(0, w * h)], `round ${round}`);
    assert.deepEqual([b.minY, b.maxY], [a.minY, a.maxY], `touched rows, round ${round}`);
    // and a frame after it on the same buffer (the row flags fillAll left behind) still matches
    const full = packRgba(60, 70, 80, 128);
    a.fill(0, 0, w, h, full);
    b.fill(0, 0, w, h, full);
    assert.deepEqual([...b.px.subarray(0, w * h)], [...a.px.subarray(0, w * h)], `after, round ${round}`);
  }
});
