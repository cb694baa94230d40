/** Synthetic LLM providers. */
export { SyntheticProvider } from './synthetic-provider.js';
export type { AttemptScheduler, ProbeAnswer } from './synthetic-provider.js';
