import { type Clock, HealthMonitor, Service, type ServiceHealth, type ServiceStatsSnapshot } from '../balancer/index.js';
import type { LaterServiceHealth } from '../balancer-later/index.js';
import { type AttemptScheduler, type FailureStatus, SyntheticProvider } from '../providers/index.js';
import { type EventHandler, Kernel, Stream, streamRng, uniformAt } from '../sim/index.js';
import { type RequestAttributes, RequestSource } from '../workload/index.js';
import { type GatewayBalancer, SEED_VERSION } from './balancer-seam.js';
import { Dispatcher } from './dispatch.js';
import type { SelectionRecord } from './explain.js';
import { GatewayRetryPolicy, laterFailover } from './gateway-retry.js';
import { LaterDispatcher } from './later-dispatch.js';
import { Outcome, type OutcomeCode } from './outcome.js';
import type { GatewayPlan } from './plan.js';
import { RequestTable } from './request-table.js';
import { sdkRetries, sdkRetryDelayMs } from './sdk-retry.js';
import type { GatewaySink } from './sink.js';

/** Event kinds of the dispatch loop. */
const Event = {
  Arrival: 1,
  /** A try's answer reaches the gateway (ref: request slot, tag: generation). */
  TryEnd: 2,
  /** The gateway's request timeout for an attempt (ref: slot, tag: attempt serial). */
  Timeout: 3,
  /** A failed request makes another gateway attempt (ref: slot, tag: generation). */
  Retry: 4,
  /** An attempt leaves after selection's probes (ref: slot, tag: generation). */
  Send: 5,
  /** The SDK tries the same service again (ref: slot, tag: generation). */
  SdkRetry: 6,
  /** A streamed try's first token reaches the client (v0.260819.0's failover gate commits; ref: slot, tag: generation). */
  FirstToken: 7,
} as const;

/** What the dispatch loop itself reports at the end of a run. Plain data, JSON-serialisable. */
export interface GatewayRunResult {
  /** Every request, warm-up included: arrivals = successes + failures once the run has drained. */
  totals: { arrivals: number; successes: number; failures: number; events: number; simulatedMs: number };
  /** The rule's current service id at the end ('' unless the gateway advances it). */
  currentServiceId: string;
  /** What the balancer held at the end, per service id: its statistics, and its health record (null: none, or no monitor). */
  balancer: Record<string, { stats: ServiceStatsSnapshot; health: ServiceHealth | LaterServiceHealth | null }>;
}

/** One finished request, for observers in tests and tools. */
export interface RequestRecord {
  index: number;
  arrivalMs: number;
  outcome: OutcomeCode;
  attempts: number;
  /** Service ids of the attempts, in order. */
  services: string[];
  endMs: number;
  /** The request's session (-1: none). */
  session: number;
}

/** One finished gateway attempt (one selection, one outcome the balancer sees), for observers in tests and tools. */
export interface AttemptRecord {
  index: number;
  attempt: number;
  service: string;
  outcome: OutcomeCode;
  sendMs: number;
  /** Provider tries it took (1 + the SDK's retries). */
  tries: number;
  /** Output tokens it delivered (a broken stream's partial output included). */
  deliveredTokens: number;
}

/** One finished provider try (an HTTP request the SDK sent), for observers in tests and tools. */
export interface TryRecord {
  index: number;
  attempt: number;
  /** 0 for the attempt's first try, then one per SDK retry. */
  try: number;
  service: string;
  outcome: OutcomeCode;
  sendMs: number;
  endMs: number;
  /** Wait for a provider slot, in ms (-1: never served). */
  queueWaitMs: number;
  /** First token minus start of service, in ms (served tries). */
  serviceTtftMs: number;
  /** End minus start of service, in ms (served tries). */
  serviceMs: number;
  /** The SDK's wait before the next try, in ms (-1: no retry follows). */
  retryDelayMs: number;
  inputTokens: number;
  /** Output tokens it delivered (a broken stream's partial output included). */
  deliveredTokens: number;
  streaming: boolean;
  /** First token minus send, in ms, as the client saw it (-1: no first token). */
  ttftMs: number;
}

/** Optional observers; the engine calls them and never prints. */
export interface RunObservers {
  onRequest?: (record: RequestRecord) => void;
  onAttempt?: (record: AttemptRecord) => void;
  onTry?: (record: TryRecord) => void;
  /** Each selection, explained (costs time: only for `--explain`). */
  onSelect?: (record: SelectionRecord) => void;
}

