// Derives what the timeline draws from the event store, incrementally (streaming appends only
// process new events): lanes, running slices (from cpu.owner / sched.switch), blocked waits,
// marks, arrows (wake-up, up->down hand-off, switch), fault markers and kexec generation bands.
// A task that switches out naming a wait object is blocked on it until its wake-up: that stretch
// is a wait keyed by the switch (SLEEP_KEY); from the wake-up to its switch-in it is runnable
// (RUNNABLE_KEY, the host thread's own wait, parked behind the sleep until then).
import { EVENT_KINDS, KIND_CODE, NONE, type EventKind } from '../../src/trace/events';
import { MARK_CLASS } from './markClass';
import { closeRun, closeWait, endHostWait, hostWait, openRun, openWait, SLEEP_KEY, switchedIn, wake } from './intervals';
import { Lane, compareLanes, type LaneKind } from './lanes';
import { PendingUps } from './pendingUps';
import { ArrowSeries, type ArrowType } from './series';
import type { EventStore } from './store';

const K = (k: EventKind): number => KIND_CODE.get(k) as number;
const C = {
  owner: K('cpu.owner'), get: K('cpu.get'), getWait: K('cpu.get.wait'), put: K('cpu.put'),
  shutdown: K('cpu.shutdown'), sw: K('sched.switch'), wakeup: K('sched.wakeup'), waking: K('sched.waking'),
  up: K('sem.up'), downWait: K('sem.down.wait'), down: K('sem.down'),
  lockWait: K('mutex.lock.wait'), lock: K('mutex.lock'), unlock: K('mutex.unlock'),
  joinWait: K('thread.join.wait'), join: K('thread.join'),
  bootBegin: K('boot.phase.begin'), bootEnd: K('boot.phase.end'),
  icBegin: K('boot.initcall.begin'), icEnd: K('boot.initcall.end'),
  haltBegin: K('halt.step.begin'), haltEnd: K('halt.step.end'),
  exit: K('thread.exit'), panic: K('panic'), deadlock: K('deadlock'), kexec: K('kexec.exec'), bootDone: K('boot.done'), haltDone: K('halt.done'),
};
// per kind code: 1 = an object event (also drawn on the object's lane), 2 = not drawn as a mark,
// 4 = has a case below the marks in one() (intervals, arrows, markers)
const FLAGS = new Uint8Array(EVENT_KINDS.length);
for (const k of [C.up, C.downWait, C.down, C.lockWait, C.lock, C.unlock, K('sem.alloc'), K('sem.free')]) FLAGS[k] |= 1;
for (const k of [C.sw, C.owner, C.bootBegin, C.bootEnd, C.icBegin, C.icEnd, C.haltBegin, C.haltEnd]) FLAGS[k] |= 2;
for (const k of [
  C.sw, C.owner, C.get, C.put, C.shutdown, C.getWait, C.wakeup, C.waking, C.up, C.downWait, C.lockWait, C.joinWait,
  C.down, C.lock, C.join, C.bootBegin, C.icBegin, C.haltBegin, C.bootEnd, C.icEnd, C.haltEnd,
  C.panic, C.deadlock, C.kexec, C.bootDone, C.haltDone,
]) FLAGS[k] |= 4;

export { RUNNABLE_KEY, SLEEP_KEY } from './intervals';

export type MarkerKind = 'panic' | 'deadlock' | 'kexec' | 'boot.done' | 'halt.done';
export interface Marker { tsNs: number; kind: MarkerKind; ev: number }
export interface GenBand { gen: number; startNs: number; endNs: number }

export class TimelineModel {
  /** Host/CPU/phase lanes in display order. */
  readonly lanes: Lane[] = [];
  /** One lane per semaphore or mutex, shown on demand (object filter). */
  readonly objectLanes = new Map<number, Lane>();
  readonly arrows = new ArrowSeries();
  readonly markers: Marker[] = [];
  readonly gens: GenBand[] = [];
  /** Interned phase names; phase slices use the id as key. */
  readonly labels: string[] = [];
  processed = 0;
  private readonly byKey = new Map<string, Lane>();
  /** Host/CPU lanes by id: the per-event lookup, so no string keys on the hot path. */
  private readonly hostLanes: Lane[] = [];
  private readonly labelIds = new Map<string, number>();
  private readonly taskHost = new Map<number, number>();
  private readonly pendingUp = new PendingUps();
  private nextLaneId = 0;
  private ownerHost = NONE;
  /** `next` of the last sched.switch: the task a following cpu.owner hands the CPU to. */
  private switchedTo = NONE;
  private cpuWaiters = 0;
  /** The CPU-owner lane once it exists (touched on most events: no string-keyed lookup). */
  private ownerLane: Lane | undefined;
  /** The task/host pair last written to taskHost. */
  private lastPairTask = NONE;
  private lastPairHost = NONE;

