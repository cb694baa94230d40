import { type GatewaySink, Outcome, type OutcomeCode, outcomeName, outcomeRank } from '../gateway/index.js';
import type { Incident } from '../providers/index.js';
import { RUN_SKETCH_ACCURACY } from './distribution.js';
import { jainIndex } from './jain.js';
import { QuantileSketch } from './quantile-sketch.js';
import type { IncidentMetrics, RunMetrics, ServiceSeries, Summary, TimeSeries } from './types.js';

/**
 * Accuracy of the per-bucket p95 latency of the time series: 2% keeps each of a long run's
 * thousands of bucket sketches at a few hundred buckets; the series are for seeing, not ranking.
 */
const SERIES_SKETCH_ACCURACY = 0.02;

/** What the collector needs to know about each service. */
export interface CollectorService {
  id: string;
  active: boolean;
  /** Throughput capacity in requests per second, for fairness (the binding one of its limits). */
  capacityPerSecond: number;
  incidents: readonly Incident[];
}

interface IncidentTracker {
  service: number;
  incident: Incident;
  endMs: number;
  sentInto: number;
  detectedAtMs: number;
  /** Start of the current run of exclusions inside the incident (-1: none, or let back in since). */
  excludedSinceMs: number;
  excluded: boolean;
  recoveredAtMs: number;
}

interface ServiceAccumulator {
  attempts: number;
  tries: number;
  successes: number;
  errors: number;
  rateLimited: number;
  queueWaitSumMs: number;
  served: number;
  costDollars: number;
  series: { attempts: number[]; successes: number[]; errors: number[]; rateLimited: number[]; checks: number[]; excluded: number[]; latency: QuantileSketch[] };
}

/**
 * Turns the events of one run into metrics by streaming aggregation: counters, exact means, and
 * quantile sketches whose size does not grow with the number of requests. Requests that arrived
 * during the warm-up feed the time series only.
 */
export class MetricsCollector implements GatewaySink {
  private requests = 0;
  private successes = 0;
  private failures = 0;
  private attempts = 0;
  private tries = 0;
  private rateLimited = 0;
  private providerRateLimited = 0;
  private probes = 0;
  private noHealthy = 0;
  private cacheHits = 0;
  private readonly lastServiceOfSession = new Map<number, number>();
  private sessionFollowUps = 0;
  private sessionStays = 0;
  private outputTokens = 0;
  private costDollars = 0;
  private readonly errorsByStatus = new Map<OutcomeCode, number>();
  private readonly attemptsByStatus = new Map<OutcomeCode, number>();
  private readonly triesByStatus = new Map<OutcomeCode, number>();
  private streamedSuccesses = 0;
  private readonly latency = new QuantileSketch(RUN_SKETCH_ACCURACY);
  private readonly ttft = new QuantileSketch(RUN_SKETCH_ACCURACY);
  private readonly services: ServiceAccumulator[];
  private readonly incidents: IncidentTracker[] = [];
  private readonly incidentsByService: IncidentTracker[][];
  private readonly arrivalsSeries: number[] = [];
  private readonly successSeries: number[] = [];
  private readonly failureSeries: number[] = [];

  constructor(
    private readonly serviceInfo: readonly CollectorService[],
    private readonly bucketMs: number,
    private readonly measuredMs: number,
  ) {
    this.services = serviceInfo.map(() => ({
      attempts: 0,
      tries: 0,
      successes: 0,
      errors: 0,
      rateLimited: 0,
      queueWaitSumMs: 0,
      served: 0,
      costDollars: 0,
      series: { attempts: [], successes: [], errors: [], rateLimited: [], checks: [], excluded: [], latency: [] },
    }));
    this.incidentsByService = serviceInfo.map((info, service) =>
      info.incidents.map((incident) => {
        const tracker: IncidentTracker = { service, incident, endMs: incident.startMs + incident.durationMs, sentInto: 0, detectedAtMs: -1, excludedSinceMs: -1, excluded: false, recoveredAtMs: -1 };
        this.incidents.push(tracker);
        return tracker;
      }),
    );
  }

