import seedrandom from 'seedrandom';

/** A source of uniform random numbers. The balancer draws randomness only through this interface. */
export interface Rng {
  /** A uniform draw in [0, 1). */
  next(): number;
}

/**
 * A seeded Rng on seedrandom's Alea generator (several times faster than seedrandom's default
 * ARC4). The same seed always gives the same sequence.
 */
export class SeededRng implements Rng {
  private readonly prng: seedrandom.PRNG;

  /** @param seed any string or number; equal seeds give equal sequences. */
  constructor(seed: string | number) {
    this.prng = seedrandom.alea(String(seed));
  }

  /** A uniform draw in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.prng();
  }
}
