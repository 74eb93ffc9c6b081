// The lanes' rectangles, rasterised in JS into one reused pixel buffer (raster.ts) and put on
// the canvas with one drawImage per frame: at middle zoom a frame holds 10-20K small rects and
// a canvas fillRect each was most of the frame. Device-pixel exact; colours from the theme.
import type { Swatch } from '../theme';
import { parseCanvasColour, Raster } from './raster';

export class RectBatch {
  private readonly raster = new Raster();
  private readonly colours = new WeakMap<Swatch, number>();
  private image: ImageData | undefined;
  private surface: HTMLCanvasElement | undefined;
  /** Rects kept for the high-contrast outline only. */
  private readonly outlined: number[] = [];
  private keepOutline = false;
  private lastSwatch: Swatch | undefined;
  private lastColour = 0;
  private dpr = 1;
  private ox = 0;
  private oy = 0;
  count = 0;

  /** Starts a frame: the buffer covers CSS rect (x, y, w, h) of the canvas at `dpr`. */
  begin(dpr: number, x: number, y: number, w: number, h: number, outline: boolean): void {
    this.dpr = dpr;
    this.ox = Math.round(x * dpr);
    this.oy = Math.round(y * dpr);
    this.raster.reset(Math.max(0, Math.ceil((x + w) * dpr) - this.ox), Math.max(0, Math.ceil((y + h) * dpr) - this.oy));
    this.keepOutline = outline;
    this.outlined.length = 0;
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

  /** Puts the touched rows on the canvas; in high contrast, strokes rects wide enough to show one. */
  flush(ctx: CanvasRenderingContext2D, outline = ''): void {
    const r = this.raster;
    if (r.maxY > r.minY) {
      const surface = this.upload(r);
      const hh = r.maxY - r.minY;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalAlpha = 1;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(surface, 0, r.minY, r.width, hh, this.ox, this.oy + r.minY, r.width, hh);
      ctx.restore();
    }
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

  /** The buffer's touched rows on a scratch canvas (ImageData and canvas reused across frames). */
  private upload(r: Raster): HTMLCanvasElement {
    const n = r.width * r.height * 4;
    if (!this.image || this.image.width !== r.width || this.image.height !== r.height || this.image.data.buffer !== r.px.buffer) {
      this.image = new ImageData(new Uint8ClampedArray(r.px.buffer, 0, n), r.width, r.height);
    }
    const s = (this.surface ??= document.createElement('canvas'));
    if (s.width !== r.width || s.height !== r.height) {
      s.width = r.width;
      s.height = r.height;
    }
    const sctx = s.getContext('2d') as CanvasRenderingContext2D;
    sctx.putImageData(this.image, 0, 0, 0, r.minY, r.width, r.maxY - r.minY);
    return s;
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
