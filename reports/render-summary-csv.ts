import type { Results } from '../engine/index.js';
import { csvField } from './escape.js';
import { EXTRA_METRICS, KEY_METRICS } from './key-metrics.js';
import { costLatencyFront } from './cost-latency-front.js';
import { buildReportModel, cellEstimate } from './report-model.js';

const METRICS = [...KEY_METRICS, ...EXTRA_METRICS];

/**
 * One row per cell, in run order (RFC 4180: CRLF line ends, fields quoted when needed): the cell's
 * axes, then for each key metric its mean, 95% CI half-width and interval bounds (in the metric's
 * raw unit: fraction, ms, dollars, count), whether it is ranked, the cost/latency Pareto flag, and
 * the paired difference of success rate against the baseline when computed.
 */
export function renderSummaryCsv(results: Results): string {
  const model = buildReportModel(results);
  const front = costLatencyFront(model);
  const comparisons = results.comparisons;
  const header = [
    'cell_id',
    'tactic',
    'health',
    'gateway',
    'replications',
    ...METRICS.flatMap((m) => [`${m.name}_mean`, `${m.name}_ci95`, `${m.name}_low`, `${m.name}_high`]),
    'served_every_replication',
    'pareto_cost_latency',
    'success_rate_vs_baseline_mean',
    'success_rate_vs_baseline_ci95',
    'success_rate_vs_baseline_significant',
  ];
  const rows = model.cells.map((view, c) => {
    const metricFields = METRICS.flatMap((m) => {
      const e = cellEstimate(view.cell, m);
      if (e.n === 0) return [null, null, null, null];
      return [e.mean, e.ci95, e.mean - e.ci95, e.mean + e.ci95];
    });
    const d = comparisons?.paired[view.cell.id]?.['success_rate'];
    return [
      view.cell.id,
      view.cell.tactic,
      view.cell.health,
      view.cell.gateway,
      view.cell.replications.length,
      ...metricFields,
      view.servedEverywhere,
      front[c]!,
      d ? d.mean : null,
      d ? d.ci95 : null,
      d ? d.significant : null,
    ];
  });
  return [header, ...rows].map((r) => r.map((f) => csvField(f)).join(',')).join('\r\n') + '\r\n';
}
