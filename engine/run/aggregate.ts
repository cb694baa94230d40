import { findMetric, mergeSketches, METRICS, summariseDistribution } from '../metrics/index.js';
import type { IncidentMetrics, RunMetrics, ServiceSeries, TimeSeries } from '../metrics/index.js';
import type { CellSelector, Expectation } from '../scenario/index.js';
import type { Cell } from './matrix.js';
import { cellId } from './matrix.js';
import type { CellResult, Comparisons, ExpectationOutcome, IncidentSummary, ReplicationResult } from './results.js';
import { estimate, pairedDifference } from './statistics.js';

/**
 * A cell's result from its replications (in replication order) and the time series of those it
 * shows (all, or an auto run's first stage). Its latency and TTFT distributions merge the sketches
 * of the same replications as the time series; the replications then drop their sketches, which
 * results.json would otherwise carry thousands of buckets of, once per replication.
 */
export function aggregateCell(cell: Cell, runs: ReplicationResult[], series: TimeSeries[]): CellResult {
  const shown = runs.slice(0, series.length).map((r) => r.metrics.sketches);
  const latencyDistribution = summariseDistribution(mergeSketches(shown.map((s) => s?.latencyMs)));
  const ttftDistribution = summariseDistribution(mergeSketches(shown.map((s) => s?.ttftMs)));
  const replications = runs.map((r) => ({ ...r, metrics: withoutSketches(r.metrics) }));
  return {
    id: cell.id,
    index: cell.index,
    tactic: cell.tactic.name,
    health: cell.health.name,
    gateway: cell.gateway.name,
    ...replicationStatistics(replications),
    timeSeries: meanSeries(series),
    latencyDistribution,
    ttftDistribution,
  };
}

/** What a cell's result derives from its replications: the estimates, the shares and the incidents. */
function replicationStatistics(replications: ReplicationResult[]): Pick<CellResult, 'replications' | 'aggregate' | 'shares' | 'incidents'> {
  const aggregate: CellResult['aggregate'] = {};
  for (const metric of METRICS) aggregate[metric.name] = estimate(replications.map((r) => metric.read(r.metrics)));
  const serviceIds = Object.keys(replications[0]?.metrics.services ?? {});
  const shares: CellResult['shares'] = {};
  for (const id of serviceIds) shares[id] = estimate(replications.map((r) => r.metrics.services[id]!.share));
  return { replications, aggregate, shares, incidents: summariseIncidents(replications.map((r) => r.incidents)) };
}

/**
 * A cell cut to its first `count` replications, its statistics computed again from them (time
 * series and distributions, from the first stage of an auto run, stay as they are).
 */
export function keepReplications(cell: CellResult, count: number): CellResult {
  return count >= cell.replications.length ? cell : { ...cell, ...replicationStatistics(cell.replications.slice(0, count)) };
}

function withoutSketches(metrics: RunMetrics): RunMetrics {
  const { sketches: _, ...rest } = metrics;
  return rest;
}

/** Bucket-by-bucket mean of several runs' time series (shorter runs count as zeros past their end). */
export function meanSeries(series: readonly TimeSeries[]): TimeSeries {
  const first = series[0];
  if (!first) return { bucketMs: 0, arrivals: [], successes: [], failures: [], services: {} };
  const length = Math.max(...series.map((s) => s.arrivals.length));
  const mean = (pick: (s: TimeSeries) => number[]): number[] =>
    Array.from({ length }, (_, b) => series.reduce((acc, s) => acc + (pick(s)[b] ?? 0), 0) / series.length);
  const services: Record<string, ServiceSeries> = {};
  for (const id of Object.keys(first.services)) {
    const of = (field: keyof ServiceSeries) => mean((s) => s.services[id]![field]);
    services[id] = {
      attempts: of('attempts'),
      successes: of('successes'),
      errors: of('errors'),
      rateLimited: of('rateLimited'),
      p95LatencyMs: of('p95LatencyMs'),
      unhealthyFraction: of('unhealthyFraction'),
    };
  }
  return { bucketMs: first.bucketMs, arrivals: mean((s) => s.arrivals), successes: mean((s) => s.successes), failures: mean((s) => s.failures), services };
}

