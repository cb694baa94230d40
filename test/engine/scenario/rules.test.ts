import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from '../../../engine/scenario/index.js';
import { docWith, issueAt, issuesOf, minimalDoc, parse } from './helpers.js';

const incident = (fields: Record<string, unknown>) => docWith({ 'services[0].incidents': [fields] });

describe('incidents lie inside the run', () => {
  it('accepts an incident that ends exactly at the end of the run', () => {
    expect(parse(incident({ kind: 'down', start: '7m', duration: '3m' })).services[0]!.behavior.incidents).toHaveLength(1);
  });

  it('refuses one that starts at or after the end', () => {
    for (const start of ['10m', '11m']) {
      const issue = issueAt(incident({ kind: 'down', start, duration: '1m' }), 'services[0].incidents[0].start');
      expect(issue.message).toBe(`expected a start inside the run (before 10m), got "${start}"`);
    }
  });

  it('refuses one that runs past the end, saying how long it may last', () => {
    const issue = issueAt(incident({ kind: 'slow', start: '8m', duration: '5m', factor: 2 }), 'services[0].incidents[0].duration');
    expect(issue.message).toBe('expected a duration of at most 2m (the incident starts at 8m and must end by the end of the run at 10m), got "5m"');
  });

  it('refuses a zero or negative duration, and a negative start', () => {
    expect(issueAt(incident({ kind: 'down', start: '1m', duration: 0 }), 'services[0].incidents[0].duration').message).toContain('a duration > 0');
    expect(issueAt(incident({ kind: 'down', start: '-1m', duration: '1m' }), 'services[0].incidents[0].start').message).toContain('cannot be negative');
  });

  it('auth_revoked without a duration lasts until the end of the run', () => {
    expect(parse(incident({ kind: 'auth_revoked', start: '4m' })).services[0]!.behavior.incidents[0]).toEqual({ kind: 'auth_revoked', startMs: 240_000, durationMs: 360_000, status: 401 });
    expect(issueAt(incident({ kind: 'auth_revoked', start: '10m' }), 'services[0].incidents[0].start').message).toContain('inside the run');
  });

  it('requires the keys of each kind', () => {
    expect(issueAt(incident({ kind: 'slow', start: 0, duration: '1m' }), 'services[0].incidents[0].factor').message).toBe('expected a factor > 0 and at most 1000, got nothing (the key is required)');
    expect(issueAt(incident({ kind: 'flaky', start: 0, duration: '1m' }), 'services[0].incidents[0].error_rate').message).toContain('got nothing');
    expect(issueAt(incident({ kind: 'down', start: 0 }), 'services[0].incidents[0].duration').message).toContain('got nothing (the key is required)');
  });

  it('checks statuses per kind', () => {
    expect(issueAt(incident({ kind: 'down', start: 0, duration: '1m', status: 401 }), 'services[0].incidents[0].status').message).toBe('expected one of 500, 502, 503, 504, 529, timeout, connection_error, got 401');
    expect(issueAt(incident({ kind: 'auth_revoked', start: 0, status: 500 }), 'services[0].incidents[0].status').message).toBe('expected one of 401, 403, got 500');
    expect(issueAt(incident({ kind: 'flaky', start: 0, duration: '1m', error_rate: 0.5, status: 501 }), 'services[0].incidents[0].status').message).toContain('401, 403, 408, 409, 429, 500, 502, 503, 504');
    expect(issueAt(incident({ kind: 'down', start: 0, duration: '1m', status: '503' }), 'services[0].incidents[0].status').message).toBe('expected one of 500, 502, 503, 504, 529, timeout, connection_error, got "503"; write it without quotes');
  });
});

