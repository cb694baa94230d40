import {
  type Clock,
  createTactic,
  type HealthCheck,
  HealthMonitor,
  NoHealthyServicesError,
  type Rng,
  Rule,
  type ServiceHealth,
  type ServiceStatsSnapshot,
  selectService,
  Service,
  type Tactic,
} from '../balancer/index.js';
import { type CollectorService, MetricsCollector } from '../metrics/collector.js';
import type { IncidentMetrics, RunMetrics, TimeSeries } from '../metrics/types.js';
import { type AttemptScheduler, SyntheticProvider } from '../providers/synthetic-provider.js';
import type { GatewayOptions, HealthSetting, Scenario, TacticSpec } from '../scenario/model.js';
import { Sampler } from '../sim/distributions.js';
import { type EventHandler, Kernel } from '../sim/kernel.js';
import { Stream, streamRng, uniformAt } from '../sim/random.js';
import { RequestTable } from '../sim/request-table.js';
import { Status } from '../sim/status.js';
import { type RequestAttributes, RequestSource } from '../workload/request-source.js';
import { sdkRetries, sdkRetryDelayMs } from './sdk-retry.js';

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
} as const;

/** Sample window the gateway records latency, TTFT and speed with (hard-coded upstream). */
const SAMPLE_WINDOW = 100;

/** What one run simulates: one cell of the comparison, one seed. */
export interface RunSetup {
  tactic: TacticSpec;
  health: HealthSetting;
  gatewayName: string;
  gateway: GatewayOptions;
  seed: number;
}

/** Everything one run produced. Plain data, JSON-serialisable. */
export interface RunResult {
  metrics: RunMetrics;
  incidents: IncidentMetrics[];
  timeSeries: TimeSeries;
  /** Every request, warm-up included: arrivals = successes + failures once the run has drained. */
  totals: { arrivals: number; successes: number; failures: number; events: number; simulatedMs: number };
  /** The rule's current service id at the end ('' unless the gateway advances it). */
  currentServiceId: string;
  /** What the balancer held at the end, per service id: its statistics, and its health record (null: none, or no monitor). */
  balancer: Record<string, { stats: ServiceStatsSnapshot; health: ServiceHealth | null }>;
}

/** One finished request, for observers in tests and tools. */
export interface RequestRecord {
  index: number;
  arrivalMs: number;
  status: number;
  attempts: number;
  /** Service ids of the attempts, in order. */
  services: string[];
  endMs: number;
}

/** One finished gateway attempt (one selection, one outcome the balancer sees), for observers in tests and tools. */
export interface AttemptRecord {
  index: number;
  attempt: number;
  service: string;
  status: number;
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
  status: number;
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
}

/** Optional observers; the engine calls them and never prints. */
export interface RunObservers {
  onRequest?: (record: RequestRecord) => void;
  onAttempt?: (record: AttemptRecord) => void;
  onTry?: (record: TryRecord) => void;
}

/**
 * The error text the health monitor is given. Upstream classifies by text (section 5): the SDKs'
 * messages carry the status ("429 Too Many Requests"), so classifying by status, as here, is the
 * same; none of these texts contains "429", "rate limit", "401", "403" or their words.
 */
const ERROR_TEXT = new Map<number, string>([
  [Status.Timeout, 'timeout'],
  [Status.StreamError, 'stream error: connection closed mid-stream'],
  [409, 'HTTP 409 conflict'],
  [408, 'HTTP 408 request timeout'],
  [500, 'HTTP 500 internal server error'],
  [502, 'HTTP 502 bad gateway'],
  [503, 'HTTP 503 service unavailable'],
  [504, 'HTTP 504 gateway timeout'],
]);

/**
 * The gateway's dispatch loop around the real balancer: select (selectService with the health
 * monitor, which may probe) -> send to the synthetic provider, through the SDK's retries on the
 * same service -> record statistics and report health once, after the last try -> retry on
 * another attempt when the options say so. With the default options it is exactly the upstream
 * wiring: the SDK's 2 retries, no retry across services, failures feed latency samples, the
 * current service id never moves.
 */
