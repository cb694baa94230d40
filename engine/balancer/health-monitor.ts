import type { Clock } from './clock.js';

/** Health state of a service. */
export const HealthStatus = {
  /** Available. */
  Healthy: 0,
  /** Rate limited or failing. */
  Unhealthy: 1,
} as const;
/** Health state of a service: 0 healthy, 1 unhealthy. */
export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];

/** `healthy`, `unhealthy`, or `unknown` for any other value. */
export function healthStatusToString(status: number): string {
  if (status === HealthStatus.Healthy) return 'healthy';
  if (status === HealthStatus.Unhealthy) return 'unhealthy';
  return 'unknown';
}

/** Health monitor settings. */
export interface HealthMonitorConfig {
  /** Consecutive errors before a service is marked unhealthy (0: the first error). */
  consecutiveErrorThreshold: number;
  /** Seconds after the last error before an unhealthy service may recover. */
  recoveryTimeoutSeconds: number;
  /** Whether recovery first asks the probe function. */
  probeEnabled: boolean;
  /**
   * Hold a rate-limited service out until now + its recovery timeout, as v0.260414.2000 does
   * (spec section 6). Not in the seed's version: off, or absent, reproduces it.
   */
  rateLimitHold?: boolean;
}

/** The seed's default: 3 errors, 300 s, probing on. */
export function defaultHealthMonitorConfig(): HealthMonitorConfig {
  return { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true };
}

/** Answers whether a service is available; called during recovery when probing is enabled. */
export type HealthProbeFunc = (serviceId: string) => boolean;

/** Health record of one service. Times are in ms on the monitor's clock, undefined when never set. */
export interface ServiceHealth {
  /** Service id `provider:model`. */
  serviceId: string;
  /** Current state. */
  status: HealthStatus;
  /** The error that last counted against the service. */
  lastError: unknown;
  /** When that error happened, in ms. */
  lastErrorTime: number | undefined;
  /** Errors since the last success. */
  consecutiveErrors: number;
  /** True after a 429 until recovery. */
  rateLimited: boolean;
  /** True after a 401/403 until recovery. */
  authError: boolean;
  /** Last report or check, in ms. */
  lastHealthCheck: number | undefined;
  /** Time before recovery may happen, in ms (copied from the monitor when the record is created). */
  recoveryTimeoutMs: number;
  /**
   * End of the current rate-limit hold, in ms. Only with `rateLimitHold` (v0.260414.2000); the
   * seed's records have no such field.
   */
  rateLimitedUntil?: number;
}

/** Message recorded as lastError for authentication failures. */
export const AUTH_ERROR_MESSAGE = 'auth error';

/**
 * Tracks the health of every service by id, exactly as the gateway's monitor does: errors count
 * towards a threshold, 429 and 401/403 mark a service unhealthy at once, and an unhealthy service
 * recovers after a timeout, optionally confirmed by a probe.
 */
export class HealthMonitor {
  private config: HealthMonitorConfig;
  private readonly records = new Map<string, ServiceHealth>();
  private probe: HealthProbeFunc | null = null;

  constructor(
    config: HealthMonitorConfig,
    private readonly clock: Clock,
  ) {
    this.config = checkConfig(config);
  }

  /** The monitor's current configuration (a copy). */
  getConfig(): HealthMonitorConfig {
    return { ...this.config };
  }

  /**
   * Whether a service may take traffic. A service with no record is healthy. An unhealthy one
   * recovers once more than the recovery timeout has passed since its last error, after a
   * successful probe when probing is on (a failed probe re-arms the timeout). May run the probe.
   * With `rateLimitHold`, a service stays out while its hold lasts.
   */
  isHealthy(serviceId: string): boolean {
    const record = this.records.get(serviceId);
    if (record === undefined || record.status === HealthStatus.Healthy) return true;
    const now = this.clock.now();
    if (held(record, now)) return false;
    if (now - (record.lastErrorTime ?? Number.NEGATIVE_INFINITY) > record.recoveryTimeoutMs) {
      if (this.config.probeEnabled && this.probe !== null) {
        if (this.probe(serviceId)) {
          recover(record);
          return true;
        }
        record.lastErrorTime = now;
        return false;
      }
      recover(record);
      return true;
    }
    return false;
  }

  /**
   * A successful request: recovers an unhealthy service at once, whatever made it unhealthy (a
   * 429 included, so a request in flight during a rate limit re-admits the service). With
   * `rateLimitHold`, a service still held only gets its lastHealthCheck updated.
   */
  reportSuccess(serviceId: string): void {
    const record = this.records.get(serviceId);
    if (record === undefined) return;
    const now = this.clock.now();
    record.lastHealthCheck = now;
    if (held(record, now)) return;
    if (record.status === HealthStatus.Unhealthy) recover(record);
    else record.consecutiveErrors = 0;
  }

