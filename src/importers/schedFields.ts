// The fields of scheduler tracepoints, as ftrace/perf print them (`key=value`) and as trace-cmd's
// plugins print them (`comm:pid [prio] S ==> comm:pid [prio]`, `comm:pid [prio] CPU:001`).
// Read right to left from fixed keys, so comms may contain spaces, '=', '-', ':' and '/'.
import { KIND_CODE, NONE as NONE_ID, type EventKind } from '../trace/events';
import { ARG_NULL as ARG_NULL_CODE } from '../trace/store';

// Module-local copies: the transpiled import is a getter call on every use in a hot loop.
const NONE: number = NONE_ID;
const ARG_NULL = ARG_NULL_CODE as number;
import { decodeBytes } from './byteStrings';
import { pattern } from './byteCursor';
import { LineCursor } from './textLine';

const K = {
  prevComm: pattern('prev_comm='), prevPid: pattern(' prev_pid='), prevState: pattern(' prev_state='),
  arrow: pattern(' ==> '), nextComm: pattern('next_comm='), nextCommSp: pattern(' next_comm='),
  nextPid: pattern(' next_pid='), comm: pattern('comm='), pid: pattern(' pid='), prio: pattern(' prio='),
  targetCpu: pattern(' target_cpu='), childComm: pattern(' child_comm='), childPid: pattern(' child_pid='),
  origCpu: pattern(' orig_cpu='), destCpu: pattern(' dest_cpu='), runtime: pattern(' runtime='),
  filename: pattern('filename='), oldPid: pattern(' old_pid='), cpuTc: pattern(' CPU:'), bracket: pattern(' ['),
  colon: pattern(':'), space: pattern(' '), sep: pattern(': '),
};

/** Tracepoints with a dedicated mapping; everything else becomes a `generic` event. */
export const enum Ev { Generic, Switch, Wakeup, Waking, Fork, Exit, Migrate, Runtime, Exec, Mark, Print }

export const EVENT_CODES: ReadonlyMap<string, Ev> = new Map([
  ['sched_switch', Ev.Switch], ['sched_wakeup', Ev.Wakeup], ['sched_wakeup_new', Ev.Wakeup],
  ['sched_waking', Ev.Waking], ['sched_process_fork', Ev.Fork], ['sched_process_exit', Ev.Exit],
  ['sched_migrate_task', Ev.Migrate], ['sched_stat_runtime', Ev.Runtime], ['sched_process_exec', Ev.Exec],
  ['tracing_mark_write', Ev.Mark], ['print', Ev.Print],
]);

// Task state bits as sched_switch reports them (TASK_REPORT); 0x100 marks a preempted task.
const STATE_LETTERS = 'SDTtXZPI';

/** prev_state as a number (trace-cmd -R raw form) to the letters the text form prints. */
export function stateLetters(v: number): string {
  const parts: string[] = [];
  for (let bit = 0; bit < STATE_LETTERS.length; bit++) if (v & (1 << bit)) parts.push(STATE_LETTERS[bit]);
  return (parts.length ? parts.join('|') : 'R') + (v & 0x100 ? '+' : '');
}

const code = (k: EventKind): number => KIND_CODE.get(k) as number;
const C = {
  switch: code('sched.switch'), wakeup: code('sched.wakeup'), waking: code('sched.waking'), fork: code('sched.fork'),
  exit: code('sched.exit'), migrate: code('sched.migrate'), runtime: code('sched.runtime'), exec: code('sched.exec'),
  marker: code('marker'), generic: code('generic'),
};

export abstract class SchedFields extends LineCursor {
  /** A comm seen in event fields: the name of the task at that moment. */
  protected abstract comm(pid: number, a: number, b: number): void;
  /** Arg code of the bytes `[a, b)` as a string (interned). */
  protected abstract strArg(a: number, b: number): number;
  /** Arg code of a number or a string that is not interned from bytes. */
  protected abstract valArg(v: number | string): number;
  protected abstract emit(kind: number, task: number, peer: number, obj: number, arg: number): void;

