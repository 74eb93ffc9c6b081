// A software rasteriser for axis-aligned rectangles into a reused RGBA pixel buffer. Thousands
// of small rects per frame cost one typed-array loop each instead of one canvas fillRect each
// (Skia's per-call overhead dominated the frame). Pure: no DOM, so the unit tests run it.

/**
 * A colour as the buffer stores it: little-endian RGBA bytes, i.e. 0xAABBGGRR, as a signed
 * int32 (V8 keeps int32 loops in registers; uint32 above 2^31 would go through doubles).
 */
export function packRgba(r: number, g: number, b: number, a: number): number {
  return (a & 255) << 24 | (b & 255) << 16 | (g & 255) << 8 | (r & 255);
}

/**
 * Parses the colour strings a 2D context hands back from `fillStyle` (`#rrggbb`, `#rrggbbaa`,
 * `rgb(...)`, `rgba(...)`), times `alpha`; undefined when the string is none of them.
 */
export function parseCanvasColour(s: string, alpha = 1): number | undefined {
  let r: number, g: number, b: number, a = 1;
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(s.trim());
  if (hex) {
    const v = parseInt(hex[1], 16);
    r = v >> 16;
    g = (v >> 8) & 255;
    b = v & 255;
    if (hex[2]) a = parseInt(hex[2], 16) / 255;
  } else {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(s.trim());
    if (!m) return undefined;
    r = +m[1];
    g = +m[2];
    b = +m[3];
    if (m[4] !== undefined) a = m[4].endsWith('%') ? parseFloat(m[4]) / 100 : +m[4];
  }
  return packRgba(r, g, b, Math.round(Math.min(1, Math.max(0, a * alpha)) * 255));
}

/** `src` (non-premultiplied, as ImageData) drawn source-over onto `dst`. */
export function blend(dst: number, src: number): number {
  if (dst === lastDst && src === lastSrc) return lastOut;
  lastDst = dst;
  lastSrc = src;
  return (lastOut = blendNow(dst, src));
}

let lastDst = 0;
let lastSrc = 0;
let lastOut = 0;

function blendNow(dst: number, src: number): number {
  const sa = src >>> 24;
  if (sa === 255 || dst === 0) return src;
  if (sa === 0) return dst;
  const da = dst >>> 24;
  // out alpha and colour in 0..255 fixed point: oa = sa + da (1 - sa)
  const dw = (da * (255 - sa)) / 255;
  const oa = sa + dw;
  const r = Math.round(((src & 255) * sa + (dst & 255) * dw) / oa);
  const g = Math.round((((src >>> 8) & 255) * sa + ((dst >>> 8) & 255) * dw) / oa);
  const b = Math.round((((src >>> 16) & 255) * sa + ((dst >>> 16) & 255) * dw) / oa);
  return packRgba(r, g, b, Math.round(oa));
}

export class Raster {
  width = 0;
  height = 0;
  px = new Int32Array(0);
  /** Rows [minY, maxY) touched since clear: only they need uploading. */
  minY = 0;
  maxY = 0;
  /**
   * Per row, 1 while the whole row is one colour (rowColour): a full-width translucent rect
   * (the lane stripes, every frame) then blends once and fills natively instead of scanning.
   */
  private uniform = new Uint8Array(0);
  private rowColour = new Int32Array(0);

  /** Sizes the buffer (reallocating only to grow) and clears it to transparent unless told not to. */
  reset(width: number, height: number, clear = true): void {
    const w = Math.max(0, width | 0);
    const h = Math.max(0, height | 0);
    const n = w * h;
    if (this.uniform.length < h) {
      this.uniform = new Uint8Array(h);
      this.rowColour = new Int32Array(h);
    }
    if (this.px.length < n) this.px = new Int32Array(n);
    else if (!clear) {
      // the caller paints every pixel
    } else if (w === this.width && h === this.height) {
      // same geometry: only the rows drawn last time hold anything
      if (this.maxY > this.minY) this.px.fill(0, this.minY * w, this.maxY * w);
    } else this.px.fill(0, 0, n);
    // a fresh or cleared buffer is transparent everywhere; one the caller paints is unknown
    this.uniform.fill(clear ? 1 : 0, 0, h);
    this.rowColour.fill(0, 0, h);
    this.width = w;
    this.height = h;
    this.minY = h;
    this.maxY = 0;
  }

  /** Per row (0..height): 0 inside a band, 1 where some rect begins or ends, 2 such a row drawn, 3 a row copied. */
  private bound = new Uint8Array(0);
  /** Per row, the first boundary row at or below it. */
  private nextBound = new Int32Array(0);

