import { describe, expect, it } from 'vitest';
import { TacticType } from '../../../engine/balancer/index.js';
import { BUILTIN_HEALTH_SETTINGS, UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import { loadScenarioFile, parseScenario, ScenarioError, validateScenarioText } from '../../../engine/scenario/index.js';
import { docWith, errorOf, issueAt, issuesOf, minimalDoc, parse, yamlText } from './helpers.js';

describe('defaults', () => {
  const s = parse(minimalDoc());

  it('fills every top-level default', () => {
    expect(s.name).toBe('test');
    expect(s.description).toBe('');
    expect(s.question).toBe('');
    expect(s.seed).toBe(1);
    expect(s.durationMs).toBe(600_000);
    expect(s.warmupMs).toBe(0);
    expect(s.replications).toBe(5);
    expect(s.bucketMs).toBe(10_000);
    expect(s.limits).toEqual({ maxEvents: 200_000_000, maxSimulatedMs: 20 * 600_000 + 3_600_000 });
    expect(s.expect).toEqual([]);
  });

  it('fills the workload defaults', () => {
    expect(s.workload).toEqual({
      arrivals: { kind: 'poisson', ratePerSecond: 20 },
      inputTokens: { kind: 'constant', value: 1000 },
      outputTokens: { kind: 'constant', value: 250 },
      streamingFraction: 1,
      sessions: 0,
    });
  });

  it('fills the service and provider defaults', () => {
    expect(s.services[0]).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
      weight: 1,
      active: true,
      timeWindow: 300,
      behavior: {
        concurrency: 64,
        queueLimit: Number.POSITIVE_INFINITY,
        overloadStatus: 503,
        ttftMs: { kind: 'lognormal', median: 500, p99: 2_000 },
        tokensPerSecond: { kind: 'normal', mean: 60, sd: 10, min: 1 },
        rateLimits: { requestsPerMinute: Number.POSITIVE_INFINITY, tokensPerMinute: Number.POSITIVE_INFINITY, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'wait', countedMaxTokens: null },
        errorRates: {},
        errorLatencyMs: { kind: 'constant', value: 100 },
        timeoutMs: 30_000,
        incidents: [],
        load: { decodeTokensPerSecond: Number.POSITIVE_INFINITY, prefillTokensPerSecond: Number.POSITIVE_INFINITY },
        errorText: {},
        cache: { hitProbability: 0, ttftFactor: 0.5, inputPriceFactor: 0.1, ttlMs: 300_000 },
        price: { inputPerMillion: 0, outputPerMillion: 0 },
        probeLatencyMs: 100,
      },
    });
    expect(s.services[0]).not.toHaveProperty('modelCapacity');
  });

  it('uses the upstream gateway, as one variant named default', () => {
    expect(s.gateway).toEqual(UPSTREAM_GATEWAY_OPTIONS);
    expect(s.gatewayVariants).toEqual([{ name: 'default', options: UPSTREAM_GATEWAY_OPTIONS }]);
  });

  it('compares all six tactics, labelled by name in TacticType order, with default parameters', () => {
    expect(s.tactics).toEqual([
      { name: 'token_based', type: TacticType.TokenBased, params: {} },
      { name: 'random', type: TacticType.Random, params: {} },
      { name: 'latency_based', type: TacticType.LatencyBased, params: {} },
      { name: 'speed_based', type: TacticType.SpeedBased, params: {} },
      { name: 'adaptive', type: TacticType.Adaptive, params: {} },
      { name: 'capacity_based', type: TacticType.CapacityBased, params: {} },
    ]);
    expect(s.tactics.map((t) => t.type)).toEqual([1, 3, 4, 5, 6, 7]);
  });

  it('compares the three built-in health settings', () => {
    expect(s.health).toEqual(BUILTIN_HEALTH_SETTINGS);
  });

  it('takes the first label of each list as the baseline', () => {
    expect(s.baseline).toEqual({ tactic: 'token_based', health: 'unconfigured', gateway: 'default' });
    const chosen = parse(docWith({ compare: { tactics: ['adaptive', 'random'], health: ['none', 'default'] } }));
    expect(chosen.baseline).toEqual({ tactic: 'adaptive', health: 'none', gateway: 'default' });
  });

  it('rounds the default bucket up to a whole second, at least 1 s', () => {
    expect(parse(docWith({ duration: '30s' })).bucketMs).toBe(1_000);
    expect(parse(docWith({ duration: '61s' })).bucketMs).toBe(2_000);
    expect(parse(docWith({ duration: '1h' })).bucketMs).toBe(60_000);
    expect(parse(docWith({ duration: '168h' })).bucketMs).toBe(10_080_000);
  });

  it('does not share mutable defaults between scenarios', () => {
    const a = parse(minimalDoc());
    a.gateway.retryOn.push(401);
    a.services[0]!.behavior.incidents.push({ kind: 'slow', startMs: 0, durationMs: 1, factor: 2 });
    const b = parse(minimalDoc());
    expect(b.gateway.retryOn).toEqual(UPSTREAM_GATEWAY_OPTIONS.retryOn);
    expect(b.services[0]!.behavior.incidents).toEqual([]);
    expect(UPSTREAM_GATEWAY_OPTIONS.retryOn).not.toContain(401);
  });

  it('is deterministic: the same text gives the same scenario', () => {
    expect(parse(minimalDoc())).toEqual(parse(minimalDoc()));
  });
});

