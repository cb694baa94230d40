/** Metrics: streaming aggregation of a run's events into metrics, incidents and time series. */
export { MetricsCollector } from './collector.js';
export type { CollectorService } from './collector.js';
export { jainIndex } from './jain.js';
export { QuantileSketch } from './quantile-sketch.js';
export type { SketchData } from './quantile-sketch.js';
export { DISTRIBUTION_LEVELS, mergeSketches, RUN_SKETCH_ACCURACY, summariseDistribution } from './distribution.js';
export type { DistributionSummary, IncidentMetrics, RunMetrics, RunSketches, ServiceMetrics, ServiceSeries, Summary, TimeSeries } from './types.js';
export { findMetric, METRICS, metricNames } from './registry.js';
export type { MetricDefinition } from './registry.js';
export { KEY_METRIC_NAMES, serviceMetricPatterns } from './registry.js';
export type { MetricUnit } from './registry.js';
