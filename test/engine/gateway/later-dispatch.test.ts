/** The gateway loop running v0.260819.0's balancer: failover before the first byte, the breaker it feeds, session pins. */
import { describe, expect, it } from 'vitest';
import { type AttemptRecord, type GatewayOptions, type RequestRecord, UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import type { Incident, ProviderModel } from '../../../engine/providers/index.js';
import type { Scenario } from '../../../engine/scenario/index.js';
import { simulate } from '../../../engine/simulate.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

const LATER: Partial<GatewayOptions> = { version: 'v0.260819.0' };
const constant = (value: number) => ({ kind: 'constant' as const, value });
const steadyProvider = (over: Partial<ProviderModel> = {}) => provider({ ttftMs: constant(100), tokensPerSecond: constant(100), errorLatencyMs: constant(50), ...over });

/** Two requests a second for `seconds` s, 100 output tokens each, to a primary (weight 3) and a backup (weight 1). */
function pair(primaryIncidents: Incident[], gateway: Partial<GatewayOptions>, options: { seconds?: number; streaming?: number; sessions?: number } = {}): Scenario {
  const g = { ...UPSTREAM_GATEWAY_OPTIONS, clientRetries: 0, ...gateway };
  return scenario({
    durationMs: (options.seconds ?? 60) * 1_000,
    workload: { arrivals: { kind: 'constant', ratePerSecond: 2 }, inputTokens: constant(100), outputTokens: constant(100), streamingFraction: options.streaming ?? 1, sessions: options.sessions ?? 0 },
    services: [service('primary', steadyProvider({ incidents: primaryIncidents }), { weight: 3 }), service('backup', steadyProvider(), { weight: 1 })],
    gateway: g,
    gatewayVariants: [{ name: 'v', options: g }],
  });
}

function run(s: Scenario) {
  const requests: RequestRecord[] = [];
  const attempts: AttemptRecord[] = [];
  const result = simulate(s, { tactic: 'random', health: 'unconfigured', observers: { onRequest: (r) => requests.push(r), onAttempt: (a) => attempts.push(a) } });
  return { requests, attempts, result };
}

const outage: Incident[] = [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 10_000, durationMs: 20_000 }];

describe('the gateway at v0.260819.0', () => {
  it('fails over before the first byte: a 503 from the primary hops to the backup at once, in the same request', () => {
    const { requests, attempts } = run(pair(outage, LATER));
    const hopped = requests.filter((r) => r.services.length === 2);
    expect(hopped.length).toBeGreaterThan(0);
    for (const r of hopped) {
      expect(r.services).toEqual(['primary:m', 'backup:m']);
      expect(r.outcome).toBe(200);
    }
    // no backoff: the hop leaves when the first attempt's 503 arrives
    const first = attempts.find((a) => a.attempt === 1)!;
    const before = attempts.find((a) => a.index === first.index && a.attempt === 0)!;
    expect(first.sendMs - before.sendMs).toBeCloseTo(50, 6);
    // the seed's gateway, on the same traffic, has no failover: the 503s reach the client
    const seed = run(pair(outage, {}));
    expect(seed.requests.every((r) => r.services.length === 1)).toBe(true);
    expect(seed.requests.length).toBe(requests.length); // the same arrivals: common random numbers hold across versions
    expect(seed.requests.filter((r) => r.outcome !== 200).length).toBeGreaterThan(requests.filter((r) => r.outcome !== 200).length);
  });

  it('opens the breaker after 3 failures: first selections leave the primary for 30 s, then probe it one at a time', () => {
    const { attempts } = run(pair(outage, LATER));
    const firsts = attempts.filter((a) => a.attempt === 0 && a.service === 'primary:m');
    const inOutage = firsts.filter((a) => a.sendMs >= 10_000 && a.sendMs < 30_000);
    // three failures trip it; within the next 30 s it gets no first attempt; after that one probe (it fails and re-opens)
    const tripAt = inOutage[2]!.sendMs;
    expect(firsts.filter((a) => a.sendMs > tripAt && a.sendMs < tripAt + 30_000)).toHaveLength(0);
    expect(inOutage.length).toBeLessThanOrEqual(4);
  });

  it('closes the breaker after 3 streamed successes, counted at their first token; non-streamed successes count nothing (the quirk) unless asked', () => {
    const short: Incident[] = [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 5_000, durationMs: 3_000 }];
    const share = (s: Scenario) => {
      const { attempts } = run(s);
      const late = attempts.filter((a) => a.attempt === 0 && a.sendMs >= 50_000);
      return late.filter((a) => a.service === 'primary:m').length / late.length;
    };
    expect(share(pair(short, LATER, { seconds: 90 }))).toBeGreaterThan(0.6); // recovered: back to its weight's 3/4
    // non-streamed: each half-open probe claims the slot and reports nothing; about one request per 30 s reaches the primary
    expect(share(pair(short, LATER, { seconds: 90, streaming: 0 }))).toBeLessThan(0.1);
    expect(share(pair(short, { ...LATER, nonStreamSuccessCounts: true }, { seconds: 90, streaming: 0 }))).toBeGreaterThan(0.6);
  });

  it('pins a session to its first service for the TTL, where without affinity its requests spread by weight', () => {
    const servicesPerSession = (gateway: Partial<GatewayOptions>) => {
      const { requests } = run(pair([], gateway, { sessions: 12 }));
      const by = new Map<number, Set<string>>();
      for (const r of requests) by.set(r.session, (by.get(r.session) ?? new Set()).add(r.services[0]!));
      expect(by.size).toBe(12);
      return [...by.values()].map((set) => set.size);
    };
    expect(servicesPerSession({ ...LATER, sessionAffinityMs: 600_000 }).every((n) => n === 1)).toBe(true);
    expect(servicesPerSession(LATER).some((n) => n === 2)).toBe(true);
    // and the metric says so: every later request of a pinned session stays; random weights 3:1 keep about 5/8
    const continuity = (gateway: Partial<GatewayOptions>) => run(pair([], gateway, { sessions: 12 })).result.metrics.sessionContinuity;
    expect(continuity({ ...LATER, sessionAffinityMs: 600_000 })).toBe(1);
    expect(continuity(LATER)).toBeGreaterThan(0.5);
    expect(continuity(LATER)).toBeLessThan(0.75);
  });

  it('failover does not move a pin: a pinned session keeps trying its primary through the outage until the breaker opens', () => {
    const { requests } = run(pair(outage, { ...LATER, sessionAffinityMs: 600_000 }, { sessions: 4 }));
    const hops = requests.filter((r) => r.services.length === 2);
    expect(hops.length).toBeGreaterThanOrEqual(3);
    for (const r of hops) expect(r.services[0]).toBe('primary:m');
  });
});
