// The interpreter on small inline scenarios: spawning, saved results shared between threads,
// repeat and exit, nice for app threads, run limits, and the end actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenario } from '../../../../src/runtime/scenario/loader';
import { formatError } from '../../../../src/runtime/scenario/located';
import { runScenario } from '../../../../src/runtime/scenario/runScenario';
import type { Scenario, ScenarioThread } from '../../../../src/runtime/scenario/types';
import { kinds, moment, pidOf } from './traceFacts';

function scenario(threads: ScenarioThread[], extra: Partial<Scenario> = {}): Scenario {
  const sc = {
    name: 't',
    description: 'test',
    seed: 11,
    threads,
    end: { action: 'halt' },
    ...extra,
  };
  const r = loadScenario(JSON.stringify(sc), 'inline.json');
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.scenario;
}

test('kernel and app threads spawn their own kind; spawned threads run', () => {
  const r = runScenario(
    scenario([
      { name: 'k', kind: 'kernel', actions: [{ spawn: 'kchild' }, { computeNs: 1000 }] },
      { name: 'kchild', kind: 'kernel', spawned: true, actions: [{ computeNs: 1000 }] },
      { name: 'a', kind: 'app', actions: [{ spawn: 'achild' }, { sleepNs: 200000 }] },
      { name: 'achild', kind: 'app', spawned: true, actions: [{ syscall: 'getpid' }] },
    ]),
  );
  assert.equal(r.status, 'halted');
  for (const t of ['k', 'kchild', 'a', 'achild'])
    assert.ok(moment(r, t, 'exits'), `${t} ran to its end`);
  const fork = r.events.find((e) => e.kind === 'sched.fork' && e.arg === 'kchild');
  assert.equal(
    r.names.tasks.get(fork?.task ?? -1),
    'kthreadd',
    'kthread_run forks through kthreadd',
  );
});

test('a saved result feeds another thread: a channel written by one app thread, read by another', () => {
  const r = runScenario(
    scenario([
      {
        name: 'reader',
        kind: 'app',
        actions: [
          { syscall: 'chan_create', as: 'ch' },
          { syscall: 'chan_read', args: [{ var: 'ch' }, { bytes: 8 }, 8], as: 'n' },
        ],
      },
      {
        name: 'writer',
        kind: 'app',
        startNs: 500000,
        actions: [{ syscall: 'chan_write', args: [{ var: 'ch' }, { text: 'hello' }, 5] }],
      },
    ]),
  );
  assert.equal(r.status, 'halted');
  const reads = r.events.filter((e) => e.kind === 'syscall.enter' && e.arg === 'chan_read');
  const exit = r.events.find(
    (e) => e.kind === 'syscall.exit' && e.host === reads[0].host && e.seq > reads[0].seq,
  );
  assert.equal(exit?.arg, 5, 'the read returned the five bytes written');
  assert.ok(moment(r, 'reader', 'exits').ts > moment(r, 'writer', 'starts').ts);
});

test('repeat runs its body N times; exit inside it ends the thread', () => {
  const r = runScenario(
    scenario([
      { name: 'a', kind: 'app', actions: [{ repeat: 3, do: [{ syscall: 'gettid' }] }] },
      {
        name: 'b',
        kind: 'app',
        actions: [{ repeat: 5, do: [{ syscall: 'getppid' }, { exit: 0 }] }],
      },
    ]),
  );
  const count = (name: string) =>
    r.events.filter((e) => e.kind === 'syscall.enter' && e.arg === name).length;
  assert.equal(count('gettid'), 3);
  assert.equal(count('getppid'), 1);
});

test('nice applies to app threads (through scenario_attach) and kernel threads', () => {
  const r = runScenario(
    scenario([
      { name: 'a', kind: 'app', nice: 7, actions: [{ syscall: 'getpid' }] },
      { name: 'k', kind: 'kernel', nice: -5, actions: [{ computeNs: 1000 }] },
    ]),
  );
  assert.equal(r.status, 'halted');
  assert.ok(r.events.some((e) => e.kind === 'syscall.enter' && e.arg === 'scenario_attach'));
  assert.ok(pidOf(r.names, 'k') > 0);
});

test('limits stop a runaway thread with status stopped', () => {
  const r = runScenario(
    scenario([{ name: 'spin', kind: 'kernel', actions: [{ computeNs: 5_000_000_000 }] }], {
      limits: { maxTimeNs: 50_000_000 },
    }),
  );
  assert.equal(r.status, 'stopped');
  assert.ok(r.summary.virtualNs < 60_000_000);
});

test('end atNs halts at that time even with threads still running; none leaves the kernel up', () => {
  const sleeper: ScenarioThread = {
    name: 's',
    kind: 'kernel',
    actions: [{ sleepNs: 1_000_000_000 }],
  };
  const r = runScenario(scenario([sleeper], { end: { action: 'halt', atNs: 2_000_000 } }));
  assert.equal(r.status, 'halted');
  const halt = kinds(r, 'halt.step.begin')[0];
  const boot = kinds(r, 'boot.done')[0];
  assert.ok(halt.ts - boot.ts >= 2_000_000 && halt.ts - boot.ts < 20_000_000);
  const up = runScenario(
    scenario([{ name: 'a', kind: 'app', actions: [{ syscall: 'getpid' }] }], {
      end: { action: 'none' },
    }),
  );
  assert.equal(up.status, 'running');
  assert.equal(kinds(up, 'halt.done').length, 0);
});

test('policy and watchdog are applied: a FIFO compute past the threshold draws a soft-lockup warning', () => {
  const r = runScenario(
    scenario(
      [{ name: 'f', kind: 'kernel', policy: 'fifo', priority: 10, actions: [{ computeNs: 30_000_000 }] }],
      {
        kernel: { watchdog: { thresholdNs: 1_000_000 } },
      },
    ),
  );
  assert.deepEqual(r.warnings, []);
  assert.ok(kinds(r, 'warn').some((e) => /lockup/i.test(String(e.arg))), 'watchdog warning in the trace');
});

test('the scenario seed holds unless an override gives one', () => {
  const sc = scenario([{ name: 'a', kind: 'app', actions: [{ syscall: 'getpid' }] }]);
  assert.equal(runScenario(sc, { seed: undefined }).summary.seed, 11);
  assert.equal(runScenario(sc, { seed: 5 }).summary.seed, 5);
});
