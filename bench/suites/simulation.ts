import { ALL_TACTIC_TYPES, tacticTypeToString } from '../../engine/balancer/index.js';
import { parseScenario, type Scenario } from '../../engine/scenario/index.js';
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

/**
 * A steady 4-provider scenario at 1,000 requests/s, sized to `requests` arrivals (one per ms).
 * With `features`, the provider behaviour of issue 13 is on as well: per-second token buckets a
 * little under the offered load (about 1 try in 6 gets a 429), load-dependent speed and TTFT, and
 * 529s among the background errors.
 */
export function benchScenario(requests: number, features = false): Scenario {
  const extra = features
    ? `
    rate_limits: { rpm: 14700, tpm: 100000000, granularity: second, retry_after: reset }
    load: { decode_throughput: 100000, prefill_throughput: 10000000 }
    errors: { 500: 0.01, 529: 0.005 }`
    : `
    errors: { 500: 0.01 }`;
  const service = (name: string): string => `
  - provider: ${name}
    model: m
    concurrency: 2000
    ttft: { dist: lognormal, median: 400ms, p99: 1500ms }
    speed: { dist: normal, mean: 60, sd: 10, min: 5 }${extra}
    error_latency: 50ms
    price: { input: 1, output: 4 }`;
  const yaml = `
name: bench-4-providers
description: four equal providers, Poisson 1,000/s, 1% background 500s
duration: ${requests}ms
replications: 1
bucket: 10s
workload:
  arrivals: { process: poisson, rate: 1000/s }
  input_tokens: 500
  output_tokens: { dist: uniform, min: 50, max: 300 }
services:${['a', 'b', 'c', 'd'].map(service).join('')}
compare:
  tactics: [random]
  health: [default]
`;
  return parseScenario(yaml, { sourceName: 'bench-4-providers' });
}

/** Simulated requests per second of wall time for one tactic with the seed's default health setting. */
export function simulatedRequestsPerSecond(tactic: string, requests: number, features = false): number {
  const scenario = benchScenario(requests, features);
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
export function measureTactic(tactic: string, requests: number): { requestsPerSecond: number; kernelEventsPerSecond: number; withFeaturesPerSecond?: number } {
  simulate(benchScenario(50_000), { tactic, health: 'default' });
  kernelEventsPerSecond(200_000);
  const measured = {
    requestsPerSecond: bestOf(() => simulatedRequestsPerSecond(tactic, requests)),
    kernelEventsPerSecond: bestOf(() => kernelEventsPerSecond(Math.max(2_000_000, requests * 2))),
  };
  if (tactic !== 'random') return measured;
  // The same run with issue 13's provider behaviour on, in the same process: its cost as a ratio.
  simulate(benchScenario(50_000, true), { tactic, health: 'default' });
  return { ...measured, withFeaturesPerSecond: bestOf(() => simulatedRequestsPerSecond(tactic, requests, true)) };
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
    ...(random.withFeaturesPerSecond === undefined
      ? []
      : [
          { name: 'sim.requestsPerSecondWithProviderFeatures', value: random.withFeaturesPerSecond, unit: 'requests/s' },
          { name: 'ratio.providerFeaturesOnToOff', value: random.withFeaturesPerSecond / random.requestsPerSecond, unit: 'ratio' },
        ]),
  ];
}