describe('the fidelity keys: in_flight, mid_stream, rate_limit_hold, client_retries', () => {
  it('down cuts what is in flight unless in_flight says finish', () => {
    expect(parse(incident({ kind: 'down', start: '1m', duration: '1m' })).services[0]!.behavior.incidents[0]).toMatchObject({ inFlight: 'cut' });
    expect(parse(incident({ kind: 'down', start: '1m', duration: '1m', in_flight: 'finish' })).services[0]!.behavior.incidents[0]).toMatchObject({ inFlight: 'finish' });
    expect(issueAt(incident({ kind: 'down', start: '1m', duration: '1m', in_flight: 'drain' }), 'services[0].incidents[0].in_flight').message).toBe('expected one of cut, finish, got "drain"');
    expect(issueAt(incident({ kind: 'slow', start: '1m', duration: '1m', factor: 2, in_flight: 'cut' }), 'services[0].incidents[0].in_flight').message).toContain('does not apply to a slow incident');
  });

  it('mid_stream takes an error rate and the status of a non-streamed request (500 by default)', () => {
    expect(parse(incident({ kind: 'mid_stream', start: '1m', duration: '1m', error_rate: 0.2 })).services[0]!.behavior.incidents[0]).toEqual({
      kind: 'mid_stream', startMs: 60_000, durationMs: 60_000, errorProbability: 0.2, status: 500,
    });
    expect(issueAt(incident({ kind: 'mid_stream', start: '1m', duration: '1m' }), 'services[0].incidents[0].error_rate').message).toContain('got nothing');
    expect(issueAt(incident({ kind: 'mid_stream', start: '1m', duration: '1m', error_rate: 0 }), 'services[0].incidents[0].error_rate').message).toContain('> 0');
  });

  it("accepts the gateway's own lb_tactic and health_monitor objects, pasted from its config", () => {
    const s = parse(
      docWith({
        'compare.tactics': [{ name: 'today', lb_tactic: { type: 'latency_based', params: { latency_threshold_ms: 1500, comparison_mode: 'p95' } } }, { lb_tactic: { type: 'random' } }],
        'compare.health': [{ name: 'ours', health_monitor: { consecutive_error_threshold: 5, recovery_timeout_seconds: 60, probe_enabled: false } }],
      }),
    );
    expect(s.tactics).toEqual([
      { name: 'today', type: 4, params: { latencyThresholdMs: 1_500, comparisonMode: 'p95' } },
      { name: 'random', type: 3, params: {} },
    ]);
    expect(s.health).toEqual([{ name: 'ours', config: { consecutiveErrorThreshold: 5, recoveryTimeoutSeconds: 60, probeEnabled: false } }]);
    expect(issueAt(docWith({ 'compare.tactics': [{ lb_tactic: { type: 'fastest' } }] }), 'compare.tactics[0].lb_tactic.type').message).toContain('fastest');
    expect(issueAt(docWith({ 'compare.tactics': [{ lb_tactic: { type: 'random', params: { token_threshold: 5 } } }] }), 'compare.tactics[0].lb_tactic.params.token_threshold').message).toContain('not a parameter of random');
    expect(issueAt(docWith({ 'compare.health': [{ name: 'x', health_monitor: { recovery_timeout_second: 5 } }] }), 'compare.health[0].health_monitor.recovery_timeout_second').suggestion).toBe('recovery_timeout_seconds');
  });

  it('sweeps a health setting: a list of thresholds or recovery timeouts expands into labelled settings', () => {
    const s = parse(docWith({ 'compare.health': ['default', { name: 'quick', recovery_timeout_seconds: [30, 60, 300] }], 'compare.baseline': { health: 'quick-60' } }));
    expect(s.health.map((h) => [h.name, h.config?.recoveryTimeoutSeconds])).toEqual([['default', 300], ['quick-30', 30], ['quick-60', 60], ['quick-300', 300]]);
    expect(s.baseline.health).toBe('quick-60');
    const both = parse(docWith({ 'compare.health': [{ name: 'q', consecutive_error_threshold: [1, 5], recovery_timeout_seconds: [10, 20] }] }));
    expect(both.health.map((h) => h.name)).toEqual(['q-1-10', 'q-1-20', 'q-5-10', 'q-5-20']);
    expect(issueAt(docWith({ 'compare.health': [{ name: 'q', recovery_timeout_seconds: [] }] }), 'compare.health[0].recovery_timeout_seconds').message).toContain('a list of 1 to 20 values to sweep');
    expect(issueAt(docWith({ 'compare.health': [{ name: 'q', recovery_timeout_seconds: [30, 30] }] }), 'compare.health[0].recovery_timeout_seconds[1]').message).toContain('not already in the sweep');
    expect(issueAt(docWith({ 'compare.health': [{ name: 'q', recovery_timeout_seconds: [30, -1] }] }), 'compare.health[0].recovery_timeout_seconds[1]').message).toContain('an integer from 0 to 604800, got -1');
    expect(issueAt(docWith({ 'compare.health': [{ name: 'q-30', recovery_timeout_seconds: 5 }, { name: 'q', recovery_timeout_seconds: [30, 60] }] }), 'compare.health[1].name').message).toContain('duplicate label "q-30"');
  });

  it('sweeps a tactic parameter: a list of values expands into labelled tactics, in the parameters\' order', () => {
    const s = parse(docWith({ 'compare.tactics': ['random', { tactic: 'latency_based', name: 'lat', params: { comparison_mode: ['p95', 'p99'] } }], 'compare.baseline': { tactic: 'lat-p99' } }));
    expect(s.tactics).toEqual([
      { name: 'random', type: 3, params: {} },
      { name: 'lat-p95', type: 4, params: { comparisonMode: 'p95' } },
      { name: 'lat-p99', type: 4, params: { comparisonMode: 'p99' } },
    ]);
    expect(s.baseline.tactic).toBe('lat-p99');
    // a parameter given once stays out of the label; two swept give every combination
    const both = parse(docWith({ 'compare.tactics': [{ tactic: 'latency_based', params: { latency_threshold_ms: [1000, 2000], comparison_mode: ['avg', 'p95'], sample_window_size: 50 } }] }));
    expect(both.tactics.map((t) => t.name)).toEqual(['latency_based-1000-avg', 'latency_based-1000-p95', 'latency_based-2000-avg', 'latency_based-2000-p95']);
    for (const t of both.tactics) expect((t.params as { sampleWindowSize?: number }).sampleWindowSize).toBe(50);
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'latency_based', params: { comparison_mode: ['p95', 'p95'] } }] }), 'compare.tactics[0].params.comparison_mode[1]').message).toContain('not already in the sweep');
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'latency_based', params: { comparison_mode: ['p95', 'p42'] } }] }), 'compare.tactics[0].params.comparison_mode[1]').message).toContain('p42');
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'latency_based', name: 'lat-p95' }, { tactic: 'latency_based', name: 'lat', params: { comparison_mode: ['p95'] } }] }), 'compare.tactics[1].name').message).toContain('duplicate label "lat-p95"');
    // the gateway's own lb_tactic holds one value per parameter, as the gateway does
    expect(issueAt(docWith({ 'compare.tactics': [{ lb_tactic: { type: 'latency_based', params: { comparison_mode: ['p95', 'p99'] } } }] }), 'compare.tactics[0].lb_tactic.params.comparison_mode').message).toContain('one of');
  });

  it('stall takes an error rate and a pause', () => {
    expect(parse(incident({ kind: 'stall', start: '1m', duration: '1m', error_rate: 0.2, pause: '5s' })).services[0]!.behavior.incidents[0]).toEqual({
      kind: 'stall', startMs: 60_000, durationMs: 60_000, stallProbability: 0.2, pauseMs: 5_000,
    });
    expect(issueAt(incident({ kind: 'stall', start: '1m', duration: '1m', error_rate: 0.2 }), 'services[0].incidents[0].pause').message).toContain('got nothing');
    expect(issueAt(incident({ kind: 'stall', start: '1m', duration: '1m', error_rate: 0.2, pause: 0 }), 'services[0].incidents[0].pause').message).toContain('> 0');
  });

  it('a health setting may turn on the rate-limit hold of v0.260414.2000; the built-ins never do', () => {
    const s = parse(docWith({ 'compare.health': ['default', { name: 'held', rate_limit_hold: true }, { name: 'plain', rate_limit_hold: false }] }));
    expect(s.health.map((h) => h.config)).toEqual([
      { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true },
      { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true, rateLimitHold: true },
      { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true },
    ]);
    expect(issueAt(docWith({ 'compare.health': [{ name: 'held', rate_limit_hold: 'yes' }] }), 'compare.health[0].rate_limit_hold').message).toContain('true or false');
  });

  it('client_retries defaults to the SDK default of 2, takes 0 to 10, and a variant may override it', () => {
    expect(parse(minimalDoc()).gateway.clientRetries).toBe(2);
    const s = parse(docWith({ gateway: { client_retries: 0 }, 'compare.gateway': [{ name: 'sdk' , client_retries: 2 }, { name: 'off' }] }));
    expect(s.gatewayVariants.map((v) => v.options.clientRetries)).toEqual([2, 0]);
    expect(issueAt(docWith({ gateway: { client_retries: 11 } }), 'gateway.client_retries').message).toBe('expected an integer from 0 to 10, got 11');
  });
});

