import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellNs, lodMarkColumns, lodMarks, lodSlices, MIXED, reduceSlices, type MarkCols, type RectEmit, type SliceCols } from '../../../webview/timeline/lod';
import { gallopLowerBound, lowerBound, MarkSeries, SliceSeries } from '../../../webview/timeline/series';
import { xOf, type Viewport } from '../../../webview/timeline/scale';
import { prng } from '../../helpers/prng';
import { drawMarks, markColumns, warmLevels } from '../../../webview/timeline/lodCache';

// The reducers were rewritten for speed (no closures, fewer calls); these are the first
// versions, and the rewritten ones must emit exactly what they emit.
const NO_KEY = -0x80000000;

/** The reducer as it was written first (closures over the run), kept as the reference. */
function referenceReduceSlices(
  s: SliceCols,
  t0: number,
  cell: number,
  a: number,
  b: number,
  joinNs: number,
  startIndex: number,
  emit: RectEmit,
  open?: { startNs: number; key: number; ev: number },
  lastTs = 0,
): number {
  const n = s.count;
  let emitted = 0;
  let p0 = 0;
  let p1 = -Infinity;
  let lastKey = 0;
  let pidx = -1;
  let pmerged = false;
  let has = false;
  // width per key within the current run (three keys tracked, the rest pooled): a run shows the
  // key holding most of it, or MIXED when none holds half
  let k0 = 0, w0 = 0, k1 = NO_KEY, w1 = 0, k2 = NO_KEY, w2 = 0, wx = 0;
  const tally = (k: number, w: number): void => {
    if (k === k0) w0 += w;
    else if (k === k1) w1 += w;
    else if (k === k2) w2 += w;
    else if (k1 === NO_KEY) (k1 = k), (w1 = w);
    else if (k2 === NO_KEY) (k2 = k), (w2 = w);
    else wx += w;
  };
  const flush = (): void => {
    const best = w0 >= w1 && w0 >= w2 ? k0 : w1 >= w2 ? k1 : k2;
    const bw = Math.max(w0, w1, w2);
    emit(p0, p1, bw * 2 > w0 + w1 + w2 + wx ? best : MIXED, pidx, pmerged);
    emitted++;
  };
  const put = (x0: number, x1: number, key: number, idx: number, merged: boolean): void => {
    const w = Math.max(x1 - x0, 1e-9);
    if (has && x0 - p1 < joinNs && (key === lastKey || (merged && pmerged))) {
      // touching rects of one key join; so do touching merged cells of different keys: at
      // that density per-pixel colours would be noise, the run takes its dominant key
      if (x1 > p1) p1 = x1;
      tally(key, w);
      lastKey = key;
      pmerged = pmerged || merged;
      return;
    }
    if (has) flush();
    has = true;
    p0 = x0;
    p1 = x1;
    lastKey = key;
    pidx = idx;
    pmerged = merged;
    k0 = key;
    w0 = w;
    k1 = k2 = NO_KEY;
    w1 = w2 = wx = 0;
  };
  let i = startIndex;
  while (i < n && s.start[i] <= b) {
    const st = s.start[i];
    const en = s.end[i];
    if (en - st >= cell) {
      put(st, en, s.key[i], i, false);
      i++;
      continue;
    }
    const cellEnd = t0 + (Math.floor((st - t0) / cell) + 1) * cell;
    let j = gallopLowerBound(s.start, i + 1, n, cellEnd);
    if (j <= i) j = i + 1;
    const last = j - 1;
    if (last === i) put(st, en, s.key[i], i, false);
    else if (s.end[last] - s.start[last] >= cell) {
      // the cell's last interval is long: keep it exact, merge only the short ones before it
      put(st, s.start[last], s.key[i], i, true);
      put(s.start[last], s.end[last], s.key[last], last, false);
    } else put(st, s.end[last], s.key[i], i, true);
    i = j;
  }
  if (open && open.startNs <= b && lastTs >= a) put(open.startNs, Math.max(lastTs, open.startNs), open.key, -1, false);
  if (has) flush();
  return emitted;
}

/** lodMarks as it was written first, kept as the reference. */
function referenceLodMarks(
  m: MarkCols,
  vp: Viewport,
  emit: (xPx: number, count: number, index: number) => void,
): number {
  const cell = cellNs(vp.nsPerPx);
  const a = vp.t0 + vp.startNs;
  const b = a + vp.widthPx * vp.nsPerPx;
  const n = m.count;
  let emitted = 0;
  let i = lowerBound(m.ts, n, a);
  while (i < n && m.ts[i] <= b) {
    const cellEnd = vp.t0 + (Math.floor((m.ts[i] - vp.t0) / cell) + 1) * cell;
    let j = gallopLowerBound(m.ts, i + 1, n, cellEnd);
    if (j <= i) j = i + 1;
    emit(xOf(vp, m.ts[i]), j - i, i);
    emitted++;
    i = j;
  }
  return emitted;
}

/** Random non-overlapping intervals: bursts of short ones, long ones, gaps; few keys. */
function randomSlices(seed: number, n: number): SliceSeries {
  const rnd = prng(seed);
  const s = new SliceSeries();
  let t = 1_000_000 + Math.floor(rnd() * 1000);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    t += r < 0.1 ? Math.floor(rnd() * 100_000) : Math.floor(rnd() * 50);
    const len = r < 0.2 ? Math.floor(rnd() * 200_000) : Math.floor(rnd() * 300);
    s.push(t, t + len, Math.floor(rnd() * 5) - 1, i);
    t += len;
  }
  return s;
}

