import { isRankable } from '../engine/index.js';
import { keyMetric } from './key-metrics.js';
import { paretoFront } from './pareto-front.js';
import { cellEstimate, type ReportModel } from './report-model.js';

/** Cells on the cost / p95-latency Pareto front (both lower is better; cells without successes are off it), in model order. */
export function costLatencyFront(model: ReportModel): boolean[] {
  const p95 = keyMetric('latency_p95_ms');
  const cost = keyMetric('cost_per_1k_success');
  return paretoFront(model.cells, [
    { value: (v) => (isRankable(v.cell, p95) ? cellEstimate(v.cell, p95).mean : Number.NaN), better: 'lower' },
    { value: (v) => (isRankable(v.cell, cost) ? cellEstimate(v.cell, cost).mean : Number.NaN), better: 'lower' },
  ]);
}
