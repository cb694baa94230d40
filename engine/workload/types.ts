/** The workload's types: how requests arrive, their sizes, their sessions. Rates in requests per second, times in ms. */
import type { Distribution } from '../sim/index.js';

/** How requests arrive. Rates are requests per second. */
export type ArrivalProcess =
  | { kind: 'constant'; ratePerSecond: number }
  | { kind: 'poisson'; ratePerSecond: number }
  /** On/off bursts: Poisson at `onRatePerSecond` for `onMs`, then at `offRatePerSecond` for `offMs`, repeating. */
  | { kind: 'bursty'; onRatePerSecond: number; offRatePerSecond: number; onMs: number; offMs: number }
  /** Poisson with a sinusoidal rate: mean * (1 + amplitude * sin(2π (t / period) + phase)). */
  | { kind: 'diurnal'; meanRatePerSecond: number; amplitude: number; periodMs: number; phaseRadians: number }
  /** Poisson with a rate moving linearly from `fromRatePerSecond` at 0 to `toRatePerSecond` at the end of the run. */
  | { kind: 'ramp'; fromRatePerSecond: number; toRatePerSecond: number }
  /** Replay of recorded requests (their own sizes and sessions). */
  | { kind: 'trace'; rows: TraceRow[] };

/** One recorded request. */
export interface TraceRow {
  /** Arrival time in ms from the start of the run. */
  timestampMs: number;
  inputTokens: number;
  outputTokens: number;
  /** Session number (trace session labels are numbered in order of first appearance), or -1. */
  session: number;
}

/** What the traffic looks like. */
export interface Workload {
  arrivals: ArrivalProcess;
  /** Input tokens per request (ignored for trace replay). */
  inputTokens: Distribution;
  /** Output tokens per request (ignored for trace replay). */
  outputTokens: Distribution;
  /** Fraction of requests that stream (token speed is measured on streams only). */
  streamingFraction: number;
  /** Number of concurrent sessions requests are spread over (0: no sessions). Prompt caches hit within a session. */
  sessions: number;
}
