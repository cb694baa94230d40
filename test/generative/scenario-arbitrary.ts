/**
 * fast-check arbitraries of valid scenario files that, over a corpus, use every key of the format:
 * small runs (seconds of traffic, a few services, one or two replications) so that hundreds of
 * them run in a CI job. Documents are plain data, written as JSON, which is YAML.
 */
import fc from 'fast-check';

const TACTICS = ['token_based', 'random', 'latency_based', 'speed_based', 'adaptive', 'capacity_based'] as const;
const FAILURES = [401, 403, 408, 409, 429, 500, 502, 503, 504, 529] as const;

/** A scenario document and the trace file it may name. */
export interface GeneratedScenario {
  doc: Record<string, unknown>;
  /** Text of `trace.jsonl` when the workload replays one. */
  trace: string | null;
}

const ms = (n: number): string => `${n}ms`;

const durationDist = (lowMs: number, highMs: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer({ min: lowMs, max: highMs }).map(ms),
    fc.integer({ min: lowMs, max: highMs }).map((v) => ({ dist: 'constant', value: ms(v) })),
    fc.tuple(fc.integer({ min: lowMs, max: highMs }), fc.integer({ min: 0, max: highMs })).map(([a, b]) => ({ dist: 'uniform', min: ms(a), max: ms(a + b) })),
    fc.tuple(fc.integer({ min: lowMs, max: highMs }), fc.integer({ min: 1, max: highMs })).map(([m, sd]) => ({ dist: 'normal', mean: ms(m), sd: ms(sd), min: ms(lowMs) })),
    fc.tuple(fc.integer({ min: Math.max(1, lowMs), max: highMs }), fc.integer({ min: 1, max: 5 })).map(([m, k]) => ({ dist: 'lognormal', median: ms(m), p99: ms(m * (k + 1)) })),
    fc.integer({ min: Math.max(1, lowMs), max: highMs }).map((m) => ({ dist: 'exponential', mean: ms(m) })),
    fc.array(fc.integer({ min: lowMs, max: highMs }), { minLength: 1, maxLength: 5 }).map((values) => ({ dist: 'empirical', values: values.map(ms) })),
  );

const numberDist = (low: number, high: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer({ min: low, max: high }),
    fc.integer({ min: low, max: high }).map((value) => ({ dist: 'constant', value })),
    fc.tuple(fc.integer({ min: low, max: high }), fc.integer({ min: 0, max: high })).map(([a, b]) => ({ dist: 'uniform', min: a, max: a + b })),
    fc.tuple(fc.integer({ min: low, max: high }), fc.integer({ min: 1, max: high })).map(([mean, sd]) => ({ dist: 'normal', mean, sd, min: low })),
    fc.tuple(fc.integer({ min: Math.max(1, low), max: high }), fc.integer({ min: 1, max: 4 })).map(([median, k]) => ({ dist: 'lognormal', median, p99: median * (k + 1) })),
    fc.array(fc.integer({ min: low, max: high }), { minLength: 1, maxLength: 5 }).map((values) => ({ dist: 'empirical', values })),
  );