export class GatewaySimulation implements EventHandler, AttemptScheduler {
  private readonly kernel: Kernel;
  private readonly clock: Clock;
  private readonly services: Service[];
  private readonly serviceIndex = new Map<string, number>();
  private readonly rule: Rule;
  private readonly tactic: Tactic;
  private readonly tacticRng: Rng;
  private readonly monitor: HealthMonitor | undefined;
  private readonly healthCheck: HealthCheck | undefined;
  private readonly providers: SyntheticProvider[];
  private readonly table: RequestTable;
  private readonly source: RequestSource;
  private readonly metrics: MetricsCollector;
  private readonly options: GatewayOptions;
  private readonly retryable: Set<number>;
  private readonly cooldownUntilMs: Float64Array;
  private readonly attributes: RequestAttributes = { inputTokens: 0, outputTokens: 0, session: -1, streaming: false };
  private readonly seed: number;
  private probeDelayMs = 0;
  private nextIndex = 0;
  private arrivals = 0;
  private successes = 0;
  private failures = 0;

  constructor(
    private readonly scenario: Scenario,
    setup: RunSetup,
    private readonly observers: RunObservers = {},
  ) {
    const { seed } = setup;
    this.seed = seed;
    this.options = setup.gateway;
    this.kernel = new Kernel(scenario.limits);
    this.clock = this.kernel.clock;
    this.services = scenario.services.map((spec, i) => {
      const service = new Service(spec, this.clock);
      this.serviceIndex.set(service.serviceId(), i);
      return service;
    });
    this.rule = new Rule({ services: this.services });
    this.tactic = createTactic(setup.tactic.type, setup.tactic.params);
    this.tacticRng = streamRng(seed, 'tactic');
    this.table = new RequestTable(Math.max(1, this.options.maxAttempts));
    const sessions = sessionCount(scenario);
    this.providers = scenario.services.map(
      (spec, i) => new SyntheticProvider(spec.behavior, i, seed, this.table, this, sessions, this.options.probeTimeoutMs),
    );
    this.source = new RequestSource(scenario.workload, seed, scenario.durationMs);
    this.metrics = new MetricsCollector(collectorServices(scenario), scenario.bucketMs, scenario.durationMs - scenario.warmupMs);
    this.retryable = new Set(this.options.retryOn.map((s) => (s === 'timeout' ? Status.Timeout : s)));
    this.cooldownUntilMs = new Float64Array(this.services.length);
    if (setup.health.config) {
      const monitor = new HealthMonitor(setup.health.config, this.clock);
      monitor.setProbeFunc((id) => this.probe(id));
      this.monitor = monitor;
      this.healthCheck = {
        isHealthy: (id) => {
          const healthy = monitor.isHealthy(id);
          this.metrics.healthCheck(this.serviceIndex.get(id)!, healthy, this.clock.now());
          return healthy;
        },
      };
    }
  }

  /** Runs the replication to the end (arrivals stop at the duration, then in-flight requests drain). */
  run(): RunResult {
    const first = this.source.nextArrivalMs();
    if (Number.isFinite(first)) this.kernel.schedule(first, Event.Arrival, 0);
    this.kernel.run(this);
    const { metrics, incidents, timeSeries } = this.metrics.finish();
    return {
      metrics,
      incidents,
      timeSeries,
      totals: {
        arrivals: this.arrivals,
        successes: this.successes,
        failures: this.failures,
        events: this.kernel.eventsHandled,
        simulatedMs: this.clock.now(),
      },
      currentServiceId: this.rule.currentServiceId,
      balancer: Object.fromEntries(
        this.services.map((service) => {
          const record = this.monitor?.getAllHealth().get(service.serviceId());
          return [service.serviceId(), { stats: service.stats.getStats(), health: record === undefined ? null : { ...record } }];
        }),
      ),
    };
  }

