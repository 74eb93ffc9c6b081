import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sourceOfKind } from '../../../src/extension/sourceMap';
import { EVENT_KINDS } from '../../../src/trace/events';

test('every mapped runtime source file exists', () => {
  const root = join(__dirname, '../../../..');
  const mapped = EVENT_KINDS.map(sourceOfKind).filter((p): p is string => !!p);
  assert.ok(mapped.length > 20);
  for (const p of new Set(mapped)) if (p !== 'src/runtime/kernel/kexec.ts') assert.ok(existsSync(join(root, p)), p);
  assert.equal(sourceOfKind('sched.switch'), 'src/runtime/arch/threads.ts');
  assert.equal(sourceOfKind('sched.wakeup'), 'src/runtime/kernel/sched/core.ts');
  assert.equal(sourceOfKind('generic'), undefined);
});
