// A streaming splitter for Chrome-trace-shaped JSON: cuts the elements of the `traceEvents`
// array (or of a top-level array) out of text that arrives in chunks, so each element is parsed
// on its own and no string larger than one element (plus one chunk) is ever built.

export interface ScanHandlers {
  /** One element of the events array, as JSON text, with the line it starts on (1-based). */
  element(json: string, line: number): void;
  /** A top-level key other than `traceEvents`, with its value as JSON text. */
  topLevel?(key: string, json: string, line: number): void;
}

export class JsonSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

const enum Mode {
  Start, // before the first non-space character
  ObjKey, // inside the top-level object, expecting a key, ',' or '}'
  ObjColon,
  ObjValue, // copying a top-level value that is not traceEvents
  ArrElem, // inside the events array, between elements
  Elem, // copying one element
  Done,
}

/** Feed text with `push`, then call `end`. Handlers run synchronously as elements complete. */
export class ChromeJsonScanner {
  private mode = Mode.Start;
  private line = 1;
  private depth = 0; // nesting inside the value being copied
  private inString = false;
  private escape = false;
  private buf = '';
  private bufLine = 0;
  private key = '';
  private topIsArray = false;

  constructor(private readonly h: ScanHandlers) {}

  /** True when the input was a bare array of events (the array form of the format). */
  get arrayForm(): boolean {
    return this.topIsArray;
  }

  push(text: string): void {
    let copyFrom = -1; // start of the pending copy within `text`, when copying
    if (this.mode === Mode.Elem || this.mode === Mode.ObjValue || (this.mode === Mode.ObjKey && this.inString)) copyFrom = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) {
          this.inString = false;
          if (this.mode === Mode.ObjKey) {
            const raw = this.buf + text.slice(copyFrom, i + 1);
            try {
              this.key = JSON.parse(raw) as string;
            } catch {
              throw new JsonSyntaxError(this.line, `malformed key ${raw.slice(0, 40)}`);
            }
            this.buf = '';
            copyFrom = -1;
            this.mode = Mode.ObjColon;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      switch (this.mode) {
        case Mode.Start:
          if (c === 123) this.mode = Mode.ObjKey;
          else if (c === 91) {
            this.topIsArray = true;
            this.mode = Mode.ArrElem;
          } else throw new JsonSyntaxError(this.line, 'expected "{" or "[" at the start of a trace');
          break;
        case Mode.ObjKey:
          if (c === 34) {
            this.inString = true;
            copyFrom = i;
            this.buf = '';
          } else if (c === 125) this.mode = Mode.Done;
          else if (c !== 44) throw new JsonSyntaxError(this.line, 'expected a key in the top-level object');
          break;
        case Mode.ObjColon:
          if (c !== 58) throw new JsonSyntaxError(this.line, `expected ":" after key "${this.key}"`);
          this.mode = Mode.ObjValue;
          this.depth = -1; // value not started yet
          break;
        case Mode.ObjValue:
          if (this.depth === -1) {
            if (this.key === 'traceEvents') {
              if (c !== 91) throw new JsonSyntaxError(this.line, 'expected "traceEvents" to be an array');
              this.mode = Mode.ArrElem;
              break;
            }
            this.depth = 0;
            this.bufLine = this.line;
            copyFrom = i;
            this.buf = '';
          }
          if (c === 34) this.inString = true;
          else if (c === 123 || c === 91) this.depth++;
          else if (c === 125 || c === 93 || c === 44) {
            if (this.depth === 0) {
              // a scalar ended, or the object closed after it: hand over the value before `c`
              this.h.topLevel?.(this.key, (this.buf + text.slice(copyFrom, i)).trim(), this.bufLine);
              this.buf = '';
              copyFrom = -1;
              this.mode = c === 125 ? Mode.Done : Mode.ObjKey;
              break;
            }
            if (c !== 44) this.depth--;
            if (this.depth === 0 && c !== 44) {
              this.h.topLevel?.(this.key, this.buf + text.slice(copyFrom, i + 1), this.bufLine);
              this.buf = '';
              copyFrom = -1;
              this.mode = Mode.ObjKey;
            }
          }
          break;
        case Mode.ArrElem:
          if (c === 44) break;
          if (c === 93) {
            this.mode = this.topIsArray ? Mode.Done : Mode.ObjKey;
            break;
          }
          this.mode = Mode.Elem;
          this.depth = 0;
          this.bufLine = this.line;
          this.buf = '';
          copyFrom = i;
          i--; // reprocess this character as the first of the element
          break;
        case Mode.Elem:
          if (c === 34) this.inString = true;
          else if (c === 123 || c === 91) this.depth++;
          else if (c === 125 || c === 93) {
            this.depth--;
            if (this.depth < 0) throw new JsonSyntaxError(this.line, 'unbalanced bracket in an event');
            if (this.depth === 0) {
              this.h.element(this.buf + text.slice(copyFrom, i + 1), this.bufLine);
              this.buf = '';
              copyFrom = -1;
              this.mode = Mode.ArrElem;
            }
          } else if (this.depth === 0) throw new JsonSyntaxError(this.line, 'expected an object in the events array');
          break;
        case Mode.Done:
          throw new JsonSyntaxError(this.line, 'unexpected text after the end of the trace');
      }
    }
    if (copyFrom >= 0) this.buf += text.slice(copyFrom);
  }

  end(): void {
    if (this.mode === Mode.Start) throw new JsonSyntaxError(this.line, 'empty input: no JSON trace');
    if (this.mode !== Mode.Done || this.inString) {
      const where = this.mode === Mode.Elem || this.mode === Mode.ArrElem ? 'inside the events array' : 'inside the top-level object';
      throw new JsonSyntaxError(this.line, `unexpected end of input ${where} (truncated file?)`);
    }
  }
}
