// Checks every host message at the boundary, so a malformed one becomes an error state and
// never an exception. Pure: no DOM (unit-tested under node).
import { validateBatch } from '../src/protocol/chunk';
import type { ToWebview } from '../src/protocol/messages';
import { isNamesDelta } from './timeline/names';

export type Checked = { ok: true; msg: ToWebview } | { ok: false; error: string };

const STATES = new Set(['idle', 'booting', 'running', 'halting', 'halted', 'panic', 'deadlock', 'stopped']);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isNote(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const n = v as Record<string, unknown>;
  return num(n.ts) && typeof n.id === 'string' && typeof n.text === 'string' &&
    (n.task === undefined || num(n.task)) && (n.obj === undefined || num(n.obj));
}

export function checkMessage(m: unknown): Checked {
  if (typeof m !== 'object' || m === null) return { ok: false, error: 'message is not an object' };
  const r = m as Record<string, unknown>;
  const bad = (field: string, what: string): Checked => ({ ok: false, error: `${String(r.type)} message: ${field} ${what}` });
  switch (r.type) {
    case 'init': {
      if (!num(r.version)) return bad('version', 'is not a number');
      const s = r.session as Record<string, unknown> | null;
      if (typeof s !== 'object' || s === null) return bad('session', 'is not an object');
      if (typeof s.source !== 'string') return bad('session.source', 'is not a string');
      if (typeof s.title !== 'string') return bad('session.title', 'is not a string');
      if (!isNamesDelta(s.names)) return bad('session.names', 'is not a names delta');
      if (s.eventCount !== undefined && !(Number.isSafeInteger(s.eventCount) && (s.eventCount as number) >= 0)) {
        return bad('session.eventCount', 'is not a count');
      }
      if (s.threads !== undefined && !(Array.isArray(s.threads) && s.threads.every((t) => typeof t === 'string'))) {
        return bad('session.threads', 'is not a list of names');
      }
      if (r.view !== undefined && (typeof r.view !== 'object' || r.view === null)) return bad('view', 'is not an object');
      break;
    }
    case 'events': {
      if (!num(r.seq)) return bad('seq', 'is not a number');
      const e = validateBatch(r.batch);
      if (e) return bad('batch', `is invalid: ${e}`);
      break;
    }
    case 'names':
      if (!isNamesDelta(r.added)) return bad('added', 'is not a names delta');
      break;
    case 'status':
      if (typeof r.state !== 'string' || !STATES.has(r.state)) return bad('state', `is not a kernel state: ${String(r.state)}`);
      break;
    case 'progress':
      if (!num(r.fraction)) return bad('fraction', 'is not a number');
      break;
    case 'error':
      if (typeof r.message !== 'string') return bad('message', 'is not a string');
      break;
    case 'reveal':
      if (!num(r.startNs) || !num(r.endNs)) return bad('startNs/endNs', 'are not numbers');
      if (r.task !== undefined && !num(r.task)) return bad('task', 'is not a number');
      if (r.obj !== undefined && !num(r.obj)) return bad('obj', 'is not a number');
      break;
    case 'notes': {
      if (!Array.isArray(r.added)) return bad('added', 'is not an array');
      const i = r.added.findIndex((n: unknown) => !isNote(n));
      if (i >= 0) return bad(`added[${i}]`, 'is not a note (ts, id, text; optional task, obj)');
      break;
    }
    case 'syncView': {
      const g = r.range as Record<string, unknown> | null;
      if (typeof g !== 'object' || g === null || !num(g.offsetStartNs) || !num(g.offsetEndNs) || g.offsetEndNs <= g.offsetStartNs) {
        return bad('range', 'is not an increasing relative range');
      }
      break;
    }
    case 'compare':
      if (r.peer !== null && typeof r.peer !== 'string') return bad('peer', 'is neither a string nor null');
      break;
    case 'request': {
      const q = r.req as Record<string, unknown> | null;
      if (!num(r.id)) return bad('id', 'is not a number');
      if (typeof q !== 'object' || q === null || (q.kind !== 'exportImage' && q.kind !== 'viewState')) return bad('req.kind', 'is not a known request');
      break;
    }
    case 'reply':
      if (!num(r.id) || typeof r.ok !== 'boolean') return bad('id/ok', 'are missing');
      break;
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(r.type)}` };
  }
  return { ok: true, msg: m as ToWebview };
}