describe('values that are read as written', () => {
  it('keeps any characters in the name', () => {
    const name = '<script>alert("x")</script> & \'quotes\' — ünïcode';
    expect(parse(docWith({ name })).name).toBe(name);
  });

  it('reads every arrival process', () => {
    const arrivals = (a: unknown) => parse(docWith({ 'workload.arrivals': a })).workload.arrivals;
    expect(arrivals({ process: 'constant', rate: '5/s' })).toEqual({ kind: 'constant', ratePerSecond: 5 });
    expect(arrivals({ process: 'bursty', on_rate: '40/s', off_rate: 0, on: '30s', off: '1m' })).toEqual({ kind: 'bursty', onRatePerSecond: 40, offRatePerSecond: 0, onMs: 30_000, offMs: 60_000 });
    expect(arrivals({ process: 'diurnal', rate: '36000/h', amplitude: 0.5, period: '24h' })).toEqual({ kind: 'diurnal', meanRatePerSecond: 10, amplitude: 0.5, periodMs: 86_400_000, phaseRadians: 0 });
    expect(arrivals({ process: 'diurnal', rate: '10/s', amplitude: 1, period: '1h', phase: -1.5 })).toMatchObject({ phaseRadians: -1.5 });
    expect(arrivals({ process: 'ramp', from: '1/s', to: '100/s' })).toEqual({ kind: 'ramp', fromRatePerSecond: 1, toRatePerSecond: 100 });
  });

  it('reads every distribution kind, for durations, tokens and speeds', () => {
    const ttft = (d: unknown) => parse(docWith({ 'services[0].ttft': d })).services[0]!.behavior.ttftMs;
    expect(ttft('300ms')).toEqual({ kind: 'constant', value: 300 });
    expect(ttft({ dist: 'constant', value: '1s' })).toEqual({ kind: 'constant', value: 1_000 });
    expect(ttft({ dist: 'uniform', min: '100ms', max: '1s' })).toEqual({ kind: 'uniform', min: 100, max: 1_000 });
    expect(ttft({ dist: 'normal', mean: '500ms', sd: '100ms' })).toEqual({ kind: 'normal', mean: 500, sd: 100, min: 0 });
    expect(ttft({ dist: 'normal', mean: '500ms', sd: '100ms', min: '50ms' })).toEqual({ kind: 'normal', mean: 500, sd: 100, min: 50 });
    expect(ttft({ dist: 'lognormal', median: '400ms', p99: '2s' })).toEqual({ kind: 'lognormal', median: 400, p99: 2_000 });
    expect(ttft({ dist: 'exponential', mean: '250ms' })).toEqual({ kind: 'exponential', mean: 250 });
    expect(ttft({ dist: 'empirical', values: ['100ms', '1s', 0] })).toEqual({ kind: 'empirical', values: [100, 1_000, 0] });
    const speed = (d: unknown) => parse(docWith({ 'services[0].speed': d })).services[0]!.behavior.tokensPerSecond;
    expect(speed(75)).toEqual({ kind: 'constant', value: 75 });
    expect(speed({ dist: 'normal', mean: 80, sd: 15 })).toEqual({ kind: 'normal', mean: 80, sd: 15, min: 1 });
    const input = parse(docWith({ 'workload.input_tokens': { dist: 'uniform', min: 0, max: 4000 } })).workload.inputTokens;
    expect(input).toEqual({ kind: 'uniform', min: 0, max: 4_000 });
    expect(parse(docWith({ 'services[0].error_latency': { dist: 'exponential', mean: '50ms' } })).services[0]!.behavior.errorLatencyMs).toEqual({ kind: 'exponential', mean: 50 });
  });

  it('reads every incident kind with its defaults', () => {
    const incidents = parse(
      docWith({
        'services[0].incidents': [
          { kind: 'down', start: '1m', duration: '1m' },
          { kind: 'down', start: '1m', duration: '1m', status: 'timeout' },
          { kind: 'rate_limited', start: '1m', duration: '1m' },
          { kind: 'rate_limited', start: '1m', duration: '1m', retry_after: null },
          { kind: 'auth_revoked', start: '4m' },
          { kind: 'auth_revoked', start: '4m', duration: '1m', status: 403 },
          { kind: 'slow', start: 0, duration: '10m', factor: 4 },
          { kind: 'flaky', start: '1m', duration: '2m', error_rate: 0.3 },
          { kind: 'flaky', start: '1m', duration: '2m', error_rate: 1, status: 429 },
          { kind: 'degraded', start: '1m', duration: '2m', factor: 0.25 },
        ],
      }),
    ).services[0]!.behavior.incidents;
    expect(incidents).toEqual([
      { kind: 'down', startMs: 60_000, durationMs: 60_000, status: 503, inFlight: 'cut' },
      { kind: 'down', startMs: 60_000, durationMs: 60_000, status: 'timeout', inFlight: 'cut' },
      { kind: 'rate_limited', startMs: 60_000, durationMs: 60_000, retryAfterMs: 1_000 },
      { kind: 'rate_limited', startMs: 60_000, durationMs: 60_000, retryAfterMs: null },
      { kind: 'auth_revoked', startMs: 240_000, durationMs: 360_000, status: 401 },
      { kind: 'auth_revoked', startMs: 240_000, durationMs: 60_000, status: 403 },
      { kind: 'slow', startMs: 0, durationMs: 600_000, factor: 4 },
      { kind: 'flaky', startMs: 60_000, durationMs: 120_000, errorProbability: 0.3, status: 500 },
      { kind: 'flaky', startMs: 60_000, durationMs: 120_000, errorProbability: 1, status: 429 },
      { kind: 'degraded', startMs: 60_000, durationMs: 120_000, factor: 0.25 },
    ]);
  });

  it('reads provider behaviour keys', () => {
    const b = parse(
      docWith({
        'services[0].concurrency': 'unlimited',
        'services[0].queue_limit': 0,
        'services[0].overload_status': 429,
        'services[0].rate_limits': { rpm: 600, tpm: 200_000, retry_after: false },
        'services[0].errors': { 500: 0.01, 503: 0.005, 429: 0 },
        'services[0].cache': { hit_rate: 0.6, ttl: '10m' },
        'services[0].price': { input: 2.5 },
        'services[0].probe_latency': '150ms',
        'services[0].load': { decode_throughput: 2_000, prefill_throughput: 50_000 },
      }),
    ).services[0]!.behavior;
    expect(b.concurrency).toBe(Number.POSITIVE_INFINITY);
    expect(b.queueLimit).toBe(0);
    expect(b.overloadStatus).toBe(429);
    expect(b.rateLimits).toEqual({ requestsPerMinute: 600, tokensPerMinute: 200_000, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'none', countedMaxTokens: null });
    expect(b.errorRates).toEqual({ 500: 0.01, 503: 0.005, 429: 0 });
    expect(b.cache).toEqual({ hitProbability: 0.6, ttftFactor: 0.5, inputPriceFactor: 0.1, ttlMs: 600_000 });
    expect(b.price).toEqual({ inputPerMillion: 2.5, outputPerMillion: 0 });
    expect(b.probeLatencyMs).toBe(150);
    expect(b.load).toEqual({ decodeTokensPerSecond: 2_000, prefillTokensPerSecond: 50_000 });
  });

  it('reads rate limits as token buckets: granularity, bursts and what Retry-After says', () => {
    const limits = (rl: Record<string, unknown>) => parse(docWith({ 'services[0].rate_limits': rl })).services[0]!.behavior.rateLimits;
    expect(limits({ rpm: 300, tpm: 60_000, granularity: 'second', burst: 20, token_burst: 5_000, retry_after: 'reset' })).toEqual({
      requestsPerMinute: 300,
      tokensPerMinute: 60_000,
      granularity: 'second',
      requestBurst: 20,
      tokenBurst: 5_000,
      retryAfter: 'reset', countedMaxTokens: null,
    });
    expect(limits({ rpm: 300 })).toMatchObject({ granularity: 'minute', requestBurst: null, retryAfter: 'wait', countedMaxTokens: null });
    expect(limits({ tpm: 90_000, max_tokens: 4_096 })).toMatchObject({ countedMaxTokens: 4_096 });
    expect(issueAt(docWith({ 'services[0].rate_limits': { rpm: 10, max_tokens: 5 } }), 'services[0].rate_limits.max_tokens').message).toContain('no max_tokens without tpm');
    expect(issueAt(docWith({ 'services[0].rate_limits': { tpm: 1_000, burst: 5 } }), 'services[0].rate_limits.burst').message).toContain('no burst without rpm');
    expect(issueAt(docWith({ 'services[0].rate_limits': { rpm: 10, token_burst: 5 } }), 'services[0].rate_limits.token_burst').message).toContain('no token_burst without tpm');
    expect(issueAt(docWith({ 'services[0].rate_limits': { rpm: 10, granularity: 'secnd' } }), 'services[0].rate_limits.granularity').suggestion).toBe('second');
    expect(issueAt(docWith({ 'services[0].rate_limits': { rpm: 10, retry_after: 'rest' } }), 'services[0].rate_limits.retry_after').suggestion).toBe('reset');
  });

  it('reads gateway options and variants as overrides of the gateway block', () => {
    const s = parse(
      docWith({
        gateway: { retry_on: [503, 'timeout'], request_timeout: '20s', retry_backoff: '100ms', honor_retry_after: true },
        'compare.gateway': [{ name: 'as-is' }, { name: 'failover', max_attempts: 3, exclude_tried: true, request_timeout: 'none' }],
      }),
    );
    const base = { ...UPSTREAM_GATEWAY_OPTIONS, retryOn: [503, 'timeout'], requestTimeoutMs: 20_000, retryBackoffMs: 100, honorRetryAfter: true };
    expect(s.gateway).toEqual(base);
    expect(s.gatewayVariants).toEqual([
      { name: 'as-is', options: base },
      { name: 'failover', options: { ...base, maxAttempts: 3, excludeTried: true, requestTimeoutMs: Number.POSITIVE_INFINITY } },
    ]);
    expect(s.baseline.gateway).toBe('as-is');
  });

  it('reads tactic entries: names, labels and parameters in TacticParams names', () => {
    const s = parse(
      docWith({
        'compare.tactics': [
          'random',
          { tactic: 'latency_based', name: 'latency-p95', params: { comparison_mode: 'p95', latency_threshold_ms: 1500, percentile: 0.9, sample_window_size: 50 } },
          { tactic: 'token_based', params: { token_threshold: 0 } },
          { tactic: 'speed_based', params: { min_samples_required: 3, speed_threshold_tps: 40.5, sample_window_size: 10 } },
          { tactic: 'adaptive', params: { latency_weight: 0.5, token_weight: 0.1, speed_weight: 0.2, health_weight: 0.2, max_latency_ms: 3000, max_token_usage: 5000, min_speed_tps: 30, scoring_mode: 'rank_based' } },
          { tactic: 'capacity_based', name: 'capacity' },
        ],
      }),
    );
    expect(s.tactics).toEqual([
      { name: 'random', type: 3, params: {} },
      { name: 'latency-p95', type: 4, params: { comparisonMode: 'p95', latencyThresholdMs: 1500, percentile: 0.9, sampleWindowSize: 50 } },
      { name: 'token_based', type: 1, params: { tokenThreshold: 0 } },
      { name: 'speed_based', type: 5, params: { minSamplesRequired: 3, speedThresholdTps: 40.5, sampleWindowSize: 10 } },
      { name: 'adaptive', type: 6, params: { latencyWeight: 0.5, tokenWeight: 0.1, speedWeight: 0.2, healthWeight: 0.2, maxLatencyMs: 3000, maxTokenUsage: 5000, minSpeedTps: 30, scoringMode: 'rank_based' } },
      { name: 'capacity', type: 7, params: {} },
    ]);
  });

  it('reads health settings of its own next to built-ins', () => {
    const s = parse(docWith({ 'compare.health': ['default', { name: 'strict', consecutive_error_threshold: 1 }, { name: 'lenient', consecutive_error_threshold: 10, recovery_timeout_seconds: 30, probe_enabled: false }] }));
    expect(s.health).toEqual([
      { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } },
      { name: 'strict', config: { consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 300, probeEnabled: true } },
      { name: 'lenient', config: { consecutiveErrorThreshold: 10, recoveryTimeoutSeconds: 30, probeEnabled: false } },
    ]);
    expect(parse(docWith({ 'compare.health': 'all', 'compare.tactics': 'all' })).health.map((h) => h.name)).toEqual(['unconfigured', 'default', 'none']);
  });

  it('reads expectations with texts that read well in CI output', () => {
    const s = parse(
      docWith({
        'compare.tactics': ['random', 'latency_based', 'adaptive'],
        'compare.health': ['default', 'none'],
        expect: [
          { metric: 'success_rate', where: { health: 'default' }, at_least: 0.99 },
          { metric: 'latency_p95_ms', at_most: 2000 },
          { metric: 'cost_dollars', where: { tactic: 'adaptive', health: 'none' }, at_least: 0, at_most: 10 },
          { metric: 'latency_p95_ms', where: { tactic: 'latency_based' }, better_than: { tactic: 'random' }, margin: 50 },
          { metric: 'success_rate', better_than: { health: 'default' } },
          { metric: 'cost_dollars', where: { health: 'default' }, no_worse_than: { health: 'none' }, margin: 0.5 },
          { metric: 'share:openai:gpt-4o', where: { tactic: 'random' }, at_least: 0.3 },
        ],
      }),
    );
    expect(s.expect).toEqual([
      { kind: 'bound', metric: 'success_rate', where: { health: 'default' }, atLeast: 0.99, text: 'success_rate >= 0.99 where health=default' },
      { kind: 'bound', metric: 'latency_p95_ms', where: {}, atMost: 2000, text: 'latency_p95_ms <= 2000' },
      { kind: 'bound', metric: 'cost_dollars', where: { tactic: 'adaptive', health: 'none' }, atLeast: 0, atMost: 10, text: '0 <= cost_dollars <= 10 where tactic=adaptive, health=none' },
      { kind: 'compare', metric: 'latency_p95_ms', where: { tactic: 'latency_based' }, than: { tactic: 'random' }, relation: 'better', margin: 50, text: 'latency_p95_ms of tactic=latency_based better than tactic=random by > 50' },
      { kind: 'compare', metric: 'success_rate', where: {}, than: { health: 'default' }, relation: 'better', margin: 0, text: 'success_rate of every cell better than health=default' },
      { kind: 'compare', metric: 'cost_dollars', where: { health: 'default' }, than: { health: 'none' }, relation: 'no_worse', margin: 0.5, text: 'cost_dollars of health=default no worse than health=none within 0.5' },
      { kind: 'bound', metric: 'share:openai:gpt-4o', where: { tactic: 'random' }, atLeast: 0.3, text: 'share:openai:gpt-4o >= 0.3 where tactic=random' },
    ]);
  });

  it('reads limits and bucket', () => {
    const s = parse(docWith({ bucket: '30s', limits: { max_events: 1000, max_simulated_time: '48h' } }));
    expect(s.bucketMs).toBe(30_000);
    expect(s.limits).toEqual({ maxEvents: 1000, maxSimulatedMs: 172_800_000 });
    expect(parse(docWith({ limits: { max_events: 5 } })).limits).toEqual({ maxEvents: 5, maxSimulatedMs: 15_600_000 });
  });
});

