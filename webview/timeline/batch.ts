// The plot's rectangles (background, bands, lanes), rasterised in JS into one reused pixel
// buffer (raster.ts) and put on the canvas with one putImageData per frame: at middle zoom a
// frame holds 10-20K small rects and a canvas fillRect each was most of the frame.
// A sparse frame (deep zoom: a few hundred rects) skips the buffer, whose fixed cost (fill and
// upload of the whole plot) would then dominate, and fills on the canvas. Colours from the theme.
import type { Swatch } from '../theme';
import { parseCanvasColour, Raster } from './raster';
import { grow } from './series';

/** Up to this many rects a frame, canvas fills beat the buffer's fixed cost. */
export const SPARSE_RECTS = 2500;

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
  /** The frame's rects in painting order (CSS px), and each one's swatch. */
  private xywh = new Float64Array(4096);
  /** The rects in device px for Raster.fillAll: x0, y0, x1, y1, rgba. */
  private dev = new Int32Array(0);
  private readonly swatchOf: Swatch[] = [];
  private bg: Swatch = { colour: '#000', alpha: 1 };
  private region = [0, 0, 0, 0];
  count = 0;

  /**
   * Starts a frame covering CSS rect (x, y, w, h) of the canvas at `dpr`, first painted `bg`
   * (opaque: flush may replace the canvas pixels under it, so whatever lies beneath goes here).
   */
  begin(bg: Swatch, dpr: number, x: number, y: number, w: number, h: number, outline: boolean): void {
    this.dpr = dpr;
    this.bg = bg;
    this.region = [x, y, w, h];
    this.keepOutline = outline;
    this.outlined.length = 0;
    this.swatchOf.length = 0;
    this.count = 0;
  }

  /** Adds a rect in CSS px (painting order); any rect wider than 0 covers at least one device px. */
  add(swatch: Swatch, x: number, y: number, w: number, h: number): void {
    const i = this.count++;
    if (4 * this.count > this.xywh.length) this.xywh = grow(this.xywh, 4 * this.count);
    const a = this.xywh;
    a[4 * i] = x;
    a[4 * i + 1] = y;
    a[4 * i + 2] = w;
    a[4 * i + 3] = h;
    this.swatchOf.push(swatch);
    if (this.keepOutline && w >= 3) this.outlined.push(x, y, w, h);
  }

  /** Canvas fills for a sparse frame, one style change per swatch change. */
  private fillOnCanvas(ctx: CanvasRenderingContext2D): void {
    const [x, y, w, h] = this.region;
    ctx.globalAlpha = 1;
    ctx.fillStyle = this.bg.colour;
    ctx.fillRect(x, y, w, h);
    let cur: Swatch | undefined;
    const a = this.xywh;
    for (let i = 0; i < this.count; i++) {
      const sw = this.swatchOf[i];
      if (sw !== cur) {
        cur = sw;
        ctx.globalAlpha = sw.alpha;
        ctx.fillStyle = sw.colour;
      }
      ctx.fillRect(a[4 * i], a[4 * i + 1], a[4 * i + 2], a[4 * i + 3]);
    }
    ctx.globalAlpha = 1;
  }

  /** Sizes the buffer to the region (it keeps its memory: sizing again is free). */
  private sizeBuffer(bottom = Infinity): { ox: number; oy: number; full: number } {
    const d = this.dpr;
    const [x, y, w, h] = this.region;
    const ox = Math.round(x * d);
    const oy = Math.round(y * d);
    const full = Math.max(0, Math.ceil((y + h) * d) - oy);
    this.raster.reset(Math.max(0, Math.ceil((x + w) * d) - ox), Math.min(full, Math.max(0, Math.ceil(bottom * d) - oy)), false);
    return { ox, oy, full };
  }

  /** Rasterises the frame's rects into the buffer (device px) and puts it on the canvas. */
  private fillInBuffer(ctx: CanvasRenderingContext2D): void {
    const d = this.dpr;
    const a = this.xywh;
    // below the last lane the plot is plain background: a canvas fill, not buffer rows
    let bottom = 0;
    for (let i = 0; i < this.count; i++) bottom = Math.max(bottom, a[4 * i + 1] + a[4 * i + 3]);
    const { ox, oy, full } = this.sizeBuffer(bottom + 1);
    const r = this.raster;
    if (r.height < full) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalAlpha = 1;
      ctx.fillStyle = this.bg.colour;
      ctx.fillRect(ox, oy + r.height, r.width, full - r.height);
      ctx.restore();
    }
    if (r.width === 0 || r.height === 0) return;
    // device px rects, the background first, then drawn band by band (Raster.fillAll)
    const n = this.count + 1;
    if (this.dev.length < 5 * n) this.dev = new Int32Array(2 * 5 * n);
    const q = this.dev;
    q[0] = 0, q[1] = 0, q[2] = r.width, q[3] = r.height, q[4] = this.colour(ctx, this.bg) | 0xff000000;
    for (let i = 0; i < this.count; i++) {
      const rx = a[4 * i], ry = a[4 * i + 1];
      const x0 = Math.round(rx * d) - ox;
      const y0 = Math.round(ry * d) - oy;
      const o = 5 * (i + 1);
      q[o] = x0;
      q[o + 1] = y0;
      q[o + 2] = Math.max(x0 + 1, Math.round((rx + a[4 * i + 2]) * d) - ox);
      q[o + 3] = Math.max(y0 + 1, Math.round((ry + a[4 * i + 3]) * d) - oy);
      q[o + 4] = this.colour(ctx, this.swatchOf[i]);
    }
    r.fillAll(q, n);
    ctx.putImageData(this.imageOf(r), ox, oy);
  }

  /** Puts the buffer on the canvas; in high contrast, strokes rects wide enough to show one. */
  flush(ctx: CanvasRenderingContext2D, outline = ''): void {
    if (this.count <= SPARSE_RECTS) {
      this.fillOnCanvas(ctx);
      this.sizeBuffer(); // allocated ahead, so the first dense frame does not pay for it
    } else this.fillInBuffer(ctx);
    this.swatchOf.length = 0;
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
