import { describe, expect, it } from 'vitest';
import {
  HealthMonitor,
  ManualClock,
  NoHealthyServicesError,
  RandomTactic,
  Rule,
  selectService,
  type Service,
  type Tactic,
  TokenBasedTactic,
} from '../../../engine/balancer/index.js';
import { fixedRng, makeServices } from '../../helpers/services.js';

/** A tactic that records what it was given and returns a fixed answer. */
function spyTactic(answer: (rule: Rule) => Service | undefined): Tactic & { seen: Rule[] } {
  const seen: Rule[] = [];
  return { type: 3, name: 'spy', seen, selectService: (rule) => (seen.push(rule), answer(rule)) };
}

describe('selectService', () => {
  it('filters active then healthy services and passes the tactic a rule of just those, same current id', () => {
    const clock = new ManualClock();
    const services = makeServices(4, clock);
    services[0]!.active = false;
    const monitor = new HealthMonitor({ consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 60, probeEnabled: false }, clock);
    monitor.reportError('p2:m', 'boom');
    const tactic = spyTactic((rule) => rule.getActiveServices()[1]);
    const chosen = selectService(new Rule({ services, currentServiceId: 'p3:m' }), tactic, monitor, fixedRng(0));
    expect(chosen).toBe(services[3]);
    expect(tactic.seen[0]!.services).toEqual([services[1], services[3]]);
    expect(tactic.seen[0]!.currentServiceId).toBe('p3:m');
  });

  it('returns the only healthy service without asking the tactic', () => {
    const services = makeServices(2);
    services[1]!.active = false;
    const tactic = spyTactic(() => undefined);
    expect(selectService(new Rule({ services }), tactic, undefined, fixedRng(0))).toBe(services[0]);
    expect(tactic.seen).toHaveLength(0);
  });

  it('falls back to the first healthy service when the tactic returns nothing', () => {
    const services = makeServices(3);
    expect(selectService(new Rule({ services }), spyTactic(() => undefined), undefined, fixedRng(0))).toBe(services[0]);
  });

  it('throws a typed error naming "no healthy services" when none is left', () => {
    const clock = new ManualClock();
    const services = makeServices(2, clock);
    const monitor = new HealthMonitor({ consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 30, probeEnabled: false }, clock);
    monitor.reportRateLimit('p0:m');
    monitor.reportAuthError('p1:m', 403);
    const attempt = (): Service => selectService(new Rule({ services }), new RandomTactic(), monitor, fixedRng(0));
    expect(attempt).toThrow(NoHealthyServicesError);
    expect(attempt).toThrow(/no healthy services/);
    try {
      attempt();
    } catch (error) {
      expect((error as NoHealthyServicesError).code).toBe('NO_HEALTHY_SERVICES');
      expect((error as NoHealthyServicesError).activeServiceIds).toEqual(['p0:m', 'p1:m']);
    }
    expect(() => selectService(new Rule({ services: [] }), new RandomTactic(), undefined, fixedRng(0))).toThrow(/no healthy services/);
  });

  it('runs the probe inside isHealthy where recovery is due', () => {
    const clock = new ManualClock();
    const services = makeServices(2, clock);
    const monitor = new HealthMonitor({ consecutiveErrorThreshold: 1, recoveryTimeoutSeconds: 1, probeEnabled: true }, clock);
    const probed: string[] = [];
    monitor.setProbeFunc((id) => (probed.push(id), true));
    monitor.reportError('p0:m', 'e');
    clock.advance(1_001);
    expect(selectService(new Rule({ services }), new TokenBasedTactic(), monitor, fixedRng(0))).toBe(services[0]);
    expect(probed).toEqual(['p0:m']);
  });
});