describe('a service list copied from a gateway rule', () => {
  it('accepts the gateway JSON as it is, every behaviour key taking its default', () => {
    const gatewayJson = JSON.stringify([
      { provider: 'openai', model: 'gpt-4o', weight: 3, active: true, time_window: 300, model_capacity: 8 },
      { provider: '6f1c2a34-uuid', model: 'gpt-4o', weight: -1, active: true, time_window: 0 },
      { provider: 'backup', model: 'mini', weight: 0, active: false, time_window: 60, model_capacity: null },
    ]);
    const text = `name: from-json\nduration: 5m\nworkload:\n  arrivals: { process: poisson, rate: 5/s }\nservices: ${gatewayJson}\n`;
    const s = parseScenario(text, { sourceName: 'json.yaml' });
    expect(s.services.map(({ provider, model, weight, active, timeWindow, modelCapacity }) => ({ provider, model, weight, active, timeWindow, modelCapacity }))).toEqual([
      { provider: 'openai', model: 'gpt-4o', weight: 3, active: true, timeWindow: 300, modelCapacity: 8 },
      { provider: '6f1c2a34-uuid', model: 'gpt-4o', weight: -1, active: true, timeWindow: 0, modelCapacity: undefined },
      { provider: 'backup', model: 'mini', weight: 0, active: false, timeWindow: 60, modelCapacity: undefined },
    ]);
    expect(s.services[2]).not.toHaveProperty('modelCapacity');
    expect(s.services[1]!.behavior).toEqual(parse(minimalDoc()).services[0]!.behavior);
  });

  it('accepts the whole file as JSON (JSON is YAML)', () => {
    const s = parseScenario(JSON.stringify(minimalDoc()), { sourceName: 'scenario.json' });
    expect(s.services).toHaveLength(2);
  });
});