  /** Maps the fields of event `ev` named `name`; returns null or what was expected. */
  protected fields(ev: Ev, name: string): string | null {
    const a = this.fieldsA;
    const e = this.lineEnd;
    switch (ev) {
      case Ev.Switch: return this.schedSwitch(a, e);
      case Ev.Wakeup: return this.wakeup(C.wakeup, name, a, e);
      case Ev.Waking: return this.wakeup(C.waking, name, a, e);
      case Ev.Fork: {
        const cp = this.findLast(K.childPid, a, e);
        const cc = cp < 0 ? -1 : this.findLast(K.childComm, a, cp);
        const child = cp < 0 ? -1 : this.uint(cp + 11);
        if (cc < 0 || child < 0) return 'expected "child_comm=COMM child_pid=PID" in sched_process_fork';
        const parent = this.keyedPid(a, cc);
        if (parent < 0) return 'expected "comm=COMM pid=PID" in sched_process_fork';
        this.comm(child, cc + 12, cp);
        this.emit(C.fork, parent, child, NONE, ARG_NULL);
        return null;
      }
      case Ev.Exit: {
        const pr = this.findLast(K.prio, a, e);
        const pid = this.keyedPid(a, pr < 0 ? e : pr);
        if (pid < 0) return 'expected "comm=COMM pid=PID" in sched_process_exit';
        this.emit(C.exit, pid, NONE, NONE, ARG_NULL);
        return null;
      }
      case Ev.Migrate: {
        const dc = this.findLast(K.destCpu, a, e);
        const oc = dc < 0 ? -1 : this.findLast(K.origCpu, a, dc);
        const dest = dc < 0 ? -1 : this.uint(dc + 10);
        const orig = oc < 0 ? -1 : this.uint(oc + 10);
        if (dest < 0 || orig < 0) return 'expected "orig_cpu=N dest_cpu=N" in sched_migrate_task';
        const pr = this.findLast(K.prio, a, oc);
        const pid = this.keyedPid(a, pr < 0 ? oc : pr);
        if (pid < 0) return 'expected "comm=COMM pid=PID" in sched_migrate_task';
        this.emit(C.migrate, pid, NONE, orig, this.valArg(dest));
        return null;
      }
      case Ev.Runtime: {
        const rt = this.findLast(K.runtime, a, e);
        const ns = rt < 0 ? -1 : this.uint(rt + 9);
        if (ns < 0) return 'expected "runtime=NS" in sched_stat_runtime';
        const pid = this.keyedPid(a, rt);
        if (pid < 0) return 'expected "comm=COMM pid=PID" in sched_stat_runtime';
        this.emit(C.runtime, pid, NONE, NONE, this.valArg(ns));
        return null;
      }
      case Ev.Exec: {
        const op = this.findLast(K.oldPid, a, e);
        const old = op < 0 ? -1 : this.uint(op + 9);
        const p = op < 0 ? -1 : this.findLast(K.pid, a, op);
        const pid = p < 0 ? -1 : this.uint(p + 5);
        if (!this.startsWith(K.filename, a) || old < 0 || pid < 0) {
          return 'expected "filename=PATH pid=PID old_pid=PID" in sched_process_exec';
        }
        this.emit(C.exec, pid, old, NONE, this.strArg(a + 9, p));
        return null;
      }
      case Ev.Mark:
        this.emit(C.marker, this.pid, NONE, NONE, this.valArg(decodeBytes(this.buf, a, e)));
        return null;
      case Ev.Print: {
        // trace-cmd prints the writer's symbol first: `print: tracing_mark_write: message`.
        let m = a;
        while (m < e && this.buf[m] !== 32 && this.buf[m] !== 58) m++;
        const from = this.buf[m] === 58 && this.buf[m + 1] === 32 ? m + 2 : a;
        this.emit(C.marker, this.pid, NONE, NONE, this.valArg(decodeBytes(this.buf, from, e)));
        return null;
      }
      default:
        this.emit(C.generic, this.pid, NONE, NONE, this.valArg(`${name}: ${decodeBytes(this.buf, a, e)}`));
        return null;
    }
  }

  /** `comm=COMM pid=PID` ending before `to`: records the comm and returns the pid (or -1). */
  private keyedPid(a: number, to: number): number {
    return to < 0 || !this.startsWith(K.comm, a) ? -1 : this.pidAfterComm(a, to);
  }

  /** `keyedPid` once `comm=` has matched at `a`. */
  private pidAfterComm(a: number, to: number): number {
    const p = this.findLast(K.pid, a, to);
    const pid = p < 0 ? -1 : this.uint(p + 5);
    if (pid >= 0) this.comm(pid, a + 5, p);
    return pid;
  }

