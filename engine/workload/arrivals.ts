import type { Rng } from '../balancer/index.js';
import type { ArrivalProcess } from './types.js';

/** Produces arrival times in ms, in increasing order, until the end of the run. */
export interface ArrivalGenerator {
  /** The next arrival time in ms, or Infinity when no arrival is left before the end. */
  next(): number;
}

/** An exponential gap in ms for a rate in requests per second. */
function exponentialGapMs(rng: Rng, ratePerSecond: number): number {
  return (-Math.log(1 - rng.next()) * 1000) / ratePerSecond;
}

/** Evenly spaced arrivals, the first one gap after 0. */
class ConstantArrivals implements ArrivalGenerator {
  private count = 0;
  constructor(
    private readonly gapMs: number,
    private readonly endMs: number,
  ) {}
  next(): number {
    const t = ++this.count * this.gapMs;
    return t < this.endMs ? t : Number.POSITIVE_INFINITY;
  }
}

/**
 * A Poisson process whose rate is constant between breakpoints (Poisson and on/off bursts): an
 * exponential gap at the current rate; a gap that crosses a breakpoint restarts from it at the new
 * rate, which is exact because the exponential is memoryless.
 */
class PiecewisePoissonArrivals implements ArrivalGenerator {
  private t = 0;
  constructor(
    private readonly rng: Rng,
    private readonly endMs: number,
    /** Rate at time t, and the time the rate next changes. */
    private readonly rateAt: (t: number) => { ratePerSecond: number; untilMs: number },
  ) {}
  next(): number {
    while (this.t < this.endMs) {
      const { ratePerSecond, untilMs } = this.rateAt(this.t);
      if (ratePerSecond <= 0) {
        this.t = untilMs;
        continue;
      }
      const candidate = this.t + exponentialGapMs(this.rng, ratePerSecond);
      if (candidate < untilMs) {
        this.t = candidate;
        return candidate < this.endMs ? candidate : Number.POSITIVE_INFINITY;
      }
      this.t = untilMs;
    }
    return Number.POSITIVE_INFINITY;
  }
}

/** A Poisson process with a time-varying rate, by thinning (Lewis and Shedler). */
class ThinnedPoissonArrivals implements ArrivalGenerator {
  private t = 0;
  constructor(
    private readonly rng: Rng,
    private readonly endMs: number,
    private readonly maxRatePerSecond: number,
    private readonly rateAt: (t: number) => number,
  ) {}
  next(): number {
    if (this.maxRatePerSecond <= 0) return Number.POSITIVE_INFINITY;
    for (;;) {
      this.t += exponentialGapMs(this.rng, this.maxRatePerSecond);
      if (this.t >= this.endMs) return Number.POSITIVE_INFINITY;
      if (this.rng.next() * this.maxRatePerSecond < this.rateAt(this.t)) return this.t;
    }
  }
}

/** Replays trace timestamps (already sorted). */
class TraceArrivals implements ArrivalGenerator {
  private i = 0;
  constructor(
    private readonly timesMs: readonly number[],
    private readonly endMs: number,
  ) {}
  next(): number {
    const t = this.timesMs[this.i++];
    return t !== undefined && t < this.endMs ? t : Number.POSITIVE_INFINITY;
  }
}

/** The arrival generator for a process over a run of `endMs`, drawing from `rng`. */
export function createArrivals(process: ArrivalProcess, endMs: number, rng: Rng): ArrivalGenerator {
  switch (process.kind) {
    case 'constant':
      return new ConstantArrivals(1000 / process.ratePerSecond, endMs);
    case 'poisson':
      return new PiecewisePoissonArrivals(rng, endMs, () => ({ ratePerSecond: process.ratePerSecond, untilMs: Number.POSITIVE_INFINITY }));
    case 'bursty': {
      const cycle = process.onMs + process.offMs;
      return new PiecewisePoissonArrivals(rng, endMs, (t) => {
        const start = Math.floor(t / cycle) * cycle;
        return t - start < process.onMs
          ? { ratePerSecond: process.onRatePerSecond, untilMs: start + process.onMs }
          : { ratePerSecond: process.offRatePerSecond, untilMs: start + cycle };
      });
    }
    case 'diurnal': {
      const { meanRatePerSecond: mean, amplitude, periodMs, phaseRadians } = process;
      return new ThinnedPoissonArrivals(rng, endMs, mean * (1 + amplitude), (t) =>
        mean * (1 + amplitude * Math.sin((2 * Math.PI * t) / periodMs + phaseRadians)),
      );
    }
    case 'ramp': {
      const { fromRatePerSecond: from, toRatePerSecond: to } = process;
      return new ThinnedPoissonArrivals(rng, endMs, Math.max(from, to), (t) => from + ((to - from) * t) / endMs);
    }
    case 'trace':
      return new TraceArrivals(
        process.rows.map((r) => r.timestampMs),
        endMs,
      );
  }
}
