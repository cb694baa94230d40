import type { HealthMonitorConfig, ServiceConfig } from '../balancer/index.js';
import type { ProviderModel } from '../providers/index.js';
import type { KernelLimits } from '../sim/index.js';
import type { Workload } from '../workload/index.js';
import type { GatewayOptions, TacticSpec } from './types.js';

/** What one run of the dispatch loop needs, resolved: one tactic, one health setting, one gateway, one seed. Plain data. */
export interface GatewayPlan {
  /** The replication's seed: arrivals and every counter-based draw derive from it. */
  seed: number;
  /** Arrivals stop at this time, in ms; in-flight requests then drain. */
  durationMs: number;
  /** Requests arriving before this are simulated but not measured, in ms. */
  warmupMs: number;
  /** The rule's services, in config order. */
  services: ServiceConfig[];
  /** The provider behind each service, in the same order. */
  providers: ProviderModel[];
  workload: Workload;
  gateway: GatewayOptions;
  tactic: TacticSpec;
  /** The health monitor's configuration, or null for no monitor (every service counts as healthy). */
  health: HealthMonitorConfig | null;
  limits: KernelLimits;
  /** Sessions the providers' prompt caches track (the workload's, or a trace's distinct sessions). */
  sessions: number;
  /** Each service's tier (lower is tried first; only v0.260819.0 reads it), in the services' order. */
  tiers: number[];
}
