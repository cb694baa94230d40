import { SimulationLimitError } from './errors.js';
import { EventQueue } from './event-queue.js';
import { VirtualClock } from './virtual-clock.js';

/** Receives events from the kernel. One object, one method: no closure per event. */
export interface EventHandler {
  /** Handles an event of `kind` about `ref` (with `tag`); the clock already reads its time. */
  handle(kind: number, ref: number, tag: number): void;
}

/** Guards against runaway runs. */
export interface KernelLimits {
  maxEvents: number;
  maxSimulatedMs: number;
}

/** The discrete-event kernel: a virtual clock and an event queue, run until no event is left. */
export class Kernel {
  readonly clock = new VirtualClock();
  readonly queue = new EventQueue();
  /** Events handled so far. */
  eventsHandled = 0;

  constructor(private readonly limits: KernelLimits) {}

  /** Schedules an event at absolute time `timeMs` (not before now). */
  schedule(timeMs: number, kind: number, ref: number, tag = 0): void {
    if (timeMs < this.clock.now()) throw new RangeError(`cannot schedule in the past: ${timeMs} < ${this.clock.now()}`);
    this.queue.push(timeMs, kind, ref, tag);
  }

  /** Runs events in (time, sequence) order until none is left; throws SimulationLimitError past a limit. */
  run(handler: EventHandler): void {
    const { queue, clock } = this;
    const { maxEvents, maxSimulatedMs } = this.limits;
    while (queue.pop()) {
      if (queue.time > maxSimulatedMs) throw new SimulationLimitError('maxSimulatedMs', maxSimulatedMs, clock.now());
      if (++this.eventsHandled > maxEvents) throw new SimulationLimitError('maxEvents', maxEvents, clock.now());
      clock.advanceTo(queue.time);
      handler.handle(queue.kind, queue.ref, queue.tag);
    }
  }
}