  handle(kind: number, ref: number, tag: number): void {
    switch (kind) {
      case Event.Arrival:
        return this.onArrival();
      case Event.TryEnd:
        if (tag === this.table.generation[ref]) this.onTryEnd(ref);
        return;
      case Event.Timeout:
        if (tag === this.table.attemptSerial[ref]) this.onTimeout(ref);
        return;
      case Event.Retry:
        if (tag === this.table.generation[ref]) this.dispatch(ref);
        return;
      case Event.Send:
        if (tag === this.table.generation[ref]) this.send(ref, this.table.service[ref]!);
        return;
      case Event.SdkRetry:
        if (tag === this.table.generation[ref]) {
          this.table.tryIndex[ref]!++;
          this.sendTry(ref, this.clock.now());
        }
        return;
    }
  }

  /** AttemptScheduler: the provider tells when a try's answer arrives. */
  scheduleEnd(timeMs: number, slot: number, generation: number): void {
    this.kernel.schedule(timeMs, Event.TryEnd, slot, generation);
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
    t.measured[slot] = now >= this.scenario.warmupMs ? 1 : 0;
    t.attempt[slot] = 0;
    t.costDollars[slot] = 0;
    t.streamStarted[slot] = 0;
    t.cacheHit[slot] = 0;
    this.metrics.arrival(now, t.measured[slot] === 1);
    this.dispatch(slot);
    const next = this.source.nextArrivalMs();
    if (Number.isFinite(next)) this.kernel.schedule(next, Event.Arrival, 0);
  }

  /** Selects a service for the request's current attempt and sends it (after any probe time). */
  private dispatch(slot: number): void {
    const now = this.clock.now();
    const service = this.select(slot, now);
    if (service < 0) {
      this.endRequest(slot, Status.NoHealthy, now);
      return;
    }
    if (this.probeDelayMs > 0) {
      this.table.service[slot] = service;
      this.kernel.schedule(now + this.probeDelayMs, Event.Send, slot, this.table.generation[slot]!);
    } else {
      this.send(slot, service);
    }
  }

  /** The index of the selected service, or -1 when none is healthy. */
  private select(slot: number, now: number): number {
    let rule = this.rule;
    const { excludeTried, honorRetryAfter } = this.options;
    if ((excludeTried && this.table.attempt[slot]! > 0) || honorRetryAfter) {
      const eligible = this.services.filter(
        (_, i) => !(excludeTried && this.table.wasTried(slot, i)) && !(honorRetryAfter && this.cooldownUntilMs[i]! > now),
      );
      if (eligible.length !== this.services.length) rule = new Rule({ services: eligible, currentServiceId: this.rule.currentServiceId });
    }
    this.probeDelayMs = 0;
    let chosen: Service;
    try {
      chosen = selectService(rule, this.tactic, this.healthCheck, this.tacticRng);
    } catch (error) {
      if (error instanceof NoHealthyServicesError) return -1;
      throw error;
    }
    const id = chosen.serviceId();
    if (this.options.advanceCurrentService) this.rule.currentServiceId = id;
    return this.serviceIndex.get(id)!;
  }

  /** The health monitor's probe: asks the provider, and makes the request wait for the answer. */
  private probe(id: string): boolean {
    const answer = this.providers[this.serviceIndex.get(id)!]!.probe(this.clock.now());
    this.metrics.probe();
    this.probeDelayMs += answer.latencyMs;
    return answer.available;
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
    this.metrics.attemptSent(service, now, t.measured[slot] === 1);
    this.sendTry(slot, now);
    if (Number.isFinite(this.options.requestTimeoutMs)) {
      this.kernel.schedule(now + this.options.requestTimeoutMs, Event.Timeout, slot, t.attemptSerial[slot]!);
    }
  }

  /** Sends the attempt's current try to its service. */
  private sendTry(slot: number, now: number): void {
    const t = this.table;
    const service = t.service[slot]!;
    t.generation[slot]!++;
    t.trySendMs[slot] = now;
    t.atProvider[slot] = 1;
    this.metrics.trySent(service, now);
    this.providers[service]!.accept(slot, now);
  }

