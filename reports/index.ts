/** Reports: turn a results file into an HTML comparison report, an overview of several scenarios, summary.md and summary.csv. */
export { renderHtmlReport } from './render-html-report.js';
export { renderOverviewHtml } from './render-overview-html.js';
export { renderCombinedSummaryMarkdown, renderSummaryMarkdown } from './render-summary-markdown.js';
export { renderSummaryCsv } from './render-summary-csv.js';
export { scenarioSlug, scenarioSlugs } from './scenario-slug.js';
export { paretoFront } from './pareto-front.js';
export type { Better, Objective } from './pareto-front.js';
export { estimate, pairedDifference, tCritical95 } from './statistics.js';
export type { Estimate, PairedDifference } from './statistics.js';
export { compareToBest, keyVerdicts, metricVerdict, pairedValues, recommendationOf } from './verdict.js';
export type { HeadToHead, MetricVerdict, RecommendationView } from './verdict.js';
export { buildReportModel } from './report-model.js';
export type { CellView, ReportModel } from './report-model.js';
export { KEY_METRICS } from './key-metrics.js';
export type { ReportMetric } from './key-metrics.js';