describe('distributions', () => {
  const ttft = (d: unknown) => docWith({ 'services[0].ttft': d });

  it('lognormal: p99 must exceed the median', () => {
    expect(issueAt(ttft({ dist: 'lognormal', median: '2s', p99: '400ms' }), 'services[0].ttft.p99').message).toBe('expected a p99 greater than the median (2s), got "400ms"');
    expect(issueAt(ttft({ dist: 'lognormal', median: '1s', p99: '1s' }), 'services[0].ttft.p99').message).toContain('greater than the median');
    expect(issueAt(docWith({ 'workload.output_tokens': { dist: 'lognormal', median: 250, p99: 100 } }), 'workload.output_tokens.p99').message).toBe('expected a p99 greater than the median (250), got 100');
    expect(issueAt(ttft({ dist: 'lognormal', median: 0, p99: '1s' }), 'services[0].ttft.median').message).toContain('a duration > 0');
  });

  it('uniform: max must be at least min (equal is a constant)', () => {
    expect(issueAt(ttft({ dist: 'uniform', min: '1s', max: '500ms' }), 'services[0].ttft.max').message).toBe('expected a max >= min (1s), got "500ms"');
    expect(parse(ttft({ dist: 'uniform', min: '1s', max: '1s' })).services[0]!.behavior.ttftMs).toEqual({ kind: 'uniform', min: 1_000, max: 1_000 });
  });

  it('token speeds stay above 0', () => {
    const speed = (d: unknown) => docWith({ 'services[0].speed': d });
    expect(issueAt(speed(0), 'services[0].speed').message).toBe('expected a speed in tokens/s > 0 and at most 1000000, got 0');
    expect(issueAt(speed({ dist: 'uniform', min: 0, max: 10 }), 'services[0].speed.min').message).toContain('> 0');
    expect(issueAt(speed({ dist: 'normal', mean: 50, sd: 10, min: 0 }), 'services[0].speed.min').message).toContain('> 0');
    expect(issueAt(speed({ dist: 'empirical', values: [10, 0] }), 'services[0].speed.values[1]').message).toContain('> 0');
  });

  it('needs a dist, a list of values for empirical, and numbers of the right kind', () => {
    expect(issueAt(ttft({ median: '1s' }), 'services[0].ttft.dist').message).toContain('a distribution needs a dist key');
    expect(issueAt(ttft({ dist: 'empirical', values: [] }), 'services[0].ttft.values').message).toContain('non-empty list');
    expect(issueAt(ttft({ dist: 'normal', mean: '1s', sd: '-1s' }), 'services[0].ttft.sd').message).toContain('cannot be negative');
    expect(issueAt(ttft([1, 2]), 'services[0].ttft').message).toBe('expected a duration with a unit (e.g. 400ms, 2s, 5m), or a distribution such as { dist: lognormal, median: 400ms, p99: 2s }, got a list of 2 items');
    expect(issueAt(docWith({ 'workload.input_tokens': '800' }), 'workload.input_tokens').message).toBe('expected a number of tokens from 0 to 10000000, got "800"; write it without quotes');
  });
});

