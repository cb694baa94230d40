import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTH_ERROR_MESSAGE,
  defaultHealthMonitorConfig,
  HealthMonitor,
  type HealthMonitorConfig,
  HealthStatus,
  healthStatusToString,
  ManualClock,
} from '../../../engine/balancer/index.js';

const ID = 'p:m';
const config = (threshold: number, timeoutSeconds: number, probe: boolean): HealthMonitorConfig => ({
  consecutiveErrorThreshold: threshold,
  recoveryTimeoutSeconds: timeoutSeconds,
  probeEnabled: probe,
});

function setup(cfg = config(3, 10, false), start = 1_000) {
  const clock = new ManualClock(start);
  return { clock, monitor: new HealthMonitor(cfg, clock) };
}

describe('HealthStatus and config', () => {
  it('has healthy 0 and unhealthy 1 at run time; other values print unknown', () => {
    expect(HealthStatus.Healthy).toBe(0);
    expect(HealthStatus.Unhealthy).toBe(1);
    expect(healthStatusToString(0)).toBe('healthy');
    expect(healthStatusToString(1)).toBe('unhealthy');
    expect(healthStatusToString(7)).toBe('unknown');
  });

  it('defaults to 3 errors, 300 s, probing on', () => {
    expect(defaultHealthMonitorConfig()).toEqual(config(3, 300, true));
  });

  it('rejects malformed configs', () => {
    const clock = new ManualClock();
    expect(() => new HealthMonitor(config(-1, 10, true), clock)).toThrow(RangeError);
    expect(() => new HealthMonitor(config(1, -10, true), clock)).toThrow(/recoveryTimeoutSeconds/);
    expect(() => new HealthMonitor(config(1.5, 10, true), clock)).toThrow(/consecutiveErrorThreshold/);
    expect(() => new HealthMonitor({ ...config(1, 1, true), probeEnabled: 'yes' as never }, clock)).toThrow(TypeError);
  });
});

describe('HealthMonitor records', () => {
  it('creates records only on reportRateLimit, reportAuthError, reportError and getHealth', () => {
    const { monitor } = setup();
    monitor.isHealthy('a');
    monitor.reportSuccess('b');
    monitor.resetHealth('c');
    monitor.removeHealth('d');
    monitor.getAllHealth();
    expect(monitor.getAllHealth().size).toBe(0);
    monitor.reportRateLimit('e');
    monitor.reportAuthError('f', 401);
    monitor.reportError('g', new Error('boom'));
    const h = monitor.getHealth('h');
    expect([...monitor.getAllHealth().keys()]).toEqual(['e', 'f', 'g', 'h']);
    expect(h).toEqual({
      serviceId: 'h', status: HealthStatus.Healthy, lastError: undefined, lastErrorTime: undefined,
      consecutiveErrors: 0, rateLimited: false, authError: false, lastHealthCheck: undefined,
      recoveryTimeoutMs: 10_000, rateLimitedUntil: undefined,
    });
  });

  it('getHealth returns the live record; getAllHealth a new map of the live records', () => {
    const { monitor } = setup();
    const record = monitor.getHealth(ID);
    monitor.reportError(ID, 'x');
    expect(record.consecutiveErrors).toBe(1);
    const all = monitor.getAllHealth();
    all.delete(ID);
    expect(monitor.getAllHealth().has(ID)).toBe(true);
  });
});

describe('reportError', () => {
  it('counts consecutive errors and marks unhealthy at the threshold', () => {
    const { clock, monitor } = setup(config(3, 10, false));
    const err = new Error('502');
    monitor.reportError(ID, err);
    clock.advance(5);
    monitor.reportError(ID, 'second');
    expect(monitor.getHealth(ID)).toMatchObject({ status: HealthStatus.Healthy, consecutiveErrors: 2, lastError: 'second', lastErrorTime: 1_005, lastHealthCheck: 1_005 });
    expect(monitor.isHealthy(ID)).toBe(true);
    monitor.reportError(ID, err);
    expect(monitor.getHealth(ID)).toMatchObject({ status: HealthStatus.Unhealthy, consecutiveErrors: 3, lastError: err });
    expect(monitor.isHealthy(ID)).toBe(false);
  });

  it('threshold 0 marks unhealthy on the first error', () => {
    const { monitor } = setup(config(0, 0, false));
    monitor.reportError(ID, 'x');
    expect(monitor.getHealth(ID).status).toBe(HealthStatus.Unhealthy);
  });
});

