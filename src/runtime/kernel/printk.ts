// The kernel log: a ring buffer of leveled records (oldest dropped past LOG_BUF_BYTES), read by
// syslog(2) as "<level>[seconds] text" lines like dmesg -r, and each record a `printk` event.

import * as errno from './errno';
import type { SyscallArg } from './syscallTypes';

/** CONFIG_LOG_BUF_SHIFT=17. */
export const LOG_BUF_BYTES = 1 << 17;

export const SYSLOG_ACTION_CLOSE = 0;
export const SYSLOG_ACTION_OPEN = 1;
export const SYSLOG_ACTION_READ = 2;
export const SYSLOG_ACTION_READ_ALL = 3;
export const SYSLOG_ACTION_READ_CLEAR = 4;
export const SYSLOG_ACTION_CLEAR = 5;
export const SYSLOG_ACTION_CONSOLE_OFF = 6;
export const SYSLOG_ACTION_CONSOLE_ON = 7;
export const SYSLOG_ACTION_CONSOLE_LEVEL = 8;
export const SYSLOG_ACTION_SIZE_UNREAD = 9;
export const SYSLOG_ACTION_SIZE_BUFFER = 10;

export interface LogRecord {
  readonly seq: number;
  readonly tsNs: number;
  readonly level: number;
  readonly text: string;
}

export function formatRecord(r: LogRecord): string {
  return `<${r.level}>[${(r.tsNs / 1e9).toFixed(6).padStart(12)}] ${r.text}\n`;
}

export class LogBuffer {
  readonly records: LogRecord[] = [];
  consoleLevel = 7;
  private bytes = 0;
  private nextSeq = 0;
  /** First record SYSLOG_ACTION_READ has not returned / READ_ALL shows after a clear. */
  private readSeq = 0;
  private clearSeq = 0;
  private readonly enc = new TextEncoder();

  constructor(private readonly capacity = LOG_BUF_BYTES) {}

  add(level: number, text: string, tsNs: number): LogRecord {
    const lv = Math.max(0, Math.min(7, level));
    const r: LogRecord = { seq: this.nextSeq++, tsNs, level: lv, text };
    this.records.push(r);
    this.bytes += formatRecord(r).length;
    while (this.bytes > this.capacity && this.records.length > 1)
      this.bytes -= formatRecord(this.records.shift() as LogRecord).length;
    return r;
  }

  /** The log as dmesg prints it (after the last clear). */
  text(fromSeq = this.clearSeq): string {
    return this.records.filter((r) => r.seq >= fromSeq).map(formatRecord).join('');
  }

  /** Copies the newest bytes that fit in `len` into `buf`; returns the count. */
  private copyOut(text: string, buf: SyscallArg, len: number): number {
    if (!(buf instanceof Uint8Array)) return -errno.EFAULT;
    const bytes = this.enc.encode(text);
    const n = Math.min(len, buf.length, bytes.length);
    buf.set(bytes.subarray(bytes.length - n));
    return n;
  }

  /** syslog(type, buf, len); `privileged` is CAP_SYSLOG (reading all is allowed to anyone). */
  syslog(args: readonly SyscallArg[], privileged: boolean): number {
    const [type, buf, lenArg] = args;
    if (typeof type !== 'number' || !Number.isInteger(type)) return -errno.EINVAL;
    const open = type === SYSLOG_ACTION_READ_ALL || type === SYSLOG_ACTION_SIZE_BUFFER;
    if (!open && !privileged && type !== SYSLOG_ACTION_CLOSE && type !== SYSLOG_ACTION_OPEN)
      return -errno.EPERM;
    const len = typeof lenArg === 'number' && Number.isInteger(lenArg) ? lenArg : -1;
    switch (type) {
      case SYSLOG_ACTION_CLOSE:
      case SYSLOG_ACTION_OPEN:
        return 0;
      case SYSLOG_ACTION_READ:
      case SYSLOG_ACTION_READ_ALL:
      case SYSLOG_ACTION_READ_CLEAR: {
        if (buf === null || buf === undefined || len < 0) return -errno.EINVAL;
        if (len === 0) return 0;
        const from = type === SYSLOG_ACTION_READ ? this.readSeq : this.clearSeq;
        const n = this.copyOut(this.text(from), buf, len);
        if (n < 0) return n;
        if (type === SYSLOG_ACTION_READ) this.readSeq = this.nextSeq;
        if (type === SYSLOG_ACTION_READ_CLEAR) this.clearSeq = this.nextSeq;
        return n;
      }
      case SYSLOG_ACTION_CLEAR:
        this.clearSeq = this.nextSeq;
        return 0;
      case SYSLOG_ACTION_CONSOLE_OFF:
      case SYSLOG_ACTION_CONSOLE_ON:
        return 0;
      case SYSLOG_ACTION_CONSOLE_LEVEL:
        if (len < 1 || len > 8) return -errno.EINVAL;
        this.consoleLevel = len;
        return 0;
      case SYSLOG_ACTION_SIZE_UNREAD:
        return this.text(this.readSeq).length;
      case SYSLOG_ACTION_SIZE_BUFFER:
        return this.capacity;
      default:
        return -errno.EINVAL;
    }
  }
}
