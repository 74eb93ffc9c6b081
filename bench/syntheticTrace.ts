// A synthetic runtime-like trace as column batches, for the timeline benchmark and tests:
// boot phases, then LKL CPU hand-offs between host threads (sem up/down, sched.switch,
// cpu.owner), syscalls, timers, irqs and cpu_get waits. Seeded, so every run is the same.
import type { EventBatch } from '../src/protocol/chunk';
import type { NamesDelta } from '../src/protocol/messages';
import { KIND_CODE, NONE, type EventKind } from '../src/trace/events';
import { prng as mulberry32 } from '../test/helpers/prng';


function emptyBatch(n: number): EventBatch {
  return {
    count: 0, seq: new Float64Array(n), ts: new Float64Array(n), kind: new Uint8Array(n),
    host: new Int32Array(n), task: new Int32Array(n), obj: new Int32Array(n), peer: new Int32Array(n),
    gen: new Uint16Array(n), argType: new Uint8Array(n), argNum: new Float64Array(n), argStr: [],
  };
}

/** The batch cut to its count, as a host would send it. */
function trim(b: EventBatch): EventBatch {
  const n = b.count;
  return {
    count: n, seq: b.seq.slice(0, n), ts: b.ts.slice(0, n), kind: b.kind.slice(0, n), host: b.host.slice(0, n),
    task: b.task.slice(0, n), obj: b.obj.slice(0, n), peer: b.peer.slice(0, n), gen: b.gen.slice(0, n),
    argType: b.argType.slice(0, n), argNum: b.argNum.slice(0, n), argStr: b.argStr,
  };
}

export interface Synthetic {
  batches: EventBatch[];
  names: NamesDelta;
  count: number;
}

/** About `total` events over `hosts` host threads, in batches of `batchSize`. */
export function syntheticTrace(total: number, opts: { hosts?: number; batchSize?: number; seed?: number } = {}): Synthetic {
  const hosts = opts.hosts ?? 12;
  const batchSize = opts.batchSize ?? 65536;
  const rnd = mulberry32(opts.seed ?? 1);
  const batches: EventBatch[] = [];
  let b = emptyBatch(batchSize);
  let seq = 0;
  let ts = 1_000_000;
  const emit = (kind: EventKind, host: number, task: number, obj = NONE, peer = NONE, arg: number | string | null = null): void => {
    if (b.count === batchSize) {
      batches.push(b);
      b = emptyBatch(batchSize);
    }
    const i = b.count++;
    b.seq[i] = seq++;
    b.ts[i] = ts;
    b.kind[i] = KIND_CODE.get(kind) as number;
    b.host[i] = host;
    b.task[i] = task;
    b.obj[i] = obj;
    b.peer[i] = peer;
    if (typeof arg === 'number') {
      b.argType[i] = 1;
      b.argNum[i] = arg;
    } else if (typeof arg === 'string') {
      b.argType[i] = 2;
      b.argStr.push(arg);
    }
  };
  const step = (max: number): void => {
    ts += 1 + Math.floor(rnd() * max);
  };
  const pid = (h: number): number => h + 1;
  emit('boot.phase.begin', 0, pid(0), NONE, NONE, 'setup_arch');
  for (let h = 0; h < hosts; h++) {
    step(2000);
    emit('thread.create', 0, pid(0), NONE, h, null);
    emit('sem.alloc', 0, pid(0), 100 + h, NONE, 0);
  }
  emit('boot.phase.end', 0, pid(0), NONE, NONE, 'setup_arch');
  emit('boot.phase.begin', 0, pid(0), NONE, NONE, 'initcalls');
  for (let c = 0; c < 8; c++) {
    emit('boot.initcall.begin', 0, pid(0), NONE, NONE, `init_fn_${c}`);
    step(50_000);
    emit('boot.initcall.end', 0, pid(0), NONE, NONE, `init_fn_${c}`);
  }
  emit('boot.phase.end', 0, pid(0), NONE, NONE, 'initcalls');
  emit('boot.done', 0, pid(0));
  let cur = 0;
  emit('cpu.get', cur, pid(cur), NONE, NONE, 1);
  while (seq < total) {
    const r = rnd();
    step(4000);
    if (r < 0.3) {
      emit('syscall.enter', cur, pid(cur), NONE, NONE, Math.floor(rnd() * 300));
      step(3000);
      emit('syscall.exit', cur, pid(cur), NONE, NONE, 0);
    } else if (r < 0.4) {
      emit('timer.set', cur, pid(cur), 50, NONE, 100_000);
    } else if (r < 0.45) {
      emit('irq.enter', cur, pid(cur), 60, NONE, null);
      step(500);
      emit('irq.exit', cur, pid(cur), 60, NONE, null);
    } else if (r < 0.5) {
      const w = (cur + 1 + Math.floor(rnd() * (hosts - 1))) % hosts;
      emit('cpu.get.wait', w, pid(w));
      step(800);
      emit('sched.wakeup', cur, pid(cur), NONE, pid(w));
    } else {
      // hand the LKL CPU to another host thread, as __switch_to does with sched_sem
      const next = (cur + 1 + Math.floor(rnd() * (hosts - 1))) % hosts;
      // (cpu.owner as the runtime emits it: by the thread handing over, the new owner in peer)
      emit('sched.switch', cur, pid(cur), NONE, pid(next), null);
      emit('cpu.owner', cur, pid(cur), NONE, next);
      emit('sem.up', cur, pid(cur), 100 + next, next, 1);
      emit('sem.down.wait', cur, pid(cur), 100 + cur, NONE, null);
      step(300);
      emit('sem.down', next, pid(next), 100 + next, NONE, 0);
      cur = next;
    }
  }
  emit('halt.step.begin', cur, pid(cur), NONE, NONE, 'kernel_halt');
  step(100_000);
  emit('halt.step.end', cur, pid(cur), NONE, NONE, 'kernel_halt');
  emit('halt.done', cur, pid(cur));
  batches.push(trim(b));
  const names: NamesDelta = {
    hosts: Array.from({ length: hosts }, (_, h) => [h, h === 0 ? 'boot' : `lkl_thread/${h}`] as [number, string]),
    tasks: Array.from({ length: hosts }, (_, h) => [pid(h), h === 0 ? 'init' : h === 1 ? 'kthreadd' : `kworker/${h}`] as [number, string]),
    objects: Array.from({ length: hosts }, (_, h) => [100 + h, 'sem', `sched_sem:${h}`] as [number, 'sem', string]),
  };
  return { batches, names, count: seq };
}
