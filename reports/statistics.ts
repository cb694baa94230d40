/**
 * Statistics shown in reports: Student-t 95% confidence intervals and paired differences over
 * replications. The formulas are the engine's own (engine/run/statistics.ts, a pure module with no
 * engine state), so a report can never disagree with the aggregates it shows. It is the one
 * runtime import of reports/ from engine/.
 */
export { estimate, pairedDifference, tCritical95 } from '../engine/index.js';
export type { Estimate, PairedDifference } from '../engine/index.js';
