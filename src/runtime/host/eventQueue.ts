// Binary min-heap of host events keyed on (timeNs, seq); seq is the insertion counter, so equal
// times pop in insertion order. Entries store their heap index for O(log n) cancel.

export interface QueueEntry<T> {
  timeNs: number;
  seq: number;
  value: T;
  /** Heap position; -1 once popped or cancelled. */
  index: number;
}

export class EventQueue<T> {
  private heap: QueueEntry<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(timeNs: number, value: T): QueueEntry<T> {
    const e: QueueEntry<T> = { timeNs, seq: this.nextSeq++, value, index: this.heap.length };
    this.heap.push(e);
    this.up(e.index);
    return e;
  }

  /** Queues a popped (or cancelled) entry again with a new seq: no allocation per wake-up. */
  reinsert(e: QueueEntry<T>, timeNs: number): QueueEntry<T> {
    if (e.index >= 0) throw new Error('eventQueue: entry is still queued');
    e.timeNs = timeNs;
    e.seq = this.nextSeq++;
    e.index = this.heap.length;
    this.heap.push(e);
    this.up(e.index);
    return e;
  }

  peek(): QueueEntry<T> | undefined {
    return this.heap[0];
  }

  pop(): QueueEntry<T> | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    this.removeAt(0);
    return top;
  }

  /** Removes `e` if still queued; returns whether it was. */
  cancel(e: QueueEntry<T>): boolean {
    if (e.index < 0 || this.heap[e.index] !== e) return false;
    this.removeAt(e.index);
    return true;
  }

  private removeAt(i: number): void {
    const h = this.heap;
    const gone = h[i];
    const last = h.pop() as QueueEntry<T>;
    gone.index = -1;
    if (i < h.length) {
      h[i] = last;
      last.index = i;
      this.down(i);
      this.up(i);
    }
  }

  private less(a: QueueEntry<T>, b: QueueEntry<T>): boolean {
    return a.timeNs < b.timeNs || (a.timeNs === b.timeNs && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    const e = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(e, h[p])) break;
      h[i] = h[p];
      h[i].index = i;
      i = p;
    }
    h[i] = e;
    e.index = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const e = h[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(h[c + 1], h[c])) c++;
      if (!this.less(h[c], e)) break;
      h[i] = h[c];
      h[i].index = i;
      i = c;
    }
    h[i] = e;
    e.index = i;
  }
}
