// Scheduler analyses: hand-made cases with known answers, and a reference computed by a second,
// naive method (per CPU and per task sweeps over event objects) on every shared trace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schedStats } from '../../../../src/trace/analyses/sched';
import { percentile } from '../../../../src/trace/analyses/percentiles';
import { NONE, type TraceEvent } from '../../../../src/trace/events';
import { EventStore } from '../../../../src/trace/store';
import { importSplit, sharedTraces } from '../../importers/helpers';

function storeOf(rows: [ts: number, kind: TraceEvent['kind'], cpu: number, task: number, peer: number, arg: TraceEvent['arg']][]): EventStore {
  const s = new EventStore();
  rows.forEach(([ts, kind, host, task, peer, arg], seq) => s.appendEvent({ seq, ts, kind, host, task, obj: NONE, peer, arg, gen: 0 }));
  return s;
}

test('hand-made: running, runnable, blocked, switches, wake-up latency, CPU busy/idle', () => {
  const s = storeOf([
    [0, 'sched.switch', 0, 0, 10, 'R'], // cpu0: idle → 10
    [0, 'sched.switch', 1, 0, 20, 'R'], // cpu1: idle → 20
    [100, 'sched.switch', 0, 10, 0, 'S'], // 10 blocks after 100 running
    [150, 'sched.waking', 1, 20, 10, 0], // task = the waker (20, current on cpu1), peer = the woken (10)
    [160, 'sched.wakeup', 1, 20, 10, 0], // runnable from the waking, latency from the wakeup
    [200, 'sched.switch', 1, 20, 10, 'R+'], // 20 preempted; 10 runs on cpu1 (latency 40)
    [260, 'sched.waking', 0, 0, 20, 0], // 20 is runnable: a waking does not restart it
    [300, 'sched.switch', 0, 0, 20, 'R'], // 20 runs on cpu0 after 100 runnable; no wake-up pending
    [400, 'marker', 0, 20, NONE, 'end'],
  ]);
  const r = schedStats(s);
  const t10 = r.tasks.find((t) => t.pid === 10)!;
  const t20 = r.tasks.find((t) => t.pid === 20)!;
  assert.deepEqual([t10.runningNs, t10.runnableNs, t10.blockedNs, t10.switchesIn, t10.wakeups], [100 + 200, 50, 50, 2, 1]);
  assert.deepEqual([t10.wakeLatencyNs.p50, t10.wakeLatencyNs.max, t10.wakeLatencyNs.count], [40, 40, 1]);
  assert.deepEqual([t20.runningNs, t20.runnableNs, t20.blockedNs, t20.switchesIn, t20.wakeups], [200 + 100, 100, 0, 2, 1]);
  assert.deepEqual([t20.wakeLatencyNs.count, t20.wakeLatencyNs.max], [1, 40], 'waking 260 → switch-in 300');
  assert.deepEqual(r.cpus, [{ cpu: 0, busyNs: 100 + 100, idleNs: 200 }, { cpu: 1, busyNs: 400, idleNs: 0 }]);
  assert.deepEqual(r.pids, [0, 10, 20]);
});

test('a runtime trace: one LKL CPU for all host threads; obj says who sleeps, arg dead who exited', () => {
  // LKL: the switch is emitted on the previous task's host thread; the next one runs on its own.
  // [ts, host thread, prev, next, obj prev sleeps on (NONE: stays runnable), how prev leaves]
  const rows: [number, number, number, number, number, string][] = [
    [0, 1, 0, 10, 5, 'block'], // swapper → 10
    [100, 1, 10, 20, 7, 'block'], // 10 sleeps on object 7; 20 runs (on host thread 2)
    [150, 2, 20, 10, NONE, 'block'], // 20 preempted (runnable); 10 runs again (on host thread 1)
    [200, 1, 10, 20, NONE, 'dead'], // 10 exits; 20 runs
    [250, 2, 20, 0, 9, 'block'], // 20 sleeps; idle
  ];
  const s = new EventStore();
  rows.forEach(([ts, host, task, peer, obj, arg], seq) => s.appendEvent({ seq, ts, kind: 'sched.switch', host, task, obj, peer, arg, gen: 0 }));
  s.appendEvent({ seq: 9, ts: 300, kind: 'marker', host: 1, task: NONE, obj: NONE, peer: NONE, arg: 'end', gen: 0 });
  const one = schedStats(s, { runtime: true });
  const t = (pid: number) => one.tasks.find((x) => x.pid === pid)!;
  assert.deepEqual([t(10).runningNs, t(10).blockedNs, t(10).runnableNs], [100 + 50, 50, 0], 'dead after 200: neither blocked nor runnable');
  assert.deepEqual([t(20).runningNs, t(20).runnableNs, t(20).blockedNs], [50 + 50, 50, 50]);
  assert.deepEqual(one.cpus, [{ cpu: 0, busyNs: 250, idleNs: 50 }]);
  // read per host thread instead, 10 would seem to run on host 1 from 0 to 150 while 20 ran
  const split = schedStats(s);
  assert.ok(split.tasks.find((x) => x.pid === 20)!.runningNs > t(20).runningNs);
  const total = one.tasks.reduce((a, x) => a + x.runningNs, 0);
  assert.ok(total <= one.lastTs - one.firstTs, `${total} ns of running in ${one.lastTs - one.firstTs} ns`);
});