const incident = (runMs: number): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      startMs: fc.integer({ min: 0, max: runMs - 500 }),
      lengthMs: fc.integer({ min: 100, max: runMs }),
      kind: fc.constantFrom('down', 'rate_limited', 'auth_revoked', 'slow', 'flaky', 'degraded', 'mid_stream', 'stall'),
      downStatus: fc.constantFrom(500, 502, 503, 504, 529, 'timeout', 'connection_error'),
      inFlight: fc.constantFrom('cut', 'finish'),
      retryAfter: fc.option(fc.integer({ min: 0, max: 3_000 }).map(ms), { nil: null }),
      authStatus: fc.constantFrom(401, 403),
      openEnded: fc.boolean(),
      factor: fc.double({ min: 0.2, max: 5, noNaN: true }).map((x) => Number(x.toFixed(3))),
      rate: fc.double({ min: 0.05, max: 1, noNaN: true }).map((x) => Number(x.toFixed(3))),
      status: fc.constantFrom(...FAILURES),
    })
    .map((r) => {
      const start = ms(r.startMs);
      const duration = ms(Math.min(r.lengthMs, runMs - r.startMs));
      switch (r.kind) {
        case 'down':
          return { kind: r.kind, start, duration, status: r.downStatus, in_flight: r.inFlight };
        case 'rate_limited':
          return { kind: r.kind, start, duration, retry_after: r.retryAfter };
        case 'auth_revoked':
          return r.openEnded ? { kind: r.kind, start, status: r.authStatus } : { kind: r.kind, start, duration, status: r.authStatus };
        case 'slow':
        case 'degraded':
          return { kind: r.kind, start, duration, factor: r.factor };
        case 'stall':
          return { kind: r.kind, start, duration, error_rate: r.rate, pause: ms(Math.round(r.factor * 1_000)) };
        default:
          return { kind: r.kind, start, duration, error_rate: r.rate, status: r.status };
      }
    });

