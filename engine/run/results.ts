import type { IncidentMetrics, RunMetrics, TimeSeries } from '../metrics/index.js';
import type { DistributionSummary } from '../metrics/index.js';
import type { Recommendation } from './recommendation.js';
import type { ScenarioSummary } from './scenario-summary.js';
import type { Estimate, PairedDifference } from './statistics.js';

/** Version of the results.json format; bumped on any incompatible change (2: the typed scenario summary). */
export const RESULTS_VERSION = 2;

/** One replication of one cell. */
export interface ReplicationResult {
  replication: number;
  seed: number;
  metrics: RunMetrics;
  incidents: IncidentMetrics[];
  totals: { arrivals: number; successes: number; failures: number; events: number; simulatedMs: number };
}

/** An incident across replications. */
export interface IncidentSummary {
  service: string;
  kind: string;
  startMs: number;
  endMs: number;
  /** Replications in which the incident was detected (the service excluded at least once while it lasted). */
  detected: number;
  replications: number;
  /** Mean delay from the incident's start to the first exclusion, over the replications that detected it, in ms (null: never detected). */
  detectionDelayMs: number | null;
  /** Replications in which an exclusion lasted (the service stayed excluded at every check until the incident ended). */
  lastingDetected: number;
  /** Mean delay from the incident's start to the exclusion that lasted, over those replications, in ms (null: none lasted). */
  lastingDetectionDelayMs: number | null;
  /** Mean attempts sent into the incident. */
  requestsSentInto: number;
  /** Mean recovery delay over the replications where the service came back, in ms (null: never). */
  recoveryDelayMs: number | null;
}

/** One cell of the comparison: a tactic, a health setting and a gateway variant. */
export interface CellResult {
  /** `tactic|health|gateway`. */
  id: string;
  /** Position in the run matrix (the order of every listing). */
  index: number;
  tactic: string;
  health: string;
  gateway: string;
  replications: ReplicationResult[];
  /** Every registry metric: mean, 95% CI, min and max over replications. */
  aggregate: Record<string, Estimate>;
  /** Each service's traffic share over replications. */
  shares: Record<string, Estimate>;
  /** Time series averaged over replications (bucket by bucket). */
  timeSeries: TimeSeries;
  /** End-to-end latency of successful requests, in ms, pooled over the replications the time series cover (merged sketches). */
  latencyDistribution: DistributionSummary;
  /** TTFT of streamed successful requests, in ms, pooled the same way. */
  ttftDistribution: DistributionSummary;
  incidents: IncidentSummary[];
}

/** Paired differences of each cell against the baseline cell, metric by metric. */
export interface Comparisons {
  /** Id of the baseline cell. */
  baseline: string;
  /** cell id -> metric -> difference (cell minus baseline). */
  paired: Record<string, Record<string, PairedDifference>>;
}

/** The outcome of one `expect` assertion. */
export interface ExpectationOutcome {
  text: string;
  passed: boolean;
  /** One line per cell checked, with the values compared. */
  details: string[];
}

/** Everything one scenario run produced: deterministic, so byte-identical for the same inputs. */
export interface Results {
  format: 'lbsim-results';
  version: number;
  lbsimVersion: string;
  /** The scenario the run simulated, as a typed summary. */
  scenario: ScenarioSummary;
  /** The scenario's name. */
  name: string;
  /** Every metric in `aggregate`, with its label and which way is better (so readers need no engine code). */
  metricInfo: Record<string, { label: string; better: 'higher' | 'lower' }>;
  run: {
    seed: number;
    replications: number;
    /** Seed of each replication (shared by every cell: common random numbers). */
    seeds: number[];
    /** Cells in the whole matrix. */
    cellCount: number;
    /** Present in a shard's results: which slice of the cells it holds. */
    shard?: { index: number; count: number };
    /** With replications: auto, whether the second stage needed more than max_replications. */
    capped?: boolean;
  };
  cells: CellResult[];
  /** Null in a shard's results: computed once every cell is present (a full run, or a merge). */
  comparisons: Comparisons | null;
  expectations: ExpectationOutcome[] | null;
  /** The recommended cell for the scenario's goal, with the procedure and its guarantee; null in a shard. */
  recommendation: Recommendation | null;
}
