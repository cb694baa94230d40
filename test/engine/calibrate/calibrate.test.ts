import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { calibrate, formatRequestLog, parseRequestLog, requestLog, RequestLogError, servicesYaml, type RequestLogRow } from '../../../engine/calibrate/index.js';
import { parseScenario, type Scenario } from '../../../engine/scenario/index.js';

const HEADER = `
name: calibration
seed: 7
duration: 10m
workload:
  arrivals: { process: poisson, rate: 20/s }
  input_tokens: { dist: lognormal, median: 800, p99: 4000 }
  output_tokens: { dist: lognormal, median: 200, p99: 1000 }
gateway: { client_retries: 0 }
compare: { tactics: [random], health: [none] }
`;
// 5 requests/s of about 260 output tokens: 1,300 tokens/s, under a 1,500 decode throughput that
// binds once 5 streams of 300 tokens/s run at once.
const LOADED = HEADER.replace('rate: 20/s', 'rate: 5/s');

const TRUE_SERVICES = `
services:
  - { provider: fast, model: m, concurrency: unlimited, ttft: { dist: lognormal, median: 400ms, p99: 2s }, speed: { dist: normal, mean: 80, sd: 10 }, errors: { 500: 0.03, 429: 0.01 }, error_latency: { dist: lognormal, median: 150ms, p99: 600ms } }
  - { provider: slow, model: m, concurrency: unlimited, ttft: { dist: lognormal, median: 900ms, p99: 4s }, speed: { dist: normal, mean: 40, sd: 6 }, errors: { 503: 0.05 } }
`;

const scenarioOf = (services: string): Scenario => parseScenario(HEADER + services, { sourceName: 'calibration.yaml' });

/** Per provider: TTFT p50/p90/p99, mean speed, and the share of each status. */
function profile(rows: readonly RequestLogRow[], provider: string) {
  const mine = rows.filter((r) => r.provider === provider);
  const ttft = mine.filter((r) => r.status === 200 && r.ttftMs !== null).map((r) => r.ttftMs!).sort((a, b) => a - b);
  const q = (p: number): number => ttft[Math.floor(p * (ttft.length - 1))]!;
  const speeds = mine.filter((r) => r.status === 200 && r.ttftMs !== null && r.latencyMs > r.ttftMs && r.outputTokens > 0).map((r) => (r.outputTokens * 1000) / (r.latencyMs - r.ttftMs!));
  const share = (status: number): number => mine.filter((r) => r.status === status).length / mine.length;
  return { n: mine.length, ttft: [q(0.5), q(0.9), q(0.99)], speed: speeds.reduce((a, b) => a + b, 0) / speeds.length, share };
}

