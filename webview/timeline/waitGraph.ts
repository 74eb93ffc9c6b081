// The wait-for graph a deadlock event carries as its JSON arg (runState.nothingToRun): tasks,
// what each waits on, who holds it; parsed defensively (the arg crossed a trust boundary), the
// cycle found, and laid out as a ring (the cycle) over rows (every other waiter). Pure: no DOM.

export interface GraphNode {
  /** `t:<pid>` for a task, `o:<name>` for an object. */
  key: string;
  kind: 'task' | 'object';
  label: string;
  pid?: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** A task waiting on an object, or an object held by a task. */
  kind: 'waits' | 'holds';
}

export interface WaitGraph {
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
  /** Node keys around the cycle, first repeated at the end; empty when there is none. */
  cycle: string[];
}

export type ParsedGraph = { ok: true; graph: WaitGraph } | { ok: false; reason: string };

export const NO_GRAPH = 'no wait-for graph in this event';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const rec = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Parses an event arg; never throws. `comm` names a pid the graph does not name itself. */
export function parseWaitGraph(arg: unknown, comm: (pid: number) => string = (p) => `pid ${p}`): ParsedGraph {
  if (typeof arg !== 'string' || !arg.trim().startsWith('{')) return { ok: false, reason: NO_GRAPH };
  let raw: Record<string, unknown> | undefined;
  try {
    raw = rec(JSON.parse(arg));
  } catch {
    return { ok: false, reason: `${NO_GRAPH} (its text is not valid JSON)` };
  }
  if (!raw) return { ok: false, reason: NO_GRAPH };
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const task = (pid: number, name?: unknown): string => {
    const key = `t:${pid}`;
    const label = `${typeof name === 'string' && name ? name : comm(pid)} [${pid}]`;
    const known = nodes.get(key);
    if (!known || (typeof name === 'string' && name && known.label.startsWith('pid '))) nodes.set(key, { key, kind: 'task', label, pid });
    return key;
  };
  const object = (name: string): string => {
    const key = `o:${name}`;
    if (!nodes.has(key)) nodes.set(key, { key, kind: 'object', label: name });
    return key;
  };
  const edge = (from: string, to: string, kind: GraphEdge['kind']): void => {
    if (!edges.some((e) => e.from === from && e.to === to)) edges.push({ from, to, kind });
  };
  for (const t of Array.isArray(raw.tasks) ? raw.tasks : []) {
    const r = rec(t);
    if (!r || !isInt(r.pid) || typeof r.waitingOn !== 'string') continue;
    const o = object(r.waitingOn);
    edge(task(r.pid, r.comm), o, 'waits');
    const h = rec(r.holder);
    if (h && isInt(h.pid)) edge(o, task(h.pid, h.comm), 'holds');
  }
  // [pid, object, holder pid | null]: the same facts without names (older traces have only these)
  for (const e of Array.isArray(raw.edges) ? raw.edges : []) {
    if (!Array.isArray(e) || !isInt(e[0]) || typeof e[1] !== 'string') continue;
    const o = object(e[1]);
    edge(task(e[0]), o, 'waits');
    if (isInt(e[2])) edge(o, task(e[2]), 'holds');
  }
  // a scenario's cycle, [thread, mutex, thread, …, first thread], names holders the kernel's
  // list may lack: each mutex is held by the thread after it
  const cyc = Array.isArray(raw.cycle) && raw.cycle.every((x) => typeof x === 'string') ? (raw.cycle as string[]) : [];
  const byComm = (comm: string): string | undefined => [...nodes.values()].find((n) => n.kind === 'task' && n.label.startsWith(`${comm} [`))?.key;
  for (let i = 1; i + 1 < cyc.length; i += 2) {
    const holder = byComm(cyc[i + 1]);
    const waiter = byComm(cyc[i - 1]);
    if (!holder || !waiter) continue;
    const o = nodes.has(`o:mutex:${cyc[i]}`) ? `o:mutex:${cyc[i]}` : object(cyc[i]);
    edge(waiter, o, 'waits');
    edge(o, holder, 'holds');
  }
  if (edges.length === 0) return { ok: false, reason: NO_GRAPH };
  return { ok: true, graph: { nodes, edges, cycle: findCycle(edges) } };
}

/** The first cycle following task → object → holder edges (each node has at most one out-edge). */
export function findCycle(edges: readonly GraphEdge[]): string[] {
  const next = new Map<string, string>();
  for (const e of edges) if (!next.has(e.from)) next.set(e.from, e.to);
  for (const start of next.keys()) {
    const path: string[] = [];
    const at = new Map<string, number>();
    let cur: string | undefined = start;
    while (cur !== undefined && !at.has(cur)) {
      at.set(cur, path.length);
      path.push(cur);
      cur = next.get(cur);
    }
    if (cur !== undefined) return [...path.slice(at.get(cur)), cur];
  }
  return [];
}

export interface GraphLayout {
  widthPx: number;
  heightPx: number;
  pos: Map<string, { x: number; y: number }>;
}

const ROW_PX = 30;

/** The cycle on a ring at the top; every other waits/holds chain on its own row below it. */
export function layoutWaitGraph(g: WaitGraph, widthPx = 520): GraphLayout {
  const pos = new Map<string, { x: number; y: number }>();
  const ring = g.cycle.slice(0, -1);
  let y = 20;
  if (ring.length > 0) {
    const r = Math.max(50, ring.length * 18);
    const cx = widthPx / 2;
    const cy = y + r;
    ring.forEach((k, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / ring.length;
      pos.set(k, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
    });
    y = cy + r + 40;
  }
  const cols = [90, widthPx / 2, widthPx - 90];
  for (const e of g.edges) {
    if (e.kind !== 'waits' || pos.has(e.from)) continue;
    pos.set(e.from, { x: cols[0], y });
    if (!pos.has(e.to)) pos.set(e.to, { x: cols[1], y });
    const holder = g.edges.find((h) => h.kind === 'holds' && h.from === e.to);
    if (holder && !pos.has(holder.to)) pos.set(holder.to, { x: cols[2], y });
    y += ROW_PX;
  }
  // holders seen only as holders of ring objects, or objects nobody waits on any more
  for (const k of g.nodes.keys()) {
    if (pos.has(k)) continue;
    pos.set(k, { x: cols[2], y });
    y += ROW_PX;
  }
  return { widthPx, heightPx: y, pos };
}

/** The waits edges, those on the cycle first. */
export function waitEdges(g: WaitGraph): GraphEdge[] {
  const waits = g.edges.filter((e) => e.kind === 'waits');
  const on = (e: GraphEdge): number => (g.cycle.includes(e.from) ? 0 : 1);
  return waits.map((e, i) => ({ e, i })).sort((a, b) => on(a.e) - on(b.e) || a.i - b.i).map((x) => x.e);
}

/** One line per waiting task, the cycle's first: "left [9] waits on mutex:B, held by right [10]". */
export function describeWaits(g: WaitGraph): string[] {
  return waitEdges(g)
    .map((e) => {
      const h = g.edges.find((x) => x.kind === 'holds' && x.from === e.to);
      const t = g.nodes.get(e.from)?.label ?? e.from;
      const o = g.nodes.get(e.to)?.label ?? e.to;
      return `${t} waits on ${o}${h ? `, held by ${g.nodes.get(h.to)?.label ?? h.to}` : ' (holder unknown)'}`;
    });
}