describe('the run', () => {
  it('warmup must be shorter than the duration', () => {
    expect(issueAt(docWith({ warmup: '10m' }), 'warmup').message).toBe('expected a warmup shorter than the duration (10m), got "10m"');
    expect(issueAt(docWith({ warmup: '1h' }), 'warmup').message).toContain('shorter than the duration');
    expect(parse(docWith({ warmup: '9m' })).warmupMs).toBe(540_000);
  });

  it('duration must be > 0 and at most 7 days', () => {
    expect(issueAt(docWith({ duration: 0 }), 'duration').message).toBe('expected a duration > 0 and at most 168h (7 days), got 0');
    expect(issueAt(docWith({ duration: '169h' }), 'duration').message).toContain('at most 168h (7 days)');
    expect(parse(docWith({ duration: '168h' })).durationMs).toBe(SCENARIO_LIMITS.maxDurationMs);
  });

  it('bucket must fit the run and not make too many buckets', () => {
    expect(issueAt(docWith({ bucket: '11m' }), 'bucket').message).toBe('expected a bucket no longer than the duration (10m), got "11m"');
    expect(issueAt(docWith({ bucket: '10ms' }), 'bucket').message).toBe('expected a bucket of at least 60ms (at most 10000 buckets over 10m), got "10ms"; it would make 60000 buckets');
    expect(issueAt(docWith({ bucket: 0 }), 'bucket').message).toContain('a duration > 0');
  });

  it('limits: max_simulated_time at least the duration, both bounded', () => {
    expect(issueAt(docWith({ limits: { max_simulated_time: '5m' } }), 'limits.max_simulated_time').message).toBe('expected a limit of at least the duration (10m), got "5m"');
    expect(issueAt(docWith({ limits: { max_simulated_time: '4000h' } }), 'limits.max_simulated_time').message).toContain('at most 3600h (150 days)');
    expect(issueAt(docWith({ limits: { max_events: 1e11 } }), 'limits.max_events').message).toBe('expected an integer from 1 to 10000000000, got 100000000000');
  });

  it('numbers are bounded and must be finite', () => {
    expect(issueAt(docWith({ replications: 1e12 }), 'replications').message).toBe('expected an integer from 1 to 1000, got 1000000000000');
    expect(issueAt(docWith({ replications: 2.5 }), 'replications').message).toBe('expected an integer from 1 to 1000, got 2.5; it must be a whole number');
    expect(issueAt(docWith({ seed: 2 ** 32 }), 'seed').message).toBe('expected an integer from 0 to 4294967295, got 4294967296');
    expect(issueAt('name: x\nduration: 10m\nseed: 1e400\nworkload: { arrivals: { process: poisson, rate: 1/s } }\nservices: [{ provider: a, model: b }]\n', 'seed').message).toBe(
      'expected an integer from 0 to 4294967295, got 1e400; the number is out of range',
    );
    expect(issueAt('name: x\nduration: 10m\nworkload: { arrivals: { process: poisson, rate: 1/s }, streaming: .nan }\nservices: [{ provider: a, model: b }]\n', 'workload.streaming').message).toBe(
      'expected a number from 0 to 1, got .nan; the number is out of range',
    );
    expect(issueAt(docWith({ 'workload.sessions': 1e7 }), 'workload.sessions').message).toContain('from 0 to 1000000');
    expect(issueAt(docWith({ 'workload.arrivals.rate': '200000/s' }), 'workload.arrivals.rate').message).toBe('expected a rate of at most 100000/s, got "200000/s"');
  });
});

