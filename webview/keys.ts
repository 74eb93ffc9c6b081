// Keyboard map of the timeline (the help overlay lists the same keys).

export interface KeyActions {
  zoom(factor: number): void;
  pan(fraction: number): void;
  fit(): void;
  zoomToSelection(): void;
  search(): void;
  help(): void;
  escape(): void;
  marker(which: 'A' | 'B'): void;
  searchStep(dir: 1 | -1): void;
  noteStep(dir: 1 | -1): void;
  kindStep(dir: 1 | -1): void;
  followLive(): void;
  /** Add (or remove) the lane of the object under the pointer or of the current event. */
  objectLane(): void;
  /** Open the wait-for graph of the hovered (else the last) deadlock or panic. */
  waitGraph(): void;
  scroll(dyPx: number): void;
}

/** Handles one keydown; returns true when it was a timeline key. */
export function handleKey(e: KeyboardEvent, a: KeyActions): boolean {
  if (e.ctrlKey || e.metaKey) return false;
  const fast = e.shiftKey ? 3 : 1;
  switch (e.key) {
    case 'w': case 'W': case '+': case '=': a.zoom(1.6 * fast); break;
    case 's': case 'S': case '-': a.zoom(1 / (1.6 * fast)); break;
    case 'a': case 'A': case 'ArrowLeft': a.pan(-0.2 * fast); break;
    case 'd': case 'D': case 'ArrowRight': a.pan(0.2 * fast); break;
    case 'f': case 'F': a.fit(); break;
    case 'z': case 'Z': a.zoomToSelection(); break;
    case '/': a.search(); break;
    case '?': a.help(); break;
    case 'Escape': a.escape(); break;
    case '[': a.marker('A'); break;
    case ']': a.marker('B'); break;
    case 'n': a.noteStep(1); break;
    case 'N': a.noteStep(-1); break;
    case 'm': a.searchStep(1); break;
    case 'M': a.searchStep(-1); break;
    case '.': a.kindStep(1); break;
    case ',': a.kindStep(-1); break;
    case 'l': case 'L': a.followLive(); break;
    case 'g': case 'G': a.waitGraph(); break;
    case 'o': case 'O': a.objectLane(); break;
    case 'ArrowUp': a.scroll(-40); break;
    case 'ArrowDown': a.scroll(40); break;
    default: return false;
  }
  return true;
}