describe('all errors at once', () => {
  const doc = docWith({
    name: '',
    warmup: '20m',
    replications: 0,
    'workload.arrivals.rate': '-3/s',
    'workload.streaming': 1.5,
    'services[0].timout': '30s',
    'services[0].ttft': { dist: 'lognormal', median: 400, p99: '2s' },
    'services[1].errors': { 500: 0.8, 502: 0.4 },
    'services[1].incidents': [{ kind: 'down', start: '9m', duration: '2m' }],
    'gateway.max_attempts': 0,
    'compare.tactics': ['random', 'randomm'],
    expect: [{ metric: 'latency_p95', at_most: 1 }],
  });

  it('reports every problem of the file, across sections', () => {
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'warmup',
        'replications',
        'workload.arrivals.rate',
        'workload.streaming',
        'services[0].timout',
        'services[0].ttft.median',
        'services[1].errors',
        'services[1].incidents[0].duration',
        'gateway.max_attempts',
        'compare.tactics[1]',
        'expect[0].metric',
      ]),
    );
    expect(paths).toHaveLength(12);
  });

  it('lists them one per line after a heading, in file order, with positions', () => {
    const error = errorOf(doc);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('invalid scenario test.yaml (12 problems):');
    expect(lines).toHaveLength(13);
    for (const [i, issue] of error.issues.entries()) {
      expect(lines[i + 1]).toBe(`  test.yaml:${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`);
    }
    const positions = error.issues.map((i) => i.line! * 1000 + i.column!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(error.message).toContain('services[0].timout: unknown key "timout" (did you mean "timeout"?)');
    expect(error.message).toContain('compare.tactics[1]: expected one of token_based, random, latency_based, speed_based, adaptive, capacity_based, tier, got "randomm" (did you mean "random"?)');
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('is a typed error with a stable code', () => {
    const error = errorOf(doc);
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.name).toBe('ScenarioError');
    expect(error.sourceName).toBe('test.yaml');
  });

  it('validateScenarioText returns the same issues without throwing', () => {
    const result = validateScenarioText(yamlText(doc), { sourceName: 'test.yaml' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual(errorOf(doc).issues);
    const good = validateScenarioText(yamlText(minimalDoc()), { sourceName: 'test.yaml' });
    expect(good.ok && good.scenario.name).toBe('test');
  });

  it('gives every issue a path, a message, an expectation and what arrived where they apply', () => {
    for (const issue of issuesOf(doc)) {
      expect(issue.message.length).toBeGreaterThan(10);
      expect(issue.line).toBeGreaterThan(0);
      if (issue.path !== 'services[1].errors') expect(issue.expected, issue.path).toBeDefined();
      expect(issue.received, issue.path).toBeDefined();
    }
  });
});

describe('typos get the nearest valid word', () => {
  it.each([
    [{ duraton: '10m' }, 'duraton', 'duration'],
    [{ 'services[0].timeWindow': 60 }, 'services[0].timeWindow', 'time_window'],
    [{ 'services[0].modle': 'x' }, 'services[0].modle', 'model'],
    [{ 'workload.arrival': {} }, 'workload.arrival', 'arrivals'],
    [{ 'workload.arrivals.process': 'Poisson' }, 'workload.arrivals.process', 'poisson'],
    [{ 'workload.arrivals.rtae': '5/s' }, 'workload.arrivals.rtae', 'rate'],
    [{ 'services[0].ttft': { dist: 'lognormla', median: '1s', p99: '2s' } }, 'services[0].ttft.dist', 'lognormal'],
    [{ 'services[0].incidents': [{ kind: 'rate_limit', start: 0, duration: '1m' }] }, 'services[0].incidents[0].kind', 'rate_limited'],
    [{ 'services[0].queue_limit': 'unlimted' }, 'services[0].queue_limit', 'unlimited'],
    [{ 'services[0].cache': { hitrate: 0.5 } }, 'services[0].cache.hitrate', 'hit_rate'],
    [{ 'gateway.retry_on': ['timout'] }, 'gateway.retry_on[0]', 'timeout'],
    [{ 'compare.tactic': 'all' }, 'compare.tactic', 'tactics'],
    [{ 'compare.tactics': 'al' }, 'compare.tactics', 'all'],
    [{ 'compare.health': ['defualt'] }, 'compare.health[0]', 'default'],
    [{ 'compare.tactics': [{ tactic: 'latency_based', params: { latency_treshold_ms: 5 } }] }, 'compare.tactics[0].params.latency_treshold_ms', 'latency_threshold_ms'],
    [{ 'compare.tactics': [{ tactic: 'adaptive', params: { scoring_mode: 'weighted-sum' } }] }, 'compare.tactics[0].params.scoring_mode', 'weighted_sum'],
    [{ expect: [{ metric: 'latency_p95', at_most: 1 }] }, 'expect[0].metric', 'latency_p95_ms'],
    [{ expect: [{ metric: 'shares:openai:gpt-4o', at_most: 1 }] }, 'expect[0].metric', 'share:openai:gpt-4o'],
    [{ expect: [{ metric: 'share:openai:gpt4o', at_most: 1 }] }, 'expect[0].metric', 'share:openai:gpt-4o'],
    [{ expect: [{ metric: 'failures', at_mots: 1 }] }, 'expect[0].at_mots', 'at_most'],
    [{ 'compare.baseline': { tactic: 'Random' } }, 'compare.baseline.tactic', 'random'],
  ])('%j', (patch, path, suggestion) => {
    const issue = issueAt(docWith(patch as Record<string, unknown>), path);
    expect(issue.suggestion).toBe(suggestion);
    expect(issue.message).toContain(`(did you mean "${suggestion}"?)`);
  });

  it('lists the valid keys when nothing is close', () => {
    const issue = issueAt(docWith({ 'services[0].colour': 'blue' }), 'services[0].colour');
    expect(issue.suggestion).toBeUndefined();
    expect(issue.message).toBe(`unknown key "colour"; expected one of the keys provider, model, weight, active, time_window, model_capacity, tier, concurrency, queue_limit, overload_status, ttft, speed, rate_limits, errors, error_text, error_latency, timeout, incidents, cache, load, price, probe_latency`);
  });

  it('names the keys a variant takes when a key belongs to another variant', () => {
    const arrivals = issueAt(docWith({ 'workload.arrivals': { process: 'poisson', rate: '1/s', on: '5s' } }), 'workload.arrivals.on');
    expect(arrivals.message).toBe('"on" does not apply to process poisson');
    expect(arrivals.expected).toBe('the keys process, rate');
    const incident = issueAt(docWith({ 'services[0].incidents': [{ kind: 'down', start: 0, duration: '1m', factor: 2 }] }), 'services[0].incidents[0].factor');
    expect(incident.message).toBe('"factor" does not apply to a down incident');
    const dist = issueAt(docWith({ 'services[0].ttft': { dist: 'lognormal', median: '1s', p99: '2s', sd: '1s' } }), 'services[0].ttft.sd');
    expect(dist.message).toBe('"sd" is not a parameter of a lognormal distribution');
  });
});

describe('trace replay', () => {
  const jsonl = '{"timestamp": 10, "input_tokens": 800, "output_tokens": 200, "session": "a"}\n{"timestamp": 10.5, "input_tokens": 100, "output_tokens": 20}\n{"timestamp": 12, "input_tokens": 5, "output_tokens": 6, "session": "b"}\n';
  const csv = 'timestamp,input_tokens,output_tokens,session\n0,100,20,x\n2,200,40,\n';
  const trace = (arrivals: Record<string, unknown>, extra: Record<string, unknown> = {}) => docWith({ 'workload.arrivals': { process: 'trace', ...arrivals }, ...extra });

  it('reads a JSONL trace through readFile, relative to the scenario', () => {
    const s = parse(trace({ file: 'traces/day.jsonl' }), { 'traces/day.jsonl': jsonl });
    expect(s.workload.arrivals).toEqual({
      kind: 'trace',
      rows: [
        { timestampMs: 0, inputTokens: 800, outputTokens: 200, session: 0 },
        { timestampMs: 500, inputTokens: 100, outputTokens: 20, session: -1 },
        { timestampMs: 2000, inputTokens: 5, outputTokens: 6, session: 1 },
      ],
    });
  });

  it('tells the format from the extension, or takes it from format', () => {
    expect(parse(trace({ file: 'a.csv' }), { 'a.csv': csv }).workload.arrivals).toMatchObject({ kind: 'trace', rows: [{ timestampMs: 0 }, { timestampMs: 2000 }] });
    expect(parse(trace({ file: 'a.ndjson' }), { 'a.ndjson': jsonl }).workload.arrivals).toMatchObject({ kind: 'trace' });
    expect(parse(trace({ file: 'a.txt', format: 'csv' }), { 'a.txt': csv }).workload.arrivals).toMatchObject({ kind: 'trace' });
    const issue = issueAt(trace({ file: 'a.txt' }), 'workload.arrivals.format', { 'a.txt': csv });
    expect(issue.message).toContain('the format cannot be told from the name "a.txt"');
  });

  it('a bad row is an issue at workload.arrivals.file naming the trace line', () => {
    const bad = '{"timestamp": 0, "input_tokens": 1, "output_tokens": 1}\n{"timestamp": "yesterday", "input_tokens": 1, "output_tokens": 1}\n';
    const issue = issueAt(trace({ file: 't.jsonl' }), 'workload.arrivals.file', { 't.jsonl': bad });
    expect(issue.message).toBe('the trace "t.jsonl" is invalid at line 2: timestamp must be seconds (a number) or an ISO 8601 date, got "yesterday"');
    expect(issue.received).toContain('line 2');
    const csvIssue = issueAt(trace({ file: 't.csv' }), 'workload.arrivals.file', { 't.csv': 'timestamp,input_tokens\n0,1\n' });
    expect(csvIssue.message).toContain('line 1');
  });

  it('a trace that cannot be read is an issue naming the path', () => {
    expect(issueAt(trace({ file: 'missing.jsonl' }), 'workload.arrivals.file').message).toBe(
      `cannot read the trace file "missing.jsonl": ENOENT: no such file or directory, open 'missing.jsonl'`,
    );
    const noReader = validateScenarioText(yamlText(trace({ file: 'x.jsonl' })), { sourceName: 's.yaml' });
    expect(noReader.ok).toBe(false);
    if (!noReader.ok) {
      expect(noReader.issues).toHaveLength(1);
      expect(noReader.issues[0]).toMatchObject({ path: 'workload.arrivals.file' });
      expect(noReader.issues[0]!.message).toContain('cannot read the trace file "x.jsonl": no file reader was given');
    }
  });

  it('request sizes and sessions next to a trace are errors (the trace gives them)', () => {
    const issues = issuesOf(trace({ file: 't.jsonl' }, { 'workload.input_tokens': 5, 'workload.output_tokens': 5, 'workload.sessions': 3 }), { 't.jsonl': jsonl });
    expect(issues.map((i) => i.path)).toEqual(['workload.input_tokens', 'workload.output_tokens', 'workload.sessions']);
    expect(issues[0]!.message).toBe('input_tokens has no effect with a trace replay (each trace row gives its own tokens and session); remove it');
  });
});

describe('loadScenarioFile', () => {
  const files: Record<string, string> = {
    'scenarios/outage.yaml': yamlText(docWith({ 'workload.arrivals': { process: 'trace', file: 'traces/t.jsonl' } })),
    'scenarios/traces/t.jsonl': '{"timestamp": 0, "input_tokens": 1, "output_tokens": 2}\n',
    '/abs/t.jsonl': '{"timestamp": 0, "input_tokens": 3, "output_tokens": 4}\n',
    'scenarios/abs.yaml': yamlText(docWith({ 'workload.arrivals': { process: 'trace', file: '/abs/t.jsonl' } })),
  };
  const fs = {
    readFile(path: string): string {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: ${path}`);
      return text;
    },
  };

  it('reads the scenario and resolves trace paths relative to it', () => {
    const s = loadScenarioFile('scenarios/outage.yaml', fs);
    expect(s.workload.arrivals).toEqual({ kind: 'trace', rows: [{ timestampMs: 0, inputTokens: 1, outputTokens: 2, session: -1 }] });
    expect(loadScenarioFile('scenarios/abs.yaml', fs).workload.arrivals).toMatchObject({ rows: [{ inputTokens: 3 }] });
  });

  it('names the file in errors, including a file that cannot be read', () => {
    expect(() => loadScenarioFile('nope.yaml', fs)).toThrowError(ScenarioError);
    try {
      loadScenarioFile('nope.yaml', fs);
    } catch (error) {
      expect((error as ScenarioError).sourceName).toBe('nope.yaml');
      expect((error as ScenarioError).issues).toEqual([{ path: '', message: 'cannot read the scenario file: ENOENT: nope.yaml' }]);
    }
  });
});