describe('services', () => {
  it('needs at least one service', () => {
    expect(issueAt(docWith({ services: [] }), 'services').message).toBe('expected a non-empty list of services (a service mapping with at least provider and model), got a list of 0 items');
    expect(issueAt(docWith({ services: undefined }), 'services').message).toBe('expected a non-empty list of services, got nothing (the key is required)');
  });

  it('needs at least one active service', () => {
    const issue = issueAt(docWith({ 'services[0].active': false, 'services[1].active': false }), 'services');
    expect(issue.message).toBe('expected at least one active service, got none (every service has active: false)');
  });

  it('refuses when every active service has weight 0, but weight 0 on some is fine', () => {
    const issue = issueAt(docWith({ 'services[0].weight': 0, 'services[1].weight': 0 }), 'services');
    expect(issue.message).toBe('expected a non-zero weight on at least one active service, got weight 0 on every active service (openai:gpt-4o, anthropic:claude)');
    expect(parse(docWith({ 'services[0].weight': 0 })).services[0]!.weight).toBe(0);
    expect(issueAt(docWith({ 'services[0].weight': 0, 'services[1].active': false }), 'services').message).toContain('weight 0 on every active service (openai:gpt-4o)');
    expect(parse(docWith({ 'services[0].weight': 0, 'services[1].weight': -2 })).services[1]!.weight).toBe(-2);
  });

  it('refuses a repeated provider:model, naming the first one', () => {
    const issue = issueAt(docWith({ 'services[1]': { provider: 'openai', model: 'gpt-4o', weight: 5 } }), 'services[1]');
    expect(issue.message).toBe('duplicate service "openai:gpt-4o" (also services[0]): each provider:model may appear once');
    expect(parse(docWith({ 'services[1]': { provider: 'openai', model: 'gpt-4o-mini' } })).services).toHaveLength(2);
  });

  it('needs provider and model, as non-empty strings', () => {
    expect(issueAt(docWith({ 'services[0]': { model: 'x' } }), 'services[0].provider').message).toBe('expected a non-empty string, got nothing (the key is required)');
    expect(issueAt(docWith({ 'services[0].model': '' }), 'services[0].model').message).toBe('expected a non-empty string, got ""');
    expect(issueAt(docWith({ 'services[0].model': 4 }), 'services[0].model').message).toBe('expected a non-empty string, got 4; put it in quotes: "4"');
  });

  it('error rates: statuses only, probabilities, summing to at most 1', () => {
    expect(issueAt(docWith({ 'services[0].errors': { 500: 0.6, 503: 0.5 } }), 'services[0].errors').message).toBe('expected error rates summing to at most 1, got 1.1 (500: 0.6 + 503: 0.5)');
    expect(parse(docWith({ 'services[0].errors': { 500: 0.5, 503: 0.5 } })).services[0]!.behavior.errorRates).toEqual({ 500: 0.5, 503: 0.5 });
    expect(issueAt(docWith({ 'services[0].errors': { 200: 0.1 } }), 'services[0].errors.200').message).toBe('"200" is not a status a provider fails with; the statuses are 401, 403, 408, 409, 429, 500, 502, 503, 504, 529');
    expect(issueAt(docWith({ 'services[0].errors': { 500: 2 } }), 'services[0].errors.500').message).toBe('expected a number from 0 to 1, got 2');
  });

  it('checks gateway keys and behaviour keys', () => {
    expect(issueAt(docWith({ 'services[0].time_window': -1 }), 'services[0].time_window').message).toBe('expected an integer from 0 to 31536000, got -1');
    expect(issueAt(docWith({ 'services[0].concurrency': 0 }), 'services[0].concurrency').message).toBe('expected an integer from 1 to 1000000, or "unlimited", got 0');
    expect(issueAt(docWith({ 'services[0].overload_status': 500 }), 'services[0].overload_status').message).toBe('expected one of 429, 503, 529, got 500');
    expect(issueAt(docWith({ 'services[0].rate_limits': { rpm: 0 } }), 'services[0].rate_limits.rpm').message).toBe('expected a number > 0 and at most 1000000000000, got 0');
    expect(issueAt(docWith({ 'services[0].cache': { ttft_factor: 2 } }), 'services[0].cache.ttft_factor').message).toBe('expected a number from 0 to 1, got 2');
    expect(issueAt(docWith({ 'services[0].price': { output: -1 } }), 'services[0].price.output').message).toBe('expected a price in dollars per million tokens from 0 to 1000000, got -1');
    expect(issueAt(docWith({ 'services[0].timeout': 0 }), 'services[0].timeout').message).toContain('a duration > 0');
  });
});

