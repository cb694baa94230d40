/** Inputs for the report tests: small simulated scenarios and hand-made results with known numbers. */
import { estimate, METRICS, RESULTS_VERSION, runScenario } from '../../engine/index.js';
import { summariseScenario } from '../../engine/run/index.js';
import type { CellResult, ReplicationResult, Results } from '../../engine/run/results.js';
import type { RunMetrics } from '../../engine/metrics/types.js';
import { QuantileSketch, RUN_SKETCH_ACCURACY, summariseDistribution } from '../../engine/metrics/index.js';
import type { Scenario } from '../../engine/scenario/index.js';
import { provider, scenario, service } from '../helpers/scenarios.js';

const DEFAULT_HEALTH = { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true };

/** 60 s, 3 services (one down from 20 s to 35 s, one rate limited from 40 s to 50 s), 3 tactics x 2 health settings, 2 replications. */
export function smallScenario(overrides: Partial<Scenario> = {}): Scenario {
  return scenario({
    name: 'small outage',
    description: 'Primary down for 15 s, then a 429 storm on the fast one.',
    question: 'Which tactic and health setting should I use?',
    durationMs: 60_000,
    replications: 2,
    bucketMs: 5_000,
    services: [
      service('primary', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 20_000, durationMs: 15_000 }], price: { inputPerMillion: 2.5, outputPerMillion: 10 } }), { weight: 3 }),
      service('backup', provider({ ttftMs: { kind: 'lognormal', median: 700, p99: 3_000 }, price: { inputPerMillion: 3, outputPerMillion: 15 } }), { weight: 2 }),
      service(
        'fast',
        provider({
          ttftMs: { kind: 'lognormal', median: 150, p99: 800 },
          tokensPerSecond: { kind: 'normal', mean: 300, sd: 40, min: 50 },
          incidents: [{ kind: 'rate_limited', retryAfterMs: 5_000, startMs: 40_000, durationMs: 10_000 }],
          price: { inputPerMillion: 0.6, outputPerMillion: 0.8 },
        }),
      ),
    ],
    tactics: [
      { name: 'random', type: 3, params: {} },
      { name: 'latency_based', type: 4, params: {} },
      { name: 'adaptive', type: 6, params: {} },
    ],
    health: [
      { name: 'default', config: DEFAULT_HEALTH },
      { name: 'none', config: null },
    ],
    baseline: { tactic: 'random', health: 'none', gateway: 'default' },
    expect: [{ kind: 'bound', metric: 'success_rate', where: { health: 'default' }, atLeast: 0.5, text: 'health checks keep half the requests' }],
    ...overrides,
  });
}

/** Every string a scenario author controls, made hostile: markup, script breakouts, quotes, ampersands, line separators. */
export const HOSTILE = {
  name: '<script>alert(1)</script>',
  description: 'Quotes "double" & \'single\' & <b>bold</b> </script><script>window.__pwned = 1</script>',
  question: 'Does <img src=x onerror="window.__pwned=2"> & "this" escape?\u2028next line\u2029',
  tactic: 'fast "one" & <i>two</i>',
  health: 'h&<script>window.__pwned=3</script>',
  gateway: '</script><!--<script>window.__pwned=4</script>',
  /** A provider name: the service id is `<provider>:m`, shown in the header, incident tables, chart panels and lookups. */
  provider: '<svg onload="window.__pwned=5">&\'fast\'',
} as const;

/** The service id the hostile provider gets. */
export const HOSTILE_SERVICE = `${HOSTILE.provider}:m`;

/** The small scenario with every author-controlled string hostile (two gateway variants, so gateway names show). */
export function hostileScenario(): Scenario {
  const base = smallScenario();
  return smallScenario({
    name: HOSTILE.name,
    description: HOSTILE.description,
    question: HOSTILE.question,
    durationMs: 30_000,
    // The third service (the one with a 429 storm) gets a hostile provider name.
    services: base.services.map((s, i) => (i === 2 ? { ...s, provider: HOSTILE.provider } : s)),
    tactics: [
      { name: HOSTILE.tactic, type: 4, params: {} },
      { name: 'random', type: 3, params: {} },
    ],
    health: [
      { name: HOSTILE.health, config: DEFAULT_HEALTH },
      { name: 'none', config: null },
    ],
    gatewayVariants: [
      { name: 'default', options: { ...base.gateway } },
      { name: HOSTILE.gateway, options: { ...base.gateway, maxAttempts: 2 } },
    ],
    baseline: { tactic: 'random', health: 'none', gateway: 'default' },
    expect: [{ kind: 'bound', metric: 'success_rate', where: { tactic: HOSTILE.tactic }, atLeast: 0.99, text: `${HOSTILE.tactic} "always" & <ok>` }],
  });
}