test('without a CPU column (tp_printk) running time follows the task', () => {
  const s = storeOf([
    [0, 'sched.switch', NONE, 0, 10, 'R'],
    [5, 'sched.switch', NONE, 0, 20, 'R'], // another CPU, unknown which
    [30, 'sched.switch', NONE, 10, 0, 'S'],
    [50, 'sched.switch', NONE, 20, 10, 'R'],
    [70, 'marker', NONE, NONE, NONE, 'end'],
  ]);
  const r = schedStats(s);
  assert.deepEqual(r.tasks.map((t) => [t.pid, t.runningNs, t.runnableNs, t.blockedNs]), [[10, 30 + 20, 0, 20], [20, 45, 20, 0]]);
  assert.deepEqual(r.cpus, []);
});

test('percentiles use the nearest rank', () => {
  const s = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual([percentile(s, 50), percentile(s, 95), percentile(s, 99), percentile(s, 100)], [5, 10, 10, 10]);
  assert.equal(percentile(new Float64Array(0), 50), 0);
});

/** The naive method: each CPU's switches in a list, each task's events in a list, swept apart. */
function reference(events: TraceEvent[]) {
  const lastTs = events.length ? events[events.length - 1].ts : 0;
  const running = new Map<number, number>();
  const cpu = new Map<number, { busy: number; idle: number }>();
  const switches = events.filter((e) => e.kind === 'sched.switch');
  for (const c of new Set(switches.map((e) => e.host))) {
    const mine = switches.filter((e) => e.host === c);
    const acc = { busy: 0, idle: 0 };
    mine.forEach((e, i) => {
      const end = i + 1 < mine.length ? mine[i + 1].ts : lastTs;
      if (e.peer === 0) acc.idle += end - e.ts;
      else {
        acc.busy += end - e.ts;
        running.set(e.peer, (running.get(e.peer) ?? 0) + end - e.ts);
      }
    });
    cpu.set(c, acc);
  }
  const tasks = new Map<number, { runnable: number; blocked: number; ins: number; wakeups: number; lat: number[] }>();
  const pids = new Set<number>();
  for (const e of events) {
    if (e.kind === 'sched.switch') (e.task > 0 && pids.add(e.task), e.peer > 0 && pids.add(e.peer));
    if ((e.kind === 'sched.wakeup' || e.kind === 'sched.waking') && e.peer > 0) pids.add(e.peer);
  }
  for (const pid of pids) {
    const mine = events.filter((e) =>
      (e.kind === 'sched.switch' && (e.task === pid || e.peer === pid)) ||
      ((e.kind === 'sched.wakeup' || e.kind === 'sched.waking') && e.peer === pid));
    let state = 'unknown';
    let since = 0;
    let wake: number | null = null;
    let waking: number | null = null;
    const t = { runnable: 0, blocked: 0, ins: 0, wakeups: 0, lat: [] as number[] };
    const close = (at: number) => {
      if (state === 'runnable') t.runnable += at - since;
      if (state === 'blocked') t.blocked += at - since;
    };
    for (const e of mine) {
      if (e.kind === 'sched.switch' && e.task === pid) {
        const s = String(e.arg);
        state = s.startsWith('R') ? 'runnable' : s.startsWith('X') || s.startsWith('Z') ? 'dead' : 'blocked';
        since = e.ts;
      }
      if (e.kind === 'sched.switch' && e.peer === pid) {
        close(e.ts);
        t.ins++;
        if (wake !== null) t.lat.push(e.ts - wake);
        else if (waking !== null) t.lat.push(e.ts - waking);
        wake = waking = null;
        state = 'running';
        since = e.ts;
      }
      if ((e.kind === 'sched.wakeup' || e.kind === 'sched.waking') && state !== 'running') {
        if (wake === null && waking === null) t.wakeups++;
        if (e.kind === 'sched.wakeup' && wake === null) wake = e.ts;
        if (e.kind === 'sched.waking' && wake === null && waking === null) waking = e.ts;
        if (state !== 'runnable') {
          close(e.ts);
          state = 'runnable';
          since = e.ts;
        }
      }
    }
    close(lastTs);
    tasks.set(pid, t);
  }
  return { running, cpu, tasks };
}

for (const path of sharedTraces()) {
  test(`reference agrees exactly: ${path.split('/').pop()}`, () => {
    const r = importSplit(new Uint8Array(readFileSync(path)));
    const got = schedStats(r.store);
    const ref = reference(r.events);
    assert.deepEqual(
      got.cpus.map((c) => [c.cpu, c.busyNs, c.idleNs]),
      [...ref.cpu].sort((a, b) => a[0] - b[0]).map(([c, v]) => [c, v.busy, v.idle]),
    );
    const refPids = [...ref.tasks.keys()].sort((a, b) => a - b);
    assert.deepEqual(got.tasks.map((t) => t.pid).filter((p) => ref.tasks.has(p)), refPids);
    let samples = 0;
    for (const t of got.tasks) {
      const want = ref.tasks.get(t.pid) ?? { runnable: 0, blocked: 0, ins: 0, wakeups: 0, lat: [] };
      const sorted = Float64Array.from(want.lat).sort();
      assert.deepEqual(
        [t.runningNs, t.runnableNs, t.blockedNs, t.switchesIn, t.wakeups, t.wakeLatencyNs.p50, t.wakeLatencyNs.p95, t.wakeLatencyNs.p99, t.wakeLatencyNs.max],
        [ref.running.get(t.pid) ?? 0, want.runnable, want.blocked, want.ins, want.wakeups, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.length ? sorted[sorted.length - 1] : 0],
        `pid ${t.pid}`,
      );
      samples += want.lat.length;
    }
    assert.ok(samples > 100, 'the trace has wake-ups to measure');
    assert.equal(got.wakeLatencyNs.count, samples);
    assert.equal(got.wakeLatencyHistogram.buckets.reduce((a, b) => a + b, 0), samples);
  });
}
