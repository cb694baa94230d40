/** The charts of a scenario report, one module per chart, over the typed datasets of report-data.ts. */
import type { ChartDefinition } from '../chart-types.js';
import type { CellView, ReportModel } from '../report-model.js';
import { chartContext } from './chart-kit.js';
import { costLatencyChart } from './cost-latency.js';
import { errorsChart } from './errors.js';
import { healthChart } from './health.js';
import { latencyDistributionChart } from './latency-distribution.js';
import type { ReportData } from './report-data.js';
import { successLatencyChart } from './success-latency.js';
import { trafficShareChart } from './traffic-share.js';

export { CHART_CONFIG } from './chart-kit.js';
export { MAX_SERIES_ROWS, encodeReportData, reportData } from './report-data.js';
export type { ReportData, ReportRows } from './report-data.js';

/** Every chart of the scenario report, in display order. */
export function reportCharts(model: ReportModel, data: ReportData, recommended: CellView | null): ChartDefinition[] {
  const ctx = chartContext(model, data, recommended);
  return [successLatencyChart, trafficShareChart, errorsChart, healthChart, latencyDistributionChart, costLatencyChart].map((chart) => chart(ctx));
}