describe('reportRateLimit', () => {
  it('marks unhealthy, sets rateLimited and both times, zeroes the counter, leaves auth and lastError; no hold at this version', () => {
    const { clock, monitor } = setup(config(3, 10, false));
    monitor.reportError(ID, 'e1');
    monitor.reportAuthError(ID, 403);
    clock.advance(100);
    monitor.reportRateLimit(ID);
    const record = monitor.getHealth(ID);
    expect(record).toMatchObject({
      status: HealthStatus.Unhealthy, rateLimited: true, consecutiveErrors: 0, authError: true,
      lastError: AUTH_ERROR_MESSAGE, lastErrorTime: 1_100, lastHealthCheck: 1_100,
    });
    expect('rateLimitedUntil' in record).toBe(false);
  });

  it('with rateLimitHold (v0.260414.2000): holds until now + timeout, and the hold only moves forward', () => {
    const { clock, monitor } = setup({ ...config(3, 10, false), rateLimitHold: true });
    monitor.reportRateLimit(ID);
    expect(monitor.getHealth(ID).rateLimitedUntil).toBe(11_000);
    monitor.updateConfig({ ...config(3, 1, false), rateLimitHold: true }); // new timeout applies to new records only
    clock.advance(2_000);
    monitor.reportRateLimit(ID);
    expect(monitor.getHealth(ID).rateLimitedUntil).toBe(13_000);
    const rec = monitor.getHealth(ID);
    rec.recoveryTimeoutMs = 1_000; // a shorter timeout never pulls the hold back
    monitor.reportRateLimit(ID);
    expect(rec.rateLimitedUntil).toBe(13_000);
  });
});

describe('reportAuthError', () => {
  it('marks unhealthy at once, ignores the code, keeps counters and rate-limit fields', () => {
    const { monitor } = setup(config(5, 10, false));
    monitor.reportError(ID, 'e');
    monitor.reportAuthError(ID, 999);
    expect(monitor.getHealth(ID)).toMatchObject({
      status: HealthStatus.Unhealthy, authError: true, lastError: 'auth error', consecutiveErrors: 1,
      rateLimited: false, lastErrorTime: 1_000,
    });
    expect('rateLimitedUntil' in monitor.getHealth(ID)).toBe(false);
  });
});

describe('reportSuccess', () => {
  it('does nothing without a record', () => {
    const { monitor } = setup();
    monitor.reportSuccess(ID);
    expect(monitor.getAllHealth().size).toBe(0);
  });

  it('recovers a rate-limited service at once: a request in flight during a 429 puts it back into rotation', () => {
    const { clock, monitor } = setup(config(3, 300, true));
    monitor.reportRateLimit(ID);
    expect(monitor.isHealthy(ID)).toBe(false);
    clock.advance(500);
    monitor.reportSuccess(ID);
    expect(monitor.getHealth(ID)).toMatchObject({
      status: HealthStatus.Healthy, rateLimited: false, authError: false, consecutiveErrors: 0,
      lastError: undefined, lastErrorTime: 1_000, lastHealthCheck: 1_500,
    });
    expect(monitor.isHealthy(ID)).toBe(true);
  });

  it('with rateLimitHold, while held only updates lastHealthCheck (the service stays out, the counter is kept)', () => {
    const { clock, monitor } = setup({ ...config(3, 10, false), rateLimitHold: true });
    monitor.reportRateLimit(ID);
    monitor.getHealth(ID).consecutiveErrors = 2; // as a later reportError would leave it
    clock.advance(500);
    monitor.reportSuccess(ID);
    expect(monitor.getHealth(ID)).toMatchObject({ status: HealthStatus.Unhealthy, rateLimited: true, consecutiveErrors: 2, lastHealthCheck: 1_500, lastErrorTime: 1_000 });
    expect(monitor.isHealthy(ID)).toBe(false);
  });

  it('recovers an unhealthy service, clearing flags, counter and error but keeping lastErrorTime', () => {
    const { clock, monitor } = setup(config(1, 10, false));
    monitor.reportRateLimit(ID);
    monitor.reportAuthError(ID, 401);
    monitor.reportError(ID, 'e');
    clock.set(1_001);
    monitor.reportSuccess(ID);
    expect(monitor.getHealth(ID)).toEqual({
      serviceId: ID, status: HealthStatus.Healthy, rateLimited: false, authError: false, recoveryTimeoutMs: 10_000,
      consecutiveErrors: 0, lastError: undefined, lastErrorTime: 1_000, lastHealthCheck: 1_001,
    });
  });

  it('with rateLimitHold, recovers once the hold is over (now == until) and clears the hold', () => {
    const { clock, monitor } = setup({ ...config(1, 10, false), rateLimitHold: true });
    monitor.reportRateLimit(ID);
    clock.set(11_000);
    monitor.reportSuccess(ID);
    const record = monitor.getHealth(ID);
    expect(record).toMatchObject({ status: HealthStatus.Healthy, rateLimited: false, lastHealthCheck: 11_000 });
    expect('rateLimitedUntil' in record).toBe(false);
  });

  it('on a healthy service resets the counter', () => {
    const { clock, monitor } = setup(config(3, 10, false));
    monitor.reportError(ID, 'e');
    monitor.reportError(ID, 'e');
    clock.advance(1);
    monitor.reportSuccess(ID);
    expect(monitor.getHealth(ID)).toMatchObject({ consecutiveErrors: 0, lastError: 'e', lastHealthCheck: 1_001 });
  });
});