describe('the request log', () => {
  const rows = requestLog(scenarioOf(TRUE_SERVICES));

  it('has one row per provider try of the baseline cell, with its status, times and tokens', () => {
    expect(rows.length).toBeGreaterThan(10_000);
    expect(new Set(rows.map((r) => r.provider))).toEqual(new Set(['fast', 'slow']));
    for (const r of rows.slice(0, 500)) {
      expect(r.latencyMs).toBeGreaterThanOrEqual(0);
      if (r.ttftMs !== null) expect(r.ttftMs).toBeLessThanOrEqual(r.latencyMs);
      if (r.status !== 200) expect(r.outputTokens).toBe(0);
    }
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set([200, 500, 429, 503]));
  });

  it.each(['jsonl', 'csv'] as const)('reads back what it writes as %s (times to the microsecond)', (format) => {
    const back = parseRequestLog(formatRequestLog(rows.slice(0, 2_000), format), format);
    expect(back).toHaveLength(2_000);
    back.forEach((r, k) => {
      const { startMs, latencyMs, ttftMs, ...rest } = rows[k]!;
      expect(r).toMatchObject(rest);
      expect(Math.abs(r.startMs - startMs) + Math.abs(r.latencyMs - latencyMs) + Math.abs((r.ttftMs ?? 0) - (ttftMs ?? 0))).toBeLessThan(2e-3);
    });
  });

  it('reports every bad row by its line, and drops none', () => {
    const csv = [
      'provider,model,start_ms,status,latency_ms,ttft_ms,input_tokens,output_tokens,streaming',
      'a,m,0,200,100,20,10,5,true',
      'a,m,5,ok,100,20,10,5,true',
      'a,m,5,200,100,200,10,5,true',
      'a,,5,200,100,20,10,5,true',
      'a,m,5,200,100,20,10.5,5,true',
      'a,m,5,200,100,,10,5,yes',
      'a,m,5,200',
    ].join('\n');
    try {
      parseRequestLog(csv, 'csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RequestLogError);
      expect((error as RequestLogError).problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
      expect((error as Error).message).toMatch(/line 3: status must be an HTTP status.*line 4: ttft_ms \(200\) is after the end.*line 5: model is missing.*line 6: input_tokens must be a whole number.*line 7: streaming must be true or false.*line 8: expected 9 cells, got 4/);
    }
    expect(() => parseRequestLog('{"provider": "a"', 'jsonl')).toThrow(/line 1: not valid JSON/);
    expect(() => parseRequestLog('provider,model\n', 'csv')).toThrow(/missing start_ms, status/);
  });
});

describe('calibrate', () => {
  const truth = scenarioOf(TRUE_SERVICES);
  const rows = requestLog(truth);
  const fits = calibrate(rows);

  it('recovers each provider: TTFT median and p99, speed, error rates and error latency', () => {
    expect(fits.map((f) => f.provider).sort()).toEqual(['fast', 'slow']);
    const fast = fits.find((f) => f.provider === 'fast')!.service as { ttft: { median: string; p99: string }; speed: { mean: number; sd: number }; errors: Record<string, number>; error_latency: { median: string } };
    expect(parseFloat(fast.ttft.median)).toBeGreaterThan(400 * 0.95);
    expect(parseFloat(fast.ttft.median)).toBeLessThan(400 * 1.05);
    expect(parseFloat(fast.ttft.p99) / 2_000).toBeGreaterThan(0.85);
    expect(parseFloat(fast.ttft.p99) / 2_000).toBeLessThan(1.15);
    expect(fast.speed.mean).toBeCloseTo(80, 0);
    expect(fast.speed.sd / 10).toBeGreaterThan(0.85);
    expect(fast.speed.sd / 10).toBeLessThan(1.15);
    const n = fits.find((f) => f.provider === 'fast')!.rows;
    // within 4 binomial standard deviations of the true rates
    for (const [status, p] of [['500', 0.03], ['429', 0.01]] as const) expect(Math.abs(fast.errors[status]! - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    expect(parseFloat(fast.error_latency.median) / 150).toBeCloseTo(1, 1);
    for (const f of fits) for (const q of f.quality.filter((x) => x.quantity !== 'error_latency_ms')) expect(q.worstRelativeGap, `${f.provider} ${q.quantity}`).toBeLessThan(0.1);
  });

  it('round trip: simulating the fitted services gives the same TTFT quantiles, speeds and error rates per provider', () => {
    const fitted = parseYaml(servicesYaml(fits)) as { services: unknown[] };
    const again = requestLog(parseScenario(HEADER + `services: ${JSON.stringify(fitted.services)}\n`, { sourceName: 'fitted.yaml' }));
    for (const provider of ['fast', 'slow']) {
      const [a, b] = [profile(rows, provider), profile(again, provider)];
      a.ttft.forEach((x, k) => expect(b.ttft[k]! / x, `${provider} ttft q${k}`).toBeGreaterThan(0.9));
      a.ttft.forEach((x, k) => expect(b.ttft[k]! / x, `${provider} ttft q${k}`).toBeLessThan(1.1));
      expect(b.speed / a.speed).toBeCloseTo(1, 1);
      for (const status of [500, 429, 503]) expect(Math.abs(b.share(status) - a.share(status)), `${provider} ${status}`).toBeLessThan(4 * Math.sqrt(Math.max(a.share(status), 1e-3) / a.n) + 1e-9);
    }
  });

  it('says when failures cluster in time (an incident) rather than spread as background errors', () => {
    const outage = requestLog(
      scenarioOf(`
services:
  - { provider: flaky, model: m, concurrency: unlimited, incidents: [{ kind: down, start: 2m, duration: 1m, status: 503 }] }
`),
    );
    expect(calibrate(outage)[0]!.warnings.join(' ')).toMatch(/% of the failures fall in a tenth of the log's time: an incident/);
    expect(fits.flatMap((f) => f.warnings).join(' ')).not.toMatch(/an incident/);
  });

  it('says when a provider has too few rows, and writes a block that pastes into a scenario', () => {
    const few = calibrate(rows.filter((r) => r.provider === 'slow').slice(0, 12));
    expect(few[0]!.warnings.join(' ')).toMatch(/only 12 rows \(fewer than 30\)/);
    const text = servicesYaml(fits);
    expect(text).toMatch(/^# Fitted by lbsim calibrate/);
    expect(text).toMatch(/# fast:m: \d+ rows/);
    expect(() => parseScenario(HEADER + text, { sourceName: 'pasted.yaml' })).not.toThrow();
  });

  it('finds load dependence when streams slow down as the provider fills, and estimates its decode throughput', () => {
    const loaded = requestLog(parseScenario(`${LOADED}services:\n  - { provider: batched, model: m, concurrency: unlimited, ttft: 300ms, speed: { dist: normal, mean: 300, sd: 15 }, load: { decode_throughput: 1500 } }\n`, { sourceName: 'loaded.yaml' }));
    const fit = calibrate(loaded)[0]!;
    // the stream's own speed, from the streams whose share did not bind
    expect((fit.service['speed'] as { mean: number }).mean / 300).toBeCloseTo(1, 1);
    const decode = (fit.service['load'] as { decode_throughput: number } | undefined)?.decode_throughput;
    expect(decode).toBeDefined();
    expect(decode! / 1500).toBeGreaterThan(0.8);
    expect(decode! / 1500).toBeLessThan(1.2);
    expect(fit.warnings.join(' ')).toMatch(/load dependence: busiest quarter/);
    expect(calibrate(rows).find((f) => f.provider === 'fast')!.service['load']).toBeUndefined();
  });
});