/**
 * The gateway's dispatch loop around the real balancer: select (the Dispatcher) -> send to the
 * synthetic provider, through the SDK's retries on the same service -> record statistics and
 * report health once, after the last try (recordFeedback) -> another attempt when the gateway's
 * retry options say so (GatewayRetryPolicy). With the default options it is exactly the upstream
 * wiring: the SDK's 2 retries, no retry across services, failures feed latency samples, the
 * current service id never moves. Everything it observes goes to the sink.
 */
export class GatewaySimulation implements EventHandler, AttemptScheduler {
  private readonly kernel: Kernel;
  private readonly clock: Clock;
  private readonly services: Service[];
  private readonly balancer: GatewayBalancer;
  private readonly retries: GatewayRetryPolicy;
  private readonly providers: SyntheticProvider[];
  private readonly table: RequestTable;
  private readonly source: RequestSource;
  private readonly attributes: RequestAttributes = { inputTokens: 0, outputTokens: 0, session: -1, streaming: false };
  private nextIndex = 0;
  private arrivals = 0;
  private successes = 0;
  private failures = 0;

  constructor(
    private readonly plan: GatewayPlan,
    private readonly sink: GatewaySink,
    private readonly observers: RunObservers = {},
  ) {
    const { seed, gateway } = plan;
    this.kernel = new Kernel(plan.limits);
    this.clock = this.kernel.clock;
    this.services = plan.services.map((config) => new Service(config, this.clock));
    // v0.260819.0 fails over across its active services: its attempts are those of its failover, not the options'.
    const retryOptions = gateway.version === SEED_VERSION ? gateway : laterFailover(gateway, plan.services.filter((s) => s.active).length);
    this.table = new RequestTable(Math.max(1, retryOptions.maxAttempts));
    this.providers = plan.providers.map((model, i) => new SyntheticProvider(model, i, seed, this.table, this, plan.sessions, gateway.probeTimeoutMs));
    this.source = new RequestSource(plan.workload, seed, plan.durationMs);
    const rng = streamRng(seed, 'tactic');
    const explaining = observers.onSelect !== undefined;
    if (gateway.version === SEED_VERSION) {
      const monitor = plan.health ? new HealthMonitor(plan.health, this.clock) : undefined;
      this.balancer = new Dispatcher(this.services, plan.tactic, rng, monitor, this.providers, sink, this.clock, gateway.advanceCurrentService, this.table, gateway.recordFailureLatency, explaining);
    } else {
      this.balancer = new LaterDispatcher(this.services, plan.tactic, plan.health, rng, this.providers, sink, this.clock, this.table, gateway, plan.tiers);
    }
    this.retries = new GatewayRetryPolicy(retryOptions, this.services.length);
  }

  /** Runs the replication to the end (arrivals stop at the duration, then in-flight requests drain). */
  run(): GatewayRunResult {
    const first = this.source.nextArrivalMs();
    if (Number.isFinite(first)) this.kernel.schedule(first, Event.Arrival, 0);
    this.kernel.run(this);
    return {
      totals: { arrivals: this.arrivals, successes: this.successes, failures: this.failures, events: this.kernel.eventsHandled, simulatedMs: this.clock.now() },
      currentServiceId: this.balancer.currentServiceId,
      balancer: Object.fromEntries(
        this.services.map((service) => {
          return [service.serviceId(), { stats: service.stats.getStats(), health: this.balancer.healthRecord(service.serviceId()) }];
        }),
      ),
    };
  }

  handle(kind: number, ref: number, tag: number): void {
    const t = this.table;
    switch (kind) {
      case Event.Arrival:
        return this.onArrival();
      case Event.TryEnd:
        if (tag === t.generation[ref]) this.onTryEnd(ref);
        return;
      case Event.Timeout:
        if (tag === t.attemptSerial[ref]) this.onTimeout(ref);
        return;
      case Event.Retry:
        if (tag === t.generation[ref]) this.dispatch(ref);
        return;
      case Event.FirstToken:
        if (tag === t.generation[ref]) this.balancer.firstToken(ref, t.service[ref]!);
        return;
      case Event.Send:
        if (tag === t.generation[ref]) this.send(ref, t.service[ref]!);
        return;
      case Event.SdkRetry:
        if (tag === t.generation[ref]) {
          t.tryIndex[ref]!++;
          this.sendTry(ref, this.clock.now());
        }
        return;
    }
  }

  /** AttemptScheduler: the provider tells when a try's answer arrives. */
  scheduleEnd(timeMs: number, slot: number, generation: number): void {
    this.kernel.schedule(timeMs, Event.TryEnd, slot, generation);
    const t = this.table;
    if (this.balancer.watchesFirstTokens && t.streamStarted[slot] === 1) this.kernel.schedule(t.firstTokenMs[slot]!, Event.FirstToken, slot, generation);
  }

