/** The discrete-event kernel: virtual clock, event queue, random streams, distributions. */
export { Sampler, normalQuantile, Z99 } from './distributions.js';
export { SimulationLimitError } from './errors.js';
export { EventQueue } from './event-queue.js';
export { Kernel } from './kernel.js';
export type { EventHandler, KernelLimits } from './kernel.js';
export { hashSeed, Stream, streamRng, uniformAt } from './random.js';
export { VirtualClock } from './virtual-clock.js';
export type { Distribution } from './distributions.js';
