// The plot's rectangles (background, bands, lanes), rasterised in JS into one reused pixel
// buffer (raster.ts) and put on the canvas with one putImageData per frame: at middle zoom a
// frame holds 10-20K small rects and a canvas fillRect each was most of the frame.
// Device-pixel exact; colours from the theme.
import type { Swatch } from '../theme';
import { parseCanvasColour, Raster } from './raster';

export class RectBatch {
  private readonly raster = new Raster();
  private readonly colours = new WeakMap<Swatch, number>();
  private image: ImageData | undefined;
  /** Rects kept for the high-contrast outline only. */
  private readonly outlined: number[] = [];
  private keepOutline = false;
  private lastSwatch: Swatch | undefined;
  private lastColour = 0;
  private dpr = 1;
  private ox = 0;
  private oy = 0;
  count = 0;

  /**
   * Starts a frame: the buffer covers CSS rect (x, y, w, h) of the canvas at `dpr` and starts as
   * `bg` (opaque: flush replaces the canvas pixels under it, so whatever is beneath goes here).
   */
  begin(ctx: CanvasRenderingContext2D, bg: Swatch, dpr: number, x: number, y: number, w: number, h: number, outline: boolean): void {
    this.dpr = dpr;
    this.ox = Math.round(x * dpr);
    this.oy = Math.round(y * dpr);
    this.raster.reset(Math.max(0, Math.ceil((x + w) * dpr) - this.ox), Math.max(0, Math.ceil((y + h) * dpr) - this.oy), false);
    this.keepOutline = outline;
    this.outlined.length = 0;
    this.raster.fill(0, 0, this.raster.width, this.raster.height, this.colour(ctx, bg) | 0xff000000);
    this.count = 0;
  }

  /** Draws now (painter's order), in CSS px; any rect wider than 0 covers at least one device px. */
  add(ctx: CanvasRenderingContext2D, swatch: Swatch, x: number, y: number, w: number, h: number): void {
    this.count++;
    const d = this.dpr;
    const x0 = Math.round(x * d) - this.ox;
    const y0 = Math.round(y * d) - this.oy;
    const x1 = Math.max(x0 + 1, Math.round((x + w) * d) - this.ox);
    const y1 = Math.max(y0 + 1, Math.round((y + h) * d) - this.oy);
    this.raster.fill(x0, y0, x1, y1, this.colour(ctx, swatch));
    if (this.keepOutline && w >= 3) this.outlined.push(x, y, w, h);
  }

  /** Puts the buffer on the canvas; in high contrast, strokes rects wide enough to show one. */
  flush(ctx: CanvasRenderingContext2D, outline = ''): void {
    const r = this.raster;
    if (r.width > 0 && r.height > 0) ctx.putImageData(this.imageOf(r), this.ox, this.oy);
    if (outline && this.outlined.length > 0) {
      ctx.strokeStyle = outline;
      ctx.lineWidth = 1;
      ctx.beginPath();
      const o = this.outlined;
      for (let i = 0; i < o.length; i += 4) ctx.rect(o[i] + 0.5, o[i + 1] + 0.5, o[i + 2] - 1, o[i + 3] - 1);
      ctx.stroke();
    }
    this.outlined.length = 0;
  }

  /** An ImageData over the buffer's own memory, reused while the geometry holds. */
  private imageOf(r: Raster): ImageData {
    const n = r.width * r.height * 4;
    if (!this.image || this.image.width !== r.width || this.image.height !== r.height || this.image.data.buffer !== r.px.buffer) {
      this.image = new ImageData(new Uint8ClampedArray(r.px.buffer, 0, n), r.width, r.height);
    }
    return this.image;
  }

  /** The swatch as packed RGBA; the context normalises any CSS colour the theme holds. */
  private colour(ctx: CanvasRenderingContext2D, s: Swatch): number {
    // consecutive rects mostly share a swatch: skip the map then
    if (s === this.lastSwatch) return this.lastColour;
    let c = this.colours.get(s);
    if (c === undefined) {
      const prev = ctx.fillStyle;
      ctx.fillStyle = '#808080';
      ctx.fillStyle = s.colour;
      c = parseCanvasColour(String(ctx.fillStyle), s.alpha) ?? parseCanvasColour('#808080', s.alpha) as number;
      ctx.fillStyle = prev;
      this.colours.set(s, c);
    }
    this.lastSwatch = s;
    this.lastColour = c;
    return c;
  }
}

/** Stable colour index of a key (pid or label id): consecutive pids get different colours. */
export function swatchIndex(key: number, n: number): number {
  return ((key % n) + n) % n;
}
