/**
 * The balancer of tingly-box v0.260819.0 in the gateway (spec upstream-later.md): selection by
 * the LaterSelector (a failover hop among the services the request has not tried), and after
 * each hop what that version reports: statistics measured from the request's start, the narrowed
 * health reports (a 429 holds the service, an auth error marks it, a success recovers it; 5xx and
 * timeouts are not its business) and, when the rule has more than one active service, the
 * rule-scoped breaker (a failure for 429/500/502/503/504, timeouts and connection errors, which
 * upstream sees as 500; a success when a stream's first chunk reaches the client).
 */
import { type Clock, HealthStatus, type Rng, type Service } from '../balancer/index.js';
import { BREAKER_DEFAULTS, BreakerStore, LaterHealthMonitor, type LaterServiceHealth, LaterSelector, laterTactic, PinStore } from '../balancer-later/index.js';
import type { SyntheticProvider } from '../providers/index.js';
import type { GatewayBalancer } from './balancer-seam.js';
import { candidates, type SelectionRecord } from './explain.js';
import { healthReportOf, SAMPLE_WINDOW } from './feedback.js';
import { laterFailsOverOn } from './gateway-retry.js';
import { Outcome, type OutcomeCode } from './outcome.js';
import type { RequestTable } from './request-table.js';
import type { GatewaySink } from './sink.js';
import type { GatewayOptions, HealthSetting, TacticSpec } from './types.js';


/** The rule's id: one rule per scenario. */
const RULE = 'rule';

export class LaterDispatcher implements GatewayBalancer {
  readonly probeDelayMs = 0;
  readonly currentServiceId = '';
  readonly watchesFirstTokens: boolean;
  private readonly monitor: LaterHealthMonitor | undefined;
  private readonly selector: LaterSelector;
  private readonly serviceIndex = new Map<Service, number>();

  constructor(
    private readonly services: readonly Service[],
    tactic: TacticSpec,
    health: HealthSetting['config'],
    rng: Rng,
    private readonly providers: readonly SyntheticProvider[],
    private readonly sink: GatewaySink,
    private readonly clock: Clock,
    private readonly table: RequestTable,
    private readonly options: GatewayOptions,
    tiers: readonly number[],
  ) {
    services.forEach((s, i) => this.serviceIndex.set(s, i));
    this.monitor = health ? new LaterHealthMonitor({ recoveryTimeoutSeconds: health.recoveryTimeoutSeconds, probeEnabled: health.probeEnabled }, clock) : undefined;
    // The probe splits "provider/model" on ":" and finds no provider, so it always fails (the quirk); `probe_finds_provider` asks the provider.
    this.monitor?.setProbeFunc((id) => options.probeFindsProvider && this.providers[this.services.findIndex((s) => s.serviceId() === id)]!.probe(this.clock.now()).available);
    this.selector = new LaterSelector(services, laterTactic(tactic.type, tactic.params), this.monitor, new BreakerStore(clock, { ...BREAKER_DEFAULTS, recoveryThreshold: options.breakerRecoverySuccesses, promotionHoldMs: options.promotionHoldMs }), new PinStore(clock), rng, {
      rule: RULE,
      affinityTtlMs: options.sessionAffinityMs,
      promotionHoldMs: options.promotionHoldMs,
      tierOf: (s) => tiers[this.serviceIndex.get(s)!] ?? 0,
    });
    this.watchesFirstTokens = this.selector.failsOver;
  }

  select(slot: number, eligible: ((service: number) => boolean) | undefined): number {
    const t = this.table;
    const session = t.session[slot]!;
    const chosen = t.attempt[slot]! === 0 ? this.selector.select(session >= 0 ? `session:${session}` : 'client-ip') : this.selector.selectFallback((s) => !(eligible?.(this.serviceIndex.get(s)!) ?? true));
    // What keeps a service out of selection at this version: its health record, or its open breaker.
    const now = this.clock.now();
    for (const [i, s] of this.services.entries()) this.sink.healthCheck(i, this.open(s), now);
    return chosen === undefined ? -1 : this.serviceIndex.get(chosen)!;
  }

