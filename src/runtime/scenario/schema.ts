// The JSON Schema (draft-07) of scenario files: the loader validates with it, and the same object
// ships as schemas/scenario.schema.json for editor completion (`lkl-scope validate --print-schema`).

import { EVENT_KINDS } from '../../trace/events';
import { NR } from '../kernel/syscallNumbers';

const nonNegInt = (description: string) => ({ type: 'integer', minimum: 0, description });
const name = (description: string) => ({
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_./:-]{0,31}$',
  description,
});

const arg = {
  description: 'A syscall argument: a number, a string, null, a buffer or a saved result.',
  oneOf: [
    { type: ['number', 'string', 'null'] },
    {
      type: 'object',
      required: ['bytes'],
      additionalProperties: false,
      properties: {
        bytes: { ...nonNegInt('A zeroed buffer of this many bytes.'), maximum: 1048576 },
      },
    },
    {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text: { type: 'string', description: 'A buffer holding this UTF-8 text.' } },
    },
    {
      type: 'object',
      required: ['var'],
      additionalProperties: false,
      properties: { var: name('The result a syscall saved with "as".') },
    },
  ],
};

/** One branch per action: an object with exactly one action key (plus its companions). */
function action(
  key: string,
  value: object,
  description: string,
  extra: Record<string, object> = {},
) {
  return {
    type: 'object',
    description,
    required: [key],
    additionalProperties: false,
    properties: { [key]: { ...value, description }, ...extra },
  };
}