describe('compare', () => {
  it('labels must be unique in each list', () => {
    expect(issueAt(docWith({ 'compare.tactics': ['random', 'adaptive', 'random'] }), 'compare.tactics[2]').message).toBe(
      'duplicate label "random" (also compare.tactics[0]): labels in a comparison list must be unique; give one of them a different name',
    );
    expect(issueAt(docWith({ 'compare.tactics': ['latency_based', { tactic: 'latency_based', params: { comparison_mode: 'p95' } }] }), 'compare.tactics[1]').message).toContain('duplicate label "latency_based"');
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'random', name: 'x' }, { tactic: 'adaptive', name: 'x' }] }), 'compare.tactics[1].name').message).toContain('duplicate label "x"');
    expect(issueAt(docWith({ 'compare.health': ['default', 'default'] }), 'compare.health[1]').message).toContain('duplicate label "default"');
    expect(issueAt(docWith({ 'compare.health': [{ name: 'a' }, { name: 'a', probe_enabled: false }] }), 'compare.health[1].name').message).toContain('duplicate label "a"');
    expect(issueAt(docWith({ 'compare.gateway': [{ name: 'g' }, { name: 'g', max_attempts: 2 }] }), 'compare.gateway[1].name').message).toContain('duplicate label "g"');
    expect(parse(docWith({ 'compare.tactics': ['latency_based', { tactic: 'latency_based', name: 'latency-p95', params: { comparison_mode: 'p95' } }] })).tactics).toHaveLength(2);
  });

  it('labels are words', () => {
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'random', name: 'my random' }] }), 'compare.tactics[0].name').message).toBe(
      'expected a label (letters, digits, _ . + -, starting with a letter or digit; at most 64 characters), got "my random"; use - or _ instead of spaces, e.g. "my-random"',
    );
    expect(issueAt(docWith({ 'compare.gateway': [{ name: 'x'.repeat(65) }] }), 'compare.gateway[0].name').message).toContain('it has 65 characters');
  });

  it('tactic parameters must belong to the tactic, and say which it has', () => {
    const issue = issueAt(docWith({ 'compare.tactics': [{ tactic: 'latency_based', params: { token_threshold: 5000 } }] }), 'compare.tactics[0].params.token_threshold');
    expect(issue.message).toBe('token_threshold is not a parameter of latency_based (it belongs to token_based); latency_based takes latency_threshold_ms, sample_window_size, percentile, comparison_mode');
    expect(issue.expected).toBe('latency_based takes latency_threshold_ms, sample_window_size, percentile, comparison_mode');
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'random', params: { token_threshold: 1 } }] }), 'compare.tactics[0].params.token_threshold').message).toContain('random takes no parameters');
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'adaptive', params: { sample_window_size: 1 } }] }), 'compare.tactics[0].params.sample_window_size').message).toContain('(it belongs to latency_based and speed_based)');
    expect(issueAt(docWith({ 'compare.tactics': [{ tactic: 'capacity_based', params: { banana: 1 } }] }), 'compare.tactics[0].params.banana').message).toBe('unknown parameter "banana"; capacity_based takes no parameters');
  });

  it('tactic parameter values are checked by kind', () => {
    const param = (tactic: string, params: Record<string, unknown>) => docWith({ 'compare.tactics': [{ tactic, params }] });
    expect(issueAt(param('token_based', { token_threshold: 1.5 }), 'compare.tactics[0].params.token_threshold').message).toContain('it must be a whole number');
    expect(issueAt(param('token_based', { token_threshold: -1 }), 'compare.tactics[0].params.token_threshold').message).toBe('expected an integer from 0 to 1000000000000 (0 means the default, as in the gateway), got -1');
    expect(issueAt(param('latency_based', { percentile: 1 }), 'compare.tactics[0].params.percentile').message).toBe('expected a number >= 0 and < 1 (0 means the default, as in the gateway), got 1');
    expect(issueAt(param('latency_based', { comparison_mode: 'median' }), 'compare.tactics[0].params.comparison_mode').message).toBe('expected one of avg, p50, p95, p99, got "median"');
    expect(issueAt(param('adaptive', { latency_weight: 'high' }), 'compare.tactics[0].params.latency_weight').message).toContain('got "high"');
  });

  it('unknown and retired tactic names', () => {
    expect(issueAt(docWith({ 'compare.tactics': ['fastest'] }), 'compare.tactics[0]').message).toBe('expected one of token_based, random, latency_based, speed_based, adaptive, capacity_based, tier, got "fastest"');
    expect(issueAt(docWith({ 'compare.tactics': ['hybrid'] }), 'compare.tactics[0]').message).toBe(
      'expected one of token_based, random, latency_based, speed_based, adaptive, capacity_based, tier, got "hybrid"; hybrid is retired: the gateway reads it as token_based; write token_based',
    );
    expect(issueAt(docWith({ 'compare.tactics': [{ name: 'x' }] }), 'compare.tactics[0].tactic').message).toContain('got nothing (the key is required)');
    expect(issueAt(docWith({ 'compare.tactics': [] }), 'compare.tactics').message).toContain('non-empty list');
    expect(issueAt(docWith({ 'compare.tactics': 'random' }), 'compare.tactics').message).toContain('write a list, e.g. [random]');
  });

  it('custom health settings are checked and may not take a built-in name', () => {
    expect(issueAt(docWith({ 'compare.health': [{ name: 'none', probe_enabled: false }] }), 'compare.health[0].name').message).toBe(
      'expected a name other than the built-in settings (unconfigured, default, none), got "none"; list the built-in one as - none, or give yours another name',
    );
    expect(issueAt(docWith({ 'compare.health': [{ name: 'h', recovery_timeout_seconds: 1e9 }] }), 'compare.health[0].recovery_timeout_seconds').message).toContain('from 0 to 604800');
    expect(issueAt(docWith({ 'compare.health': ['strict'] }), 'compare.health[0]').message).toBe('expected a built-in health setting (unconfigured, default, none) or a { name, ... } mapping, got "strict"');
  });

  it('baseline must name labels that exist', () => {
    const issue = issueAt(docWith({ 'compare.tactics': ['random', 'adaptive'], 'compare.baseline': { tactic: 'token_based' } }), 'compare.baseline.tactic');
    expect(issue.message).toBe('expected a tactic label of this scenario (random, adaptive), got "token_based"');
    expect(issueAt(docWith({ 'compare.baseline': { gateway: 'failover' } }), 'compare.baseline.gateway').message).toBe('expected a gateway variant label of this scenario (default), got "failover"');
    expect(issueAt(docWith({ 'compare.baseline': { cell: 'x' } }), 'compare.baseline.cell').message).toContain('one of the keys tactic, health, gateway');
    expect(parse(docWith({ 'compare.baseline': { health: 'none' } })).baseline).toEqual({ tactic: 'token_based', health: 'none', gateway: 'default' });
  });

  it('gateway variants need a name; their options are checked', () => {
    expect(issueAt(docWith({ 'compare.gateway': [{ max_attempts: 2 }] }), 'compare.gateway[0].name').message).toContain('got nothing (the key is required)');
    expect(issueAt(docWith({ 'compare.gateway': [{ name: 'x', max_attempts: 20 }] }), 'compare.gateway[0].max_attempts').message).toBe('expected an integer from 1 to 10, got 20');
    expect(issueAt(docWith({ 'gateway.retry_on': [503, 503] }), 'gateway.retry_on[1]').message).toBe('503 is listed twice');
    expect(issueAt(docWith({ 'gateway.request_timeout': 'never' }), 'gateway.request_timeout').message).toBe(
      'expected a duration with a unit (e.g. 400ms, 2s, 5m), or "none", got "never"; write a number followed by ms, s, m or h',
    );
    expect(issueAt(docWith({ 'gateway.request_timeout': 'None' }), 'gateway.request_timeout').suggestion).toBe('none');
  });

  it('still checks variants when the gateway block is invalid', () => {
    const paths = issuesOf(docWith({ 'gateway.max_attempts': 0, 'compare.gateway': [{ name: 'x', exclude_tried: 'yes' }] })).map((i) => i.path);
    expect(paths).toEqual(['gateway.max_attempts', 'compare.gateway[0].exclude_tried']);
  });
});