/** Runs a scenario in this thread. */
export function run(s: Scenario, shard?: { index: number; count: number }): Promise<Results> {
  return runScenario(s, { workers: 1, version: '0.0.0-test', ...(shard ? { shard } : {}) });
}

const memo = new Map<string, Promise<Results>>();

/** The small scenario's results, simulated once per test file. */
export function smallResults(): Promise<Results> {
  if (!memo.has('small')) memo.set('small', run(smallScenario()));
  return memo.get('small')!;
}

/** The hostile scenario's results, simulated once per test file. */
export function hostileResults(): Promise<Results> {
  if (!memo.has('hostile')) memo.set('hostile', run(hostileScenario()));
  return memo.get('hostile')!;
}

/** Run metrics with every field zero except those given. */
export function metrics(overrides: Partial<RunMetrics> = {}): RunMetrics {
  return {
    requests: 100,
    successes: 100,
    failures: 0,
    successRate: 1,
    errorsByStatus: {},
    attemptsByStatus: {},
    attempts: 100,
    attemptsPerRequest: 1,
    providerAttempts: 100,
    providerAttemptsPerRequest: 1,
    sdkRetries: 0,
    providerAttemptsByStatus: {},
    latencyMs: { mean: 1_000, p50: 900, p95: 2_000, p99: 3_000 },
    streamedSuccesses: overrides.successes ?? 100, // every success streamed, unless a test says otherwise
    ttftMs: { mean: 300, p50: 250, p95: 600, p99: 900 },
    queueWaitMs: 0,
    goodputPerSecond: 10,
    outputTokensPerSecond: 1_000,
    costDollars: 1,
    costPer1kSuccess: 10,
    rateLimited: 0,
    providerRateLimited: 0,
    probes: 0,
    noHealthy: 0,
    cacheHitRate: 0,
    sessionContinuity: 1,
    fairness: 1,
    services: {},
    ...overrides,
  };
}

/** A hand-made cell: one RunMetrics per replication (seeds 11, 22, 33, ...), aggregated as the runner does. */
export function handCell(index: number, tactic: string, health: string, perReplication: Partial<RunMetrics>[], seeds?: number[]): CellResult {
  const replications: ReplicationResult[] = perReplication.map((m, r) => ({
    replication: r,
    seed: seeds?.[r] ?? 11 * (r + 1),
    metrics: metrics(m),
    incidents: [],
    totals: { arrivals: 100, successes: 100, failures: 0, events: 0, simulatedMs: 60_000 },
  }));
  return {
    id: `${tactic}|${health}|default`,
    index,
    tactic,
    health,
    gateway: 'default',
    replications,
    aggregate: Object.fromEntries(METRICS.map((m) => [m.name, estimate(replications.map((r) => m.read(r.metrics)))])),
    shares: {},
    timeSeries: { bucketMs: 10_000, arrivals: [], successes: [], failures: [], services: {} },
    // Hand-made cells have no requests to pool: empty distributions (the latency chart leaves them out).
    latencyDistribution: summariseDistribution(new QuantileSketch(RUN_SKETCH_ACCURACY)),
    ttftDistribution: summariseDistribution(new QuantileSketch(RUN_SKETCH_ACCURACY)),
    incidents: [],
  };
}

/** Hand-made results around the given cells (no comparisons or expectations). */
export function handResults(cells: CellResult[]): Results {
  const replications = cells[0]?.replications.length ?? 0;
  return {
    format: 'lbsim-results',
    version: RESULTS_VERSION,
    lbsimVersion: '0.0.0-test',
    scenario: { ...summariseScenario(scenario({ name: 'hand', description: '', question: '', seed: 1, services: [] })), replications },
    name: 'hand',
    metricInfo: {},
    run: { seed: 1, replications, seeds: cells[0]?.replications.map((r) => r.seed) ?? [], cellCount: cells.length },
    cells,
    comparisons: null,
    expectations: null,
    recommendation: null,
  };
}