  /** A try's answer arrived: the SDK retries it on the same service, or the attempt is over. */
  private onTryEnd(slot: number): void {
    const now = this.clock.now();
    const t = this.table;
    const service = t.service[slot]!;
    if (t.startMs[slot]! >= 0) this.providers[service]!.finish(slot, now);
    const status = t.status[slot]!;
    let delayMs = -1;
    if (status !== Status.Success && t.tryIndex[slot]! < this.options.clientRetries && t.streamStarted[slot] === 0 && sdkRetries(status)) {
      delayMs = sdkRetryDelayMs(t.tryIndex[slot]!, t.retryAfterMs[slot]!, uniformAt(this.seed, Stream.RetryJitter, t.index[slot]!, t.drawKey(slot)));
    }
    this.tryEnded(slot, service, status, now, delayMs);
    if (delayMs >= 0) {
      this.kernel.schedule(now + delayMs, Event.SdkRetry, slot, t.generation[slot]!);
      return;
    }
    this.feedback(slot, service, status);
  }

  /** The attempt's deadline passed: the try in flight (or the SDK's wait) is abandoned, and the attempt ends as a timeout. */
  private onTimeout(slot: number): void {
    const now = this.clock.now();
    const t = this.table;
    const service = t.service[slot]!;
    if (t.atProvider[slot] === 1) {
      this.providers[service]!.cancel(slot, now);
      t.status[slot] = Status.Timeout;
      t.endMs[slot] = now;
      this.tryEnded(slot, service, Status.Timeout, now, -1);
    }
    t.generation[slot]!++; // the provider's pending answer, or the SDK's pending retry, turns stale
    t.status[slot] = Status.Timeout;
    t.startMs[slot] = -1;
    this.feedback(slot, service, Status.Timeout);
  }

  /** Accounts for a finished try: its bill, the metrics, the observer. */
  private tryEnded(slot: number, service: number, status: number, now: number, retryDelayMs: number): void {
    const t = this.table;
    t.atProvider[slot] = 0;
    const cost = this.providers[service]!.billOf(slot);
    t.costDollars[slot]! += cost;
    const start = t.startMs[slot]!;
    const queueWaitMs = start >= 0 ? start - t.trySendMs[slot]! : -1;
    this.metrics.tryEnded(service, status, queueWaitMs, cost, t.measured[slot] === 1);
    if (this.observers.onTry) {
      this.observers.onTry({
        index: t.index[slot]!,
        attempt: t.attempt[slot]!,
        try: t.tryIndex[slot]!,
        service: this.services[service]!.serviceId(),
        status,
        sendMs: t.trySendMs[slot]!,
        endMs: now,
        queueWaitMs,
        serviceTtftMs: start >= 0 ? t.firstTokenMs[slot]! - start : -1,
        serviceMs: start >= 0 ? now - start : -1,
        retryDelayMs,
      });
    }
  }

