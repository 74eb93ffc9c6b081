// Compare Two Runs without vscode: the two panels end on one range whatever order their
// handshakes come in, user moves cross over, closing one ends compare mode for the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompareLink, compareTitles, runLabels, suggestPartner, type LinkPost, type Side } from '../../../src/extension/compareLink';
import type { RelativeRange } from '../../../src/protocol/messages';

const R = (a: number, b: number): RelativeRange => ({ offsetStartNs: a, offsetEndNs: b });

/** Two fake webviews: each answers `compare` with its own fit, and shows what syncView says. */
function harness(fits: [RelativeRange, RelativeRange]) {
  const link = new CompareLink(['A', 'B']);
  const shown: [RelativeRange, RelativeRange] = [fits[0], fits[1]];
  const peers: [string | null, string | null] = [null, null];
  const deliver = (posts: LinkPost[]): void => {
    for (const p of posts) {
      if (p.msg.type === 'syncView') shown[p.side] = p.msg.range;
      else if (p.msg.type === 'compare') {
        peers[p.side] = p.msg.peer;
        // app.ts posts its range on compare
        if (p.msg.peer !== null) deliver(link.viewRange(p.side, shown[p.side]));
      }
    }
  };
  return { link, shown, peers, deliver, attach: (s: Side) => deliver(link.attached(s)), user: (s: Side, r: RelativeRange) => { shown[s] = r; deliver(link.viewRange(s, r)); } };
}

test('both handshake orders converge on one range, the first side\'s fit', () => {
  for (const order of [[0, 1], [1, 0]] as const) {
    const h = harness([R(0, 100), R(0, 300)]);
    h.attach(order[0]);
    h.attach(order[1]);
    assert.deepEqual(h.shown[0], h.shown[1], `order ${order}`);
    assert.deepEqual(h.shown[0], order[0] === 0 ? R(0, 100) : R(0, 300));
    assert.deepEqual(h.peers, ['B', 'A']);
  }
});

test('answers to compare that arrive after both were sent do not swap the fits', () => {
  const h = harness([R(0, 100), R(0, 300)]);
  // both compares out before either answer comes back
  const out = [...h.link.attached(0), ...h.link.attached(1)];
  assert.deepEqual(out.map((p) => p.msg), [{ type: 'compare', peer: 'B' }, { type: 'compare', peer: 'A' }]);
  h.deliver(h.link.viewRange(0, h.shown[0]));
  h.deliver(h.link.viewRange(1, h.shown[1]));
  assert.deepEqual(h.shown, [R(0, 100), R(0, 100)]);
});

test('a user move on either side moves the other; a re-shown panel gets the agreed range', () => {
  const h = harness([R(0, 100), R(0, 300)]);
  h.attach(0);
  h.attach(1);
  h.user(1, R(40, 60));
  assert.deepEqual(h.shown, [R(40, 60), R(40, 60)]);
  h.user(0, R(45, 50));
  assert.deepEqual(h.shown, [R(45, 50), R(45, 50)]);
  // panel 1 hidden and shown again: its webview refits to its own trace, then is moved back
  h.shown[1] = R(0, 300);
  h.attach(1);
  assert.deepEqual(h.shown, [R(45, 50), R(45, 50)]);
  assert.deepEqual(h.link.current, R(45, 50));
});

test('closing one side ends compare mode for the other, once; invalid ranges are ignored', () => {
  const h = harness([R(0, 100), R(0, 300)]);
  h.attach(0);
  h.attach(1);
  assert.deepEqual(h.link.viewRange(0, R(50, 50)), []);
  assert.deepEqual(h.link.viewRange(0, R(Number.NaN, 5)), []);
  assert.deepEqual(h.link.closed(1), [{ side: 0, msg: { type: 'compare', peer: null } }]);
  assert.equal(h.link.active, false);
  assert.deepEqual(h.link.closed(0), []);
  assert.deepEqual(h.link.viewRange(0, R(1, 2)), []);
  assert.deepEqual(h.link.attached(0), []);
});

test('labels name the seed only when the scenario is the same; titles are never the main one', () => {
  assert.deepEqual(runLabels({ name: 'pi', seed: 4 }, { name: 'pi-inherit', seed: 4 }), ['pi', 'pi-inherit']);
  assert.deepEqual(runLabels({ name: 'pi', seed: 4 }, { name: 'pi', seed: 9 }), ['pi (seed 4)', 'pi (seed 9)']);
  assert.deepEqual(runLabels({ name: 'pi', seed: 4 }, { name: 'pi', seed: 4 }), ['pi (A)', 'pi (B)']);
  const t = compareTitles(['priority-inversion', 'priority-inversion-inherit']);
  assert.deepEqual(t, ['LKL Scope: priority-inversion (compare)', 'LKL Scope: priority-inversion-inherit (compare)']);
  assert.ok(t.every((x) => x !== 'LKL Scope Timeline'));
});

test('the partner of a scenario is the one extending its name (either way)', () => {
  const lib = ['/x/scenarios/deadlock.scenario.json', '/x/scenarios/priority-inversion.scenario.json', '/x/scenarios/priority-inversion-inherit.scenario.json'];
  assert.equal(suggestPartner(lib[1], lib), lib[2]);
  assert.equal(suggestPartner(lib[2], lib), lib[1]);
  assert.equal(suggestPartner(lib[0], lib), undefined);
  assert.equal(suggestPartner('C:\\w\\priority.scenario.json', lib), lib[1]);
});