  /** A retryable error (5xx, timeout, connection error): counts towards the threshold. Never marks healthy. */
  reportError(serviceId: string, error: unknown): void {
    const record = this.getHealth(serviceId);
    const now = this.clock.now();
    record.consecutiveErrors++;
    record.lastError = error;
    record.lastErrorTime = now;
    record.lastHealthCheck = now;
    if (record.consecutiveErrors >= this.config.consecutiveErrorThreshold) record.status = HealthStatus.Unhealthy;
  }

  /**
   * A 429: unhealthy at once and rate limited, the error counter zeroed. With `rateLimitHold`,
   * also held until now + the record's recovery timeout (the hold only moves forward).
   */
  reportRateLimit(serviceId: string): void {
    const record = this.getHealth(serviceId);
    const now = this.clock.now();
    record.status = HealthStatus.Unhealthy;
    record.rateLimited = true;
    record.lastErrorTime = now;
    record.lastHealthCheck = now;
    record.consecutiveErrors = 0;
    if (this.config.rateLimitHold) {
      const until = now + record.recoveryTimeoutMs;
      if (record.rateLimitedUntil === undefined || until > record.rateLimitedUntil) record.rateLimitedUntil = until;
    }
  }

  /** A 401/403: unhealthy at once, with no threshold. The status code is not used. */
  reportAuthError(serviceId: string, statusCode: number): void {
    void statusCode;
    const record = this.getHealth(serviceId);
    const now = this.clock.now();
    record.status = HealthStatus.Unhealthy;
    record.authError = true;
    record.lastError = AUTH_ERROR_MESSAGE;
    record.lastErrorTime = now;
    record.lastHealthCheck = now;
  }

  /** The live record of a service, created (healthy) if there is none. */
  getHealth(serviceId: string): ServiceHealth {
    let record = this.records.get(serviceId);
    if (record === undefined) {
      record = {
        serviceId,
        status: HealthStatus.Healthy,
        lastError: undefined,
        lastErrorTime: undefined,
        consecutiveErrors: 0,
        rateLimited: false,
        authError: false,
        lastHealthCheck: undefined,
        recoveryTimeoutMs: this.config.recoveryTimeoutSeconds * 1000,
      };
      this.records.set(serviceId, record);
    }
    return record;
  }

  /** Every record, in a new map (the records themselves are the live ones). */
  getAllHealth(): Map<string, ServiceHealth> {
    return new Map(this.records);
  }

  /** Recovers a service that has a record and is unhealthy; otherwise does nothing. */
  resetHealth(serviceId: string): void {
    const record = this.records.get(serviceId);
    if (record !== undefined && record.status === HealthStatus.Unhealthy) recover(record);
  }

  /** Deletes a service's record; it then counts as healthy. */
  removeHealth(serviceId: string): void {
    this.records.delete(serviceId);
  }

  /** Sets (or, with null, removes) the probe used during recovery. */
  setProbeFunc(probe: HealthProbeFunc | null): void {
    this.probe = probe;
  }

  /**
   * Replaces the configuration. The threshold applies from the next reportError; the recovery
   * timeout only to records created from now on, as in the original.
   */
  updateConfig(config: HealthMonitorConfig): void {
    this.config = checkConfig(config);
  }
}

/** Whether a rate-limit hold (v0.260414.2000, `rateLimitHold`) keeps the record out at `now`. */
function held(record: ServiceHealth, now: number): boolean {
  return record.rateLimited && record.rateLimitedUntil !== undefined && now < record.rateLimitedUntil;
}

function recover(record: ServiceHealth): void {
  record.status = HealthStatus.Healthy;
  record.rateLimited = false;
  record.authError = false;
  delete record.rateLimitedUntil;
  record.consecutiveErrors = 0;
  record.lastError = undefined;
}

function checkConfig(config: HealthMonitorConfig): HealthMonitorConfig {
  const { consecutiveErrorThreshold, recoveryTimeoutSeconds, probeEnabled, rateLimitHold = false } = config;
  if (!Number.isSafeInteger(consecutiveErrorThreshold) || consecutiveErrorThreshold < 0) {
    throw new RangeError(`consecutiveErrorThreshold must be an integer >= 0, got ${String(consecutiveErrorThreshold)}`);
  }
  if (!Number.isSafeInteger(recoveryTimeoutSeconds) || recoveryTimeoutSeconds < 0) {
    throw new RangeError(`recoveryTimeoutSeconds must be an integer >= 0, got ${String(recoveryTimeoutSeconds)}`);
  }
  if (typeof probeEnabled !== 'boolean') {
    throw new TypeError(`probeEnabled must be a boolean, got ${typeof probeEnabled}`);
  }
  if (typeof rateLimitHold !== 'boolean') {
    throw new TypeError(`rateLimitHold must be a boolean, got ${typeof rateLimitHold}`);
  }
  return { consecutiveErrorThreshold, recoveryTimeoutSeconds, probeEnabled, rateLimitHold };
}
