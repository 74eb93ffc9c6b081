// Loads a scenario from its text: JSON syntax, the schema, then the cross-references, every problem
// reported as `file:line:column` at once. Takes text and a file name, never a path: the caller reads.

import {
  type Node,
  type ParseError,
  getNodeValue,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { crossRefErrors } from './crossRefs';
import { type ScenarioError, Locator } from './located';
import { schemaErrors } from './schemaErrors';
import type { Scenario } from './types';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in scenario files',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** Keys given twice in one object: JSON.parse would silently keep the last. */
function duplicateKeys(node: Node | undefined, loc: Locator, out: ScenarioError[]): void {
  if (!node) return;
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (key && seen.has(String(key.value)))
        out.push(loc.atOffset(key.offset, '', `duplicate key "${key.value}"`));
      if (key) seen.add(String(key.value));
    }
  }
  for (const c of node.children ?? []) duplicateKeys(c, loc, out);
}

/** Parses and validates; never throws for a bad file, and starts nothing. */
export function loadScenario(text: string, file: string): LoadResult {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { disallowComments: true, allowTrailingComma: false });
  const loc = new Locator(file, text, root);
  const errors: ScenarioError[] = [];
  let lastOffset = -1;
  for (const e of parseErrors) {
    if (e.offset === lastOffset) continue; // one error per place: the first says it
    lastOffset = e.offset;
    const code = printParseErrorCode(e.error);
    const trailing = /,\s*$/.test(text.slice(0, e.offset)) && /^[}\]]/.test(text.slice(e.offset));
    errors.push(
      loc.atOffset(
        e.offset,
        '',
        trailing ? 'trailing comma before the closing bracket' : (SYNTAX[code] ?? code),
      ),
    );
  }
  if (errors.length > 0 || !root) {
    if (errors.length === 0) errors.push(loc.atOffset(0, '', 'the file is empty'));
    return { ok: false, errors };
  }
  duplicateKeys(root, loc, errors);
  const doc: unknown = getNodeValue(root);
  errors.push(...schemaErrors(doc, loc));
  for (const e of crossRefErrors(doc)) errors.push(loc.at(e.path, e.message, e.atKey));
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return { ok: true, scenario: doc as Scenario };
}
