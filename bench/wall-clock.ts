import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds for timing benchmarks (bench/ is outside engine/, where the real clock is banned). */
export function timeNowMs(): number {
  return performance.now();
}
