import type { Clock } from './clock.js';

/**
 * The wall clock, in milliseconds since the Unix epoch. The one place under engine/ that reads
 * real time: a gateway uses it, a simulation never does.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
};
