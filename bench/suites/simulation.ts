import { ALL_TACTIC_TYPES, tacticTypeToString } from '../../engine/balancer/index.js';
import { UPSTREAM_GATEWAY_OPTIONS } from '../../engine/gateway/index.js';
import type { ProviderModel, Scenario } from '../../engine/scenario/model.js';
import { Kernel, streamRng } from '../../engine/sim/index.js';
import { simulate } from '../../engine/simulate.js';
import type { Measurement } from '../measure.js';
import { timeNowMs } from '../wall-clock.js';

/** Pending events in the bare-kernel benchmark: about what a 4-provider run at 1,000 req/s keeps in flight. */
const HOLD_EVENTS = 4_096;

/**
 * The bare kernel: the classic "hold" model, where each handled event schedules one more at an
 * exponential gap, so the queue stays at HOLD_EVENTS events. No model work at all.
 */
export function kernelEventsPerSecond(events: number): number {
  const rng = streamRng(1, 'bench-kernel');
  const gaps = Float64Array.from({ length: 65_536 }, () => -Math.log(1 - rng.next()) * 1_000);
  const kernel = new Kernel({ maxEvents: events + HOLD_EVENTS, maxSimulatedMs: Number.POSITIVE_INFINITY });
  for (let i = 0; i < HOLD_EVENTS; i++) kernel.schedule(gaps[i]!, 1, i);
  let handled = 0;
  const handler = {
    handle(_kind: number, ref: number): void {
      if (++handled <= events - HOLD_EVENTS) kernel.schedule(kernel.clock.now() + gaps[handled & 65_535]!, 1, ref);
    },
  };
  const start = timeNowMs();
  kernel.run(handler);
  return handled / ((timeNowMs() - start) / 1000);
}

function benchProvider(): ProviderModel {
  return {
    concurrency: 2_000,
    queueLimit: Number.POSITIVE_INFINITY,
    overloadStatus: 503,
    ttftMs: { kind: 'lognormal', median: 400, p99: 1_500 },
    tokensPerSecond: { kind: 'normal', mean: 60, sd: 10, min: 5 },
    rateLimits: { requestsPerMinute: Number.POSITIVE_INFINITY, tokensPerMinute: Number.POSITIVE_INFINITY, sendsRetryAfter: true },
    errorRates: { 500: 0.01 },
    errorLatencyMs: { kind: 'constant', value: 50 },
    timeoutMs: 30_000,
    incidents: [],
    cache: { hitProbability: 0, ttftFactor: 0.5, inputPriceFactor: 0.1, ttlMs: 300_000 },
    price: { inputPerMillion: 1, outputPerMillion: 4 },
    probeLatencyMs: 100,
  };
}

/** A steady 4-provider scenario at 1,000 requests/s, sized to `requests` arrivals. */
export function benchScenario(requests: number): Scenario {
  const durationMs = requests; // 1,000 per second = one per ms
  return {
    name: 'bench-4-providers',
    description: 'four equal providers, Poisson 1,000/s, 1% background 500s',
    question: '',
    seed: 1,
    durationMs,
    warmupMs: 0,
    replications: 1,
    workload: {
      arrivals: { kind: 'poisson', ratePerSecond: 1_000 },
      inputTokens: { kind: 'constant', value: 500 },
      outputTokens: { kind: 'uniform', min: 50, max: 300 },
      streamingFraction: 1,
      sessions: 0,
    },
    services: ['a', 'b', 'c', 'd'].map((p) => ({ provider: p, model: 'm', weight: 1, active: true, timeWindow: 60, behavior: benchProvider() })),
    gateway: { ...UPSTREAM_GATEWAY_OPTIONS },
    tactics: [],
    health: [],
    gatewayVariants: [{ name: 'default', options: { ...UPSTREAM_GATEWAY_OPTIONS } }],
    expect: [],
    baseline: { tactic: 'random', health: 'default', gateway: 'default' },
    bucketMs: 10_000,
    limits: { maxEvents: 1e10, maxSimulatedMs: Number.POSITIVE_INFINITY },
  };
}

/** Simulated requests per second of wall time for one tactic with the seed's default health setting. */
export function simulatedRequestsPerSecond(tactic: string, requests: number): number {
  const scenario = benchScenario(requests);
  const start = timeNowMs();
  const result = simulate(scenario, { tactic, health: 'default' });
  return result.totals.arrivals / ((timeNowMs() - start) / 1000);
}

/** How many times each whole-run figure is measured; the best counts (interference only slows a run down). */
const REPEATS = 3;

/** The best of REPEATS measurements. */
export function bestOf(measure: () => number): number {
  let best = 0;
  for (let i = 0; i < REPEATS; i++) best = Math.max(best, measure());
  return best;
}

/**
 * One tactic's simulated requests per second and the bare kernel's events per second, measured
 * in the same process after a warm-up (each the best of three). Each tactic gets its own process,
 * so that one tactic's code does not slow another's through shared, polymorphic call sites.
 */
export function measureTactic(tactic: string, requests: number): { requestsPerSecond: number; kernelEventsPerSecond: number } {
  simulate(benchScenario(50_000), { tactic, health: 'default' });
  kernelEventsPerSecond(200_000);
  return {
    requestsPerSecond: bestOf(() => simulatedRequestsPerSecond(tactic, requests)),
    kernelEventsPerSecond: bestOf(() => kernelEventsPerSecond(Math.max(2_000_000, requests * 2))),
  };
}

/**
 * Kernel events per second, simulated requests per second per tactic, and the ratio of the random
 * tactic's figure to the kernel figure of the same process. `measureInProcess` runs
 * measureTactic in a fresh process (see sim-run.ts).
 */
export function simulationSuite(requests: number, measureInProcess: (tactic: string, requests: number) => ReturnType<typeof measureTactic>): Measurement[] {
  const byTactic = ALL_TACTIC_TYPES.map(tacticTypeToString).map((tactic) => ({ tactic, ...measureInProcess(tactic, requests) }));
  const random = byTactic.find((t) => t.tactic === 'random')!;
  const kernels = byTactic.map((t) => t.kernelEventsPerSecond).sort((a, b) => a - b);
  return [
    { name: 'kernel.eventsPerSecond', value: kernels[Math.floor(kernels.length / 2)]!, unit: 'events/s' },
    { name: 'sim.requestsPerSecond', value: random.requestsPerSecond, unit: 'requests/s' },
    ...byTactic.map((t) => ({ name: `sim.requestsPerSecondByTactic.${t.tactic}`, value: t.requestsPerSecond, unit: 'requests/s' })),
    { name: 'ratio.simToKernel', value: random.requestsPerSecond / random.kernelEventsPerSecond, unit: 'ratio' },
  ];
}
