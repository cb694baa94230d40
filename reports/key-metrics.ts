import { findMetric, KEY_METRIC_NAMES, type MetricDefinition } from '../engine/index.js';

/** A metric the reports show: the engine's registry entry (name, title, unit, direction, whether it needs successes). */
export type ReportMetric = MetricDefinition;

function metric(name: string): ReportMetric {
  const found = findMetric(name);
  if (!found) throw new RangeError(`unknown metric "${name}"`);
  return found;
}

/** The metrics of the verdict, in the registry's order: success rate, p95 latency, p95 TTFT, cost per 1,000 successes. */
export const KEY_METRICS: readonly ReportMetric[] = KEY_METRIC_NAMES.map(metric);

/** Further scoreboard and CSV columns. */
export const EXTRA_METRICS: readonly ReportMetric[] = [
  'latency_p50_ms',
  'latency_p99_ms',
  'goodput_per_second',
  'attempts_per_request',
  'provider_attempts_per_request',
  'rate_limited',
  'provider_rate_limited',
  'no_healthy',
  'session_continuity',
].map(metric);

/** Key metric by registry name. */
export function keyMetric(name: string): ReportMetric {
  const found = KEY_METRICS.find((m) => m.name === name);
  if (!found) throw new RangeError(`unknown key metric "${name}"; expected one of ${KEY_METRICS.map((m) => m.name).join(', ')}`);
  return found;
}
