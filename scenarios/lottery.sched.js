// Lottery scheduling (Waldspurger & Weihl, 1994), as a scenario's own scheduling class.
// Each runnable task holds tickets (its CFS weight: nice -5 holds about 3x the tickets of nice 0);
// every pick draws one ticket, and the holder runs. A tick redraws, so shares are probabilistic.
//
// The kernel calls: enqueue(task, nowNs, wakeup), dequeue(task, nowNs),
// pickNext(prev, nowNs, yielding) -> a pid or null, tick(curr, nowNs) -> reschedule?,
// checkPreempt(curr, woken) -> preempt?. A task is {pid, comm, nice, weight} (read-only).
// ctx.random() is seeded by the scenario (same seed, same draws); ctx.log() writes to the kernel log.
// This file runs only in a trusted workspace.

module.exports = {
  create(ctx) {
    const runnable = new Map(); // pid -> tickets
    return {
      name: 'lottery',
      /** Every draw, in order: {pid, prev} (tests compare it with the trace). */
      picks: [],
      enqueue(task) {
        runnable.set(task.pid, Math.max(1, Math.round(task.weight / 100)));
      },
      dequeue(task) {
        runnable.delete(task.pid);
      },
      pickNext(prev, nowNs, yielding) {
        let total = 0;
        for (const [pid, t] of runnable) if (!(yielding && prev && pid === prev.pid && runnable.size > 1)) total += t;
        if (total === 0) return null;
        let draw = Math.floor(ctx.random() * total);
        for (const [pid, t] of runnable) {
          if (yielding && prev && pid === prev.pid && runnable.size > 1) continue;
          if (draw < t) {
            this.picks.push({ pid, prev: prev ? prev.pid : null });
            return pid;
          }
          draw -= t;
        }
        return null;
      },
      tick() {
        return runnable.size > 1; // redraw at every tick when there is a choice
      },
      checkPreempt() {
        return false; // a woken task waits for the next draw
      },
    };
  },
};
