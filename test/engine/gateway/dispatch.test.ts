import { describe, expect, it } from 'vitest';
import { HealthMonitor, ManualClock, SeededRng, Service } from '../../../engine/balancer/index.js';
import { Dispatcher, type GatewaySink, RequestTable } from '../../../engine/gateway/index.js';

import type { SyntheticProvider } from '../../../engine/providers/index.js';

function setup(options: { monitor?: boolean; advance?: boolean; probe?: { available: boolean; latencyMs: number } } = {}) {
  const clock = new ManualClock(10_000);
  const services = ['a', 'b', 'c'].map((p) => new Service({ provider: p, model: 'm', weight: 1, active: true, timeWindow: 60 }, clock));
  const monitor = options.monitor ? new HealthMonitor({ consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 1, probeEnabled: true }, clock) : undefined;
  const checks: Array<[number, boolean]> = [];
  let probes = 0;
  const sink = { healthCheck: (s: number, healthy: boolean) => checks.push([s, healthy]), probe: () => probes++ } as unknown as GatewaySink;
  const answer = options.probe ?? { available: true, latencyMs: 100 };
  const providers = services.map(() => ({ probe: () => answer }) as unknown as SyntheticProvider);
  const dispatcher = new Dispatcher(services, { name: 'token_based', type: 1, params: {} }, new SeededRng('t'), monitor, providers, sink, clock, options.advance ?? false, new RequestTable(1), true);
  return { clock, monitor, dispatcher, checks, probes: () => probes };
}

describe('the dispatcher', () => {
  it('selects with the tactic over the services eligible for the attempt', () => {
    const { dispatcher } = setup();
    expect(dispatcher.select(0)).toBe(0); // token_based starts from the first service
    expect(dispatcher.select(0, (i) => i !== 0)).toBe(1);
    expect(dispatcher.select(0, () => false)).toBe(-1);
  });

  it('asks the health monitor for every candidate and tells the sink', () => {
    const { dispatcher, monitor, checks } = setup({ monitor: true });
    monitor!.reportError('a:m', 'boom');
    expect(dispatcher.select(0)).toBe(1);
    expect(checks).toEqual([[0, false], [1, true], [2, true]]);
  });

  it('a recovery probe runs on the request path: its time is the selection delay', () => {
    const { clock, dispatcher, monitor, probes } = setup({ monitor: true, probe: { available: true, latencyMs: 250 } });
    monitor!.reportError('a:m', 'boom');
    clock.advance(1_001);
    expect(dispatcher.select(0)).toBe(0);
    expect(probes()).toBe(1);
    expect(dispatcher.probeDelayMs).toBe(250);
    expect(dispatcher.select(0)).toBe(0);
    expect(dispatcher.probeDelayMs).toBe(0);
  });

  it('never advances the current service id, unless told to', () => {
    const upstream = setup();
    upstream.dispatcher.select(0, (i) => i === 2);
    expect(upstream.dispatcher.currentServiceId).toBe('');
    const advancing = setup({ advance: true });
    advancing.dispatcher.select(0, (i) => i === 2);
    expect(advancing.dispatcher.currentServiceId).toBe('c:m');
  });
});
