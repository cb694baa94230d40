/**
 * A selection explained: for each of the rule's services, whether the gateway could send to it,
 * what the health monitor answered and recorded, and what the tactic reads of it; the pick. Built
 * only when an observer asks, after the selection, with reads that change nothing (an explained
 * run gives the same results as one that is not).
 */
import {
  AdaptiveTactic,
  CapacityBasedTactic,
  capacityWeight,
  healthStatusToString,
  type HealthMonitor,
  LatencyBasedTactic,
  type Service,
  SpeedBasedTactic,
  type Tactic,
  TokenBasedTactic,
} from '../balancer/index.js';

/** One of the rule's services at a selection. */
export interface CandidateRecord {
  service: string;
  /** Whether the gateway's retry options let this attempt go there (false: already tried, or cooling down). */
  eligible: boolean;
  /** isHealthy's answer in this selection (null: not asked: no monitor, or not eligible). */
  healthy: boolean | null;
  /** The monitor's record after the check (null: no monitor, or no record yet). */
  health: { status: string; consecutiveErrors: number; rateLimited: boolean; lastErrorMs: number | null } | null;
  /** What the tactic compares (null: the tactic was not asked, because fewer than two services were healthy, or this one was not). */
  reading: number | null;
}

/** One selection: when, for which request and attempt, over which candidates, and what it picked. */
export interface SelectionRecord {
  timeMs: number;
  request: number;
  attempt: number;
  /** The name of what `reading` holds for this tactic ("score", "p95 latency (ms)", ...). */
  reading: string;
  candidates: CandidateRecord[];
  /** The picked service id (null: no healthy service). */
  pick: string | null;
  /** Why: "tactic", "the only healthy service" or "no healthy service". */
  by: 'tactic' | 'the only healthy service' | 'no healthy service';
}

/** What a tactic compares, by name, and a reader of it for the services it was asked about. */
export function tacticReading(tactic: Tactic): { name: string; read: (asked: readonly Service[]) => number[] } {
  if (tactic instanceof AdaptiveTactic) return { name: `score (${tactic.params.scoringMode}, highest wins)`, read: (asked) => tactic.scores(asked) };
  if (tactic instanceof LatencyBasedTactic) return { name: `${tactic.params.comparisonMode} latency (ms; switch at ${tactic.params.latencyThresholdMs})`, read: (asked) => asked.map((s) => tactic.latencyOf(s)) };
  if (tactic instanceof SpeedBasedTactic) return { name: 'average tokens/s', read: (asked) => asked.map((s) => s.stats.getTokenSpeedStats().avgSpeed) };
  if (tactic instanceof TokenBasedTactic) return { name: `window tokens (switch at ${tactic.params.tokenThreshold})`, read: (asked) => asked.map((s) => s.stats.peekWindowStats().tokensConsumed) };
  if (tactic instanceof CapacityBasedTactic) return { name: 'capacity weight', read: (asked) => asked.map(capacityWeight) };
  return { name: 'weight', read: (asked) => asked.map((s) => s.weight) };
}

/** The candidates of a selection that has just happened, and how many the tactic was asked about (it is asked when two or more are open). */
export function candidates(
  services: readonly Service[],
  eligible: ((service: number) => boolean) | undefined,
  checks: ReadonlyMap<string, boolean>,
  monitor: HealthMonitor | undefined,
  reading: (asked: readonly Service[]) => number[],
): { records: CandidateRecord[]; open: number } {
  const records = monitor?.getAllHealth();
  const open = services.filter((s, i) => (eligible ? eligible(i) : true) && (monitor === undefined || checks.get(s.serviceId()) === true));
  // The tactic's own reads, repeated at the same instant, are the only reads that change nothing.
  const values = open.length >= 2 ? reading(open) : [];
  const out = services.map((s, i) => {
    const record = records?.get(s.serviceId());
    const at = open.indexOf(s);
    return {
      service: s.serviceId(),
      eligible: eligible ? eligible(i) : true,
      healthy: checks.get(s.serviceId()) ?? null,
      health: record ? { status: healthStatusToString(record.status), consecutiveErrors: record.consecutiveErrors, rateLimited: record.rateLimited, lastErrorMs: record.lastErrorTime ?? null } : null,
      reading: at >= 0 && open.length >= 2 ? (values[at] ?? null) : null,
    };
  });
  return { records: out, open: open.length };
}
