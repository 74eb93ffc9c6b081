// getdents64 records (struct linux_dirent64): d_ino u64, d_off s64, d_reclen u16, d_type u8, then
// the NUL-terminated name, padded to 8 bytes. d_off is the position to resume from, so a directory
// can be read across calls; entries are keyed by stable positions, not indexes, so unlinks do not
// skip any.
import { EINVAL, ENOENT } from '../errno';
import { dtypeOf } from './inode';
import type { DirFile } from './file';

const HEADER_BYTES = 19;

/** Fills `buf[0..count)` with the entries at or after `file.pos`; 0 at the end. */
export function fillDirents(file: DirFile, buf: Uint8Array, count: number): number {
  const dir = file.dir;
  if (dir.dead) return -ENOENT;
  const enc = new TextEncoder();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const all = [
    { name: '.', ino: dir.ino, dtype: dtypeOf(dir), pos: 0 },
    { name: '..', ino: dir.parent?.ino ?? dir.ino, dtype: dtypeOf(dir), pos: 1 },
    ...dir
      .entries()
      .map((e) => ({ name: e.name, ino: e.inode.ino, dtype: dtypeOf(e.inode), pos: e.pos })),
  ];
  let written = 0;
  for (const e of all) {
    if (e.pos < file.pos) continue;
    const name = enc.encode(e.name);
    const reclen = (HEADER_BYTES + name.length + 1 + 7) & ~7;
    if (written + reclen > count) {
      if (written === 0) return -EINVAL;
      break;
    }
    view.setBigUint64(written, BigInt(e.ino), true);
    view.setBigInt64(written + 8, BigInt(e.pos + 1), true);
    view.setUint16(written + 16, reclen, true);
    view.setUint8(written + 18, e.dtype);
    buf.set(name, written + HEADER_BYTES);
    buf.fill(0, written + HEADER_BYTES + name.length, written + reclen);
    written += reclen;
    file.pos = e.pos + 1;
  }
  return written;
}

/** One decoded linux_dirent64. */
export interface Dirent64 {
  ino: number;
  off: number;
  reclen: number;
  type: number;
  name: string;
}

/** Decodes the first `len` bytes a getdents64 call filled (for tests, the CLI and the selftest). */
export function parseDirents64(buf: Uint8Array, len: number): Dirent64[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dec = new TextDecoder();
  const out: Dirent64[] = [];
  for (let at = 0; at + HEADER_BYTES <= len;) {
    const reclen = view.getUint16(at + 16, true);
    if (reclen < HEADER_BYTES + 1) break;
    let end = at + HEADER_BYTES;
    while (end < at + reclen && buf[end] !== 0) end++;
    out.push({
      ino: Number(view.getBigUint64(at, true)),
      off: Number(view.getBigInt64(at + 8, true)),
      reclen,
      type: view.getUint8(at + 18),
      name: dec.decode(buf.subarray(at + HEADER_BYTES, end)),
    });
    at += reclen;
  }
  return out;
}
