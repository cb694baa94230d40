/**
 * Runs a scripted scenario against the real balancer of its version, on a manual clock: each
 * request is selected, answered by the next status of its service's sequence at once, reported
 * as that version reports it (v0.260819.0: failover across untried services, the breaker, the
 * narrowed monitor; the seed: one attempt, its HealthMonitor) and checked.
 */
import { HealthMonitor, HealthStatus, ManualClock, NoHealthyServicesError, Rule, SeededRng, Service, createTactic, selectService } from '../balancer/index.js';
import { BreakerStore, breakerStateToString, LaterHealthMonitor, LaterSelector, laterTactic, PinStore } from '../balancer-later/index.js';
import { laterFailsOverOn, Outcome, type OutcomeCode, reportLaterHop, SEED_VERSION } from '../gateway/index.js';
import { formatPath, type RequestCheck, type Script, type ScriptService, type ScriptStatus } from '../scenario/index.js';

/** How one step went. */
export interface StepOutcome {
  /** The step's path in the file (`program[3]`). */
  at: string;
  passed: boolean;
  /** What differed, one line each (empty when it passed). */
  problems: string[];
}

const RULE = 'rule';

/** A service's answers, walked in order. */
class Faults {
  private step = 0;
  private used = 0;

  constructor(private readonly spec: ScriptService) {}

  next(): ScriptStatus {
    const steps = this.spec.faults.steps;
    if (this.step >= steps.length) {
      if (this.spec.faults.onExhaust === 'fail') throw new RangeError(`${this.spec.name} ran out of statuses (on_exhaust: fail)`);
      if (this.spec.faults.onExhaust === 'clamp') return steps[steps.length - 1]!.status;
      this.step = 0;
    }
    const current = steps[this.step]!;
    if (++this.used >= current.repeat) {
      this.step++;
      this.used = 0;
    }
    return current.status;
  }
}

const toOutcome = (status: ScriptStatus): OutcomeCode => (status === 200 ? Outcome.Ok : status === 'timeout' ? Outcome.Timeout : status === 'connection_error' ? Outcome.ConnectionError : status);

