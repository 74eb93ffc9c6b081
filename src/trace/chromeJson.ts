// LKL Scope's interchange file: Chrome Trace Event JSON that Perfetto and chrome://tracing open
// as is, carrying every model event whole in `args.lkl` so it reads back losslessly.
// Elements added for other viewers (running slices, phase slices, flows, `M` names) have no
// `args.lkl`. Writer and reader both stream: no string is ever larger than one chunk.
import { NONE, type TraceEvent, type TraceMeta, type TraceNames } from './events';

export const FORMAT_VERSION = 1;
const PID = 1;
/** Tracks for phase slices, far from host thread and CPU ids. */
const TRACK = { boot: 1_000_001, initcall: 1_000_002, halt: 1_000_003 } as const;
const CHUNK_CHARS = 1 << 16;

/** Chrome `ts` is µs; ours is integer ns. Written as an exact decimal, never rounded. */
function micros(ns: number): string {
  const neg = ns < 0;
  const a = Math.abs(Math.trunc(ns));
  const frac = a % 1000;
  const s = `${(a - frac) / 1000}${frac ? '.' + String(frac).padStart(3, '0').replace(/0+$/, '') : ''}`;
  return neg ? '-' + s : s;
}

const tidOf = (host: number): number => (host >= 0 ? host + 1 : 0);

function namesToJson(n: TraceNames): unknown {
  const obj = <V>(m: Map<number, V>) => Object.fromEntries([...m].map(([k, v]) => [String(k), v]));
  return { hosts: obj(n.hosts), tasks: obj(n.tasks), objects: obj(n.objects) };
}

