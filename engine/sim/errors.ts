/** A simulation exceeded one of its limits (a runaway scenario). Stable code: SIM_LIMIT. */
export class SimulationLimitError extends Error {
  readonly code = 'SIM_LIMIT';

  constructor(
    /** Which limit: simulated events or simulated time. */
    readonly limit: 'maxEvents' | 'maxSimulatedMs',
    /** The limit's value. */
    readonly value: number,
    /** Simulated time reached, in ms. */
    readonly atMs: number,
  ) {
    super(
      limit === 'maxEvents'
        ? `simulation stopped after ${value} events (at ${Math.round(atMs)} ms simulated): raise limits.max_events or shorten the scenario`
        : `simulation passed ${value} ms of simulated time with work still pending: raise limits.max_simulated_time or check for a queue that never drains`,
    );
    this.name = 'SimulationLimitError';
  }
}
