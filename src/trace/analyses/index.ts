// Analyses shared by the CLI and the webview: pure functions, no node, no DOM.
export { schedStats, type SchedStats, type TaskStats, type CpuStats } from './sched';
export { percentile, summarize, log2Histogram, bucketStartNs, type LatencySummary, type Histogram } from './percentiles';
export { semaphoreStats, cpuContention, criticalPath, type SemStats, type CpuContention, type CriticalPath, type Phase } from './runtime';
export { traceSummary, diffSummaries, type TraceSummary, type SummaryInput, type TraceDiff, type DiffSide } from './summary';
