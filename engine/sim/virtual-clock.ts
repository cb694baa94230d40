import type { Clock } from '../balancer/index.js';

/** The simulation's clock: time in ms that only the kernel moves, and only forwards. */
export class VirtualClock implements Clock {
  private currentMs = 0;

  /** Current simulated time in ms. */
  now(): number {
    return this.currentMs;
  }

  /** Moves to `timeMs`; throws a RangeError when that is in the past. */
  advanceTo(timeMs: number): void {
    if (!(timeMs >= this.currentMs)) {
      throw new RangeError(`simulated time cannot move backwards: from ${this.currentMs} ms to ${timeMs} ms`);
    }
    this.currentMs = timeMs;
  }
}