  private onArrival(): void {
    const now = this.clock.now();
    const t = this.table;
    const slot = t.allocate();
    const index = this.nextIndex++;
    this.arrivals++;
    this.source.fill(index, this.attributes);
    t.index[slot] = index;
    t.arrivalMs[slot] = now;
    t.inputTokens[slot] = this.attributes.inputTokens;
    t.outputTokens[slot] = this.attributes.outputTokens;
    t.session[slot] = this.attributes.session;
    t.streaming[slot] = this.attributes.streaming ? 1 : 0;
    t.measured[slot] = now >= this.plan.warmupMs ? 1 : 0;
    t.attempt[slot] = 0;
    t.costDollars[slot] = 0;
    t.streamStarted[slot] = 0;
    t.cacheHit[slot] = 0;
    this.sink.arrival(now, t.measured[slot] === 1);
    this.dispatch(slot);
    const next = this.source.nextArrivalMs();
    if (Number.isFinite(next)) this.kernel.schedule(next, Event.Arrival, 0);
  }

  /** Selects a service for the request's current attempt and sends it (after any probe time). */
  private dispatch(slot: number): void {
    const now = this.clock.now();
    const t = this.table;
    const eligible = this.retries.narrows(t.attempt[slot]!) ? (i: number) => this.retries.eligible(i, now, t.wasTried(slot, i)) : undefined;
    const service = this.balancer.select(slot, eligible);
    if (this.observers.onSelect) this.observers.onSelect({ timeMs: now, request: t.index[slot]!, attempt: t.attempt[slot]!, ...this.balancer.explainLast(service, eligible) });
    if (service < 0) {
      this.endRequest(slot, Outcome.NoHealthy, now);
      return;
    }
    if (this.balancer.probeDelayMs > 0) {
      t.service[slot] = service;
      this.kernel.schedule(now + this.balancer.probeDelayMs, Event.Send, slot, t.generation[slot]!);
    } else {
      this.send(slot, service);
    }
  }

  /** Starts a gateway attempt at `service`: its first try goes out now, its deadline (if any) starts. */
  private send(slot: number, service: number): void {
    const now = this.clock.now();
    const t = this.table;
    t.service[slot] = service;
    t.markTried(slot, service);
    t.sendMs[slot] = now;
    t.tryIndex[slot] = 0;
    t.attemptSerial[slot]!++;
    this.sink.attemptSent(service, now, t.measured[slot] === 1);
    this.sendTry(slot, now);
    const timeoutMs = this.plan.gateway.requestTimeoutMs;
    if (Number.isFinite(timeoutMs)) this.kernel.schedule(now + timeoutMs, Event.Timeout, slot, t.attemptSerial[slot]!);
  }

  /** Sends the attempt's current try to its service. */
  private sendTry(slot: number, now: number): void {
    const t = this.table;
    const service = t.service[slot]!;
    t.generation[slot]!++;
    t.trySendMs[slot] = now;
    t.atProvider[slot] = 1;
    this.sink.trySent(service, now);
    this.providers[service]!.accept(slot, now);
  }

  /** A try's answer arrived: the SDK retries it on the same service, or the attempt is over. */
  private onTryEnd(slot: number): void {
    const now = this.clock.now();
    const t = this.table;
    const service = t.service[slot]!;
    if (t.startMs[slot]! >= 0) this.providers[service]!.finish(slot, now);
    const outcome = t.status[slot]!;
    let delayMs = -1;
    if (outcome !== Outcome.Ok && t.tryIndex[slot]! < this.plan.gateway.clientRetries && t.streamStarted[slot] === 0 && sdkRetries(outcome)) {
      delayMs = sdkRetryDelayMs(t.tryIndex[slot]!, t.retryAfterMs[slot]!, uniformAt(this.plan.seed, Stream.RetryJitter, t.index[slot]!, t.drawKey(slot)));
    }
    this.tryEnded(slot, service, outcome, now, delayMs);
    if (delayMs >= 0) {
      this.kernel.schedule(now + delayMs, Event.SdkRetry, slot, t.generation[slot]!);
      return;
    }
    this.attemptEnded(slot, service, outcome);
  }