describe('isHealthy', () => {
  it('true without a record or when healthy', () => {
    const { monitor } = setup();
    expect(monitor.isHealthy(ID)).toBe(true);
    monitor.getHealth(ID);
    expect(monitor.isHealthy(ID)).toBe(true);
  });

  it('a rate-limited service recovers like any other: strictly after its timeout, with no hold step', () => {
    const { clock, monitor } = setup(config(3, 10, false));
    monitor.reportRateLimit(ID);
    clock.set(11_000);
    expect(monitor.isHealthy(ID)).toBe(false);
    clock.set(11_001);
    expect(monitor.isHealthy(ID)).toBe(true);
    expect(monitor.getHealth(ID)).toMatchObject({ status: HealthStatus.Healthy, rateLimited: false });
  });

  it('with rateLimitHold, false while held even past the recovery timeout', () => {
    const { clock, monitor } = setup({ ...config(3, 10, false), rateLimitHold: true });
    monitor.reportRateLimit(ID);
    const rec = monitor.getHealth(ID);
    rec.rateLimitedUntil = 50_000; // as if several 429s pushed it
    clock.set(40_000);
    expect(monitor.isHealthy(ID)).toBe(false);
    clock.set(50_000);
    expect(monitor.isHealthy(ID)).toBe(true);
  });

  it('recovers only strictly after the timeout, without probing', () => {
    const { clock, monitor } = setup(config(1, 10, false));
    monitor.reportError(ID, 'e');
    clock.set(11_000);
    expect(monitor.isHealthy(ID)).toBe(false);
    clock.set(11_001);
    expect(monitor.isHealthy(ID)).toBe(true);
    expect(monitor.getHealth(ID)).toMatchObject({ status: HealthStatus.Healthy, consecutiveErrors: 0, lastError: undefined });
  });

  it('with probing on, a passing probe recovers and a failing one re-arms a full timeout', () => {
    const { clock, monitor } = setup(config(1, 10, true));
    const calls: string[] = [];
    let answer = false;
    monitor.setProbeFunc((id) => {
      calls.push(id);
      return answer;
    });
    monitor.reportError(ID, 'e');
    clock.set(11_001);
    expect(monitor.isHealthy(ID)).toBe(false);
    expect(monitor.getHealth(ID).lastErrorTime).toBe(11_001);
    clock.set(21_001);
    expect(monitor.isHealthy(ID)).toBe(false);
    expect(calls).toEqual([ID]);
    answer = true;
    clock.set(21_002);
    expect(monitor.isHealthy(ID)).toBe(true);
    expect(calls).toEqual([ID, ID]);
  });

  it('probing enabled without a probe function recovers as if probing were off; a null probe is allowed', () => {
    const { clock, monitor } = setup(config(1, 0, true));
    monitor.setProbeFunc(() => false);
    monitor.setProbeFunc(null);
    monitor.reportError(ID, 'e');
    clock.advance(1);
    expect(monitor.isHealthy(ID)).toBe(true);
  });

  it('the unconfigured gateway setting (0, 0 s, off): unhealthy after an error until the next ms', () => {
    const { clock, monitor } = setup(config(0, 0, false));
    monitor.reportError(ID, 'e');
    expect(monitor.isHealthy(ID)).toBe(false);
    clock.advance(1);
    expect(monitor.isHealthy(ID)).toBe(true);
    monitor.reportRateLimit(ID);
    expect(monitor.isHealthy(ID)).toBe(false);
    clock.advance(1);
    expect(monitor.isHealthy(ID)).toBe(true);
  });
});

