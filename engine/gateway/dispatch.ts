import {
  type Clock,
  createTactic,
  type HealthCheck,
  type HealthMonitor,
  NoHealthyServicesError,
  type Rng,
  Rule,
  selectService,
  type Service,
  type ServiceHealth,
  type Tactic,
} from '../balancer/index.js';
import type { SyntheticProvider } from '../providers/index.js';
import type { GatewayBalancer } from './balancer-seam.js';
import { candidates, type SelectionRecord, tacticReading } from './explain.js';
import { recordFeedback } from './feedback.js';
import type { OutcomeCode } from './outcome.js';
import type { RequestTable } from './request-table.js';
import type { GatewaySink } from './sink.js';
import type { TacticSpec } from './types.js';

/**
 * The seed's balancer in the gateway: `selectService` over the rule's services with the health
 * monitor's `isHealthy` (which may run the probe, on the request path), the rule's tactic and its
 * random stream; after each attempt, the statistics and one health report (recordFeedback). A
 * probe's time delays the request: `probeDelayMs` says how long the last selection spent probing.
 */
export class Dispatcher implements GatewayBalancer {
  readonly watchesFirstTokens = false;
  private readonly rule: Rule;
  private readonly tactic: Tactic;
  private readonly healthCheck: HealthCheck | undefined;
  private readonly serviceIndex = new Map<string, number>();
  /** Time the last selection spent in probes, in ms. */
  probeDelayMs = 0;
  /** isHealthy's answers in the current selection, kept only while explaining. */
  private readonly checks = new Map<string, boolean>();
  private readonly reading: ReturnType<typeof tacticReading>;

  constructor(
    private readonly services: readonly Service[],
    tactic: TacticSpec,
    private readonly rng: Rng,
    private readonly monitor: HealthMonitor | undefined,
    private readonly providers: readonly SyntheticProvider[],
    private readonly sink: GatewaySink,
    private readonly clock: Clock,
    private readonly advanceCurrentService: boolean,
    private readonly table: RequestTable,
    private readonly recordFailureLatency: boolean,
    /** Keep what explainLast() needs (an observer wants each selection explained). */
    private readonly explaining = false,
  ) {
    services.forEach((s, i) => this.serviceIndex.set(s.serviceId(), i));
    this.rule = new Rule({ services: [...services] });
    this.tactic = createTactic(tactic.type, tactic.params);
    this.reading = tacticReading(this.tactic);
    if (monitor) {
      monitor.setProbeFunc((id) => this.probe(id));
      this.healthCheck = {
        isHealthy: (id) => {
          const healthy = monitor.isHealthy(id);
          if (this.explaining) this.checks.set(id, healthy);
          this.sink.healthCheck(this.serviceIndex.get(id)!, healthy, this.clock.now());
          return healthy;
        },
      };
    }
  }

  /** The rule's current service id ('' unless the gateway advances it). */
  get currentServiceId(): string {
    return this.rule.currentServiceId;
  }

  /**
   * Selects a service, among those `eligible` accepts when it is given (the gateway's retry
   * options). Returns its index, or -1 when no service is healthy.
   */
  select(_slot: number, eligible?: (service: number) => boolean): number {
    let rule = this.rule;
    if (eligible) {
      const kept = this.services.filter((_, i) => eligible(i));
      if (kept.length !== this.services.length) rule = new Rule({ services: kept, currentServiceId: this.rule.currentServiceId });
    }
    this.probeDelayMs = 0;
    if (this.explaining) this.checks.clear();
    let chosen: Service;
    try {
      chosen = selectService(rule, this.tactic, this.healthCheck, this.rng);
    } catch (error) {
      if (error instanceof NoHealthyServicesError) return -1;
      throw error;
    }
    const id = chosen.serviceId();
    if (this.advanceCurrentService) this.rule.currentServiceId = id;
    return this.serviceIndex.get(id)!;
  }

  /**
   * The selection that has just run, explained (call right after select(), with the same
   * `eligible`, before anything else happens; reads nothing that changes the run).
   */
  explainLast(picked: number, eligible?: (service: number) => boolean): Omit<SelectionRecord, 'timeMs' | 'request' | 'attempt'> {
    const { records, open } = candidates(this.services, eligible, this.checks, this.monitor, this.reading.read);
    return {
      reading: this.reading.name,
      candidates: records,
      pick: picked < 0 ? null : this.services[picked]!.serviceId(),
      by: picked < 0 ? 'no healthy service' : open >= 2 ? 'tactic' : 'the only healthy service',
    };
  }

  attemptEnded(slot: number, service: number, outcome: OutcomeCode, nowMs: number, body: string | undefined): void {
    recordFeedback(this.services[service]!, this.monitor, this.table, slot, outcome, nowMs, this.recordFailureLatency, body);
  }

  firstToken(): void {}

  healthRecord(serviceId: string): ServiceHealth | null {
    const record = this.monitor?.getAllHealth().get(serviceId);
    return record === undefined ? null : { ...record };
  }

  /** The health monitor's probe: asks the provider, and makes the request wait for the answer. */
  private probe(id: string): boolean {
    const answer = this.providers[this.serviceIndex.get(id)!]!.probe(this.clock.now());
    this.sink.probe();
    this.probeDelayMs += answer.latencyMs;
    return answer.available;
  }
}
