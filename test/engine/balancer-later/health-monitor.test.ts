import { describe, expect, it } from 'vitest';
import { HealthStatus, ManualClock } from '../../../engine/balancer/index.js';
import { LaterHealthMonitor } from '../../../engine/balancer-later/index.js';

const monitor = (timeout: number, probe: boolean, clock: ManualClock) => new LaterHealthMonitor({ recoveryTimeoutSeconds: timeout, probeEnabled: probe }, clock);

describe('the v0.260819.0 HealthMonitor, narrowed to 429 windows and auth (spec section 2)', () => {
  it('holds a 429 for the recovery timeout, the window only moving forward, and recovers at the first check strictly after it', () => {
    const clock = new ManualClock(1_000);
    const m = monitor(30, false, clock);
    m.reportRateLimit('a');
    expect(m.getHealth('a')).toMatchObject({ status: HealthStatus.Unhealthy, rateLimited: true, lastErrorTime: 1_000, rateLimitedUntil: 31_000, authError: false });
    clock.set(5_000);
    m.reportSuccess('a'); // inside the window: only the check time
    expect(m.getHealth('a')).toMatchObject({ status: HealthStatus.Unhealthy, lastHealthCheck: 5_000 });
    m.reportRateLimit('a');
    expect(m.getHealth('a')!.rateLimitedUntil).toBe(35_000);
    clock.set(35_000);
    expect(m.isHealthy('a')).toBe(false); // now - lastErrorTime == timeout: not strictly after
    clock.set(35_001);
    expect(m.isHealthy('a')).toBe(true);
    expect(m.getHealth('a')).toMatchObject({ status: HealthStatus.Healthy, rateLimited: false, rateLimitedUntil: undefined, lastErrorTime: 5_000 });
  });

  it('without a block (timeout 0, no probe) a 429 holds only for its instant: filtering is in effect off', () => {
    const clock = new ManualClock(0);
    const m = monitor(0, false, clock);
    m.reportRateLimit('a');
    expect(m.isHealthy('a')).toBe(false);
    clock.advance(1);
    expect(m.isHealthy('a')).toBe(true);
  });

  it('marks auth errors unhealthy at once; a success recovers them; with probing on, a failed probe re-arms a full timeout', () => {
    const clock = new ManualClock(0);
    const m = monitor(10, true, clock);
    let answer = false;
    m.setProbeFunc(() => answer);
    m.reportAuthError('a');
    expect(m.getHealth('a')).toMatchObject({ authError: true, lastError: 'auth error' });
    clock.set(10_001);
    expect(m.isHealthy('a')).toBe(false);
    expect(m.getHealth('a')!.lastErrorTime).toBe(10_001);
    clock.set(20_002);
    answer = true;
    expect(m.isHealthy('a')).toBe(true);
    m.reportAuthError('b');
    m.reportSuccess('b');
    expect(m.isHealthy('b')).toBe(true);
    m.reportSuccess('never-seen');
    expect(m.getHealth('never-seen')).toBeUndefined();
  });

  it('has no error counter: a 5xx is not its business', () => {
    const m = monitor(300, true, new ManualClock(0)) as unknown as Record<string, unknown>;
    expect(m['reportError']).toBeUndefined();
  });
});
