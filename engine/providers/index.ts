/** Synthetic LLM providers. */
export { MIN_TOKENS_PER_SECOND, SyntheticProvider } from './synthetic-provider.js';
export type { AttemptScheduler, ProbeAnswer } from './synthetic-provider.js';
export type { FailureStatus, Incident, ProviderModel } from './types.js';
export { Answer, isHttpAnswer } from './answer.js';
export type { AnswerCode } from './answer.js';
export type { TrySlots } from './try-slots.js';
