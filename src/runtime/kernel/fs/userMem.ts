// How user memory is modelled. The runtime has no address space, so arguments are JS values:
//  - integers (fds, flags, modes, offsets, counts): numbers or bigints; anything else reads as
//    NaN, which handlers reject like an out-of-range value (-EBADF for an fd, -EINVAL for flags);
//  - C strings (paths, fs types): JS strings, cut at the first NUL; a non-string is an unmapped
//    pointer: -EFAULT;
//  - byte buffers (read/write/getdents64/getcwd): a Uint8Array whose byteLength is the mapped
//    size; a count past it, a negative count, or a non-Uint8Array with a non-zero count is -EFAULT
//    (checked before any transfer, where Linux may copy a prefix first);
//  - out-structs: `stat` fills a caller-given plain object (StatBuf fields); pipe2 writes two fds
//    into an Int32Array or array of length >= 2; epoll_wait writes EpollEvent objects into an
//    array; epoll_ctl reads an `{ events, data }` object. Anything else is -EFAULT.
import { EFAULT } from '../errno';

export function argInt(x: unknown): number {
  if (typeof x === 'number') return Number.isFinite(x) ? Math.trunc(x) : NaN;
  if (typeof x === 'bigint') return Number(BigInt.asIntN(64, x));
  return NaN;
}

/** A 32-bit C int argument (fds, flags): truncated to int as the syscall ABI does. */
export function argInt32(x: unknown): number {
  const n = argInt(x);
  return Number.isNaN(n) ? NaN : n | 0;
}

export function argString(x: unknown): string | number {
  if (typeof x !== 'string') return -EFAULT;
  const nul = x.indexOf('\0');
  return nul >= 0 ? x.slice(0, nul) : x;
}

/** The first `count` bytes of a user buffer, or -EFAULT. */
export function argBuf(x: unknown, count: number): Uint8Array | number {
  if (!Number.isSafeInteger(count) || count < 0) return -EFAULT;
  if (count === 0) return x instanceof Uint8Array ? x.subarray(0, 0) : new Uint8Array(0);
  if (!(x instanceof Uint8Array) || x.byteLength < count) return -EFAULT;
  return x.subarray(0, count);
}

/** A writable out-struct: any non-null, non-array object. */
export function argObject(x: unknown): Record<string, unknown> | number {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x)
    ? (x as Record<string, unknown>)
    : -EFAULT;
}
