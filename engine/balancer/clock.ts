/** A source of time in milliseconds. The balancer reads time only through this interface. */
export interface Clock {
  /** Current time in milliseconds on this clock's time line. */
  now(): number;
}

/** A clock that moves only when told to; moving it backwards throws. For tests and simulations. */
export class ManualClock implements Clock {
  private currentMs: number;

  /** @param startMs initial time in milliseconds (default 0). */
  constructor(startMs = 0) {
    assertFiniteTime(startMs, 'startMs');
    this.currentMs = startMs;
  }

  /** Current time in milliseconds. */
  now(): number {
    return this.currentMs;
  }

  /** Moves the clock to `timeMs`; throws a RangeError when that is earlier than now. */
  set(timeMs: number): void {
    assertFiniteTime(timeMs, 'timeMs');
    if (timeMs < this.currentMs) {
      throw new RangeError(`ManualClock cannot move backwards: from ${this.currentMs} ms to ${timeMs} ms`);
    }
    this.currentMs = timeMs;
  }

  /** Moves the clock forward by `deltaMs` milliseconds; a negative delta throws a RangeError. */
  advance(deltaMs: number): void {
    assertFiniteTime(deltaMs, 'deltaMs');
    if (deltaMs < 0) {
      throw new RangeError(`ManualClock cannot move backwards: advance(${deltaMs})`);
    }
    this.currentMs += deltaMs;
  }
}

function assertFiniteTime(value: number, name: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number of milliseconds, got ${String(value)}`);
  }
}