describe('expect', () => {
  const withExpect = (entry: Record<string, unknown>, extra: Record<string, unknown> = {}) => docWith({ 'compare.tactics': ['random', 'adaptive'], expect: [entry], ...extra });

  it('selectors must name existing labels, with a suggestion', () => {
    const issue = issueAt(withExpect({ metric: 'success_rate', where: { tactic: 'adaptiv' }, at_least: 0.9 }), 'expect[0].where.tactic');
    expect(issue.message).toBe('expected a tactic label of this scenario (random, adaptive), got "adaptiv" (did you mean "adaptive"?)');
    expect(issueAt(withExpect({ metric: 'success_rate', better_than: { health: 'strict' } }), 'expect[0].better_than.health').message).toContain('a health setting label of this scenario (unconfigured, default, none)');
    expect(issueAt(withExpect({ metric: 'success_rate', where: { gateway: 'x' }, at_least: 0 }), 'expect[0].where.gateway').message).toContain('(default)');
  });

  it('does not check selectors against a list that has its own problems', () => {
    const issues = issuesOf(docWith({ 'compare.tactics': ['random', 'nope'], expect: [{ metric: 'success_rate', where: { tactic: 'adaptive' }, at_least: 0.9 }] }));
    expect(issues.map((i) => i.path)).toEqual(['compare.tactics[1]']);
  });

  it('metrics must be known to the metric registry', () => {
    expect(issueAt(withExpect({ metric: 'throughput', at_least: 1 }), 'expect[0].metric').message).toContain('expected a known metric (success_rate, latency_mean_ms');
    expect(issueAt(withExpect({ metric: 'share:openai:gpt-5', at_least: 0.1 }), 'expect[0].metric').message).toBe(
      'expected a per-service metric naming a service of this scenario (share:openai:gpt-4o, share:anthropic:claude), got "share:openai:gpt-5" (did you mean "share:openai:gpt-4o"?)',
    );
    expect(issueAt(withExpect({ metric: 42, at_least: 1 }), 'expect[0].metric').message).toContain('got 42');
    expect(parse(withExpect({ metric: 'rate_limited:anthropic:claude', at_most: 10 })).expect[0]!.metric).toBe('rate_limited:anthropic:claude');
  });

  it('an expectation is a bound or a comparison', () => {
    expect(issueAt(withExpect({ metric: 'success_rate' }), 'expect[0]').message).toBe('expected at_least, at_most, better_than or no_worse_than, got none of them');
    expect(issueAt(withExpect({ metric: 'success_rate', at_least: 0.9, better_than: { tactic: 'random' } }), 'expect[0]').message).toContain('not both');
    expect(issueAt(withExpect({ metric: 'success_rate', better_than: { tactic: 'random' }, no_worse_than: { tactic: 'adaptive' } }), 'expect[0].no_worse_than').message).toContain('not both');
    expect(issueAt(withExpect({ metric: 'success_rate', at_least: 0.9, margin: 1 }), 'expect[0].margin').message).toContain('margin applies to better_than and no_worse_than only');
    expect(issueAt(withExpect({ metric: 'success_rate', at_least: 0.9, at_most: 0.5 }), 'expect[0].at_most').message).toBe('expected a value >= at_least (0.9), got 0.5');
    expect(issueAt(withExpect({ metric: 'success_rate', better_than: {} }), 'expect[0].better_than').message).toContain('naming at least one of tactic, health, gateway');
    expect(issueAt(withExpect({ metric: 'success_rate', where: { tactic: 'random' }, better_than: { tactic: 'random' } }), 'expect[0].better_than').message).toContain('compares each cell with itself');
    expect(issueAt(withExpect({ metric: 'success_rate', better_than: { tactic: 'random' }, margin: -1 }), 'expect[0].margin').message).toContain('a margin from 0');
  });
});