  /** The attempt's deadline passed: the try in flight (or the SDK's wait) is abandoned, and the attempt ends as a timeout. */
  private onTimeout(slot: number): void {
    const now = this.clock.now();
    const t = this.table;
    const service = t.service[slot]!;
    if (t.atProvider[slot] === 1) {
      this.providers[service]!.cancel(slot, now);
      t.status[slot] = Outcome.Timeout;
      t.endMs[slot] = now;
      this.tryEnded(slot, service, Outcome.Timeout, now, -1);
    }
    t.generation[slot]!++; // the provider's pending answer, or the SDK's pending retry, turns stale
    t.status[slot] = Outcome.Timeout;
    t.startMs[slot] = -1;
    this.attemptEnded(slot, service, Outcome.Timeout);
  }

  /** Accounts for a finished try: its bill, the sink, the observer. */
  private tryEnded(slot: number, service: number, outcome: OutcomeCode, now: number, retryDelayMs: number): void {
    const t = this.table;
    t.atProvider[slot] = 0;
    const cost = this.providers[service]!.billOf(slot);
    t.costDollars[slot]! += cost;
    const start = t.startMs[slot]!;
    const queueWaitMs = start >= 0 ? start - t.trySendMs[slot]! : -1;
    this.sink.tryEnded(service, outcome, queueWaitMs, cost, t.measured[slot] === 1);
    if (this.observers.onTry) {
      this.observers.onTry({
        index: t.index[slot]!,
        attempt: t.attempt[slot]!,
        try: t.tryIndex[slot]!,
        service: this.services[service]!.serviceId(),
        outcome,
        sendMs: t.trySendMs[slot]!,
        endMs: now,
        queueWaitMs,
        serviceTtftMs: start >= 0 ? t.firstTokenMs[slot]! - start : -1,
        serviceMs: start >= 0 ? now - start : -1,
        retryDelayMs,
        inputTokens: t.inputTokens[slot]!,
        deliveredTokens: t.delivered[slot]!,
        streaming: t.streaming[slot] === 1,
        ttftMs: start >= 0 && (outcome === Outcome.Ok || t.streamStarted[slot] === 1) && t.firstTokenMs[slot]! <= now ? t.firstTokenMs[slot]! - t.trySendMs[slot]! : -1,
      });
    }
  }

  /** The attempt is over: the balancer hears of it once, then the request retries on another attempt or ends. */
  private attemptEnded(slot: number, service: number, outcome: OutcomeCode): void {
    const now = this.clock.now();
    const t = this.table;
    t.attemptSerial[slot]!++; // the attempt's deadline turns stale
    const body = outcome > 0 ? this.plan.providers[service]!.errorText[outcome as FailureStatus] : undefined;
    this.balancer.attemptEnded(slot, service, outcome, now, body);
    this.sink.attemptEnded(service, outcome, now, now - t.sendMs[slot]!, t.measured[slot] === 1);
    if (this.observers.onAttempt) {
      const delivered = outcome === Outcome.Ok || t.streamStarted[slot] === 1 ? t.delivered[slot]! : 0;
      this.observers.onAttempt({
        index: t.index[slot]!,
        attempt: t.attempt[slot]!,
        service: this.services[service]!.serviceId(),
        outcome,
        sendMs: t.sendMs[slot]!,
        tries: t.tryIndex[slot]! + 1,
        deliveredTokens: delivered,
      });
    }
    const delayMs = this.retries.afterAttempt(service, outcome, t.attempt[slot]!, t.retryAfterMs[slot]!, now);
    if (delayMs >= 0) {
      t.attempt[slot]!++;
      this.kernel.schedule(now + delayMs, Event.Retry, slot, t.generation[slot]!);
      return;
    }
    this.endRequest(slot, outcome, now);
  }

  private endRequest(slot: number, outcome: OutcomeCode, now: number): void {
    const t = this.table;
    const success = outcome === Outcome.Ok;
    const arrival = t.arrivalMs[slot]!;
    this.sink.requestEnded(
      outcome,
      now,
      t.measured[slot] === 1,
      now - arrival,
      success && t.streamStarted[slot] === 1 ? t.firstTokenMs[slot]! - arrival : -1, // a non-streamed answer has no first token of its own
      success ? t.outputTokens[slot]! : 0,
      success && t.cacheHit[slot] === 1,
      t.session[slot]!,
      t.service[slot]!,
    );
    if (success) this.successes++;
    else this.failures++;
    if (this.observers.onRequest) {
      const attempts = outcome === Outcome.NoHealthy ? t.attempt[slot]! : t.attempt[slot]! + 1;
      this.observers.onRequest({
        index: t.index[slot]!,
        arrivalMs: arrival,
        outcome,
        attempts,
        services: Array.from({ length: attempts }, (_, k) => this.services[t.triedAt(slot, k)]!.serviceId()),
        endMs: now,
        session: t.session[slot]!,
      });
    }
    t.release(slot);
  }
}