const service = (name: string, runMs: number): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record(
      {
        weight: fc.integer({ min: -1, max: 5 }),
        active: fc.boolean(),
        time_window: fc.integer({ min: 0, max: 120 }),
        model_capacity: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
        tier: fc.integer({ min: -1, max: 2 }),
        concurrency: fc.oneof(fc.integer({ min: 1, max: 32 }), fc.constant('unlimited')),
        queue_limit: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant('unlimited')),
        overload_status: fc.constantFrom(429, 503, 529),
        ttft: durationDist(20, 1_500),
        speed: numberDist(5, 200),
        rate_limits: fc
          .record(
            {
              rpm: fc.integer({ min: 30, max: 3_000 }),
              tpm: fc.integer({ min: 20_000, max: 5_000_000 }),
              granularity: fc.constantFrom('minute', 'second'),
              burst: fc.integer({ min: 1, max: 100 }),
              token_burst: fc.integer({ min: 1_000, max: 100_000 }),
              max_tokens: fc.integer({ min: 1, max: 4_000 }),
              retry_after: fc.constantFrom(true, false, 'reset'),
            },
            { requiredKeys: [] },
          )
          // a burst sizes its limit's bucket: it needs the limit
          .map(({ burst, token_burst, max_tokens, ...r }) => ({ ...r, ...(r.rpm === undefined ? {} : { burst }), ...(r.tpm === undefined ? {} : { token_burst, max_tokens }) })),
        errors: fc.dictionary(fc.constantFrom(...FAILURES.map(String)), fc.double({ min: 0, max: 0.1, noNaN: true }).map((x) => Number(x.toFixed(4))), { maxKeys: 3 }),
        error_latency: durationDist(1, 300),
        timeout: fc.integer({ min: 200, max: 5_000 }).map(ms),
        incidents: fc.array(incident(runMs), { maxLength: 3 }),
        cache: fc.record(
          {
            hit_rate: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Number(x.toFixed(3))),
            ttft_factor: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Number(x.toFixed(3))),
            input_price_factor: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Number(x.toFixed(3))),
            ttl: fc.integer({ min: 0, max: 60_000 }).map(ms),
          },
          { requiredKeys: [] },
        ),
        load: fc.record({ decode_throughput: fc.integer({ min: 20, max: 5_000 }), prefill_throughput: fc.integer({ min: 1_000, max: 200_000 }) }, { requiredKeys: [] }),
        price: fc.record({ input: fc.integer({ min: 0, max: 20 }), output: fc.integer({ min: 0, max: 60 }) }, { requiredKeys: [] }),
        probe_latency: fc.integer({ min: 0, max: 500 }).map(ms),
        error_text: fc.dictionary(fc.constantFrom(...FAILURES.map(String)), fc.constantFrom('rate limit exceeded', 'Overloaded', 'unauthorized', 'upstream error'), { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((behaviour) => ({ provider: name, model: 'm', ...behaviour }));

const gatewayKeys = {
  max_attempts: fc.integer({ min: 1, max: 3 }),
  retry_on: fc.subarray([408, 429, 500, 502, 503, 504, 529, 'timeout', 'connection_error'], { minLength: 1 }),
  exclude_tried: fc.boolean(),
  honor_retry_after: fc.boolean(),
  retry_backoff: fc.integer({ min: 0, max: 300 }).map(ms),
  record_failure_latency: fc.boolean(),
  advance_current_service: fc.boolean(),
  request_timeout: fc.oneof(fc.constant('none'), fc.integer({ min: 300, max: 8_000 }).map(ms)),
  probe_timeout: fc.integer({ min: 100, max: 10_000 }).map(ms),
  client_retries: fc.integer({ min: 0, max: 3 }),
  version: fc.constantFrom('v0.26041.1000-preview', 'v0.260819.0'),
  session_affinity: fc.oneof(fc.constant(0), fc.integer({ min: 1_000, max: 60_000 }).map(ms)),
  probe_finds_provider: fc.boolean(),
  non_stream_success_counts: fc.boolean(),
  promotion_hold: fc.constantFrom(0, '30s', '60s'),
  breaker_recovery_successes: fc.integer({ min: 1, max: 4 }),
};

type TacticEntry = string | { tactic: string; name: string; params?: Record<string, unknown> };

const tacticEntry: fc.Arbitrary<TacticEntry> = fc.oneof(
  fc.constantFrom<TacticEntry>(...TACTICS),
  fc.constantFrom<TacticEntry>(
    { tactic: 'token_based', name: 'tokens-5k', params: { token_threshold: 5_000 } },
    { tactic: 'latency_based', name: 'latency-p95', params: { latency_threshold_ms: 1_000, comparison_mode: 'p95', sample_window_size: 50, percentile: 0.9 } },
    { tactic: 'speed_based', name: 'speed-3', params: { min_samples_required: 3, speed_threshold_tps: 40, sample_window_size: 20 } },
    { tactic: 'adaptive', name: 'adaptive-rank', params: { scoring_mode: 'rank_based', latency_weight: 0.4, token_weight: 0.2, speed_weight: 0.2, health_weight: 0.2, max_latency_ms: 3_000, max_token_usage: 20_000, min_speed_tps: 30 } },
    { tactic: 'adaptive', name: 'adaptive-mult', params: { scoring_mode: 'multiplicative' } },
    // v0.260819.0's tier tactic (the seed's gateway runs adaptive for it)
    { tactic: 'tier', name: 'tiers', params: { within_tier_tactic: 'capacity_based' } },
    // a swept parameter: two tactics, lat-avg and lat-p95
    { tactic: 'latency_based', name: 'lat', params: { comparison_mode: ['avg', 'p95'] } },
    // the gateway's own lb_tactic, pasted
    { name: 'pasted', lb_tactic: { type: 'latency_based', params: { latency_threshold_ms: 1_500 } } } as unknown as TacticEntry,
  ),
);

const healthEntry = fc.oneof(
  fc.constantFrom('unconfigured', 'default', 'none'),
  fc.record(
    {
      consecutive_error_threshold: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant([1, 3])),
      recovery_timeout_seconds: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant([2, 4])),
      probe_enabled: fc.boolean(),
      rate_limit_hold: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  // the gateway's own health_monitor block, pasted
  fc.record({ health_monitor: fc.record({ consecutive_error_threshold: fc.integer({ min: 0, max: 4 }), recovery_timeout_seconds: fc.integer({ min: 0, max: 5 }), probe_enabled: fc.boolean() }, { requiredKeys: [] }) }),
);

/** Labels made unique, as the format requires. */
function uniqueLabels<T>(entries: readonly T[], label: (entry: T) => string, rename: (entry: T, name: string) => T): T[] {
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    let e = entry;
    if (seen.has(label(e))) e = rename(e, `${label(e)}-${i}`);
    seen.add(label(e));
    return e;
  });
}