describe('resetHealth, removeHealth, updateConfig', () => {
  it('resetHealth recovers an existing unhealthy record only', () => {
    const { monitor } = setup(config(1, 10, false));
    monitor.reportAuthError(ID, 401);
    monitor.resetHealth(ID);
    expect(monitor.getHealth(ID)).toMatchObject({ status: HealthStatus.Healthy, authError: false, lastError: undefined });
    monitor.reportError('b', 'e');
    monitor.getHealth('c').consecutiveErrors = 0;
    monitor.resetHealth('b');
    monitor.resetHealth('missing');
    expect(monitor.getAllHealth().has('missing')).toBe(false);
  });

  it('removeHealth deletes the record so the service is healthy again', () => {
    const { monitor } = setup(config(0, 1_000, false));
    monitor.reportError(ID, 'e');
    expect(monitor.isHealthy(ID)).toBe(false);
    monitor.removeHealth(ID);
    expect(monitor.isHealthy(ID)).toBe(true);
    expect(monitor.getAllHealth().size).toBe(0);
  });

  it('updateConfig: the threshold applies from the next error, the timeout only to new records', () => {
    const { clock, monitor } = setup(config(5, 10, false));
    monitor.reportError(ID, 'e');
    monitor.updateConfig(config(2, 100, false));
    expect(monitor.getConfig()).toEqual({ ...config(2, 100, false), rateLimitHold: false });
    monitor.reportError(ID, 'e');
    expect(monitor.getHealth(ID).status).toBe(HealthStatus.Unhealthy);
    expect(monitor.getHealth(ID).recoveryTimeoutMs).toBe(10_000);
    expect(monitor.getHealth('new').recoveryTimeoutMs).toBe(100_000);
    clock.advance(10_001);
    expect(monitor.isHealthy(ID)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based test: the monitor against a small reference model of the spec's table.

interface ModelRecord {
  unhealthy: boolean;
  errors: number;
  lastError: unknown;
  lastErrorTime: number | undefined;
  lastCheck: number | undefined;
  rateLimited: boolean;
  auth: boolean;
  until: number | undefined;
  timeoutMs: number;
}

interface Model {
  now: number;
  threshold: number;
  timeoutMs: number;
  probeEnabled: boolean;
  hold: boolean;
  probeAnswer: boolean | null; // null: no probe function
  records: Map<string, ModelRecord>;
}

const healed = (r: ModelRecord): ModelRecord => ({ ...r, unhealthy: false, rateLimited: false, auth: false, until: undefined, errors: 0, lastError: undefined });
const fresh = (m: Model): ModelRecord => ({ unhealthy: false, errors: 0, lastError: undefined, lastErrorTime: undefined, lastCheck: undefined, rateLimited: false, auth: false, until: undefined, timeoutMs: m.timeoutMs });
const limited = (m: Model, r: ModelRecord): boolean => r.rateLimited && r.until !== undefined && m.now < r.until;

type Op =
  | { op: 'error'; id: string; err: string }
  | { op: 'success'; id: string }
  | { op: 'rateLimit'; id: string }
  | { op: 'auth'; id: string }
  | { op: 'isHealthy'; id: string }
  | { op: 'get'; id: string }
  | { op: 'reset'; id: string }
  | { op: 'remove'; id: string }
  | { op: 'advance'; ms: number }
  | { op: 'config'; threshold: number; timeoutSeconds: number; probe: boolean; hold: boolean }
  | { op: 'probe'; answer: boolean | null };

/** Applies one operation to the model; returns isHealthy's answer for that operation. */
function step(m: Model, o: Op): boolean | undefined {
  const get = (id: string): ModelRecord => m.records.get(id) ?? fresh(m);
  switch (o.op) {
    case 'error': {
      const r = get(o.id);
      const errors = r.errors + 1;
      m.records.set(o.id, { ...r, errors, lastError: o.err, lastErrorTime: m.now, lastCheck: m.now, unhealthy: r.unhealthy || errors >= m.threshold });
      return undefined;
    }
    case 'rateLimit': {
      const r = get(o.id);
      const until = m.now + r.timeoutMs;
      const held = m.hold ? (r.until === undefined || until > r.until ? until : r.until) : r.until;
      m.records.set(o.id, { ...r, unhealthy: true, rateLimited: true, lastErrorTime: m.now, lastCheck: m.now, errors: 0, until: held });
      return undefined;
    }
    case 'auth': {
      const r = get(o.id);
      m.records.set(o.id, { ...r, unhealthy: true, auth: true, lastError: 'auth error', lastErrorTime: m.now, lastCheck: m.now });
      return undefined;
    }
    case 'success': {
      const r = m.records.get(o.id);
      if (!r) return undefined;
      if (limited(m, r)) m.records.set(o.id, { ...r, lastCheck: m.now });
      else if (r.unhealthy) m.records.set(o.id, { ...healed(r), lastCheck: m.now });
      else m.records.set(o.id, { ...r, errors: 0, lastCheck: m.now });
      return undefined;
    }
    case 'isHealthy': {
      const r = m.records.get(o.id);
      if (!r || !r.unhealthy) return true;
      if (limited(m, r)) return false;
      if (m.now - (r.lastErrorTime ?? -Infinity) > r.timeoutMs) {
        if (m.probeEnabled && m.probeAnswer !== null) {
          if (m.probeAnswer) {
            m.records.set(o.id, healed(r));
            return true;
          }
          m.records.set(o.id, { ...r, lastErrorTime: m.now });
          return false;
        }
        m.records.set(o.id, healed(r));
        return true;
      }
      return false;
    }
    case 'get':
      m.records.set(o.id, get(o.id));
      return undefined;
    case 'reset': {
      const r = m.records.get(o.id);
      if (r?.unhealthy) m.records.set(o.id, healed(r));
      return undefined;
    }
    case 'remove':
      m.records.delete(o.id);
      return undefined;
    case 'advance':
      m.now += o.ms;
      return undefined;
    case 'config':
      m.threshold = o.threshold;
      m.timeoutMs = o.timeoutSeconds * 1000;
      m.probeEnabled = o.probe;
      m.hold = o.hold;
      return undefined;
    case 'probe':
      m.probeAnswer = o.answer;
      return undefined;
  }
}

describe('HealthMonitor against a reference model', () => {
  const id = fc.constantFrom('a:x', 'b:y', 'c:z');
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('error' as const), id, err: fc.constantFrom('500', '502', 'timeout') }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('success' as const), id }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('rateLimit' as const), id }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('auth' as const), id }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('isHealthy' as const), id }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('get' as const), id }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('reset' as const), id }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('remove' as const), id }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 12_000 })) }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('config' as const), threshold: fc.integer({ min: 0, max: 4 }), timeoutSeconds: fc.integer({ min: 0, max: 10 }), probe: fc.boolean(), hold: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('probe' as const), answer: fc.constantFrom(true, false, null) }), weight: 1 },
  );

  it('matches the model after any sequence of reports and clock advances, with and without the hold', () => {
    fc.assert(
      fc.property(
        fc.record({ threshold: fc.integer({ min: 0, max: 4 }), timeoutSeconds: fc.integer({ min: 0, max: 10 }), probe: fc.boolean(), hold: fc.boolean() }),
        fc.array(op, { maxLength: 120 }),
        (initial, ops) => {
          const clock = new ManualClock(0);
          const monitor = new HealthMonitor({ ...config(initial.threshold, initial.timeoutSeconds, initial.probe), rateLimitHold: initial.hold }, clock);
          const model: Model = { now: 0, threshold: initial.threshold, timeoutMs: initial.timeoutSeconds * 1000, probeEnabled: initial.probe, hold: initial.hold, probeAnswer: null, records: new Map() };
          for (const o of ops) {
            const expected = step(model, o);
            switch (o.op) {
              case 'error': monitor.reportError(o.id, o.err); break;
              case 'success': monitor.reportSuccess(o.id); break;
              case 'rateLimit': monitor.reportRateLimit(o.id); break;
              case 'auth': monitor.reportAuthError(o.id, 401); break;
              case 'isHealthy': expect(monitor.isHealthy(o.id)).toBe(expected); break;
              case 'get': monitor.getHealth(o.id); break;
              case 'reset': monitor.resetHealth(o.id); break;
              case 'remove': monitor.removeHealth(o.id); break;
              case 'advance': clock.advance(o.ms); break;
              case 'config': monitor.updateConfig({ ...config(o.threshold, o.timeoutSeconds, o.probe), rateLimitHold: o.hold }); break;
              case 'probe': {
                const answer = o.answer;
                monitor.setProbeFunc(answer === null ? null : () => answer);
                break;
              }
            }
            const actual = monitor.getAllHealth();
            expect([...actual.keys()].sort()).toEqual([...model.records.keys()].sort());
            for (const [key, r] of model.records) {
              expect(actual.get(key)).toEqual({
                serviceId: key, status: r.unhealthy ? HealthStatus.Unhealthy : HealthStatus.Healthy,
                lastError: r.lastError, lastErrorTime: r.lastErrorTime, consecutiveErrors: r.errors,
                rateLimited: r.rateLimited, authError: r.auth, lastHealthCheck: r.lastCheck,
                recoveryTimeoutMs: r.timeoutMs, rateLimitedUntil: r.until,
              });
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