  attemptEnded(slot: number, service: number, outcome: OutcomeCode, nowMs: number, body: string | undefined): void {
    const t = this.table;
    const s = this.services[service]!;
    const success = outcome === Outcome.Ok;
    const streamed = t.streamStarted[slot] === 1;
    const delivered = t.delivered[slot]!;
    s.recordUsage(success || streamed ? t.inputTokens[slot]! : 0, success || streamed ? delivered : 0);
    const stats = s.stats;
    // Latency from the request's start, so a hop's sample includes the earlier hops (the quirk); TTFT only with a first token.
    const start = t.arrivalMs[slot]!;
    if (success || this.options.recordFailureLatency) {
      const latencyMs = Math.floor(nowMs - start);
      if (latencyMs > 0) stats.recordLatency(latencyMs, SAMPLE_WINDOW);
      if (streamed) {
        const ttftMs = Math.floor(t.firstTokenMs[slot]! - start);
        if (ttftMs > 0) stats.recordTTFT(ttftMs, SAMPLE_WINDOW);
      }
    }
    stats.recordCacheHit(success && t.cacheHit[slot] === 1);
    if (streamed && delivered > 1) {
      const seconds = (Math.min(nowMs, t.endMs[slot]!) - t.firstTokenMs[slot]!) / 1000;
      if (seconds > 0) stats.recordTokenSpeed((delivered - 1) / seconds, SAMPLE_WINDOW);
    }
    // A stream's breaker success came with its first token (firstToken).
    reportLaterHop(this.selector, this.monitor, s, outcome, body, streamed ? false : this.options.nonStreamSuccessCounts);
  }

  firstToken(_slot: number, service: number): void {
    this.selector.breakerOf(this.services[service]!).recordSuccess();
  }

  /** Not held by its health record and not behind an open breaker. */
  private open(s: Service): boolean {
    return this.monitor?.getHealth(s.serviceId())?.status !== HealthStatus.Unhealthy && this.selector.breakerOf(s).isAvailable();
  }

  explainLast(picked: number, eligible: ((service: number) => boolean) | undefined): Omit<SelectionRecord, 'timeMs' | 'request' | 'attempt'> {
    const checks = new Map(this.services.map((s) => [s.serviceId(), this.open(s)]));
    const { records } = candidates(this.services, eligible, checks, undefined, () => []);
    return { reading: `how v0.260819.0 picked: ${this.selector.lastPick ?? 'nothing'}`, candidates: records, pick: picked < 0 ? null : this.services[picked]!.serviceId(), by: picked < 0 ? 'no healthy service' : 'tactic' };
  }

  healthRecord(serviceId: string): LaterServiceHealth | null {
    const record = this.monitor?.getHealth(serviceId);
    return record === undefined ? null : { ...record };
  }
}

/**
 * What one hop tells v0.260819.0's breaker and health monitor: with more than one active service,
 * a breaker failure for 429/5xx/timeouts/connection errors, and a breaker success when `success
 * counts` (a stream's first chunk reaching the client, or a non-streamed success with the option);
 * to the monitor, by the error's text, a rate limit, an auth error or a success (5xx and timeouts
 * are not its business).
 */
export function reportLaterHop(selector: LaterSelector, monitor: LaterHealthMonitor | undefined, s: Service, outcome: OutcomeCode, body: string | undefined, successCounts: boolean): void {
  if (selector.failsOver) {
    const breaker = selector.breakerOf(s);
    if (laterFailsOverOn(outcome)) breaker.recordFailure();
    else if (outcome === Outcome.Ok && successCounts) breaker.recordSuccess();
  }
  if (!monitor) return;
  const report = healthReportOf(outcome, body);
  if (report === 'rate_limit') monitor.reportRateLimit(s.serviceId());
  else if (report === 'auth_error') monitor.reportAuthError(s.serviceId());
  else if (report === 'success') monitor.reportSuccess(s.serviceId());
}
