// Latency summaries: nearest-rank percentiles and a log2 histogram, on integer ns.

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest rank: the smallest sample with at least p% of the samples at or below it (0 if none). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function summarize(samples: readonly number[]): LatencySummary {
  const s = Float64Array.from(samples).sort();
  return {
    count: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1] : 0,
  };
}

/** Bucket k counts samples in [2^k, 2^(k+1)) ns; bucket 0 also takes 0 ns. */
export interface Histogram {
  buckets: number[];
}

export function log2Histogram(samples: readonly number[]): Histogram {
  const buckets: number[] = [];
  for (const v of samples) {
    const k = v < 1 ? 0 : Math.floor(Math.log2(v));
    while (buckets.length <= k) buckets.push(0);
    buckets[k]++;
  }
  return { buckets };
}

/** Lower bound (ns) of histogram bucket `k`. */
export const bucketStartNs = (k: number): number => (k === 0 ? 0 : 2 ** k);
