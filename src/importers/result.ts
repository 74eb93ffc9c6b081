// Completes an import result: restores time order where a console capture broke it and counts
// events per original name. `events` is materialised from the store only when asked for.
import type { TraceEvent } from '../trace/events';
import type { ImportResult } from './types';

export type ResultParts = Omit<ImportResult, 'bySource' | 'reordered' | 'events'>;

export function finishResult(r: ResultParts): ImportResult {
  const { store } = r;
  let ids = r.sourceIds;
  let reordered = 0;
  for (let i = 1; i < store.count; i++) if (store.ts[i] < store.ts[i - 1]) reordered++;
  if (reordered > 0) {
    const perm = store.sortByTime();
    const sorted = new Uint16Array(perm.length);
    for (let i = 0; i < perm.length; i++) sorted[i] = ids[perm[i]];
    ids = sorted;
  }
  store.trim();
  const counts = new Array<number>(r.sourceNames.length).fill(0);
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
  const bySource: Record<string, number> = {};
  r.sourceNames.forEach((name, i) => (bySource[name] = counts[i]));
  let cache: TraceEvent[] | null = null;
  return {
    ...r,
    sourceIds: ids,
    bySource,
    reordered,
    get events(): TraceEvent[] {
      return (cache ??= store.events());
    },
  };
}