/** Yields the file in chunks of about 64 KiB. */
export function* writeChromeJson(meta: TraceMeta, events: Iterable<TraceEvent>): Generator<string> {
  let out = '{"traceEvents":[\n';
  let first = true;
  const put = (el: string) => {
    out += first ? el : ',\n' + el;
    first = false;
  };
  const runtime = meta.source === 'runtime';
  const hostLabel = (h: number) =>
    meta.names.hosts.get(h) ?? (h < 0 ? 'kernel' : runtime ? `host thread ${h}` : `CPU ${h}`);
  const taskLabel = (pid: number) => meta.names.tasks.get(pid) ?? `pid ${pid}`;
  const named = new Set<number>();
  const nameTrack = (tid: number, label: string, sort: number) => {
    if (named.has(tid)) return;
    named.add(tid);
    put(`{"ph":"M","name":"thread_name","pid":${PID},"tid":${tid},"args":{"name":${JSON.stringify(label)}}}`);
    put(`{"ph":"M","name":"thread_sort_index","pid":${PID},"tid":${tid},"args":{"sort_index":${sort}}}`);
  };
  const procName = runtime ? `LKL Scope runtime${meta.scenario ? ' — ' + meta.scenario : ''}` : `${meta.source} trace`;
  put(`{"ph":"M","name":"process_name","pid":${PID},"tid":0,"args":{"name":${JSON.stringify(procName)}}}`);
  nameTrack(TRACK.boot, 'boot phases', -3);
  nameTrack(TRACK.initcall, 'initcalls', -2);
  nameTrack(TRACK.halt, 'halt steps', -1);
  for (const h of [...meta.names.hosts.keys()].sort((a, b) => a - b)) nameTrack(tidOf(h), hostLabel(h), h);

  let running = new Map<number, boolean>(); // tid -> a running slice is open
  const stacks = new Map<number, string[]>(); // phase track -> open phase names
  const upFlows = new Map<string, number>(); // "host:obj" of the released thread -> flow id
  const wakeFlows = new Map<number, number>(); // woken pid -> flow id
  let flowId = 0;
  let lastTs = 0;

  const open = (tid: number, name: string, ts: string) =>
    put(`{"ph":"B","name":${JSON.stringify(name)},"cat":"running","ts":${ts},"pid":${PID},"tid":${tid}}`);
  const close = (tid: number, ts: string, cat = 'running') =>
    put(`{"ph":"E","cat":"${cat}","ts":${ts},"pid":${PID},"tid":${tid}}`);
  const flow = (ph: 's' | 'f', id: number, name: string, ts: string, tid: number) =>
    put(`{"ph":"${ph}","id":${id},"name":"${name}","cat":"flow",${ph === 'f' ? '"bp":"e",' : ''}"ts":${ts},"pid":${PID},"tid":${tid}}`);

  for (const e of events) {
    const ts = micros(e.ts);
    const tid = tidOf(e.host);
    lastTs = Math.max(lastTs, e.ts);
    if (!named.has(tid)) nameTrack(tid, hostLabel(e.host), e.host);
    const lkl = JSON.stringify({
      seq: e.seq, ts: e.ts, kind: e.kind, host: e.host, task: e.task, obj: e.obj, peer: e.peer, arg: e.arg, gen: e.gen,
    });
    put(`{"name":"${e.kind}","cat":"lkl","ph":"i","s":"t","ts":${ts},"pid":${PID},"tid":${tid},"args":{"lkl":${lkl}}}`);

    // Running slices: who holds the LKL CPU (runtime) or what each CPU runs (imports).
    if ((runtime && e.kind === 'cpu.owner') || (!runtime && e.kind === 'sched.switch')) {
      const closing = runtime ? [...running.keys()] : [tid];
      for (const t of closing) if (running.get(t)) close(t, ts);
      if (runtime) running = new Map();
      else running.delete(tid);
      const nextTask = runtime ? e.task : e.peer;
      const show = runtime ? e.host !== NONE : e.peer > 0;
      if (show) {
        open(tid, taskLabel(nextTask), ts);
        running.set(tid, true);
      }
    }
    // Phase slices.
    const phase = phaseTrack(e.kind);
    if (phase) {
      const stack = stacks.get(phase.track) ?? [];
      stacks.set(phase.track, stack);
      const name = String(e.arg ?? e.kind);
      if (phase.begin) {
        stack.push(name);
        put(`{"ph":"B","name":${JSON.stringify(name)},"cat":"phase","ts":${ts},"pid":${PID},"tid":${phase.track}}`);
      } else if (stack.includes(name)) {
        while (stack.length && stack.pop() !== name) close(phase.track, ts, 'phase');
        close(phase.track, ts, 'phase');
      }
    }
    // Flows: up -> the down it releases, wake-up -> the switch that runs the woken task.
    if (e.kind === 'sem.up' && e.peer !== NONE) {
      upFlows.set(`${e.peer}:${e.obj}`, ++flowId);
      flow('s', flowId, 'up→down', ts, tid);
    } else if (e.kind === 'sem.down') {
      const id = upFlows.get(`${e.host}:${e.obj}`);
      if (id !== undefined) {
        upFlows.delete(`${e.host}:${e.obj}`);
        flow('f', id, 'up→down', ts, tid);
      }
    } else if (e.kind === 'sched.wakeup' && e.peer !== NONE) {
      wakeFlows.set(e.peer, ++flowId); // keyed by the woken task; the switch that runs it finishes the flow
      flow('s', flowId, 'wakeup', ts, tid);
    } else if (e.kind === 'sched.switch') {
      const id = wakeFlows.get(e.peer);
      if (id !== undefined) {
        wakeFlows.delete(e.peer);
        flow('f', id, 'wakeup', ts, tid);
      }
    }
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  const end = micros(lastTs);
  for (const [t, isOpen] of running) if (isOpen) close(t, end);
  for (const [track, stack] of stacks) for (let i = 0; i < stack.length; i++) close(track, end, 'phase');
  const lklMeta: Record<string, unknown> = { version: FORMAT_VERSION, source: meta.source };
  if (meta.scenario !== undefined) lklMeta.scenario = meta.scenario;
  if (meta.seed !== undefined) lklMeta.seed = meta.seed;
  lklMeta.names = namesToJson(meta.names);
  out += `\n],\n"displayTimeUnit":"ns",\n"metadata":{"lkl-scope":${JSON.stringify(lklMeta)}}}\n`;
  yield out;
}

function phaseTrack(kind: string): { track: number; begin: boolean } | null {
  switch (kind) {
    case 'boot.phase.begin': return { track: TRACK.boot, begin: true };
    case 'boot.phase.end': return { track: TRACK.boot, begin: false };
    case 'boot.initcall.begin': return { track: TRACK.initcall, begin: true };
    case 'boot.initcall.end': return { track: TRACK.initcall, begin: false };
    case 'halt.step.begin': return { track: TRACK.halt, begin: true };
    case 'halt.step.end': return { track: TRACK.halt, begin: false };
    default: return null;
  }
}

export { readChromeJson, ChromeJsonReader, TraceFormatError } from './chromeJsonReader';