/** Runs every step; a step passes when each of its checks holds. */
export function runScript(script: Script): StepOutcome[] {
  const clock = new ManualClock(0);
  const services = script.services.map((s) => new Service({ provider: s.name, model: 'm', weight: s.weight, active: s.active, timeWindow: 60 }, clock));
  const faults = script.services.map((s) => new Faults(s));
  const nameOf = (s: Service): string => s.provider;
  const byName = new Map(services.map((s) => [s.provider, s]));
  const later = script.version !== SEED_VERSION;
  const rng = new SeededRng(1);
  const breakers = new BreakerStore(clock);
  const pins = new PinStore(clock);
  const laterMonitor = later && script.health ? new LaterHealthMonitor({ recoveryTimeoutSeconds: script.health.recoveryTimeoutSeconds, probeEnabled: script.health.probeEnabled }, clock) : undefined;
  // upstream's probe never finds the provider: it always fails
  laterMonitor?.setProbeFunc(() => false);
  const selector = new LaterSelector(services, laterTactic(script.tactic.type, script.tactic.params), laterMonitor, breakers, pins, rng, {
    rule: RULE,
    affinityTtlMs: script.sessionAffinityMs,
    promotionHoldMs: 60_000,
    tierOf: (s) => script.services[services.indexOf(s)]!.tier,
  });
  const seedMonitor = !later && script.health ? new HealthMonitor(script.health, clock) : undefined;
  seedMonitor?.setProbeFunc((id) => faults[services.findIndex((s) => s.serviceId() === id)]!.next() === 200);
  const seedTactic = createTactic(script.tactic.type, script.tactic.params);

  /** One request: its attempts' services and its final status. */
  const request = (session: string | null, streaming: boolean): { path: string[]; status: ScriptStatus | 'no_service' } => {
    const path: string[] = [];
    if (!later) {
      let chosen: Service;
      try {
        chosen = selectService(new Rule({ services }), seedTactic, seedMonitor, rng);
      } catch (error) {
        if (error instanceof NoHealthyServicesError) return { path, status: 'no_service' };
        throw error;
      }
      const status = faults[services.indexOf(chosen)]!.next();
      path.push(nameOf(chosen));
      const id = chosen.serviceId();
      if (seedMonitor) {
        if (status === 200) seedMonitor.reportSuccess(id);
        else if (status === 429) seedMonitor.reportRateLimit(id);
        else if (status === 401 || status === 403) seedMonitor.reportAuthError(id, status);
        else seedMonitor.reportError(id, String(status));
      }
      return { path, status };
    }
    const tried = new Set<Service>();
    let service = selector.select(session ?? 'client-ip');
    let status: ScriptStatus | 'no_service' = 'no_service';
    const hops = selector.failsOver ? services.filter((s) => s.active).length : 1;
    while (service !== undefined) {
      tried.add(service);
      path.push(nameOf(service));
      status = faults[services.indexOf(service)]!.next();
      const outcome = toOutcome(status);
      reportLaterHop(selector, laterMonitor, service, outcome, undefined, streaming || script.nonStreamSuccessCounts);
      if (!laterFailsOverOn(outcome) || tried.size >= hops) break;
      service = selector.selectFallback((s) => tried.has(s));
    }
    return { path, status };
  };

  const check = (c: RequestCheck, got: { path: string[]; status: ScriptStatus | 'no_service' }, session: string | null, last: boolean): string[] => {
    const problems: string[] = [];
    if (c.status !== undefined && c.status !== got.status) problems.push(`status: expected ${c.status}, got ${got.status}`);
    if (c.path !== undefined && c.path.join(' → ') !== got.path.join(' → ')) problems.push(`path: expected ${c.path.join(' → ') || '(none)'}, got ${got.path.join(' → ') || '(none)'}`);
    for (const name of c.includes ?? []) if (!got.path.includes(name)) problems.push(`path ${got.path.join(' → ')} does not include ${name}`);
    for (const name of c.excludes ?? []) if (got.path.includes(name)) problems.push(`path ${got.path.join(' → ')} includes ${name}`);
    if (!last) return problems;
    if (c.pinned !== undefined) {
      const pin = session === null ? undefined : pins.get(RULE, session);
      const pinned = pin ? nameOf(services.find((s) => s.serviceId() === pin.serviceId)!) : null;
      if (pinned !== c.pinned) problems.push(`pinned: expected ${c.pinned ?? 'none'}, got ${pinned ?? 'none'}`);
    }
    for (const [name, want] of Object.entries(c.breaker ?? {})) {
      const state = breakerStateToString(breakers.get(RULE, byName.get(name)!.serviceId()).readState());
      if (state !== want) problems.push(`breaker of ${name}: expected ${want}, got ${state}`);
    }
    for (const [name, want] of Object.entries(c.health ?? {})) {
      const id = byName.get(name)!.serviceId();
      const status = later ? laterMonitor?.getHealth(id)?.status : seedMonitor?.getAllHealth().get(id)?.status;
      const state = status === HealthStatus.Unhealthy ? 'unhealthy' : 'healthy';
      if (state !== want) problems.push(`health of ${name}: expected ${want}, got ${state}`);
    }
    return problems;
  };

  const outcomes: StepOutcome[] = [];
  for (const step of script.program) {
    const at = formatPath(step.path);
    if (step.kind === 'advance') {
      clock.advance(step.ms);
      continue;
    }
    const problems: string[] = [];
    try {
      for (let k = 0; k < step.repeat; k++) {
        const got = request(step.session, step.streaming);
        if (step.expect) problems.push(...check(step.expect, got, step.session, k === step.repeat - 1).map((p) => (step.repeat > 1 ? `request ${k + 1} of ${step.repeat}: ${p}` : p)));
      }
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      problems.push(error.message);
    }
    if (step.expect || problems.length > 0) outcomes.push({ at, passed: problems.length === 0, problems });
  }
  return outcomes;
}
