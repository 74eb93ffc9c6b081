// Located errors: a path inside the JSON document turned into `file:line:column: message` through
// jsonc-parser's syntax tree, so every error points at the exact key or value that is wrong.

import type { Node } from 'jsonc-parser';

/** A path inside the document: object keys and array indexes. */
export type JsonPath = (string | number)[];

export interface ScenarioError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The field, as `threads[1].actions[0].down` ('' for the whole document). */
  field: string;
  message: string;
}

/** The one-line form printed by the CLI and shown in diagnostics. */
export function formatError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.field ? `${e.field}: ` : ''}${e.message}`;
}

export function fieldName(path: JsonPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/** JSON pointer (ajv's instancePath) to path segments. */
export function pointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** Maps offsets to 1-based line and column. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** The deepest node along `path` (the value node, or the key node when `atKey`). */
export function nodeAt(root: Node | undefined, path: JsonPath, atKey = false): Node | undefined {
  let node = root;
  for (let i = 0; i < path.length && node; i++) {
    const seg = path[i];
    let next: Node | undefined;
    if (node.type === 'object') {
      // The last duplicate wins, as in JSON.parse.
      const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === String(seg));
      const prop = props[props.length - 1];
      if (prop && atKey && i === path.length - 1) return prop.children?.[0];
      next = prop?.children?.[1];
    } else if (node.type === 'array' && typeof seg === 'number') {
      next = node.children?.[seg];
    }
    if (!next) return node;
    node = next;
  }
  return node;
}

/** Builds located errors for one document. */
export class Locator {
  private readonly lines: LineMap;

  constructor(
    readonly file: string,
    text: string,
    private readonly root: Node | undefined,
  ) {
    this.lines = new LineMap(text);
  }

  at(path: JsonPath, message: string, atKey = false): ScenarioError {
    const node = nodeAt(this.root, path, atKey);
    return this.atOffset(node?.offset ?? 0, fieldName(path), message);
  }

  atOffset(offset: number, field: string, message: string): ScenarioError {
    const { line, column } = this.lines.position(offset);
    return { file: this.file, line, column, field, message };
  }
}
