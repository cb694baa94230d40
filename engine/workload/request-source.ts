import { Sampler } from '../sim/index.js';
import { Stream, streamRng, uniformAt } from '../sim/index.js';
import type { TraceRow, Workload } from './types.js';
import { type ArrivalGenerator, createArrivals } from './arrivals.js';

/** Attributes of one request, written by RequestSource.fill. */
export interface RequestAttributes {
  inputTokens: number;
  outputTokens: number;
  /** Session number, or -1. */
  session: number;
  streaming: boolean;
}

/**
 * The requests of one replication: arrival times from a sequential stream, and each request's
 * sizes, session and streaming flag from counter-based draws keyed by its index, so that every
 * cell of the replication sees exactly the same requests.
 */
export class RequestSource {
  private readonly arrivals: ArrivalGenerator;
  private readonly input: Sampler;
  private readonly output: Sampler;
  private readonly trace: readonly TraceRow[] | undefined;

  constructor(
    private readonly workload: Workload,
    private readonly seed: number,
    endMs: number,
  ) {
    this.arrivals = createArrivals(workload.arrivals, endMs, streamRng(seed, 'arrivals'));
    this.input = new Sampler(workload.inputTokens);
    this.output = new Sampler(workload.outputTokens);
    this.trace = workload.arrivals.kind === 'trace' ? workload.arrivals.rows : undefined;
  }

  /** The next arrival time in ms, or Infinity when the run has no more. */
  nextArrivalMs(): number {
    return this.arrivals.next();
  }

  /** Fills `out` with the attributes of request `index` (0-based, in arrival order). */
  fill(index: number, out: RequestAttributes): void {
    const row = this.trace?.[index];
    if (row) {
      out.inputTokens = row.inputTokens;
      out.outputTokens = row.outputTokens;
      out.session = row.session;
    } else {
      out.inputTokens = Math.max(1, Math.round(this.input.at(uniformAt(this.seed, Stream.InputTokens, index, 0))));
      out.outputTokens = Math.max(1, Math.round(this.output.at(uniformAt(this.seed, Stream.OutputTokens, index, 0))));
      const sessions = this.workload.sessions;
      out.session = sessions > 0 ? Math.floor(uniformAt(this.seed, Stream.Session, index, 0) * sessions) : -1;
    }
    out.streaming = uniformAt(this.seed, Stream.Streaming, index, 0) < this.workload.streamingFraction;
  }
}