  /** A request arrived at `nowMs`; `measured` when after the warm-up. */
  arrival(nowMs: number, measured: boolean): void {
    bump(this.arrivalsSeries, this.bucket(nowMs), 1);
    if (measured) this.requests++;
  }

  /** Selection asked whether `service` is healthy at `nowMs`. */
  healthCheck(service: number, healthy: boolean, nowMs: number): void {
    const b = this.bucket(nowMs);
    const series = this.services[service]!.series;
    bump(series.checks, b, 1);
    if (!healthy) bump(series.excluded, b, 1);
    for (const tracker of this.incidentsByService[service]!) {
      const during = nowMs >= tracker.incident.startMs && nowMs < tracker.endMs;
      if (!healthy) {
        if (during) {
          tracker.excluded = true;
          if (tracker.detectedAtMs < 0) tracker.detectedAtMs = nowMs;
          if (tracker.excludedSinceMs < 0) tracker.excludedSinceMs = nowMs;
        }
      } else if (during) {
        tracker.excludedSinceMs = -1; // let back in: an earlier exclusion did not last
      } else if (tracker.excluded && tracker.recoveredAtMs < 0 && nowMs >= tracker.endMs) {
        tracker.recoveredAtMs = nowMs;
      }
    }
  }

  /** A health probe ran. */
  probe(): void {
    this.probes++;
  }

  /** A gateway attempt (a selection) was sent to `service` at `nowMs`. */
  attemptSent(service: number, nowMs: number, measured: boolean): void {
    bump(this.services[service]!.series.attempts, this.bucket(nowMs), 1);
    if (measured) {
      this.attempts++;
      this.services[service]!.attempts++;
    }
  }

  /** A provider try (the attempt's first, or an SDK retry) was sent to `service` at `nowMs`. */
  trySent(service: number, nowMs: number): void {
    for (const tracker of this.incidentsByService[service]!) {
      if (nowMs >= tracker.incident.startMs && nowMs < tracker.endMs) tracker.sentInto++;
    }
  }

  /**
   * A provider try at `service` ended with `status`; `queueWaitMs` is its wait for a slot (-1
   * when it was never served), `costDollars` what the provider billed for it.
   */
  tryEnded(service: number, outcome: OutcomeCode, queueWaitMs: number, costDollars: number, measured: boolean): void {
    if (!measured) return;
    const acc = this.services[service]!;
    this.tries++;
    acc.tries++;
    this.triesByStatus.set(outcome, (this.triesByStatus.get(outcome) ?? 0) + 1);
    if (outcome === 429) this.providerRateLimited++;
    if (queueWaitMs >= 0) {
      acc.queueWaitSumMs += queueWaitMs;
      acc.served++;
    }
    acc.costDollars += costDollars;
    this.costDollars += costDollars;
  }

  /** A gateway attempt at `service` ended at `nowMs` with `outcome` (the outcome the balancer saw) after `latencyMs`. */
  attemptEnded(service: number, outcome: OutcomeCode, nowMs: number, latencyMs: number, measured: boolean): void {
    const acc = this.services[service]!;
    const b = this.bucket(nowMs);
    if (outcome === Outcome.Ok) {
      bump(acc.series.successes, b, 1);
      let sketch = acc.series.latency[b];
      if (sketch === undefined) {
        while (acc.series.latency.length <= b) acc.series.latency.push(new QuantileSketch(SERIES_SKETCH_ACCURACY, { exactSum: false }));
        sketch = acc.series.latency[b]!;
      }
      sketch.add(latencyMs);
    } else if (outcome === 429) bump(acc.series.rateLimited, b, 1);
    else bump(acc.series.errors, b, 1);
    if (!measured) return;
    this.attemptsByStatus.set(outcome, (this.attemptsByStatus.get(outcome) ?? 0) + 1);
    if (outcome === Outcome.Ok) acc.successes++;
    else if (outcome === 429) {
      acc.rateLimited++;
      this.rateLimited++;
    } else acc.errors++;
  }