describe('sections', () => {
  it('the required sections', () => {
    expect(issueAt(docWith({ workload: undefined }), 'workload').message).toContain('got nothing (the key is required)');
    expect(issueAt(docWith({ 'workload.arrivals': undefined }), 'workload.arrivals').message).toContain('got nothing (the key is required)');
    expect(issueAt(docWith({ 'workload.arrivals': { rate: '5/s' } }), 'workload.arrivals.process').message).toContain('got nothing (the key is required; e.g. { process: poisson, rate: 20/s })');
    expect(issueAt(docWith({ name: undefined }), 'name').message).toBe('expected a non-empty string, got nothing (the key is required)');
  });

  it('process-specific requirements', () => {
    expect(issueAt(docWith({ 'workload.arrivals': { process: 'bursty', on_rate: '5/s', off_rate: 0, on: 0, off: '1s' } }), 'workload.arrivals.on').message).toContain('a duration > 0');
    expect(issueAt(docWith({ 'workload.arrivals': { process: 'diurnal', rate: '5/s', amplitude: 2, period: '1h' } }), 'workload.arrivals.amplitude').message).toBe('expected a number from 0 to 1, got 2');
    expect(issueAt(docWith({ 'workload.arrivals': { process: 'ramp', from: '5/s' } }), 'workload.arrivals.to').message).toContain('got nothing');
  });

  it('a mapping where a list is expected, and the reverse', () => {
    expect(issueAt(docWith({ expect: { metric: 'success_rate' } }), 'expect').message).toContain('got a mapping (keys: metric)');
    expect(issueAt(docWith({ gateway: [1] }), 'gateway').message).toBe('expected a mapping of gateway options, got a list of 1 item');
    expect(issueAt(docWith({ 'services[0]': 'openai:gpt-4o' }), 'services[0]').message).toBe('expected a service mapping with at least provider and model, got "openai:gpt-4o"');
  });

  it('limits the size of lists', () => {
    const services = Array.from({ length: SCENARIO_LIMITS.maxServices + 1 }, (_, i) => ({ provider: `p${i}`, model: 'm' }));
    expect(issueAt({ ...minimalDoc(), services }, 'services').message).toBe('expected a list of at most 1000 items, got a list of 1001 items');
  });
});
