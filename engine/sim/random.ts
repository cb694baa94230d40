import { type Rng, SeededRng } from '../balancer/index.js';

/**
 * Randomness for simulations. Two kinds, both derived from the scenario seed only:
 * - named sequential streams (`streamRng`), for draws whose order does not depend on routing
 *   (arrival times, a tactic's own draws);
 * - a counter-based generator (`uniformAt`), a pure function of (seed, stream, request index,
 *   attempt), for everything about one request. Every cell of a replication then sees the same
 *   request sizes and the same provider behaviour for the same request (common random numbers),
 *   whatever the tactic did with the requests before it.
 */

/** Purposes of counter-based draws; each is its own stream. */
export const Stream = {
  InputTokens: 1,
  OutputTokens: 2,
  Streaming: 3,
  Session: 4,
  Ttft: 5,
  Speed: 6,
  Error: 7,
  ErrorLatency: 8,
  Cache: 9,
  Flaky: 10,
  Probe: 11,
  /** Whether a `mid_stream` incident breaks an attempt. */
  MidStream: 12,
  /** Where in its generation it breaks. */
  MidStreamPoint: 13,
  /** The jitter of the SDK's retry backoff. */
  RetryJitter: 14,
  /** Whether a `stall` incident pauses an attempt's stream. */
  Stall: 15,
} as const;

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A 32-bit seed from any string (FNV-1a, then mixed). */
export function hashSeed(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h) >>> 0;
}

/**
 * A uniform draw in [0, 1) with 53 bits, a pure function of its four keys (all integers; index
 * below 2^53). Equal keys give equal draws; any change of a key gives an independent-looking one.
 */
export function uniformAt(seed: number, stream: number, index: number, attempt: number): number {
  const indexHigh = Math.floor(index / 4294967296);
  let h = fmix32(seed ^ Math.imul(stream + 1, 0x9e3779b1));
  h = fmix32(h ^ Math.imul(index | 0, 0x85ebca77));
  h = fmix32(h ^ Math.imul(indexHigh + 0x27d4eb2f, 0x165667b1));
  h = fmix32(h ^ Math.imul(attempt + 1, 0xc2b2ae3d));
  const high = fmix32(h ^ 0x5bd1e995) >>> 5; // 27 bits
  const low = fmix32(h + 0x68e31da4) >>> 6; // 26 bits
  return (high * 67108864 + low) / 9007199254740992;
}

/** A named sequential stream for a seed: the same (seed, label) always gives the same sequence. */
export function streamRng(seed: number, label: string): Rng {
  return new SeededRng(`${seed}/${label}`);
}
