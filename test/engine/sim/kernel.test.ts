import { describe, expect, it } from 'vitest';
import { Kernel, SimulationLimitError, VirtualClock } from '../../../engine/sim/index.js';

describe('VirtualClock', () => {
  it('moves forward only', () => {
    const clock = new VirtualClock();
    clock.advanceTo(10);
    clock.advanceTo(10);
    expect(clock.now()).toBe(10);
    expect(() => clock.advanceTo(9)).toThrow(RangeError);
  });
});

describe('Kernel', () => {
  it('runs events in time order with the clock at each event time', () => {
    const kernel = new Kernel({ maxEvents: 1_000, maxSimulatedMs: 1_000 });
    const seen: Array<[number, number]> = [];
    kernel.schedule(30, 1, 3);
    kernel.schedule(10, 1, 1);
    kernel.run({
      handle(_kind, ref) {
        seen.push([kernel.clock.now(), ref]);
        if (ref === 1) kernel.schedule(20, 1, 2);
      },
    });
    expect(seen).toEqual([[10, 1], [20, 2], [30, 3]]);
    expect(kernel.eventsHandled).toBe(3);
    expect(() => kernel.schedule(5, 1, 0)).toThrow(/past/);
  });

  it('stops a runaway run with a typed error on the event limit', () => {
    const kernel = new Kernel({ maxEvents: 100, maxSimulatedMs: 1e12 });
    kernel.schedule(0, 1, 0);
    const forever = { handle: () => kernel.schedule(kernel.clock.now() + 1, 1, 0) };
    expect(() => kernel.run(forever)).toThrow(SimulationLimitError);
    try {
      kernel.run(forever);
    } catch (error) {
      expect((error as SimulationLimitError).code).toBe('SIM_LIMIT');
      expect((error as SimulationLimitError).limit).toBe('maxEvents');
    }
  });

  it('stops a run that passes its simulated-time limit', () => {
    const kernel = new Kernel({ maxEvents: 1e9, maxSimulatedMs: 5_000 });
    kernel.schedule(0, 1, 0);
    const forever = { handle: () => kernel.schedule(kernel.clock.now() + 1_000, 1, 0) };
    expect(() => kernel.run(forever)).toThrow(/simulated time/);
    expect(kernel.clock.now()).toBe(5_000);
  });
});