  /** trace-cmd's `COMM:PID [PRIO]` ending before `to`: records the comm, returns the pid (or -1). */
  private colonPid(a: number, to: number): number {
    const br = this.findLast(K.bracket, a, to);
    const colon = br < 0 ? -1 : this.findLast(K.colon, a, br);
    const pid = colon < 0 ? -1 : this.uint(colon + 1);
    if (pid < 0 || this.next !== br) return -1;
    this.comm(pid, a, colon);
    return pid;
  }

  private schedSwitch(a: number, e: number): string | null {
    // Keyed form: find the arrow left of next_pid= rather than scanning the whole next half.
    const keyed = this.startsWith(K.prevComm, a);
    const np = keyed ? this.findLast(K.nextPid, a, e) : -1;
    const arrow = this.findLast(K.arrow, a, np < 0 ? e : np);
    let prev: number;
    let next: number;
    let state: number;
    if (arrow < 0) {
      // trace-cmd -R: raw fields, prev_state as a number, no arrow.
      if (!keyed) return 'expected "==>" between prev and next in sched_switch';
      const nc = this.findLast(K.nextCommSp, a, e);
      if (nc < 0) return 'expected "==>" between prev and next in sched_switch';
      const st = this.findLast(K.prevState, a, nc);
      const v = st < 0 ? -1 : this.uint(st + 12);
      if (v < 0) return 'expected "prev_state=" in sched_switch';
      state = this.valArg(stateLetters(v));
      prev = this.prevKeyed(a, st);
      next = this.nextKeyed(nc + 1, e, np);
    } else if (keyed) {
      const st = this.findLast(K.prevState, a, arrow);
      if (st < 0 || st + 12 >= arrow) return 'expected "prev_state=STATE" before "==>" in sched_switch';
      state = this.strArg(st + 12, arrow);
      prev = this.prevKeyed(a, st);
      next = this.nextKeyed(arrow + 5, e, np);
    } else {
      const sp = this.findLast(K.space, a, arrow);
      if (sp < 0 || sp + 1 >= arrow) return 'expected "COMM:PID [PRIO] STATE ==>" in sched_switch';
      state = this.strArg(sp + 1, arrow);
      prev = this.colonPid(a, sp);
      next = this.colonPid(arrow + 5, e);
    }
    if (prev < 0) return 'expected the previous task (prev_comm=COMM prev_pid=PID) in sched_switch';
    if (next < 0) return 'expected the next task (next_comm=COMM next_pid=PID) in sched_switch';
    this.emit(C.switch, prev, next, NONE, state);
    return null;
  }

  /** `prev_comm=COMM prev_pid=PID` ending before `to`; the caller has matched `prev_comm=` at `a`. */
  private prevKeyed(a: number, to: number): number {
    const pp = this.findLast(K.prevPid, a, to);
    const pid = pp < 0 ? -1 : this.uint(pp + 10);
    if (pid < 0) return -1;
    this.comm(pid, a + 10, pp);
    return pid;
  }

  /** `next_comm=COMM next_pid=PID`, where `np` is the position of ` next_pid=` (or -1). */
  private nextKeyed(a: number, e: number, np: number): number {
    if (np < a) return -1;
    const pid = np < 0 ? -1 : this.uint(np + 10);
    if (pid < 0 || !this.startsWith(K.nextComm, a)) return -1;
    this.comm(pid, a + 10, np);
    return pid;
  }

  private wakeup(kind: number, name: string, a: number, e: number): string | null {
    let pid = -1;
    let cpu = NONE;
    if (this.startsWith(K.comm, a)) {
      const tc = this.findLast(K.targetCpu, a, e);
      if (tc >= 0) cpu = this.uint(tc + 12);
      const end = tc < 0 ? e : tc;
      const pr = this.findLast(K.prio, a, end);
      pid = this.pidAfterComm(a, pr < 0 ? end : pr);
    }
    if (pid < 0) {
      const cp = this.findLast(K.cpuTc, a, e);
      if (cp >= 0) cpu = this.uint(cp + 5);
      pid = this.colonPid(a, cp < 0 ? e : cp);
    }
    if (pid < 0) return `expected "comm=COMM pid=PID" or "COMM:PID [PRIO]" in ${name}`;
    // Contract: task = the waker (the line's current pid, NONE without one), peer = the woken task.
    this.emit(kind, this.pid, pid, NONE, cpu < 0 ? ARG_NULL : this.valArg(cpu));
    return null;
  }
}
