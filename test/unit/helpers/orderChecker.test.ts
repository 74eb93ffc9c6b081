import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runDefaultProgram } from '../../../src/runtime/program/defaultProgram';
import { NONE, type TraceEvent } from '../../../src/trace/events';
import { checkOrder } from '../../helpers/orderChecker';

const good = runDefaultProgram({ seed: 11 });
const names = good.names;
const objName = (e: TraceEvent) => names.objects.get(e.obj)?.name ?? '';

/** The good trace with `edit` applied to a copy, seq renumbered. */
function mutate(edit: (ev: TraceEvent[]) => void): string[] {
  const ev = good.events.map((e) => ({ ...e }));
  edit(ev);
  ev.forEach((e, i) => (e.seq = i));
  return checkOrder({ events: ev, names });
}

test('the unmodified trace passes', () => {
  assert.deepEqual(checkOrder(good), []);
});

test('a switch whose next semaphore is never upped is caught', () => {
  const v = mutate((ev) => {
    const sw = ev.findIndex((e) => e.kind === 'sched.switch' && e.arg === 'block');
    const up = ev.findIndex((e, i) => i > sw && e.kind === 'sem.up' && e.host === ev[sw].host);
    ev.splice(up, 1);
  });
  assert.ok(
    v.some((m) => /expected sem.up of next|did not down/.test(m)),
    v.join('\n'),
  );
});

test('prev not downing its own semaphore after a blocking switch is caught', () => {
  const v = mutate((ev) => {
    const sw = ev.findIndex((e) => e.kind === 'sched.switch' && e.arg === 'block');
    const down = ev.findIndex(
      (e, i) => i > sw && e.kind === 'sem.down.wait' && e.host === ev[sw].host,
    );
    const other = ev.find((e) => e.kind === 'sem.alloc' && objName(e) === 'cpu.sem');
    ev[down].obj = other?.obj ?? 999;
  });
  assert.ok(
    v.some((m) => /prev downed/.test(m)),
    v.join('\n'),
  );
});

test('a second host thread taking an owned CPU is caught', () => {
  const v = mutate((ev) => {
    const i = ev.findIndex((e) => e.kind === 'syscall.enter');
    const other = ev.find((e) => e.host !== ev[i].host && e.host !== NONE) as TraceEvent;
    ev.splice(i + 1, 0, { ...ev[i], kind: 'cpu.get', host: other.host, arg: 1 });
  });
  assert.ok(
    v.some((m) => /took the CPU owned by/.test(m)),
    v.join('\n'),
  );
});

test('halt steps out of order, and events after halt.done, are caught', () => {
  const swapped = mutate((ev) => {
    const a = ev.findIndex((e) => e.kind === 'halt.step.begin' && e.arg === 'tick_suspend');
    const b = ev.findIndex((e) => e.kind === 'halt.step.begin' && e.arg === 'free_mem');
    [ev[a].arg, ev[b].arg] = [ev[b].arg, ev[a].arg];
  });
  assert.ok(
    swapped.some((m) => /out of order/.test(m)),
    swapped.join('\n'),
  );
  const after = mutate((ev) => {
    const last = ev[ev.length - 1];
    ev.push({ ...last, kind: 'sched.switch', arg: 'block' });
  });
  assert.ok(
    after.some((m) => /after halt.done/.test(m)),
    after.join('\n'),
  );
});

test('init_sem upped twice, or by a thread that does not exit, is caught', () => {
  const v = mutate((ev) => {
    const up = ev.findIndex((e) => e.kind === 'sem.up' && objName(e) === 'init_sem');
    ev.splice(up + 1, 0, { ...ev[up] });
  });
  assert.ok(
    v.some((m) => /did not exit next|upped 2 times/.test(m)),
    v.join('\n'),
  );
});