  /**
   * fill for rects k < n of `q` (x0, y0, x1, y1, rgba: 5 int32 per rect), in order, with the
   * same pixels, drawing only rows where some rect begins or ends: a row no rect begins or
   * ends at is under exactly the rects of the row above it, so it ends up a copy of that row.
   * A lane's rects share a few bands of rows (bar, marks, waits): most rows are copies. Rows
   * start alike only under an opaque first rect over the whole buffer (a background): without
   * one, each rect is filled in full.
   */
  fillAll(q: Int32Array, n: number): void {
    const h = this.height;
    const w = this.width;
    if (n === 0 || q[4] >>> 24 !== 255 || q[0] > 0 || q[1] > 0 || q[2] < w || q[3] < h) {
      for (let k = 0; k < n; k++) this.fill(q[5 * k], q[5 * k + 1], q[5 * k + 2], q[5 * k + 3], q[5 * k + 4]);
      return;
    }
    if (this.bound.length < h + 1) {
      this.bound = new Uint8Array(h + 1);
      this.nextBound = new Int32Array(h + 1);
    }
    const bound = this.bound;
    const next = this.nextBound;
    bound.fill(0, 0, h + 1);
    bound[0] = 1;
    // rects that draw nothing (empty once clipped, transparent) are left out altogether
    const draws = (k: number): boolean =>
      q[5 * k + 4] >>> 24 !== 0 && Math.max(0, q[5 * k]) < Math.min(w, q[5 * k + 2]) && Math.max(0, q[5 * k + 1]) < Math.min(h, q[5 * k + 3]);
    for (let k = 0; k < n; k++) {
      if (!draws(k)) continue;
      bound[Math.max(0, q[5 * k + 1])] = 1;
      bound[Math.min(h, q[5 * k + 3])] = 1;
    }
    next[h] = h;
    for (let y = h - 1; y >= 0; y--) next[y] = bound[y] !== 0 ? y : next[y + 1];
    const px = this.px;
    const uni = this.uniform;
    const rowColour = this.rowColour;
    for (let k = 0; k < n; k++) {
      if (!draws(k)) continue;
      // fill's clipping and row loop, over the rect's boundary rows only
      const x0 = Math.max(0, q[5 * k]), x1 = Math.min(w, q[5 * k + 2]), c = q[5 * k + 4];
      const y0 = Math.max(0, q[5 * k + 1]), y1 = Math.min(h, q[5 * k + 3]);
      if (y0 < this.minY) this.minY = y0;
      if (y1 > this.maxY) this.maxY = y1;
      const full = x0 === 0 && x1 === w;
      const opaque = c >>> 24 === 255;
      for (let y = y0; y < y1; y = next[y + 1]) {
        bound[y] = 2;
        const end = y * w + x1;
        if (opaque) {
          uni[y] = full ? 1 : 0;
          if (full) rowColour[y] = c;
          if (x1 - x0 > 24) px.fill(c, y * w + x0, end);
          else for (let i = y * w + x0; i < end; i++) px[i] = c;
          continue;
        }
        if (full && uni[y] === 1) {
          const out = blend(rowColour[y], c);
          px.fill(out, y * w, end);
          rowColour[y] = out;
          continue;
        }
        uni[y] = 0;
        let i = y * w + x0;
        while (i < end) {
          const d = px[i];
          let j = i + 1;
          while (j < end && px[j] === d) j++;
          const out = blend(d, c);
          if (j - i > 24) px.fill(out, i, j);
          else for (let m = i; m < j; m++) px[m] = out;
          i = j;
        }
      }
    }
    // top down, so each row copied from is final; a row under no rect stays as it was
    for (let y = 1; y < h; y++) {
      if (bound[y] !== 0 || bound[y - 1] < 2) continue;
      bound[y] = 3;
      px.copyWithin(y * w, (y - 1) * w, y * w);
      this.uniform[y] = this.uniform[y - 1];
      this.rowColour[y] = this.rowColour[y - 1];
      if (y >= this.maxY) this.maxY = y + 1;
    }
  }

  /** Fills device-pixel rect [x0, x1) x [y0, y1) (clipped to the buffer) with `rgba`, source-over. */
  fill(x0: number, y0: number, x1: number, y1: number, rgba: number): void {
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > this.width) x1 = this.width;
    if (y1 > this.height) y1 = this.height;
    if (x0 >= x1 || y0 >= y1 || rgba >>> 24 === 0) return;
    if (y0 < this.minY) this.minY = y0;
    if (y1 > this.maxY) this.maxY = y1;
    const px = this.px;
    const w = this.width;
    const uni = this.uniform;
    const full = x0 === 0 && x1 === w;
    if (rgba >>> 24 === 255) {
      const u = full ? 1 : 0;
      // TypedArray.fill has a call cost: most rects here are a few px wide, so loop those
      if (x1 - x0 > 24) {
        for (let y = y0; y < y1; y++) {
          px.fill(rgba, y * w + x0, y * w + x1);
          uni[y] = u;
        }
      } else {
        for (let y = y0; y < y1; y++) {
          uni[y] = u;
          const end = y * w + x1;
          for (let i = y * w + x0; i < end; i++) px[i] = rgba;
        }
      }
      if (full) for (let y = y0; y < y1; y++) this.rowColour[y] = rgba;
      return;
    }
    // translucent: the destination comes in runs of one colour (background, stripes, a slice
    // below), so blend once per run and fill it
    for (let y = y0; y < y1; y++) {
      if (full && uni[y] === 1) {
        const out = blend(this.rowColour[y], rgba);
        px.fill(out, y * w, y * w + w);
        this.rowColour[y] = out;
        continue;
      }
      uni[y] = 0;
      const end = y * w + x1;
      let i = y * w + x0;
      while (i < end) {
        const d = px[i];
        let j = i + 1;
        while (j < end && px[j] === d) j++;
        const out = blend(d, rgba);
        if (j - i > 24) px.fill(out, i, j);
        else for (let k = i; k < j; k++) px[k] = out;
        i = j;
      }
    }
  }
}