function randomMarks(seed: number, n: number): MarkSeries {
  const rnd = prng(seed);
  const m = new MarkSeries();
  let t = 1_000_000;
  for (let i = 0; i < n; i++) {
    t += rnd() < 0.05 ? Math.floor(rnd() * 200_000) : Math.floor(rnd() * 40);
    m.push(t, i);
  }
  return m;
}

type Row = [number, number, number, number, boolean];

test('the rewritten slice reducer emits exactly what the first version did, for any cell, view and open interval', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const s = randomSlices(seed, 4000);
    const t0 = s.start[0] - (seed % 3) * 777;
    const lastTs = s.end[s.count - 1] + 5000;
    for (const nsPerPx of [0.7, 3, 40, 333, 2048, 10_000, 123_456]) {
      const cell = cellNs(nsPerPx);
      for (const [a, b] of [[-Infinity, Infinity], [s.start[100], s.start[100] + 900 * nsPerPx], [s.end[s.count - 50], lastTs + 1e6]]) {
        for (const open of [undefined, { startNs: s.end[s.count - 1] + 10, key: 3, ev: 9 }]) {
          const from = a === -Infinity ? 0 : lowerBound(s.end, s.count, a);
          const got: Row[] = [];
          const want: Row[] = [];
          const nGot = reduceSlices(s, t0, cell, a, b, nsPerPx, from, (...r) => void got.push(r), open, lastTs);
          const nWant = referenceReduceSlices(s, t0, cell, a, b, nsPerPx, from, (...r) => void want.push(r), open, lastTs);
          assert.deepEqual(got, want, `seed ${seed}, ${nsPerPx} ns/px, [${a}, ${b}]`);
          assert.equal(nGot, nWant);
        }
      }
    }
  }
});

test('the rewritten mark reducer emits exactly what the first version did', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const m = randomMarks(seed, 5000);
    for (const nsPerPx of [0.3, 5, 64, 999, 50_000]) {
      for (const startNs of [-2000, 0, 33_333, m.ts[2500] - m.ts[0]]) {
        const vp: Viewport = { t0: m.ts[0] - (seed % 4) * 101, startNs, nsPerPx, widthPx: 700 };
        const got: [number, number, number][] = [];
        const want: [number, number, number][] = [];
        assert.equal(lodMarks(m, vp, (...r) => void got.push(r)), referenceLodMarks(m, vp, (...r) => void want.push(r)));
        assert.deepEqual(got, want, `seed ${seed}, ${nsPerPx} ns/px from ${startNs}`);
      }
    }
  }
});

test('lodSlices emits in px what the first reducer emitted in ns, mapped through xOf', () => {
  for (let seed = 1; seed <= 8; seed++) {
    const s = randomSlices(seed, 3000);
    const lastTs = s.end[s.count - 1] + 5000;
    for (const nsPerPx of [0.9, 17, 600, 4096, 77_777]) {
      for (const startNs of [-5000, 0, (s.start[1500] - s.start[0]) * 0.97]) {
        const vp: Viewport = { t0: s.start[0] - seed * 13, startNs, nsPerPx, widthPx: 800 };
        const a = vp.t0 + vp.startNs;
        const b = a + vp.widthPx * nsPerPx;
        const open = { startNs: s.end[s.count - 1] + 10, key: 2, ev: 1 };
        const got: Row[] = [];
        const want: Row[] = [];
        lodSlices(s, vp, (...r) => void got.push(r), open, lastTs);
        referenceReduceSlices(s, vp.t0, cellNs(nsPerPx), a, b, nsPerPx, lowerBound(s.end, s.count, a),
          (x0, x1, key, idx, merged) => void want.push([xOf(vp, x0), xOf(vp, x1), key, idx, merged]), open, lastTs);
        assert.deepEqual(got, want, `seed ${seed}, ${nsPerPx} ns/px from ${startNs}`);
      }
    }
  }
});

test('mark columns are the columns the emitted marks fall in, raw and through cached levels', () => {
  const width = 702;
  const byEmit = (emitMarks: (mark: (x: number) => void) => void): number[] => {
    const cols = new Uint8Array(width);
    emitMarks((x) => {
      const c = Math.floor(x) + 1;
      if (c >= 0 && c < width) cols[c] = 1;
    });
    return [...cols];
  };
  for (let seed = 1; seed <= 8; seed++) {
    const m = randomMarks(seed, 20_000);
    const spanNs = m.ts[m.count - 1] - m.ts[0];
    warmLevels([], [m], m.ts[0], spanNs);
    for (const nsPerPx of [0.3, 5, 64, 999, 50_000, spanNs / 700]) {
      for (const startNs of [-2000, 0, 33_333, m.ts[9000] - m.ts[0]]) {
        const vp: Viewport = { t0: m.ts[0], startNs, nsPerPx, widthPx: 700 };
        const raw = new Uint8Array(width);
        const cached = new Uint8Array(width);
        assert.equal(lodMarkColumns(m, vp, raw, width), lodMarks(m, vp, () => {}));
        assert.deepEqual([...raw], byEmit((mark) => lodMarks(m, vp, mark)), `seed ${seed}, ${nsPerPx} ns/px from ${startNs}`);
        assert.equal(markColumns(m, vp, spanNs, cached, width), drawMarks(m, vp, spanNs, () => {}));
        assert.deepEqual([...cached], byEmit((mark) => drawMarks(m, vp, spanNs, mark)), `cached: seed ${seed}, ${nsPerPx} ns/px`);
      }
    }
  }
});