function summariseIncidents(perReplication: readonly IncidentMetrics[][]): IncidentSummary[] {
  const first = perReplication[0] ?? [];
  return first.map((incident, k) => {
    const all = perReplication.map((list) => list[k]!);
    const detected = all.filter((i) => i.detectionDelayMs !== null);
    const lasting = all.filter((i) => i.lastingDetectionDelayMs !== null);
    const recovered = all.filter((i) => i.recoveryDelayMs !== null);
    const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      service: incident.service,
      kind: incident.kind,
      startMs: incident.startMs,
      endMs: incident.endMs,
      detected: detected.length,
      replications: all.length,
      detectionDelayMs: detected.length === 0 ? null : meanOf(detected.map((i) => i.detectionDelayMs!)),
      lastingDetected: lasting.length,
      lastingDetectionDelayMs: lasting.length === 0 ? null : meanOf(lasting.map((i) => i.lastingDetectionDelayMs!)),
      requestsSentInto: meanOf(all.map((i) => i.requestsSentInto)),
      recoveryDelayMs: recovered.length === 0 ? null : meanOf(recovered.map((i) => i.recoveryDelayMs!)),
    };
  });
}

/** Paired differences of every cell against the baseline, for every registry metric. */
export function compareCells(cells: readonly CellResult[], baselineId: string): Comparisons {
  const baseline = cells.find((c) => c.id === baselineId) ?? cells[0];
  const paired: Comparisons['paired'] = {};
  if (!baseline) return { baseline: baselineId, paired };
  const baselineBySeed = new Map(baseline.replications.map((r) => [r.seed, r]));
  for (const cell of cells) {
    // Pairs share a seed (common random numbers); with replications: auto, cells ran to different counts.
    const pairs = cell.replications.flatMap((r) => {
      const b = baselineBySeed.get(r.seed);
      return b ? [[r, b] as const] : [];
    });
    const byMetric: Comparisons['paired'][string] = {};
    for (const metric of METRICS) {
      byMetric[metric.name] = pairedDifference(
        pairs.map(([r]) => metric.read(r.metrics)),
        pairs.map(([, b]) => metric.read(b.metrics)),
      );
    }
    paired[cell.id] = byMetric;
  }
  return { baseline: baseline.id, paired };
}

const matches = (cell: CellResult, selector: CellSelector): boolean =>
  (selector.tactic === undefined || selector.tactic === cell.tactic) &&
  (selector.health === undefined || selector.health === cell.health) &&
  (selector.gateway === undefined || selector.gateway === cell.gateway);

/** Mean over replications of any metric, per-service ones included (NaN when unknown). */
function meanOf(cell: CellResult, metricName: string): number {
  const metric = findMetric(metricName);
  if (!metric) return Number.NaN;
  return estimate(cell.replications.map((r) => metric.read(r.metrics))).mean;
}

const describeCell = (cell: CellResult): string => `tactic=${cell.tactic} health=${cell.health} gateway=${cell.gateway}`;
const show = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(5));

/** Checks the scenario's `expect` assertions against complete results. */
export function checkExpectations(expectations: readonly Expectation[], cells: readonly CellResult[]): ExpectationOutcome[] {
  return expectations.map((e) => {
    const selected = cells.filter((c) => matches(c, e.where));
    const details: string[] = [];
    let passed = selected.length > 0;
    if (selected.length === 0) details.push('no cell matches');
    for (const cell of selected) {
      const value = meanOf(cell, e.metric);
      if (e.kind === 'bound') {
        const ok = !Number.isNaN(value) && (e.atLeast === undefined || value >= e.atLeast) && (e.atMost === undefined || value <= e.atMost);
        passed &&= ok;
        details.push(`${ok ? 'ok  ' : 'FAIL'} ${describeCell(cell)}: ${e.metric} = ${show(value)}`);
        continue;
      }
      const other = cells.find((c) => c.id === cellId(e.than.tactic ?? cell.tactic, e.than.health ?? cell.health, e.than.gateway ?? cell.gateway));
      if (!other) {
        passed = false;
        details.push(`FAIL ${describeCell(cell)}: no counterpart cell for ${JSON.stringify(e.than)}`);
        continue;
      }
      const otherValue = meanOf(other, e.metric);
      const higherIsBetter = findMetric(e.metric)?.better !== 'lower';
      const advantage = higherIsBetter ? value - otherValue : otherValue - value;
      const ok = e.relation === 'better' ? advantage > e.margin : advantage >= -e.margin;
      passed &&= ok;
      details.push(`${ok ? 'ok  ' : 'FAIL'} ${describeCell(cell)}: ${e.metric} = ${show(value)} vs ${show(otherValue)} (${describeCell(other)})`);
    }
    return { text: e.text, passed, details };
  });
}
