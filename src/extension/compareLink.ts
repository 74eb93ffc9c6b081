// Compare Two Runs, the parts without vscode (unit-tested in node): which messages keep two
// timeline panels on the same relative range, how the runs are labelled, and which scenario
// is the natural partner of another.
import type { RelativeRange, ToWebview } from '../protocol/messages';

export type Side = 0 | 1;

/** A message for one side's panel. */
export interface LinkPost {
  side: Side;
  msg: ToWebview;
}

const other = (s: Side): Side => (s === 0 ? 1 : 0);

/**
 * Keeps two panels in step. A webview answers `compare` by posting the range it shows (its own
 * fit of its own trace); that first answer is not a user move: once a range is agreed, the
 * late side is moved to it instead, so the two never swap their initial fits.
 */
export class CompareLink {
  private range: RelativeRange | undefined;
  /** Whether the side's next viewRange is its answer to `compare` (true until it has answered). */
  private readonly initial: [boolean, boolean] = [true, true];
  private open = true;

  constructor(readonly labels: readonly [string, string]) {}

  get active(): boolean {
    return this.open;
  }

  /** The range both sides show (relative to each trace's first event), once known. */
  get current(): RelativeRange | undefined {
    return this.range;
  }

  /** The side's webview completed its handshake (first time or after being hidden). */
  attached(side: Side): LinkPost[] {
    if (!this.open) return [];
    this.initial[side] = true;
    return [{ side, msg: { type: 'compare', peer: this.labels[other(side)] } }];
  }

  /** The side posted the range it shows. */
  viewRange(side: Side, r: RelativeRange): LinkPost[] {
    if (!this.open || !validRange(r)) return [];
    const peer = other(side);
    if (this.initial[side]) {
      this.initial[side] = false;
      if (this.range) return [{ side, msg: { type: 'syncView', range: this.range } }];
      this.range = r;
      // A peer still to answer will be moved to this range when it does.
      return this.initial[peer] ? [] : [{ side: peer, msg: { type: 'syncView', range: r } }];
    }
    this.range = r;
    return [{ side: peer, msg: { type: 'syncView', range: r } }];
  }

  /** The side's panel closed: the other leaves compare mode. */
  closed(side: Side): LinkPost[] {
    if (!this.open) return [];
    this.open = false;
    return [{ side: other(side), msg: { type: 'compare', peer: null } }];
  }
}

function validRange(r: RelativeRange): boolean {
  return Number.isFinite(r.offsetStartNs) && Number.isFinite(r.offsetEndNs) && r.offsetEndNs > r.offsetStartNs;
}

export interface RunChoice {
  /** The scenario's name (its `name` field). */
  name: string;
  seed: number;
}

/** Labels naming each run: the scenario, and the seed when both runs are the same scenario. */
export function runLabels(a: RunChoice, b: RunChoice): [string, string] {
  if (a.name !== b.name) return [a.name, b.name];
  if (a.seed !== b.seed) return [`${a.name} (seed ${a.seed})`, `${b.name} (seed ${b.seed})`];
  return [`${a.name} (A)`, `${b.name} (B)`];
}

/** Panel titles; never the main timeline's "LKL Scope Timeline", so that one stays findable. */
export function compareTitles(labels: readonly [string, string]): [string, string] {
  return [`LKL Scope: ${labels[0]} (compare)`, `LKL Scope: ${labels[1]} (compare)`];
}

/**
 * The scenario another is naturally compared with: one whose file name extends it by a
 * `-suffix` (priority-inversion ↔ priority-inversion-inherit), shortest first; else none.
 */
export function suggestPartner(file: string, candidates: readonly string[]): string | undefined {
  const stem = (f: string) => (f.split(/[\\/]/).pop() ?? f).replace(/\.scenario\.json$/, '');
  const me = stem(file);
  const related = candidates
    .filter((c) => stem(c) !== me)
    .filter((c) => stem(c).startsWith(`${me}-`) || me.startsWith(`${stem(c)}-`))
    .sort((x, y) => stem(x).length - stem(y).length || stem(x).localeCompare(stem(y)));
  return related[0];
}
