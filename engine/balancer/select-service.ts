import { NoHealthyServicesError } from './errors.js';
import type { Rng } from './rng.js';
import { Rule } from './rule.js';
import type { Service } from './service.js';
import type { Tactic } from './tactics/tactic.js';

/** What selection needs of a health monitor; HealthMonitor implements it. */
export interface HealthCheck {
  /** Whether the service may take traffic (may run a probe). */
  isHealthy(serviceId: string): boolean;
}

/**
 * Selects a service the way the gateway does around its tactic: keep the active services, keep
 * the healthy ones (isHealthy may probe), throw NoHealthyServicesError when none is left, return
 * the only one without asking the tactic, else ask the tactic with a rule holding just the healthy
 * services (same current id), falling back to the first healthy service when it returns nothing.
 * With no monitor (`health` undefined) every service counts as healthy.
 */
export function selectService(rule: Rule, tactic: Tactic, health: HealthCheck | undefined, rng: Rng): Service {
  const active = rule.getActiveServices();
  let healthy: Service[] = active;
  if (health !== undefined) {
    healthy = [];
    for (const service of active) if (health.isHealthy(service.serviceId())) healthy.push(service);
  }
  const first = healthy[0];
  if (first === undefined) throw NoHealthyServicesError.forRule(rule);
  if (healthy.length === 1) return first;
  const filtered = new Rule({ services: healthy, currentServiceId: rule.currentServiceId });
  return tactic.selectService(filtered, rng) ?? first;
}
