import { describe, expect, it } from 'vitest';
import { ManualClock, newServiceID, Service, ServiceID } from '../../../engine/balancer/index.js';

describe('Service', () => {
  const config = { provider: 'openai', model: 'gpt-4o', weight: 3, active: true, timeWindow: 60 };

  it('has a provider:model string id and a provider/model typed id', () => {
    const service = new Service(config, new ManualClock());
    expect(service.serviceId()).toBe('openai:gpt-4o');
    const id = service.getServiceId();
    expect(id).toBeInstanceOf(ServiceID);
    expect(id.providerUuid).toBe('openai');
    expect(id.model).toBe('gpt-4o');
    expect(id.toString()).toBe('openai/gpt-4o');
    expect(String(newServiceID('a', 'b'))).toBe('a/b');
    expect(JSON.stringify(newServiceID('a', 'b'))).toBe('{"provider_uuid":"a","model":"b"}');
  });

  it('starts with empty stats; initializeStats sets id, window and start only once', () => {
    const clock = new ManualClock(100);
    const service = new Service(config, clock);
    expect(service.stats.serviceId).toBe('');
    service.initializeStats();
    expect(service.stats.serviceId).toBe('openai:gpt-4o');
    expect(service.stats.timeWindow).toBe(60);
    expect(service.stats.windowStart).toBe(100);
    service.stats.recordLatency(10, 100);
    const before = service.stats;
    clock.advance(50);
    service.initializeStats();
    expect(service.stats).toBe(before);
    expect(service.stats.windowStart).toBe(100);
  });

  it('initializeStats replaces stats that have no id, dropping samples recorded before it (as upstream)', () => {
    const service = new Service(config, new ManualClock());
    service.stats.recordLatency(10, 100);
    service.recordUsage(1, 1);
    expect(service.stats.getLatencyStats().sampleCount).toBe(0);
    expect(service.stats.requestCount).toBe(1);
  });

  it('recordUsage and getWindowStats initialise the stats first', () => {
    const clock = new ManualClock(0);
    const service = new Service({ ...config, timeWindow: 10 }, clock);
    expect(service.getWindowStats()).toEqual({ requestCount: 0, tokensConsumed: 0 });
    expect(service.stats.serviceId).toBe('openai:gpt-4o');
    service.recordUsage(100, 50);
    expect(service.getWindowStats()).toEqual({ requestCount: 1, tokensConsumed: 150 });
    clock.set(10_000);
    expect(service.getWindowStats()).toEqual({ requestCount: 0, tokensConsumed: 0 });
  });

  it('serialises its config in the gateway names, model_capacity only when set', () => {
    const clock = new ManualClock();
    expect(new Service(config, clock).toJSON()).toEqual({
      provider: 'openai', model: 'gpt-4o', weight: 3, active: true, time_window: 60,
    });
    expect(new Service({ ...config, modelCapacity: 8 }, clock).toJSON()['model_capacity']).toBe(8);
  });

  it('accepts zero and negative weights and rejects malformed numbers', () => {
    const clock = new ManualClock();
    expect(new Service({ ...config, weight: 0 }, clock).weight).toBe(0);
    expect(new Service({ ...config, weight: -2 }, clock).weight).toBe(-2);
    expect(() => new Service({ ...config, weight: 1.5 }, clock)).toThrow(RangeError);
    expect(() => new Service({ ...config, timeWindow: -1 }, clock)).toThrow(/timeWindow/);
    expect(() => new Service({ ...config, modelCapacity: Number.NaN }, clock)).toThrow(/modelCapacity/);
  });
});
