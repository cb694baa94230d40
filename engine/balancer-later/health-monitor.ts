/**
 * The HealthMonitor of tingly-box v0.260819.0 (`internal/loadbalance/health_monitor.go`; spec
 * upstream-later.md section 2), narrowed to 429 windows and auth errors: no error counter (5xx
 * and timeouts go to the circuit breaker), a 429 holds the service for the recovery timeout
 * (`rateLimitedUntil`, which only moves forward), recovery strictly after the timeout, the probe
 * on the request path.
 */
import { AUTH_ERROR_MESSAGE, type Clock, HealthStatus } from '../balancer/index.js';

/** Its configuration: the `health_monitor` block without `consecutive_error_threshold`. */
export interface LaterHealthConfig {
  recoveryTimeoutSeconds: number;
  probeEnabled: boolean;
}

/** A service's record. Times in ms; undefined = never set. */
export interface LaterServiceHealth {
  serviceId: string;
  status: HealthStatus;
  lastError: string | undefined;
  lastErrorTime: number | undefined;
  rateLimited: boolean;
  authError: boolean;
  rateLimitedUntil: number | undefined;
  lastHealthCheck: number | undefined;
  /** Copied from the monitor when the record is created. */
  recoveryTimeoutMs: number;
}

/** The narrowed monitor, global (keyed by service id, not by rule). */
export class LaterHealthMonitor {
  private readonly records = new Map<string, LaterServiceHealth>();
  private probe: ((serviceId: string) => boolean) | null = null;

  constructor(
    private readonly config: Readonly<LaterHealthConfig>,
    private readonly clock: Clock,
  ) {}

  /** The probe isHealthy calls after the recovery timeout when probing is on. */
  setProbeFunc(probe: ((serviceId: string) => boolean) | null): void {
    this.probe = probe;
  }

  private getOrCreate(serviceId: string): LaterServiceHealth {
    let record = this.records.get(serviceId);
    if (!record) {
      record = { serviceId, status: HealthStatus.Healthy, lastError: undefined, lastErrorTime: undefined, rateLimited: false, authError: false, rateLimitedUntil: undefined, lastHealthCheck: undefined, recoveryTimeoutMs: this.config.recoveryTimeoutSeconds * 1000 };
      this.records.set(serviceId, record);
    }
    return record;
  }

  /** A 429: unhealthy and rate-limited until now + timeout (the window only moves forward); authError and lastError are left alone. */
  reportRateLimit(serviceId: string): void {
    const now = this.clock.now();
    const r = this.getOrCreate(serviceId);
    r.status = HealthStatus.Unhealthy;
    r.rateLimited = true;
    r.lastErrorTime = now;
    r.lastHealthCheck = now;
    const until = now + r.recoveryTimeoutMs;
    if (r.rateLimitedUntil === undefined || until > r.rateLimitedUntil) r.rateLimitedUntil = until;
  }

  /** A 401/403 (the code is ignored): unhealthy at once. */
  reportAuthError(serviceId: string): void {
    const now = this.clock.now();
    const r = this.getOrCreate(serviceId);
    r.status = HealthStatus.Unhealthy;
    r.authError = true;
    r.lastError = AUTH_ERROR_MESSAGE;
    r.lastErrorTime = now;
    r.lastHealthCheck = now;
  }

  /** A success: nothing without a record; inside a 429 window only the check time; otherwise an unhealthy record recovers. */
  reportSuccess(serviceId: string): void {
    const r = this.records.get(serviceId);
    if (!r) return;
    const now = this.clock.now();
    if (r.rateLimited && r.rateLimitedUntil !== undefined && now < r.rateLimitedUntil) {
      r.lastHealthCheck = now;
      return;
    }
    if (r.status === HealthStatus.Unhealthy) this.recover(r);
    r.lastHealthCheck = now;
  }

  private recover(r: LaterServiceHealth): void {
    r.status = HealthStatus.Healthy;
    r.rateLimited = false;
    r.authError = false;
    r.rateLimitedUntil = undefined;
    r.lastError = undefined;
  }

  /** No record or healthy: yes; inside a 429 window: no; strictly past the timeout: the probe decides (a failed probe re-arms a full timeout), or recovery without probing; otherwise no. */
  isHealthy(serviceId: string): boolean {
    const r = this.records.get(serviceId);
    if (!r || r.status === HealthStatus.Healthy) return true;
    const now = this.clock.now();
    if (r.rateLimited && r.rateLimitedUntil !== undefined && now < r.rateLimitedUntil) return false;
    if (now - (r.lastErrorTime ?? 0) > r.recoveryTimeoutMs) {
      if (this.config.probeEnabled && this.probe) {
        if (this.probe(serviceId)) {
          this.recover(r);
          return true;
        }
        r.lastErrorTime = now;
        return false;
      }
      this.recover(r);
      return true;
    }
    return false;
  }

  /** The live record, or undefined. */
  getHealth(serviceId: string): LaterServiceHealth | undefined {
    return this.records.get(serviceId);
  }

  /** Every record (the live ones), in a new map. */
  getAllHealth(): Map<string, LaterServiceHealth> {
    return new Map(this.records);
  }
}