  /** perCpu: imported traces, where `host` is a CPU number. */
  constructor(readonly perCpu: boolean) {}

  lane(kind: LaneKind, key: number): Lane {
    const k = `${kind}:${key}`;
    let l = this.byKey.get(k);
    if (l) return l;
    l = new Lane(this.nextLaneId++, kind, key);
    this.byKey.set(k, l);
    if (kind === 'object') this.objectLanes.set(key, l);
    else {
      this.lanes.push(l);
      this.lanes.sort(compareLanes);
    }
    return l;
  }

  private hostLane(h: number): Lane {
    const known = h >= 0 && h < 1 << 20 ? this.hostLanes[h] : undefined;
    if (known) return known;
    const l = this.lane(this.perCpu ? 'cpu' : 'host', h);
    if (h >= 0 && h < 1 << 20) this.hostLanes[h] = l;
    return l;
  }

  laneById(id: number): Lane | undefined {
    for (const l of this.lanes) if (l.id === id) return l;
    for (const l of this.objectLanes.values()) if (l.id === id) return l;
    return undefined;
  }

  label(id: number): string {
    return this.labels[id] ?? '';
  }

  private intern(s: string): number {
    let id = this.labelIds.get(s);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(s);
      this.labelIds.set(s, id);
    }
    return id;
  }

  /** Processes events appended since the last call; returns how many. */
  update(s: EventStore): number {
    const from = this.processed;
    for (let i = from; i < s.count; i++) this.one(s, i);
    this.processed = s.count;
    return s.count - from;
  }

  private one(s: EventStore, i: number): void {
    const k = s.kind[i];
    const ts = s.ts[i];
    const h = s.host[i];
    const t = s.task[i];
    const o = s.obj[i];
    const p = s.peer[i];
    this.genAt(s.gen[i], ts);
    const hl = h === NONE ? undefined : (this.hostLanes[h] ?? this.hostLane(h));
    if (hl && t !== NONE && !this.perCpu) {
      // consecutive events mostly repeat the pair: skip the map write then
      if (t !== this.lastPairTask || h !== this.lastPairHost) {
        this.taskHost.set(t, h);
        this.lastPairTask = t;
        this.lastPairHost = h;
      }
      hl.carry(ts, t);
    }
    const flags = FLAGS[k];
    if (hl && (flags & 2) === 0) hl.marks[MARK_CLASS[k]].push(ts, i);
    // a switch or wake-up naming an object is a task sleeping on / woken from its wait queue
    if (o !== NONE && ((flags & 1) !== 0 || k === C.sw || k === C.wakeup)) {
      (this.objectLanes.get(o) ?? this.lane('object', o)).marks[MARK_CLASS[k]].push(ts, i);
    }

    if (k === C.exit && hl && !this.perCpu) hl.carry(ts, NONE); // an exited thread carries no task
    // most events (syscalls, timers, irqs, ...) are only marks: skip the chain of cases
    if ((flags & 4) === 0) return;
    if (k === C.sw && hl) this.onSwitch(hl, t, p, o, ts, i, s.task);
    else if (k === C.owner && !this.perCpu) {
      // emitted by the thread handing over: `peer` is the new owner's host thread (NONE: released)
      // a switch has usually named the new owner's task already: keep it
      if (p === NONE) this.setOwner(NONE, NONE, ts, i);
      else if (p !== this.ownerHost) {
        // the host of a task seen for the first time is learnt here, from the switch before
        const t2 = this.carried(p) !== NONE ? this.carried(p) : this.switchedTo;
        if (t2 !== NONE) {
          this.taskHost.set(t2, p);
          this.lastPairTask = NONE;
        }
        this.setOwner(p, t2, ts, i);
      }
    } else if (k === C.get && !this.perCpu) {
      if (hl && hl.waitOpen) {
        // a task sleep is no CPU queue entry, unless the host's cpu_get wait is parked behind it
        const queued = hl.waitOpen.key !== SLEEP_KEY || hl.parked?.key === C.getWait;
        endHostWait(hl, ts);
        if (queued) {
          this.cpuWaiters = Math.max(0, this.cpuWaiters - 1);
          this.queueChanged(ts, i);
        }
      }
      this.setOwner(h, t, ts, i);
    } else if ((k === C.put || k === C.shutdown) && h === this.ownerHost && h !== NONE) {
      // a nested cpu_put leaves the count above zero (arg) and the CPU still held
      const a = s.arg(i);
      if (k === C.shutdown || a === 0 || a === null) this.setOwner(NONE, NONE, ts, i);
    } else if (k === C.getWait && hl && !this.perCpu) {
      hostWait(hl, ts, k, i);
      this.cpuWaiters++;
      this.queueChanged(ts, i);
    } else if ((k === C.wakeup || k === C.waking) && !this.perCpu) {
      const th = this.taskHost.get(p);
      if (th !== undefined) wake(this.hostLane(th), s.task, p, ts);
      if (hl && th !== undefined && th !== h) this.arrow(ts, hl, ts, this.hostLane(th), 'wake', i);
    } else if (k === C.up && hl && p !== NONE) {
      this.pendingUp.set(p, ts, hl.id, i);
    } else if ((k === C.downWait || k === C.lockWait || k === C.joinWait) && hl) {
      hostWait(hl, ts, k, i);
    } else if ((k === C.down || k === C.lock || k === C.join) && hl) {
      endHostWait(hl, ts);
      const up = this.pendingUp;
      if (k === C.down && up.take(h)) this.arrows.push(up.takenTs, up.takenLane, ts, hl.id, 'handoff', up.takenEv);
    } else if (k === C.bootBegin || k === C.icBegin || k === C.haltBegin) {
      const l = this.lane(k === C.bootBegin ? 'boot' : k === C.icBegin ? 'initcall' : 'halt', 0);
      const a = s.arg(i);
      l.open.push({ startNs: ts, key: this.intern(a === null ? '?' : String(a)), ev: i });
    } else if (k === C.bootEnd || k === C.icEnd || k === C.haltEnd) {
      const l = this.lane(k === C.bootEnd ? 'boot' : k === C.icEnd ? 'initcall' : 'halt', 0);
      const top = l.open.pop();
      if (top) l.runSeries(l.open.length).push(top.startNs, ts, top.key, top.ev);
    } else if (k === C.panic || k === C.deadlock || k === C.kexec || k === C.bootDone || k === C.haltDone) {
      const kind: MarkerKind =
        k === C.panic ? 'panic' : k === C.deadlock ? 'deadlock' : k === C.kexec ? 'kexec' : k === C.bootDone ? 'boot.done' : 'halt.done';
      this.markers.push({ tsNs: ts, kind, ev: i });
    }
  }

  private onSwitch(hl: Lane, prev: number, next: number, obj: number, ts: number, i: number, taskCol: Int32Array): void {
    closeRun(hl, ts);
    if (this.perCpu) {
      if (next > 0) openRun(hl, ts, next, i);
      hl.carry(ts, Math.max(next, 0));
      return;
    }
    if (obj !== NONE && prev !== NONE) openWait(hl, ts, SLEEP_KEY, i);
    this.switchedTo = next;
    const nh = this.taskHost.get(next);
    // switched in (woken or not): it is running, neither blocked nor runnable
    if (nh !== undefined) switchedIn(this.hostLane(nh), taskCol, next, ts);
    if (nh !== undefined && nh !== hl.key) this.arrow(ts, hl, ts, this.hostLane(nh), 'switch', i);
    if (this.ownerHost === hl.key) this.ownerHost = NONE;
    this.setOwner(nh ?? NONE, next, ts, i);
  }

  /** The task host thread `h` carries now (its last task change), or NONE. */
  private carried(h: number): number {
    const l = this.hostLanes[h];
    return l && l.tasks.count > 0 ? l.tasks.ev[l.tasks.count - 1] : NONE;
  }

  private setOwner(h: number, t: number, ts: number, i: number): void {
    if (this.ownerHost !== NONE && this.ownerHost !== h) closeRun(this.hostLane(this.ownerHost), ts);
    if (h !== NONE) openRun(this.hostLane(h), ts, t, i);
    const ol = (this.ownerLane ??= this.lane('cpuOwner', 0));
    if (t === NONE && h === NONE) closeRun(ol, ts);
    else openRun(ol, ts, t, i);
    this.ownerHost = h;
  }

  private queueChanged(ts: number, i: number): void {
    const ol = (this.ownerLane ??= this.lane('cpuOwner', 0));
    closeWait(ol, ts);
    if (this.cpuWaiters > 0) ol.waitOpen = { startNs: ts, key: this.cpuWaiters, ev: i };
  }

  private arrow(fromTs: number, from: Lane, toTs: number, to: Lane, type: ArrowType, ev: number): void {
    this.arrows.push(fromTs, from.id, toTs, to.id, type, ev);
  }

  private genAt(g: number, ts: number): void {
    const last = this.gens[this.gens.length - 1];
    if (last && last.gen === g) last.endNs = ts;
    else {
      const b = this.gens.find((x) => x.gen === g);
      if (b) b.endNs = Math.max(b.endNs, ts);
      else this.gens.push({ gen: g, startNs: ts, endNs: ts });
    }
  }
}
