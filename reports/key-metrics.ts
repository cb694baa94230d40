import type { RunMetrics } from '../engine/index.js';
import type { Better } from './pareto-front.js';
import type { ValueKind } from './format.js';

/** A metric the reports rank by, with how to read it from one replication's metrics. */
export interface ReportMetric {
  /** Registry name (`success_rate`, ...), the key of `cells[].aggregate`. */
  name: string;
  /** Column title. */
  title: string;
  /** Fallback when results carry no `metricInfo` for it. */
  better: Better;
  kind: ValueKind;
  /** The value in one replication, for paired differences (undefined: read only from aggregates). */
  read?: (metrics: RunMetrics) => number;
  /** Meaningless without successful requests (latency of nothing, cost per zero successes): cells with a replication without success are left out of its ranking. */
  needsSuccess: boolean;
}

/** The four metrics of the verdict: success rate, p95 latency (ms), p95 TTFT (ms) and cost per 1,000 successful requests ($). */
export const KEY_METRICS: readonly ReportMetric[] = [
  { name: 'success_rate', title: 'Success rate', better: 'higher', kind: 'fraction', read: (m) => m.successRate, needsSuccess: false },
  { name: 'latency_p95_ms', title: 'p95 latency', better: 'lower', kind: 'ms', read: (m) => m.latencyMs.p95, needsSuccess: true },
  { name: 'ttft_p95_ms', title: 'p95 TTFT', better: 'lower', kind: 'ms', read: (m) => m.ttftMs.p95, needsSuccess: true },
  { name: 'cost_per_1k_success', title: 'Cost / 1k successes', better: 'lower', kind: 'dollars', read: (m) => m.costPer1kSuccess, needsSuccess: true },
];

/** Further scoreboard and CSV columns, read from aggregates only. */
export const EXTRA_METRICS: readonly ReportMetric[] = [
  { name: 'latency_p50_ms', title: 'p50 latency', better: 'lower', kind: 'ms', needsSuccess: true },
  { name: 'latency_p99_ms', title: 'p99 latency', better: 'lower', kind: 'ms', needsSuccess: true },
  { name: 'goodput_per_second', title: 'Goodput (req/s)', better: 'higher', kind: 'number', needsSuccess: false },
  { name: 'attempts_per_request', title: 'Attempts / request', better: 'lower', kind: 'number', needsSuccess: false },
  { name: 'provider_attempts_per_request', title: 'Provider tries / request', better: 'lower', kind: 'number', needsSuccess: false },
  { name: 'rate_limited', title: '429s seen', better: 'lower', kind: 'count', needsSuccess: false },
  { name: 'provider_rate_limited', title: '429s sent', better: 'lower', kind: 'count', needsSuccess: false },
  { name: 'no_healthy', title: 'No-healthy failures', better: 'lower', kind: 'count', needsSuccess: false },
];

/** Key metric by registry name. */
export function keyMetric(name: string): ReportMetric {
  const found = KEY_METRICS.find((m) => m.name === name);
  if (!found) throw new RangeError(`unknown key metric "${name}"; expected one of ${KEY_METRICS.map((m) => m.name).join(', ')}`);
  return found;
}