  /**
   * A request ended at `nowMs`: `outcome` 0 for success, with its end-to-end latency and TTFT
   * from arrival (-1 when it did not stream), its output tokens and cache hit (successes only).
   */
  requestEnded(outcome: OutcomeCode, nowMs: number, measured: boolean, latencyMs: number, ttftMs: number, outputTokens: number, cacheHit: boolean, session = -1, service = -1): void {
    const b = this.bucket(nowMs);
    if (outcome === Outcome.Ok && session >= 0) {
      // Whether the session stayed on the service of its previous success (its prompt cache lives there).
      const previous = this.lastServiceOfSession.get(session);
      if (measured && previous !== undefined) {
        this.sessionFollowUps++;
        if (previous === service) this.sessionStays++;
      }
      this.lastServiceOfSession.set(session, service);
    }
    if (outcome === Outcome.Ok) bump(this.successSeries, b, 1);
    else bump(this.failureSeries, b, 1);
    if (!measured) return;
    if (outcome === Outcome.Ok) {
      this.successes++;
      this.latency.add(latencyMs);
      if (ttftMs >= 0) {
        this.streamedSuccesses++;
        this.ttft.add(ttftMs);
      }
      this.outputTokens += outputTokens;
      if (cacheHit) this.cacheHits++;
    } else {
      this.failures++;
      if (outcome === Outcome.NoHealthy) this.noHealthy++;
      this.errorsByStatus.set(outcome, (this.errorsByStatus.get(outcome) ?? 0) + 1);
    }
  }

  /** The metrics, incidents and time series of the run. */
  finish(): { metrics: RunMetrics; incidents: IncidentMetrics[]; timeSeries: TimeSeries } {
    return { metrics: this.metrics(), incidents: this.incidentMetrics(), timeSeries: this.timeSeries() };
  }

  private metrics(): RunMetrics {
    const seconds = this.measuredMs / 1000;
    const totalSuccessAttempts = this.services.reduce((s, a) => s + a.successes, 0);
    const services: RunMetrics['services'] = {};
    this.serviceInfo.forEach((info, i) => {
      const a = this.services[i]!;
      services[info.id] = {
        attempts: a.attempts,
        providerAttempts: a.tries,
        successes: a.successes,
        errors: a.errors,
        rateLimited: a.rateLimited,
        share: this.attempts === 0 ? 0 : a.attempts / this.attempts,
        successShare: totalSuccessAttempts === 0 ? 0 : a.successes / totalSuccessAttempts,
        meanQueueWaitMs: a.served === 0 ? 0 : a.queueWaitSumMs / a.served,
        costDollars: a.costDollars,
      };
    });
    const active = this.serviceInfo.map((info, i) => ({ info, i })).filter(({ info }) => info.active && info.capacityPerSecond > 0);
    const totalCapacity = active.reduce((s, { info }) => s + info.capacityPerSecond, 0);
    const ratios = active.map(({ info, i }) => (this.attempts === 0 ? 0 : this.services[i]!.attempts / this.attempts) / (info.capacityPerSecond / totalCapacity));
    const served = this.services.reduce((s, a) => s + a.served, 0);
    return {
      requests: this.requests,
      successes: this.successes,
      failures: this.failures,
      successRate: this.requests === 0 ? 0 : this.successes / this.requests,
      errorsByStatus: byName(this.errorsByStatus),
      attemptsByStatus: byName(this.attemptsByStatus),
      attempts: this.attempts,
      attemptsPerRequest: this.requests === 0 ? 0 : this.attempts / this.requests,
      providerAttempts: this.tries,
      providerAttemptsPerRequest: this.requests === 0 ? 0 : this.tries / this.requests,
      sdkRetries: this.tries - this.attempts,
      providerAttemptsByStatus: byName(this.triesByStatus),
      latencyMs: summary(this.latency),
      streamedSuccesses: this.streamedSuccesses,
      ttftMs: summary(this.ttft),
      queueWaitMs: served === 0 ? 0 : this.services.reduce((s, a) => s + a.queueWaitSumMs, 0) / served,
      goodputPerSecond: seconds > 0 ? this.successes / seconds : 0,
      outputTokensPerSecond: seconds > 0 ? this.outputTokens / seconds : 0,
      costDollars: this.costDollars,
      costPer1kSuccess: this.successes === 0 ? 0 : (this.costDollars / this.successes) * 1000,
      rateLimited: this.rateLimited,
      providerRateLimited: this.providerRateLimited,
      probes: this.probes,
      noHealthy: this.noHealthy,
      cacheHitRate: this.successes === 0 ? 0 : this.cacheHits / this.successes,
      sessionContinuity: this.sessionFollowUps === 0 ? 1 : this.sessionStays / this.sessionFollowUps,
      fairness: jainIndex(ratios),
      services,
      sketches: { latencyMs: this.latency.toData(), ttftMs: this.ttft.toData() },
    };
  }

