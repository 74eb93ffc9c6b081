// Schema validation with ajv, its errors turned into one readable, located message each. ajv reports
// every branch of a failed oneOf; we keep only the branch the author meant (the one whose keys the
// object has), so `{"down": 5}` says "must be a string", not ten unrelated complaints.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { type JsonPath, type Locator, type ScenarioError, pointerToPath } from './located';
import { SCENARIO_SCHEMA } from './schema';
import { closest } from './suggest';

let compiled: ValidateFunction | null = null;

/** Compiled on first use: ajv generates code, which costs a few ms we skip when not validating. */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'defaultSnippets' });
    compiled = ajv.compile(SCENARIO_SCHEMA);
  }
  return compiled;
}

type SchemaNode = { [k: string]: unknown };

function valueAt(doc: unknown, path: JsonPath): unknown {
  let v = doc;
  for (const seg of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return v;
}

/** The branch of a oneOf whose required keys the value has most of; -1 when it has none. */
function chosenBranch(branches: SchemaNode[], value: unknown): number {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return -1;
  let best = -1;
  let bestScore = 0;
  branches.forEach((b, i) => {
    const req = (b.required as string[] | undefined) ?? [];
    const score = req.filter((k) => k in value).length;
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  object: 'an object',
  array: 'an array',
  boolean: 'true or false',
  null: 'null',
};

/** "expected one of …", with a guess when the object has one misspelt key. */
function describeBranches(branches: SchemaNode[], value: unknown): string {
  const keys = branches.flatMap((b) => (b.required ? [(b.required as string[])[0]] : []));
  const list = branches
    .map((b) =>
      b.required ? `{"${(b.required as string[])[0]}": …}` : String(b.type).replace(/,/g, ', '),
    )
    .join(', ');
  const own = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  const hint = own.length > 0 ? closest(own[0], keys) : undefined;
  return hint
    ? `unknown ${own[0] === hint ? 'form' : `key "${own[0]}"`} (did you mean "${hint}"?); expected one of ${list}`
    : `expected one of ${list}`;
}

function message(e: ErrorObject, path: JsonPath, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  const last = path[path.length - 1];
  switch (e.keyword) {
    case 'required':
      return `missing required field "${p.missingProperty}"`;
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const hint = closest(String(p.additionalProperty), allowed);
      return `unknown field "${p.additionalProperty}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    case 'type':
      return `must be ${String(p.type)
        .split(',')
        .map((t) => ARTICLE[t] ?? t)
        .join(' or ')}, got ${JSON.stringify(value)}`;
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      if (allowed.length <= 8)
        return `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`;
      const hint = closest(String(value), allowed);
      const what = last === 'syscall' ? 'unknown syscall' : 'unknown value';
      return `${what} ${JSON.stringify(value)}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    case 'minimum':
    case 'exclusiveMinimum':
      if (typeof last === 'string' && last.endsWith('Ns') && typeof value === 'number' && value < 0)
        return `a time or duration cannot be negative, got ${value}`;
      return `must be ${e.keyword === 'minimum' ? '≥' : '>'} ${p.limit}, got ${JSON.stringify(value)}`;
    case 'maximum':
      return `must be ≤ ${p.limit}, got ${JSON.stringify(value)}`;
    case 'pattern':
      if (last === 'module')
        return `${JSON.stringify(value)} is not a JavaScript module path (ending in .js or .cjs)`;
      return `${JSON.stringify(value)} is not a valid name (up to 32 letters, digits, _ . / : -, not starting with a digit)`;
    case 'minItems':
      return `needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return 'must not be empty';
    default:
      return e.message ?? e.keyword;
  }
}

/** Validates `doc` against the schema; every problem as one located error. */
export function schemaErrors(doc: unknown, loc: Locator): ScenarioError[] {
  const validate = validator();
  if (validate(doc)) return [];
  const errors = validate.errors ?? [];
  // Resolve each failed oneOf to a branch; errors in the other branches are dropped.
  const oneOfs = errors
    .filter((e) => e.keyword === 'oneOf')
    .map((e) => {
      // schemaPath is relative to the $ref'd definition, so the branches come from `verbose` output.
      const branches = (e.schema as SchemaNode[] | undefined) ?? [];
      const path = pointerToPath(e.instancePath);
      return { e, path, branch: chosenBranch(branches, valueAt(doc, path)), branches };
    });
  const owner = (e: ErrorObject) => {
    // The innermost oneOf on this instance path whose schema encloses the error.
    let best: (typeof oneOfs)[number] | undefined;
    for (const o of oneOfs) {
      if (o.e === e || !e.schemaPath.startsWith(o.e.schemaPath + '/')) continue;
      if (!(
        e.instancePath === o.e.instancePath || e.instancePath.startsWith(o.e.instancePath + '/')
      ))
        continue;
      if (!best || o.e.instancePath.length > best.e.instancePath.length) best = o;
    }
    return best;
  };
  const out: ScenarioError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    let text: string;
    if (e.keyword === 'oneOf') {
      const o = oneOfs.find((x) => x.e === e);
      if (o && o.branch >= 0) continue; // its chosen branch's own errors say what is wrong
      text = describeBranches(o?.branches ?? [], valueAt(doc, path));
    } else {
      const o = owner(e);
      if (o) {
        const rest = e.schemaPath.slice(o.e.schemaPath.length + 1);
        if (o.branch < 0 || Number(rest.split('/')[0]) !== o.branch) continue;
      }
      text = message(e, path, valueAt(doc, path));
    }
    const atKey = e.keyword === 'additionalProperties';
    const keyPath = atKey
      ? [...path, String((e.params as Record<string, unknown>).additionalProperty)]
      : path;
    const err = loc.at(keyPath, text, atKey);
    const id = `${err.line}:${err.column}:${err.message}`;
    if (!seen.has(id)) out.push(err);
    seen.add(id);
  }
  return out;
}
