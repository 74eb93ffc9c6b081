// Shared by the importer tests: fixture paths, the shared real traces, chunked imports, a seeded PRNG.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importTraceSync, type ImportResult } from '../../../src/importers/index';
export { prng } from '../../helpers/prng';
import { prng } from '../../helpers/prng';

/** Repository root (tests run from out/test/unit/...). */
export const ROOT = resolve(__dirname, '../../../..');
export const FIXTURES = join(ROOT, 'test/fixtures');
/** The real Linux traces beside the checkout (../shared/traces), if present. */
export const SHARED = join(ROOT, '../shared/traces/linux-6.18-host');

export function fixture(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, rel)));
}

export function sharedTraces(): string[] {
  return existsSync(SHARED) ? readdirSync(SHARED).sort().map((f) => join(SHARED, f)) : [];
}

/** Imports `bytes` cut at the given offsets. */
export function importSplit(bytes: Uint8Array, cuts: number[] = [], fileName = 'test.txt'): ImportResult {
  const points = [0, ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
  const chunks: Uint8Array[] = [];
  for (let i = 1; i < points.length; i++) chunks.push(bytes.slice(points[i - 1], points[i]));
  return importTraceSync(chunks, { fileName });
}


/** Lines in a text as the importers count them (a last line without newline counts). */
export function lineCount(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? n + 1 : n;
}

/** A comparable view of an import: events as objects plus names. */
export function snapshot(r: ImportResult): unknown {
  return {
    format: r.format, events: r.events, lines: r.lines, bySource: r.bySource,
    tasks: [...r.meta.names.tasks], diagnostics: r.diagnostics,
  };
}