/** A valid scenario of `services` services, a few seconds long. */
export const scenarioArbitrary: fc.Arbitrary<GeneratedScenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 4_294_967_295 }),
    durationMs: fc.integer({ min: 2_000, max: 8_000 }),
    warmupFraction: fc.double({ min: 0, max: 0.5, noNaN: true }),
    replications: fc.oneof(
      fc.integer({ min: 1, max: 2 }),
      fc.record({ first: fc.constant(2), max: fc.integer({ min: 2, max: 3 }) }),
    ),
    goal: fc.option(
      fc.record(
        {
          optimize: fc.constantFrom('success_rate', 'latency_p95_ms', 'cost_per_1k_success'),
          constraints: fc.array(fc.constantFrom('success_rate >= 0.5', 'latency_p99_ms <= 100000', 'cost_dollars <= 1000'), { maxLength: 2 }).map((c) => [...new Set(c)]),
          tie_breakers: fc.constantFrom([], ['ttft_p95_ms'], ['ttft_p95_ms', 'attempts_per_request']),
          indifference: fc.constantFrom(undefined, '10%', 0.01),
          confidence: fc.constantFrom(0.9, 0.95, 0.99),
        },
        { requiredKeys: [] },
      ).map(({ indifference, ...goal }) => ({
        ...goal,
        // an indifference zone for the optimised metric (its default one when the goal names none)
        ...(indifference === undefined ? {} : { indifference: { [goal.optimize ?? 'success_rate']: indifference } }),
      })),
      { nil: null },
    ),
    arrivals: fc.oneof(
      fc.integer({ min: 1, max: 20 }).map((r) => ({ process: 'constant', rate: `${r}/s` })),
      fc.integer({ min: 1, max: 20 }).map((r) => ({ process: 'poisson', rate: `${r * 60}/min` })),
      fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 200, max: 2_000 }), fc.integer({ min: 0, max: 2_000 })).map(([on, off, onMs, offMs]) => ({
        process: 'bursty',
        on_rate: `${on}/s`,
        off_rate: `${off}/s`,
        on: ms(onMs),
        off: ms(offMs),
      })),
      fc.tuple(fc.integer({ min: 1, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 500, max: 10_000 })).map(([rate, amplitude, period]) => ({
        process: 'diurnal',
        rate: `${rate}/s`,
        amplitude: Number(amplitude.toFixed(3)),
        period: ms(period),
        phase: 1,
      })),
      fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 })).map(([from, to]) => ({ process: 'ramp', from: `${from * 3600}/h`, to: `${to}/s` })),
      fc.constant({ process: 'trace', file: 'trace.jsonl', format: 'jsonl' }),
    ),
    inputTokens: numberDist(1, 3_000),
    outputTokens: numberDist(1, 400),
    streaming: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Number(x.toFixed(3))),
    sessions: fc.integer({ min: 0, max: 10 }),
    serviceCount: fc.integer({ min: 1, max: 4 }),
    services: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    gateway: fc.record(gatewayKeys, { requiredKeys: [] }),
    tactics: fc.oneof(fc.constant('all' as const), fc.array(tacticEntry, { minLength: 1, maxLength: 3 })),
    health: fc.oneof(fc.constant('all' as const), fc.array(healthEntry, { minLength: 1, maxLength: 3 })),
    variants: fc.option(fc.array(fc.record(gatewayKeys, { requiredKeys: [] }), { minLength: 1, maxLength: 2 }), { nil: null }),
    limits: fc.boolean(),
    bucket: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    expect: fc.boolean(),
  })
  .chain((g) =>
    fc.tuple(...Array.from({ length: g.serviceCount }, (_, i) => service(`p${i}`, g.durationMs))).map((services) => {
      // at least one active service with a non-zero weight, as the format requires
      services[0] = { ...services[0], active: true, weight: 1 };
      const tactics =
        g.tactics === 'all'
          ? 'all'
          : uniqueLabels(
              g.tactics,
              (t) => (typeof t === 'string' ? t : t.name),
              (t, name) => (typeof t === 'string' ? { tactic: t, name } : { ...t, name }),
            );
      const health =
        g.health === 'all'
          ? 'all'
          : uniqueLabels(
              g.health.map((h, i) => (typeof h === 'string' ? h : { name: `custom-${i}`, ...h })),
              (h) => (typeof h === 'string' ? h : h.name),
              (h, name) => (typeof h === 'string' ? { name, consecutive_error_threshold: 1 } : { ...h, name }),
            );
      const variants = g.variants?.map((v, i) => ({ name: `variant-${i}`, ...v }));
      // a swept entry's first tactic is labelled <name>-<first value>
      const sweptFirst = (t: Exclude<TacticEntry, string>): string => {
        const list = Object.values(t.params ?? {}).find((v) => Array.isArray(v)) as unknown[] | undefined;
        return list ? `${t.name}-${String(list[0])}` : t.name;
      };
      const firstTactic = tactics === 'all' ? 'token_based' : typeof tactics[0] === 'string' ? tactics[0] : sweptFirst(tactics[0]!);
      const doc: Record<string, unknown> = {
        name: `generated ${g.seed}`,
        description: 'generated by the property suite',
        question: 'does everything hold?',
        seed: g.seed,
        duration: ms(g.durationMs),
        warmup: ms(Math.floor(g.durationMs * g.warmupFraction)),
        ...(typeof g.replications === 'number'
          ? { replications: g.replications }
          : { replications: 'auto', first_stage_replications: g.replications.first, max_replications: g.replications.max }),
        ...(g.goal === null ? {} : { goal: g.goal }),
        workload: {
          arrivals: g.arrivals,
          ...(g.arrivals.process === 'trace' ? {} : { input_tokens: g.inputTokens, output_tokens: g.outputTokens, sessions: g.sessions }),
          streaming: g.streaming,
        },
        services,
        gateway: g.gateway,
        compare: { tactics, health, ...(variants ? { gateway: variants } : {}), baseline: { tactic: firstTactic } },
      };
      if (g.limits) doc['limits'] = { max_events: 50_000_000, max_simulated_time: ms(g.durationMs * 2_000) };
      if (g.bucket !== null) doc['bucket'] = ms(Math.ceil(g.durationMs / (g.bucket * 2)));
      if (g.expect) {
        // a swept entry is several settings, labelled <name>-<value>
        const swept = (h: Record<string, unknown>): string[] => {
          const t = Array.isArray(h['consecutive_error_threshold']) ? (h['consecutive_error_threshold'] as number[]) : [null];
          const r = Array.isArray(h['recovery_timeout_seconds']) ? (h['recovery_timeout_seconds'] as number[]) : [null];
          return t.flatMap((a) => r.map((b) => [h['name'], a, b].filter((x) => x !== null).join('-')));
        };
        const healthLabels = health === 'all' ? ['unconfigured', 'default', 'none'] : health.flatMap((h) => (typeof h === 'string' ? [h] : swept(h)));
        doc['expect'] = [
          { metric: 'success_rate', at_least: 0 },
          { metric: 'latency_p95_ms', where: { tactic: firstTactic }, at_most: 1e9 },
          { metric: 'share:p0:m', at_least: 0, at_most: 1 },
          ...(healthLabels.length > 1 ? [{ metric: 'success_rate', where: { health: healthLabels[0] }, no_worse_than: { health: healthLabels[1] }, margin: 1 }] : []),
          ...(healthLabels.length > 1 ? [{ metric: 'cost_dollars', where: { health: healthLabels[1] }, better_than: { health: healthLabels[0] }, margin: 0 }] : []),
        ];
      }
      const trace =
        g.arrivals.process === 'trace'
          ? Array.from({ length: Math.max(1, Math.floor(g.durationMs / 250)) }, (_, i) => JSON.stringify({ timestamp: i * 0.25, input_tokens: 100 + i, output_tokens: 1 + (i % 50), session: `s${i % 3}` })).join('\n')
          : null;
      return { doc, trace };
    }),
  );
