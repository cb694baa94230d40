import type { Clock } from './clock.js';
import { ServiceID } from './service-id.js';
import { ServiceStats } from './service-stats.js';

/** A service's configuration, in the gateway's vocabulary. */
export interface ServiceConfig {
  /** Provider name or UUID. */
  provider: string;
  /** Model name. */
  model: string;
  /** Weight for weighted tactics; zero and negative weights are allowed, as in the original. */
  weight: number;
  /** Whether the service takes traffic. */
  active: boolean;
  /** Statistics window in seconds (0: every read starts a new window). */
  timeWindow: number;
  /** Seats for capacity_based; overrides the provider's default capacity. */
  modelCapacity?: number | undefined;
}

/** A provider-model combination the balancer can route to, with its usage statistics. */
export class Service {
  /** Provider name or UUID. */
  readonly provider: string;
  /** Model name. */
  readonly model: string;
  /** Weight for weighted tactics. */
  weight: number;
  /** Whether the service takes traffic. */
  active: boolean;
  /** Statistics window in seconds. */
  timeWindow: number;
  /** Seats for capacity_based, when set. */
  modelCapacity: number | undefined;
  /** Usage statistics; empty (no service id) until initializeStats(). */
  stats: ServiceStats;

  private readonly id: string;

  constructor(
    config: ServiceConfig,
    private readonly clock: Clock,
  ) {
    assertInteger(config.weight, 'weight');
    assertInteger(config.timeWindow, 'timeWindow');
    if (config.timeWindow < 0) throw new RangeError(`timeWindow must be >= 0 seconds, got ${config.timeWindow}`);
    if (config.modelCapacity !== undefined) assertInteger(config.modelCapacity, 'modelCapacity');
    this.provider = config.provider;
    this.model = config.model;
    this.weight = config.weight;
    this.active = config.active;
    this.timeWindow = config.timeWindow;
    this.modelCapacity = config.modelCapacity;
    this.id = `${config.provider}:${config.model}`;
    this.stats = new ServiceStats(clock);
  }

  /** The string id `provider:model`, used for health records and statistics. Deprecated upstream in favour of getServiceId(). */
  serviceId(): string {
    return this.id;
  }

  /** The typed id (its string form is `provider/model`). */
  getServiceId(): ServiceID {
    return new ServiceID(this.provider, this.model);
  }

  /** Gives the stats their identity and a window starting now, only if they have none yet. */
  initializeStats(): void {
    if (this.stats.serviceId !== '') return;
    this.stats = new ServiceStats(this.clock, {
      serviceId: this.id,
      timeWindow: this.timeWindow,
      windowStart: this.clock.now(),
    });
  }

  /** Records a request's tokens in the stats (initialising them first). */
  recordUsage(inputTokens: number, outputTokens: number): void {
    this.initializeStats();
    this.stats.recordUsage(inputTokens, outputTokens);
  }

  /** Window requests and tokens (initialising the stats first; an expired window resets). */
  getWindowStats(): { requestCount: number; tokensConsumed: number } {
    this.initializeStats();
    return this.stats.getWindowStats();
  }

  /** The configuration in the gateway's JSON names (stats are not part of it). */
  toJSON(): Record<string, string | number | boolean> {
    const json: Record<string, string | number | boolean> = {
      provider: this.provider,
      model: this.model,
      weight: this.weight,
      active: this.active,
      time_window: this.timeWindow,
    };
    if (this.modelCapacity !== undefined) json['model_capacity'] = this.modelCapacity;
    return json;
  }
}

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${String(value)}`);
}
