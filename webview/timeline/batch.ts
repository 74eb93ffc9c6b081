// Rectangles batched per colour (speedscope): one fill per colour per frame, not per mark.
import type { Swatch } from '../theme';

export class RectBatch {
  // keyed by swatch identity: callers keep their swatches stable (themeSwatches), no string keys per rect
  private readonly buckets = new Map<Swatch, { swatch: Swatch; xywh: number[] }>();
  count = 0;

  add(swatch: Swatch, x: number, y: number, w: number, h: number): void {
    let b = this.buckets.get(swatch);
    if (!b) this.buckets.set(swatch, (b = { swatch, xywh: [] }));
    b.xywh.push(x, y, w, h);
    this.count++;
  }

  /** Fills every bucket; with `outline`, also strokes rects wide enough to show one (high contrast). */
  flush(ctx: CanvasRenderingContext2D, outline = ''): void {
    for (const { swatch, xywh } of this.buckets.values()) {
      ctx.globalAlpha = swatch.alpha;
      ctx.fillStyle = swatch.colour;
      for (let i = 0; i < xywh.length; i += 4) ctx.fillRect(xywh[i], xywh[i + 1], xywh[i + 2], xywh[i + 3]);
    }
    ctx.globalAlpha = 1;
    if (outline) {
      ctx.strokeStyle = outline;
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const { xywh } of this.buckets.values()) {
        for (let i = 0; i < xywh.length; i += 4) if (xywh[i + 2] >= 3) ctx.rect(xywh[i] + 0.5, xywh[i + 1] + 0.5, xywh[i + 2] - 1, xywh[i + 3] - 1);
      }
      ctx.stroke();
    }
    this.buckets.clear();
    this.count = 0;
  }
}

/** Stable colour index of a key (pid or label id): consecutive pids get different colours. */
export function swatchIndex(key: number, n: number): number {
  return ((key % n) + n) % n;
}