  /**
   * The attempt is over: records its statistics and reports its health once, as upstream does
   * (stats first, then the report), then retries on another attempt or ends the request.
   */
  private feedback(slot: number, serviceIdx: number, status: number): void {
    const now = this.clock.now();
    const t = this.table;
    t.attemptSerial[slot]!++; // the attempt's deadline turns stale
    const service = this.services[serviceIdx]!;
    const success = status === Status.Success;
    const streamed = t.streamStarted[slot] === 1;
    const delivered = t.delivered[slot]!;
    const latencyMs = now - t.sendMs[slot]!;
    service.recordUsage(success || streamed ? t.inputTokens[slot]! : 0, success || streamed ? delivered : 0);
    if (success || this.options.recordFailureLatency) {
      const wholeLatencyMs = Math.floor(latencyMs);
      if (wholeLatencyMs > 0) service.stats.recordLatency(wholeLatencyMs, SAMPLE_WINDOW);
      const ttftMs = streamed ? Math.floor(t.firstTokenMs[slot]! - t.sendMs[slot]!) : wholeLatencyMs;
      if (ttftMs > 0) service.stats.recordTTFT(ttftMs, SAMPLE_WINDOW);
    }
    service.stats.recordCacheHit(success && t.cacheHit[slot] === 1);
    if (streamed && delivered > 0) {
      const generationSeconds = (Math.min(now, t.endMs[slot]!) - t.firstTokenMs[slot]!) / 1000;
      if (generationSeconds > 0) service.stats.recordTokenSpeed(delivered / generationSeconds, SAMPLE_WINDOW);
    }
    const monitor = this.monitor;
    if (monitor) {
      const id = service.serviceId();
      if (success) monitor.reportSuccess(id);
      else if (status === 429) monitor.reportRateLimit(id);
      else if (status === 401 || status === 403) monitor.reportAuthError(id, status);
      else monitor.reportError(id, ERROR_TEXT.get(status) ?? `HTTP ${status}`);
    }
    this.metrics.attemptEnded(serviceIdx, status, now, latencyMs, t.measured[slot] === 1);
    if (this.observers.onAttempt) {
      this.observers.onAttempt({
        index: t.index[slot]!,
        attempt: t.attempt[slot]!,
        service: service.serviceId(),
        status,
        sendMs: t.sendMs[slot]!,
        tries: t.tryIndex[slot]! + 1,
        deliveredTokens: success || streamed ? delivered : 0,
      });
    }
    if (success) {
      this.endRequest(slot, Status.Success, now);
      return;
    }
    const retryAfterMs = t.retryAfterMs[slot]!;
    if (this.options.honorRetryAfter && status === 429 && retryAfterMs >= 0) {
      this.cooldownUntilMs[serviceIdx] = Math.max(this.cooldownUntilMs[serviceIdx]!, now + retryAfterMs);
    }
    if (t.attempt[slot]! + 1 < this.options.maxAttempts && this.retryable.has(status)) {
      t.attempt[slot]!++;
      this.kernel.schedule(now + this.options.retryBackoffMs, Event.Retry, slot, t.generation[slot]!);
      return;
    }
    this.endRequest(slot, status, now);
  }

  private endRequest(slot: number, status: number, now: number): void {
    const t = this.table;
    const success = status === Status.Success;
    const arrival = t.arrivalMs[slot]!;
    this.metrics.requestEnded(
      status,
      now,
      t.measured[slot] === 1,
      now - arrival,
      success && t.streamStarted[slot] === 1 ? t.firstTokenMs[slot]! - arrival : now - arrival,
      success ? t.outputTokens[slot]! : 0,
      success && t.cacheHit[slot] === 1,
    );
    if (success) this.successes++;
    else this.failures++;
    if (this.observers.onRequest) {
      const attempts = status === Status.NoHealthy ? t.attempt[slot]! : t.attempt[slot]! + 1;
      this.observers.onRequest({
        index: t.index[slot]!,
        arrivalMs: arrival,
        status,
        attempts,
        services: Array.from({ length: attempts }, (_, k) => this.services[t.triedAt(slot, k)]!.serviceId()),
        endMs: now,
      });
    }
    t.release(slot);
  }
}

/** Sessions the providers must track: the workload's, or the trace's distinct sessions. */
function sessionCount(scenario: Scenario): number {
  const { arrivals, sessions } = scenario.workload;
  if (arrivals.kind !== 'trace') return sessions;
  let max = -1;
  for (const row of arrivals.rows) if (row.session > max) max = row.session;
  return max + 1;
}

/** Each service's identity, activity, incidents and throughput capacity (requests per second). */
function collectorServices(scenario: Scenario): CollectorService[] {
  const { workload } = scenario;
  const meanOutput =
    workload.arrivals.kind === 'trace'
      ? workload.arrivals.rows.reduce((s, r) => s + r.outputTokens, 0) / Math.max(1, workload.arrivals.rows.length)
      : new Sampler(workload.outputTokens).mean();
  return scenario.services.map((spec) => {
    const b = spec.behavior;
    const serviceMs = new Sampler(b.ttftMs).mean() + (meanOutput * 1000) / new Sampler(b.tokensPerSecond).mean();
    const capacityPerSecond = Number.isFinite(b.concurrency) ? (b.concurrency * 1000) / Math.max(serviceMs, 1e-9) : 1;
    return { id: `${spec.provider}:${spec.model}`, active: spec.active, capacityPerSecond, incidents: b.incidents };
  });
}
