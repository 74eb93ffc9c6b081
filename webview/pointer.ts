// Pointer input on the plot: hover (tooltip and highlight), click (pick an event; alt+click sets
// marker A, alt+shift+click marker B) and double-click (jump to the source that emitted it).
// Coordinates are handed on in canvas space (the plot starts below the axis strip).
import { AXIS_PX } from './timeline/view';

export interface PointerHooks {
  move(xPx: number, yPx: number, clientX: number, clientY: number): void;
  leave(): void;
  click(xPx: number, alt: boolean, shift: boolean): void;
  dblclick(): void;
}

/** Returns the function that removes the listeners. */
export function bindPointer(plot: HTMLElement, h: PointerHooks): () => void {
  const at = (e: MouseEvent): [number, number] => {
    const r = plot.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top + AXIS_PX];
  };
  const move = (e: MouseEvent): void => {
    const [x, y] = at(e);
    h.move(x, y, e.clientX, e.clientY);
  };
  const leave = (): void => h.leave();
  const click = (e: MouseEvent): void => h.click(at(e)[0], e.altKey, e.shiftKey);
  const dbl = (): void => h.dblclick();
  plot.addEventListener('mousemove', move);
  plot.addEventListener('mouseleave', leave);
  plot.addEventListener('click', click);
  plot.addEventListener('dblclick', dbl);
  return () => {
    plot.removeEventListener('mousemove', move);
    plot.removeEventListener('mouseleave', leave);
    plot.removeEventListener('click', click);
    plot.removeEventListener('dblclick', dbl);
  };
}
