/** Traffic: arrival processes, request sizes and sessions, trace replay. */
export { createArrivals } from './arrivals.js';
export type { ArrivalGenerator } from './arrivals.js';
export { RequestSource } from './request-source.js';
export type { RequestAttributes } from './request-source.js';
export { csvCells, parseTrace, TraceError } from './trace.js';
export type { TraceFormat } from './trace.js';
export type { ArrivalProcess, TraceRow, Workload } from './types.js';
