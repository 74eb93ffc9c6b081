// Export of the current view for `Export Timeline Image…`: SVG (the canvas as an embedded PNG plus
// the d3 axis as vectors) or PNG (that SVG rasterised at the canvas's device resolution).
import type { Theme } from '../theme';
import { GUTTER_PX } from './draw';

export async function exportImage(canvas: HTMLCanvasElement, axis: SVGSVGElement | null, format: 'png' | 'svg', theme: Theme): Promise<{ format: string; data: string }> {
  const w = canvas.clientWidth || canvas.width;
  const h = canvas.clientHeight || canvas.height;
  const png = canvas.toDataURL('image/png');
  const axisSvg = axis ? `<g transform="translate(${GUTTER_PX},0)" color="${attr(theme.fg)}" font-family="${attr(theme.font)}" font-size="10">${axis.innerHTML}</g>` : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<image width="${w}" height="${h}" href="${png}"/>${axisSvg}</svg>`;
  if (format === 'svg') return { format, data: svg };
  const img = new Image();
  img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
  await img.decode();
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2d context for the export');
  ctx.drawImage(img, 0, 0, out.width, out.height);
  return { format, data: out.toDataURL('image/png') };
}

function attr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