  private incidentMetrics(): IncidentMetrics[] {
    return this.incidents.map((t) => ({
      service: this.serviceInfo[t.service]!.id,
      kind: t.incident.kind,
      startMs: t.incident.startMs,
      endMs: t.endMs,
      requestsSentInto: t.sentInto,
      detectionDelayMs: t.detectedAtMs < 0 ? null : t.detectedAtMs - t.incident.startMs,
      lastingDetectionDelayMs: t.excludedSinceMs < 0 ? null : t.excludedSinceMs - t.incident.startMs,
      recoveryDelayMs: t.recoveredAtMs < 0 ? null : t.recoveredAtMs - t.endMs,
    }));
  }

  private timeSeries(): TimeSeries {
    let buckets = Math.max(this.arrivalsSeries.length, this.successSeries.length, this.failureSeries.length);
    for (const a of this.services) {
      const s = a.series;
      buckets = Math.max(buckets, s.attempts.length, s.successes.length, s.errors.length, s.rateLimited.length, s.checks.length);
    }
    const services: Record<string, ServiceSeries> = {};
    this.serviceInfo.forEach((info, i) => {
      const s = this.services[i]!.series;
      services[info.id] = {
        attempts: padded(s.attempts, buckets),
        successes: padded(s.successes, buckets),
        errors: padded(s.errors, buckets),
        rateLimited: padded(s.rateLimited, buckets),
        p95LatencyMs: Array.from({ length: buckets }, (_, b) => s.latency[b]?.quantile(0.95) ?? 0),
        unhealthyFraction: Array.from({ length: buckets }, (_, b) => {
          const checks = s.checks[b] ?? 0;
          return checks === 0 ? 0 : (s.excluded[b] ?? 0) / checks;
        }),
      };
    });
    return {
      bucketMs: this.bucketMs,
      arrivals: padded(this.arrivalsSeries, buckets),
      successes: padded(this.successSeries, buckets),
      failures: padded(this.failureSeries, buckets),
      services,
    };
  }

  private bucket(nowMs: number): number {
    return Math.floor(nowMs / this.bucketMs);
  }
}

function bump(series: number[], bucket: number, by: number): void {
  while (series.length <= bucket) series.push(0);
  series[bucket]! += by;
}

function padded(series: readonly number[], length: number): number[] {
  return Array.from({ length }, (_, i) => series[i] ?? 0);
}

function summary(h: QuantileSketch): Summary {
  return { mean: h.mean(), p50: h.quantile(0.5), p95: h.quantile(0.95), p99: h.quantile(0.99) };
}

function byName(counts: Map<OutcomeCode, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const outcome of [...counts.keys()].sort((a, b) => outcomeRank(a) - outcomeRank(b))) out[outcomeName(outcome)] = counts.get(outcome)!;
  return out;
}
