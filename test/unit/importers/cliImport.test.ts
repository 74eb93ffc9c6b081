// `lkl-scope import FILE --out OUT.json`: valid Chrome JSON with the structure Perfetto reads
// (named tracks, running slices, wake-up flows), and located errors for bad input.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliError } from '../../../src/cli/command';
import { importCommand } from '../../../src/cli/commands/import';
import { FIXTURES } from './helpers';

interface El { ph: string; name?: string; tid?: number; ts?: number; args?: Record<string, unknown> }

test('import --out writes Chrome JSON that Perfetto can open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-import-'));
  try {
    const out = join(dir, 'x.json');
    let err = '';
    const code = await importCommand.run([join(FIXTURES, 'ftrace/trace-head.txt'), '--out', out], { out: () => {}, err: (t) => (err += t) });
    assert.equal(code, 0);
    assert.match(err, /ftrace, \d+ events, 0 broken lines/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: El[]; metadata: Record<string, { source: string }> };
    const els = doc.traceEvents;
    assert.equal(doc.metadata['lkl-scope'].source, 'ftrace');
    assert.ok(els.every((e) => typeof e.ph === 'string'));
    const names = els.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args?.name);
    assert.ok(names.includes('CPU 0') && names.includes('CPU 1'), String(names));
    assert.ok(els.some((e) => e.ph === 'B') && els.some((e) => e.ph === 'E'), 'running slices');
    assert.ok(els.some((e) => e.ph === 's') && els.some((e) => e.ph === 'f'), 'wake-up flows');
    assert.ok(els.filter((e) => e.ph === 'i').every((e) => e.args?.lkl !== undefined), 'model events carry args.lkl');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import of a binary or missing file is a one-line CliError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lkl-import-'));
  try {
    const bin = join(dir, 'trace.dat');
    writeFileSync(bin, Buffer.from([0x17, 0x08, 0x44, ...Buffer.from('tracing6'), 0, 0, 0]));
    const io = { out: () => {}, err: () => {} };
    await assert.rejects(importCommand.run([bin], io), (e: unknown) => e instanceof CliError && /trace\.dat.*trace-cmd report/.test(e.message));
    await assert.rejects(importCommand.run([join(dir, 'nope.txt')], io), (e: unknown) => e instanceof CliError && /no such file/.test(e.message));
    await assert.rejects(importCommand.run([], io), (e: unknown) => e instanceof CliError && e.exitCode === 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
