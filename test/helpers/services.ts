import { type Clock, ManualClock, Service, type ServiceConfig } from '../../engine/balancer/index.js';

/** A service with sensible defaults for tests: weight 1, active, 60 s window. */
export function makeService(clock: Clock, overrides: Partial<ServiceConfig> & { provider: string }): Service {
  return new Service(
    { model: 'm', weight: 1, active: true, timeWindow: 60, ...overrides },
    clock,
  );
}

/** Services p0..p(n-1) on one fresh ManualClock. */
export function makeServices(n: number, clock: Clock = new ManualClock()): Service[] {
  return Array.from({ length: n }, (_, i) => makeService(clock, { provider: `p${i}` }));
}

/** An Rng that replays fixed draws, then repeats the last one. */
export function fixedRng(...draws: number[]): { next(): number } {
  let i = 0;
  return { next: () => draws[Math.min(i++, draws.length - 1)] ?? 0 };
}
