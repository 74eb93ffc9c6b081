// The sem.up that will wake each host thread, kept until that thread's sem.down draws the
// hand-off arrow. One per sem.up on the load's hot path: columns indexed by host id instead of
// a Map of fresh objects (the Map's churn and garbage were a tenth of the model's time).
import { grow } from './series';

/** Host ids at or above this (or negative) go to a Map: ids are small in practice. */
const DIRECT_IDS = 1 << 20;

interface PendingUp {
  ts: number;
  lane: number;
  ev: number;
}

export class PendingUps {
  /** The up the last successful take() removed: its ts, lane id and event index. */
  takenTs = 0;
  takenLane = 0;
  takenEv = 0;
  private has = new Uint8Array(16);
  private ts = new Float64Array(16);
  private lane = new Int32Array(16);
  private ev = new Int32Array(16);
  private readonly other = new Map<number, PendingUp>();

  /** The up that will wake host `h` (a later one replaces it). */
  set(h: number, ts: number, lane: number, ev: number): void {
    if (h < 0 || h >= DIRECT_IDS) {
      this.other.set(h, { ts, lane, ev });
      return;
    }
    if (h >= this.has.length) {
      this.has = grow(this.has, h + 1);
      this.ts = grow(this.ts, h + 1);
      this.lane = grow(this.lane, h + 1);
      this.ev = grow(this.ev, h + 1);
    }
    this.has[h] = 1;
    this.ts[h] = ts;
    this.lane[h] = lane;
    this.ev[h] = ev;
  }

  /** Removes the up pending for host `h` into takenTs/takenLane/takenEv; false when none was. */
  take(h: number): boolean {
    if (h < 0 || h >= DIRECT_IDS) {
      const u = this.other.get(h);
      if (!u) return false;
      this.other.delete(h);
      this.takenTs = u.ts;
      this.takenLane = u.lane;
      this.takenEv = u.ev;
      return true;
    }
    if (h >= this.has.length || this.has[h] === 0) return false;
    this.has[h] = 0;
    this.takenTs = this.ts[h];
    this.takenLane = this.lane[h];
    this.takenEv = this.ev[h];
    return true;
  }
}
