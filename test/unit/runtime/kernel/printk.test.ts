import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dmesgText } from '../../../../src/cli/commands/run';
import type { Fiber } from '../../../../src/runtime/host/hostOps';
import * as errno from '../../../../src/runtime/kernel/errno';
import {
  LogBuffer,
  SYSLOG_ACTION_CLEAR,
  SYSLOG_ACTION_CONSOLE_LEVEL,
  SYSLOG_ACTION_READ_ALL,
  SYSLOG_ACTION_SIZE_BUFFER,
} from '../../../../src/runtime/kernel/printk';
import { NR } from '../../../../src/runtime/kernel/syscallNumbers';
import { Runtime } from '../../../../src/runtime/runtime';

describe('printk ring buffer', () => {
  it('drops the oldest records past its capacity', () => {
    const b = new LogBuffer(200);
    for (let i = 0; i < 20; i++) b.add(6, `line ${i}`, i * 1000);
    const text = b.text();
    assert.ok(text.length <= 200);
    assert.ok(text.includes('line 19') && !text.includes('line 0\n'));
    assert.match(text, /^<6>\[ +0\.0000\d\d\] line \d+\n/);
  });
});

describe('syslog(2)', () => {
  it('reads the log, sizes, clears; errors as Linux', () => {
    const rt = Runtime.create({ seed: 4 });
    const r: (number | string)[] = [];
    rt.start(function* main(app): Fiber {
      const buf = new Uint8Array(1 << 16);
      const n = yield* app.syscall(NR.syslog, SYSLOG_ACTION_READ_ALL, buf, buf.length);
      r.push(n > 0 ? 'read' : n);
      r.push(new TextDecoder().decode(buf.subarray(0, n)).includes('Kernel command line') ? 'cmdline' : 'none');
      r.push(yield* app.syscall(NR.syslog, SYSLOG_ACTION_SIZE_BUFFER, null, 0));
      r.push(yield* app.syscall(NR.syslog, SYSLOG_ACTION_READ_ALL, null, 10));
      r.push(yield* app.syscall(NR.syslog, SYSLOG_ACTION_CONSOLE_LEVEL, null, 9));
      r.push(yield* app.syscall(NR.syslog, 99, null, 0));
      r.push(yield* app.syscall(NR.syslog, SYSLOG_ACTION_CLEAR, null, 0));
      r.push(yield* app.syscall(NR.syslog, SYSLOG_ACTION_READ_ALL, buf, buf.length));
      const user = app.spawn(function* u(a): Fiber {
        yield* a.syscall(NR.setuid, 1000);
        r.push(yield* a.syscall(NR.syslog, SYSLOG_ACTION_CLEAR, null, 0));
      }, 'user');
      yield* app.join(user);
      yield* app.halt();
    });
    rt.runToEnd();
    assert.deepEqual(r, [
      'read', 'cmdline', 1 << 17, -errno.EINVAL, -errno.EINVAL, -errno.EINVAL, 0, 0, -errno.EPERM,
    ]);
    const d = dmesgText(rt.events);
    assert.match(d, /Kernel command line: /);
  });
});
