// Warm-up after a large trace arrives. Measured on a fresh page with 1M events, the first zooms
// cost 5-10x a later frame at the same view: the draw path still runs as unoptimised code, each
// swatch's colour is parsed on first use, the pixel buffer path has never run (the fitted first
// frame is sparse) and the load's garbage is collected mid-gesture. So, once per model, right
// after a frame is drawn, the fine LOD levels are built and a few throwaway frames at deeper
// zooms of the same view are drawn into an offscreen canvas: the user's first zooms then run
// warm. Nothing of it reaches the screen; it runs in short tasks, so input is not held long.
import { zoomAround, type Viewport } from './scale';

/** Below this many events a cold frame is cheap anyway: no warm-up. */
export const PREWARM_MIN_EVENTS = 100_000;
/**
 * Zoom factors warmed, around the view's centre: cached and raw LOD, dense and sparse frames;
 * the deepest one sparse with arrows at 1M events (canvas fills and the arrow path warm too).
 */
export const PREWARM_FACTORS: readonly number[] = [2.5, 6, 16, 40, 100, 400, 1600];

/** The viewports warmed for a frame showing `vp`: deeper zooms around its centre. */
export function prewarmViews(vp: Viewport, factors: readonly number[] = PREWARM_FACTORS): Viewport[] {
  return factors.map((f) => zoomAround(vp, vp.widthPx / 2, f));
}

/** Dense throwaway frames (drawn through the pixel buffer) the lead of the warm-up draws. */
export const PREWARM_DENSE_FRAMES = 2;

/**
 * The lead of the warm-up, run inside the frame that starts it: throwaway frames in order until
 * `dense` of them were dense (true: drawn through the pixel buffer), or all, and then the last
 * (deepest) one; returns the frames it did not run, in order. A zoom right after the first frame
 * comes before any later task (the next animation frame is due first), and at 10M events the
 * level builds alone outlast a user's reaction: without the lead the first zooms ran the draw
 * path uncompiled, 3-5x a warm frame. A long trace's first zooms are sparse (merged runs): the
 * lead goes on to the dense ones. The deepest view is sparse with arrows (at 1M events): the
 * canvas-fill and arrow paths, cold, cost a zoom a few ms at once.
 */
export function runLead<F extends () => boolean>(frames: readonly F[], dense = PREWARM_DENSE_FRAMES): F[] {
  let ran = 0;
  let seen = 0;
  while (ran < frames.length && seen < dense) if (frames[ran++]()) seen++;
  const rest = frames.slice(ran);
  if (dense > 0 && rest.length > 0) (rest.pop() as F)();
  return rest;
}

const warmed = new WeakSet<object>();

/** Warm-up work per task, ms (plus the job that crosses it): what a zoom arriving meanwhile waits. */
export const PREWARM_SLICE_MS = 30;

export type Post = (f: () => void) => void;
const postTask: Post = (f) => setTimeout(f, 0);

/**
 * Runs `jobs` in order in tasks of about `sliceMs` each (at least one job a task), the first in
 * the current task. `now` is the clock (performance.now in the page).
 */
export function runInSlices(jobs: readonly (() => void)[], post: Post = postTask, sliceMs = PREWARM_SLICE_MS, now = (): number => performance.now()): void {
  let next = 0;
  const slice = (): void => {
    const t = now();
    while (next < jobs.length) {
      jobs[next++]();
      if (now() - t >= sliceMs) break;
    }
    if (next < jobs.length) post(slice);
  };
  slice();
}

/**
 * The first time a model of at least PREWARM_MIN_EVENTS events is drawn: runs `lead` now (in
 * the frame's task) and `warm` in a task of its own after it; true when it did. `post` is the
 * task queue.
 */
export function schedulePrewarm(
  model: object,
  events: number,
  warm: () => void,
  post: Post = postTask,
  lead?: () => void,
): boolean {
  if (events < PREWARM_MIN_EVENTS || warmed.has(model)) return false;
  warmed.add(model);
  lead?.();
  post(warm);
  return true;
}
