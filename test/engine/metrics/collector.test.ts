import { describe, expect, it } from 'vitest';
import { Outcome } from '../../../engine/gateway/index.js';
import { type CollectorService, MetricsCollector, QuantileSketch } from '../../../engine/metrics/index.js';
import type { Incident } from '../../../engine/providers/index.js';

const DOWN: Incident = { kind: 'down', startMs: 10_000, durationMs: 20_000, status: 503, inFlight: 'cut' };

function collector(incidents: Incident[] = [], capacities: number[] = [1, 1]): MetricsCollector {
  const services: CollectorService[] = capacities.map((capacityPerSecond, i) => ({ id: `s${i}:m`, active: true, capacityPerSecond, incidents: i === 0 ? incidents : [] }));
  return new MetricsCollector(services, 5_000, 60_000);
}

/** A measured successful request: arrival, one attempt at `service`, its end. */
function success(c: MetricsCollector, service: number, latencyMs: number, ttftMs: number): void {
  c.arrival(0, true);
  c.attemptSent(service, 0, true);
  c.trySent(service, 0);
  c.tryEnded(service, Outcome.Ok, 0, 0, true);
  c.attemptEnded(service, Outcome.Ok, latencyMs, latencyMs, true);
  c.requestEnded(Outcome.Ok, latencyMs, true, latencyMs, ttftMs, 10, false);
}

describe('MetricsCollector', () => {
  it('measures session continuity: the share of a session\'s later successes served where its previous success was', () => {
    const c = collector();
    const served = (session: number, service: number, outcome: number = Outcome.Ok) => c.requestEnded(outcome, 1_000, true, 100, -1, 10, false, session, service);
    served(1, 0); // first of session 1: not counted
    served(1, 0); // stays
    served(1, 1); // switches
    served(1, 1, 503); // a failure changes nothing
    served(1, 1); // stays on its new service
    served(2, 0); // first of session 2
    served(-1, 0); // no session
    served(-1, 1);
    expect(c.finish().metrics.sessionContinuity).toBeCloseTo(2 / 3, 12);
    expect(collector().finish().metrics.sessionContinuity).toBe(1);
  });


  it('measures TTFT over streamed successes only (a non-streamed answer has no first token of its own)', () => {
    const c = collector();
    success(c, 0, 2_000, 300);
    success(c, 0, 4_000, 500);
    success(c, 1, 9_000, -1); // not streamed
    const { metrics } = c.finish();
    expect([metrics.successes, metrics.streamedSuccesses]).toEqual([3, 2]);
    expect(metrics.ttftMs.mean).toBe(400);
    expect(metrics.ttftMs.p99).toBeLessThanOrEqual(500); // the 9 s of the non-streamed answer are not among them
    expect(metrics.latencyMs.mean).toBe(5_000);
    expect(metrics.sketches!.ttftMs.count).toBe(2);
    expect(metrics.sketches!.latencyMs.count).toBe(3);
  });

  it('gives 0 for TTFT when no success streamed', () => {
    const c = collector();
    success(c, 0, 2_000, -1);
    const { metrics } = c.finish();
    expect(metrics.streamedSuccesses).toBe(0);
    expect(metrics.ttftMs).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0 });
  });

  it('reads each run quantile from the run sketch, within 0.1%', () => {
    const c = collector();
    const latencies = Array.from({ length: 1_000 }, (_, i) => 1_000 + 7 * i);
    for (const l of latencies) success(c, 0, l, l / 4);
    const { metrics } = c.finish();
    const exact = latencies[Math.floor(0.95 * 999)]!;
    expect(Math.abs(metrics.latencyMs.p95 - exact) / exact).toBeLessThanOrEqual(0.001);
    expect(QuantileSketch.fromData(metrics.sketches!.latencyMs).quantile(0.95)).toBe(metrics.latencyMs.p95);
  });

  it('reports the delay to the first exclusion and to the one that lasted until the incident ended', () => {
    const c = collector([DOWN]);
    c.healthCheck(0, false, 5_000); // before the incident: not a detection
    c.healthCheck(0, false, 12_000); // first exclusion
    c.healthCheck(0, true, 14_000); // let back in
    c.healthCheck(0, false, 18_000); // excluded for good
    c.healthCheck(0, false, 25_000);
    c.healthCheck(0, true, 31_000); // back after the end
    const [incident] = c.finish().incidents;
    expect(incident).toMatchObject({ detectionDelayMs: 2_000, lastingDetectionDelayMs: 8_000, recoveryDelayMs: 1_000 });
  });

  it('has no lasting exclusion when the service was let back in before the incident ended', () => {
    const c = collector([DOWN]);
    c.healthCheck(0, false, 11_000);
    c.healthCheck(0, true, 29_000);
    const [incident] = c.finish().incidents;
    expect(incident).toMatchObject({ detectionDelayMs: 1_000, lastingDetectionDelayMs: null });
  });

  it('scores fairness against each service’s capacity (Jain’s index of attempt share over capacity share)', () => {
    const proportional = collector([], [3, 1]);
    for (let i = 0; i < 8; i++) success(proportional, i < 6 ? 0 : 1, 1_000, 100);
    expect(proportional.finish().metrics.fairness).toBe(1);
    const even = collector([], [3, 1]);
    for (let i = 0; i < 8; i++) success(even, i % 2, 1_000, 100);
    // Shares 1/2 and 1/2 against 3/4 and 1/4: ratios 2/3 and 2, Jain (8/3)^2 / (2 (4/9 + 4)) = 0.8.
    expect(even.finish().metrics.fairness).toBeCloseTo(0.8, 12);
  });
});
