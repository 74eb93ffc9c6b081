// File helpers for the CLI: atomic writes (temp file + rename) and chunked reads.
import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/** Writes `chunks` to `path` so a reader sees the old file or the whole new one, never half. */
export function writeFileAtomic(path: string, chunks: Iterable<string>): number {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let bytes = 0;
  const fd = openSync(tmp, 'w');
  try {
    for (const c of chunks) bytes += writeSync(fd, c);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return bytes;
}

/** Reads a file as a sequence of byte chunks without holding it whole. */
export function* readFileChunks(path: string, chunkBytes = 1 << 20): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(chunkBytes);
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) return;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
