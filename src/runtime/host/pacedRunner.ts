// Paced mode for live viewing: runs a runtime ahead in slices and releases its events to the
// consumer in wall-clock time scaled by a speed factor. The caller supplies the clock and the
// timer, so no timers live in src/runtime; pacing only delays delivery, so the trace is unchanged.

import type { EventKind, TraceEvent } from '../../trace/events';

/** The part of Runtime the paced runner drives. */
export interface SliceRunnable {
  runSlice(maxSteps: number): boolean;
  readonly finished: boolean;
  subscribe(fn: (batch: readonly TraceEvent[]) => void): () => void;
}

export interface PacedRunnerOptions {
  /** Calls `fn` after `ms` wall milliseconds (setTimeout in the extension). */
  schedule(fn: () => void, ms: number): void;
  /** Wall clock in ms (performance.now in the extension). */
  nowMs(): number;
  /** Receives released events in order. */
  deliver(batch: readonly TraceEvent[]): void;
  /** Virtual ns shown per wall ns (1 = real time, 0.001 = 1000× slower). Default 1. */
  speed?: number;
  /** Wall ms between releases. Default 16. */
  frameMs?: number;
  /** Host steps per slice while running ahead. Default 2000. */
  sliceSteps?: number;
  /**
   * The longest wall time an idle stretch (no event due) is played out, ms; a longer one is cut
   * to this, so a sleeping scenario or a far timer does not keep the viewer waiting. Default 400.
   */
  maxIdleWallMs?: number;
  /** Called once everything produced has been released and the runtime has nothing more to run. */
  onDrained?(): void;
}

export class PacedRunner {
  private buffer: TraceEvent[] = [];
  private head = 0;
  private paused = true;
  private ticking = false;
  private speed: number;
  private wallAnchorMs = 0;
  private virtAnchorNs = 0;
  private lastReleasedNs = 0;
  private exhausted = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly rt: SliceRunnable,
    private readonly opts: PacedRunnerOptions,
  ) {
    this.speed = opts.speed ?? 1;
    this.unsubscribe = rt.subscribe((b) => {
      for (const e of b) this.buffer.push(e);
    });
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Events produced but not yet released. */
  get pending(): number {
    return this.buffer.length - this.head;
  }

  /** Virtual time of the last released event. */
  get releasedNs(): number {
    return this.lastReleasedNs;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.anchor();
    this.tick();
  }

  pause(): void {
    this.paused = true;
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) return;
    this.speed = speed;
    this.anchor();
  }

  /**
   * Pauses, then releases every event up to and including the next one of `kind` (or of any of
   * the kinds); false if none came.
   */
  stepTo(kind: EventKind | readonly EventKind[], maxSteps = 1_000_000): boolean {
    this.pause();
    const kinds: readonly EventKind[] = typeof kind === 'string' ? [kind] : kind;
    let steps = 0;
    let from = this.head;
    for (;;) {
      let i = -1;
      for (let j = from; j < this.buffer.length && i < 0; j++) if (kinds.includes(this.buffer[j].kind)) i = j;
      from = this.buffer.length;
      if (i >= 0) {
        this.release(i + 1);
        return true;
      }
      if (this.exhausted || steps >= maxSteps) {
        this.release(this.buffer.length);
        return false;
      }
      this.produce(1000);
      steps += 1000;
    }
  }

  /** The runtime got new work (a spawned thread, a halt): keep producing. */
  poke(): void {
    if (this.rt.finished) return;
    this.exhausted = false;
    this.tick();
  }

  dispose(): void {
    this.paused = true;
    this.unsubscribe();
  }

  private anchor(): void {
    this.wallAnchorMs = this.opts.nowMs();
    this.virtAnchorNs = this.lastReleasedNs;
  }

  private produce(steps: number): void {
    if (this.exhausted) return;
    if (!this.rt.runSlice(steps)) this.exhausted = true;
  }

  private release(end: number): void {
    if (end <= this.head) return;
    const batch = this.buffer.slice(this.head, end);
    this.head = end;
    this.lastReleasedNs = batch[batch.length - 1].ts;
    if (this.head > 65536) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    this.opts.deliver(batch);
  }

  private tick(): void {
    if (this.paused || this.ticking) return;
    this.ticking = true;
    let untilNs = this.virtAnchorNs + (this.opts.nowMs() - this.wallAnchorMs) * 1e6 * this.speed;
    // Run ahead until the buffer covers the release point (bounded per frame).
    for (let n = 0; n < 50 && !this.exhausted; n++) {
      const last = this.buffer[this.buffer.length - 1];
      if (last && last.ts > untilNs) break;
      this.produce(this.opts.sliceSteps ?? 2000);
    }
    // An idle stretch longer than maxIdleWallMs is cut: the clock skips ahead to leave only that.
    const next = this.buffer[this.head];
    const maxGapNs = (this.opts.maxIdleWallMs ?? 400) * 1e6 * this.speed;
    if (next && next.ts - untilNs > maxGapNs) {
      const skip = next.ts - untilNs - maxGapNs;
      this.virtAnchorNs += skip;
      untilNs += skip;
    }
    let end = this.head;
    while (end < this.buffer.length && this.buffer[end].ts <= untilNs) end++;
    this.release(end);
    this.ticking = false;
    if (this.exhausted && this.head >= this.buffer.length) {
      this.paused = true;
      this.opts.onDrained?.();
      return;
    }
    this.opts.schedule(() => this.tick(), this.opts.frameMs ?? 16);
  }
}
