// Lanes the user asked for besides the filters' (one per semaphore or mutex, added with O, from a
// search or by a reveal) and the focused lane a reveal scrolls to and outlines.
import type { Filters } from './timeline/filters';
import type { Lane } from './timeline/lanes';
import type { TimelineModel } from './timeline/model';
import type { NameTable } from './timeline/names';
import { withObjectLanes } from './timeline/objectLane';
import { visibleLanes } from './timeline/scene';

export class LaneFocus {
  /** Object ids with a lane of their own, in the order they were added. */
  objectIds: number[] = [];
  /** Id of the outlined lane, or -1. */
  focusId = -1;

  constructor(private readonly root: HTMLElement) {}

  /** Restores the persisted ids (a ViewState crossed a trust boundary: numbers only). */
  reset(ids: unknown): void {
    this.objectIds = Array.isArray(ids) ? [...new Set(ids.filter((x): x is number => Number.isInteger(x)))] : [];
    this.focusId = -1;
    this.writeDataset();
  }

  /** Host thread names whose lanes come first (a scenario's own threads), and how to name a host. */
  private first = new Set<string>();
  private hostName: (key: number) => string | undefined = () => undefined;

  setFirst(threads: readonly string[], hostName: (key: number) => string | undefined): void {
    this.first = new Set(threads);
    this.hostName = hostName;
  }

  /** Lanes of a frame: the filters' lanes (a scenario's own threads first), then the added object lanes. */
  shown(model: TimelineModel, f: Filters): Lane[] {
    const lanes = this.first.size ? threadsFirst(visibleLanes(model, f), (l) => this.first.has(this.hostName(l.key) ?? '')) : visibleLanes(model, f);
    return withObjectLanes(lanes, this.objectIds, (id) => model.objectLanes.get(id));
  }

  /** Adds (or with toggle, removes) object id's lane; returns whether it is shown now. */
  setObject(id: number, on: boolean): boolean {
    const at = this.objectIds.indexOf(id);
    if (on && at < 0) this.objectIds.push(id);
    if (!on && at >= 0) this.objectIds.splice(at, 1);
    this.writeDataset();
    return on;
  }

  has(id: number): boolean {
    return this.objectIds.includes(id);
  }

  private writeDataset(): void {
    this.root.dataset.objectLanes = this.objectIds.join(',');
  }
}

/** The lane of an object, made when it has no events yet but names a semaphore, mutex or wait queue. */
export function objectLane(model: TimelineModel, names: NameTable, id: number): Lane | undefined {
  const known = model.objectLanes.get(id);
  if (known) return known;
  const t = names.objects.get(id)?.type;
  return t === 'sem' || t === 'mutex' || t === 'waitq' ? model.lane('object', id) : undefined;
}

/** The host/CPU lane carrying pid at tsNs, else the first that ever carried it. */
export function taskLane(model: TimelineModel, pid: number, tsNs: number): Lane | undefined {
  const thread = model.lanes.filter((l) => l.kind === 'host' || l.kind === 'cpu');
  return thread.find((l) => l.taskAt(tsNs) === pid) ?? thread.find((l) => l.seenTasks.has(pid));
}

/**
 * The scroll offset that shows lane `id` (a third of the way down when it has to move), or
 * undefined when it is not among `lanes` (the filters hide it).
 */
export function scrollToLane(lanes: readonly Lane[], id: number, scrollPx: number, viewPx: number): number | undefined {
  let y = 0;
  for (const l of lanes) {
    if (l.id === id) {
      if (y >= scrollPx && y + l.heightPx <= scrollPx + viewPx) return scrollPx;
      return Math.max(0, y - Math.floor(viewPx / 3));
    }
    y += l.heightPx;
  }
  return undefined;
}

/**
 * The host-thread lanes of `mine` move to the front of the host lanes, both groups keeping their
 * order; phase, CPU-owner and object lanes stay where they are. A workshop's threads then sit
 * right under the LKL CPU owner instead of below every kernel thread.
 */
export function threadsFirst(lanes: readonly Lane[], mine: (l: Lane) => boolean): Lane[] {
  const hosts = lanes.filter((l) => l.kind === 'host');
  const ordered = [...hosts.filter(mine), ...hosts.filter((l) => !mine(l))];
  let i = 0;
  return lanes.map((l) => (l.kind === 'host' ? ordered[i++] : l));
}