/** Editor snippets (VS Code's `defaultSnippets`; ajv is told the keyword is an annotation). */
const ACTION_SNIPPETS = [
  { label: 'syscall', body: { syscall: '${1:getpid}' } },
  { label: 'down', body: { down: '$1' } },
  { label: 'up', body: { up: '$1' } },
  { label: 'lock', body: { lock: '$1' } },
  { label: 'unlock', body: { unlock: '$1' } },
  { label: 'sleepNs', body: { sleepNs: '^${1:1000000}' } },
  { label: 'computeNs', body: { computeNs: '^${1:100000}' } },
  { label: 'spawn', body: { spawn: '$1' } },
  { label: 'exit', body: { exit: '^${1:0}' } },
  { label: 'repeat', body: { repeat: '^${1:3}', do: ['$2'] } },
];

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://lkl-scope.invalid/schemas/scenario.schema.json',
  title: 'LKL Scope workshop scenario',
  description: 'Threads of an LKL-style kernel and what each does; declarative, runs no code.',
  type: 'object',
  required: ['name', 'description', 'seed', 'threads', 'end'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema.' },
    name: name('Scenario name, as `lkl-scope run NAME` takes it.'),
    description: {
      type: 'string',
      minLength: 1,
      description: 'One line: what the scenario shows.',
    },
    seed: {
      ...nonNegInt('PRNG seed: the same seed gives a byte-identical trace.'),
      maximum: 4294967295,
    },
    cmdline: { type: 'string', description: 'Kernel command line.' },
    schedClass: {
      type: 'object',
      description:
        'A scheduling class written in JavaScript for threads with policy "custom"; runs only in a trusted workspace.',
      required: ['module'],
      additionalProperties: false,
      properties: {
        module: {
          type: 'string',
          pattern: '\\.c?js$',
          description:
            'The module, relative to this file: exports create(ctx) returning {name, enqueue, dequeue, pickNext, tick, checkPreempt}.',
        },
      },
    },
    kernel: {
      type: 'object',
      description: 'Kernel options.',
      additionalProperties: false,
      properties: {
        priorityInheritance: {
          type: 'boolean',
          description:
            'Mutex owners inherit the priority of their highest waiter (off by default).',
        },
        watchdog: {
          type: 'object',
          description: 'Soft-lockup watchdog for tasks that run without sleeping.',
          required: ['thresholdNs'],
          additionalProperties: false,
          properties: {
            thresholdNs: {
              ...nonNegInt('Report a task that runs this long without sleeping.'),
              exclusiveMinimum: 0,
            },
            panic: { type: 'boolean', description: 'Panic instead of warning.' },
          },
        },
        crashKernel: {
          type: 'boolean',
          description: 'Load a crash kernel at boot; a panic then boots it.',
        },
      },
    },
    limits: {
      type: 'object',
      description: 'Bounds on the run, so nothing spins forever.',
      additionalProperties: false,
      properties: {
        maxTimeNs: { ...nonNegInt('Stop after this much virtual time.'), exclusiveMinimum: 0 },
        maxEvents: { ...nonNegInt('Stop after this many trace events.'), exclusiveMinimum: 0 },
      },
    },
    semaphores: {
      type: 'array',
      description: 'Kernel semaphores the threads use (down/up).',
      items: {
        type: 'object',
        required: ['name', 'count'],
        additionalProperties: false,
        properties: {
          name: name('Semaphore name, used by "down" and "up".'),
          count: nonNegInt('Initial count.'),
        },
      },
    },
    mutexes: {
      type: 'array',
      description: 'Kernel mutexes the threads use (lock/unlock).',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: name('Mutex name, used by "lock" and "unlock".') },
      },
    },
    threads: {
      type: 'array',
      minItems: 1,
      description: 'App and kernel threads.',
      items: { $ref: '#/definitions/thread' },
    },
    end: {
      type: 'object',
      description: 'How the run ends.',
      required: ['action'],
      additionalProperties: false,
      properties: {
        action: {
          enum: ['halt', 'kexec', 'panic', 'none'],
          description: 'halt (lkl_sys_halt), kexec reboot, panic, or leave the kernel running.',
        },
        atNs: nonNegInt(
          'Act this long after boot.done; without it, once every thread not spawned has finished.',
        ),
        cmdline: { type: 'string', description: "kexec only: the staged kernel's command line." },
        thenHalt: {
          type: 'boolean',
          description: 'After kexec or a crash kernel boots, halt it (default true).',
        },
      },
    },
    notes: {
      type: 'array',
      description: 'Teaching notes shown at their moments.',
      items: { $ref: '#/definitions/note' },
    },
  },
  definitions: {
    thread: {
      type: 'object',
      defaultSnippets: [
        { label: 'kernel thread', body: { name: '$1', kind: 'kernel', actions: ['$2'] } },
        {
          label: 'app thread',
          body: { name: '$1', kind: 'app', actions: [{ syscall: '${2:getpid}' }] },
        },
      ],
      required: ['name', 'kind', 'actions'],
      additionalProperties: false,
      properties: {
        name: name("Thread name (the task's comm)."),
        kind: {
          enum: ['app', 'kernel'],
          description: 'app: a host thread making syscalls; kernel: a kthread.',
        },
        policy: {
          enum: ['normal', 'fifo', 'rr', 'idle', 'custom'],
          description:
            'Scheduling policy (default normal); custom: the scenario\'s "schedClass" (JavaScript).',
        },
        priority: {
          type: 'integer',
          minimum: 1,
          maximum: 99,
          description: 'RT priority for fifo and rr.',
        },
        nice: { type: 'integer', minimum: -20, maximum: 19, description: 'Nice value for normal.' },
        startNs: nonNegInt('Start this long after boot.done.'),
        spawned: { type: 'boolean', description: 'Started only by another thread\'s "spawn".' },
        actions: {
          type: 'array',
          description: 'What the thread does, in order.',
          items: { $ref: '#/definitions/action' },
        },
      },
    },
    action: {
      defaultSnippets: ACTION_SNIPPETS,
      oneOf: [
        action('syscall', { enum: Object.keys(NR) }, 'Issue a syscall by name (app threads).', {
          args: { type: 'array', description: 'Arguments.', items: arg },
          as: name('Save the result under this name for later {"var": ...} arguments.'),
        }),
        action('down', name(''), 'Down a declared semaphore (sleeps while its count is 0).'),
        action('up', name(''), 'Up a declared semaphore.'),
        action('lock', name(''), 'Lock a declared mutex.'),
        action('unlock', name(''), 'Unlock a mutex this thread holds.'),
        action('sleepNs', nonNegInt(''), 'Sleep this many ns (nanosleep or a kernel timer).'),
        action('computeNs', nonNegInt(''), 'Run this many ns without sleeping.'),
        action('spawn', name(''), 'Start a thread declared with "spawned": true.'),
        action('exit', { type: 'integer' }, 'Exit with this code; later actions do not run.'),
        action(
          'repeat',
          { type: 'integer', minimum: 1, maximum: 100000 },
          'Run "do" this many times.',
          {
            do: {
              type: 'array',
              minItems: 1,
              description: 'The repeated actions.',
              items: { $ref: '#/definitions/action' },
            },
          },
        ),
      ],
    },
    note: {
      type: 'object',
      required: ['at', 'text'],
      additionalProperties: false,
      properties: {
        at: {
          description: 'When: {"timeNs"}, {"event"} or {"thread", "when"}.',
          oneOf: [
            {
              type: 'object',
              required: ['timeNs'],
              additionalProperties: false,
              properties: {
                timeNs: nonNegInt('At this virtual time since power-on (trace time).'),
              },
            },
            {
              type: 'object',
              required: ['event'],
              additionalProperties: false,
              properties: {
                event: { enum: [...EVENT_KINDS], description: 'At this trace event.' },
                nth: {
                  type: 'integer',
                  minimum: 1,
                  description: 'Its nth occurrence (default 1).',
                },
              },
            },
            {
              type: 'object',
              required: ['thread', 'when'],
              additionalProperties: false,
              properties: {
                thread: name('The thread.'),
                when: {
                  enum: ['starts', 'runs', 'blocks', 'exits'],
                  description:
                    'The first time it does this; blocks = sleeps on a declared semaphore or mutex, or in sleepNs.',
                },
                on: name('blocks only: the semaphore or mutex it blocks on.'),
              },
            },
          ],
        },
        text: { type: 'string', minLength: 1, description: 'The note.' },
      },
    },
  },
} as const;
