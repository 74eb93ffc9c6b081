import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitTest } from '../../../webview/timeline/hitTest';
import { Lane, layoutLanes, rowAt } from '../../../webview/timeline/lanes';

function lanes(): Lane[] {
  const a = new Lane(0, 'host', 0);
  a.runs[0].push(1000, 2000, 5, 10);
  a.runs[0].push(2000.2, 2000.4, 6, 11); // sub-pixel
  a.marks[3].push(3000, 12);
  a.waits.push(4000, 6000, 2, 13);
  const b = new Lane(1, 'host', 1);
  b.open[0] = { startNs: 500, key: 9, ev: 14 };
  return [a, b];
}

test('rows stack by lane height and rowAt finds them', () => {
  const rows = layoutLanes(lanes(), 20, 0);
  assert.equal(rows[0].yPx, 20);
  assert.equal(rows[1].yPx, 20 + rows[0].heightPx);
  assert.equal(rowAt(rows, 21)?.lane.id, 0);
  assert.equal(rowAt(rows, rows[1].yPx + 1)?.lane.id, 1);
  assert.equal(rowAt(rows, 5), undefined);
});

test('slices, marks, waits and open slices are hit; empty space is not', () => {
  const rows = layoutLanes(lanes(), 0, 0);
  const vp = { t0: 0, startNs: 0, nsPerPx: 10, widthPx: 1000 };
  const y0 = 5;
  const y1 = rows[1].yPx + 5;
  const o = { lastTs: 9000 };
  assert.deepEqual(
    { ...hitTest(rows, vp, 150, y0, o), lane: undefined },
    { kind: 'slice', ev: 10, startNs: 1000, endNs: 2000, key: 5, lane: undefined },
  );
  assert.equal(hitTest(rows, vp, 301, y0, o)?.kind, 'mark');
  assert.equal(hitTest(rows, vp, 301, y0, { ...o, evVisible: () => false }), undefined);
  assert.equal(hitTest(rows, vp, 500, y0, o)?.kind, 'wait');
  assert.equal(hitTest(rows, vp, 800, y0, o), undefined);
  assert.equal(hitTest(rows, vp, 800, y1, o)?.ev, 14, 'the open slice runs to lastTs');
  assert.equal(hitTest(rows, vp, 950, y1, o), undefined);
});

test('a sub-pixel slice is pickable within the tolerance', () => {
  const rows = layoutLanes(lanes(), 0, 0);
  const vp = { t0: 0, startNs: 0, nsPerPx: 0.01, widthPx: 1000 };
  // zoomed so 2000.2..2000.4 spans 20 px starting at x = 200020
  const hit = hitTest(rows, { ...vp, startNs: 2000 }, 30, 5, { lastTs: 9000 });
  assert.equal(hit?.ev, 11);
});

test('in the marker label band a deadlock marker wins over the lane under it, label width included', () => {
  const rows = layoutLanes(lanes(), 0, 0);
  const vp = { t0: 0, startNs: 0, nsPerPx: 10, widthPx: 1000 };
  const markers = [{ tsNs: 1100, kind: 'deadlock' as const, ev: 99 }];
  const band: [number, number] = [0, 15];
  // x 150 is on the label (drawn right of the line at x 110), over lane 0's running slice
  assert.equal(hitTest(rows, vp, 150, 5, { lastTs: 9000, markers, markerBandPx: band })?.kind, 'marker');
  assert.equal(hitTest(rows, vp, 150, 5, { lastTs: 9000, markers })?.kind, 'slice', 'without the band: the slice');
  assert.equal(hitTest(rows, vp, 150, 20, { lastTs: 9000, markers, markerBandPx: band })?.kind, 'slice', 'below the band');
  assert.equal(hitTest(rows, vp, 195, 5, { lastTs: 9000, markers, markerBandPx: band })?.kind, 'slice', 'past the label');
  // at the right edge the label is drawn left of the line
  const edge = [{ tsNs: 9950, kind: 'panic' as const, ev: 7 }];
  assert.equal(hitTest(rows, vp, 960, 5, { lastTs: 9000, markers: edge, markerBandPx: band })?.ev, 7);
});
