import type { TrySlots } from '../providers/index.js';

/** Attempts per request the draw keys leave room for (gateway attempts are at most 10). */
const ATTEMPT_STRIDE = 16;

/**
 * In-flight requests as columns of typed arrays, indexed by slot; a finished request's slot is
 * reused, so memory follows the number of requests in flight, not the number simulated.
 *
 * A request makes gateway attempts (one per selection), and each attempt makes one or more
 * provider tries (the SDK retries on the same service). One try is in flight at a time; the
 * slot's `generation` changes with every try sent and every cancellation, so events scheduled
 * for an earlier try turn stale, and `attemptSerial` changes when an attempt starts or ends, so
 * its deadline turns stale with it.
 */
export class RequestTable implements TrySlots {
  /** Request index in arrival order. */
  index: Float64Array;
  arrivalMs: Float64Array;
  inputTokens: Int32Array;
  outputTokens: Int32Array;
  /** Session number, or -1. */
  session: Int32Array;
  streaming: Uint8Array;
  /** Whether the request counts in the metrics (arrived after the warm-up). */
  measured: Uint8Array;
  /** Attempt number of the attempt in flight (0 for the first). */
  attempt: Int32Array;
  /** SDK try of that attempt (0 for the first; each later one is a retry on the same service). */
  tryIndex: Int32Array;
  generation: Int32Array;
  /** Changes when an attempt starts or ends (tags its deadline). */
  attemptSerial: Int32Array;
  /** Whether the current try is at the provider (sent and not yet ended). */
  atProvider: Uint8Array;
  /** Service index of the attempt in flight. */
  service: Int32Array;
  /** When the attempt was sent (its first try), in ms. */
  sendMs: Float64Array;
  /** When the current try was sent, in ms. */
  trySendMs: Float64Array;
  /** When the provider started serving the try, in ms (-1 while queued or when it failed at once). */
  startMs: Float64Array;
  /** When the try ends, in ms. */
  endMs: Float64Array;
  /** When its first token arrives, in ms (meaningful when `streamStarted`). */
  firstTokenMs: Float64Array;
  /** Outcome of the try, an `OutcomeCode` (`Outcome.Pending` while queued or in service). */
  status: Int32Array;
  cacheHit: Uint8Array;
  /** Whether the try streamed its first token to the gateway (its response had started). */
  streamStarted: Uint8Array;
  /** Output tokens the try delivered (all of them on success, those sent so far on a broken stream). */
  delivered: Int32Array;
  /** Retry-After sent with the answer, in ms (-1: none). */
  retryAfterMs: Float64Array;
  /** Dollars the request's tries have been billed so far. */
  costDollars: Float64Array;
  /** Service indexes tried so far, `maxAttempts` per slot (see markTried and triedAt). */
  private tried: Int32Array;

  private freeSlots: Int32Array;
  private freeCount: number;
  private capacity: number;

  constructor(
    private readonly maxAttempts: number,
    initialCapacity = 256,
  ) {
    this.capacity = initialCapacity;
    this.index = new Float64Array(initialCapacity);
    this.arrivalMs = new Float64Array(initialCapacity);
    this.inputTokens = new Int32Array(initialCapacity);
    this.outputTokens = new Int32Array(initialCapacity);
    this.session = new Int32Array(initialCapacity);
    this.streaming = new Uint8Array(initialCapacity);
    this.measured = new Uint8Array(initialCapacity);
    this.attempt = new Int32Array(initialCapacity);
    this.tryIndex = new Int32Array(initialCapacity);
    this.generation = new Int32Array(initialCapacity);
    this.attemptSerial = new Int32Array(initialCapacity);
    this.atProvider = new Uint8Array(initialCapacity);
    this.service = new Int32Array(initialCapacity);
    this.sendMs = new Float64Array(initialCapacity);
    this.trySendMs = new Float64Array(initialCapacity);
    this.startMs = new Float64Array(initialCapacity);
    this.endMs = new Float64Array(initialCapacity);
    this.firstTokenMs = new Float64Array(initialCapacity);
    this.status = new Int32Array(initialCapacity);
    this.cacheHit = new Uint8Array(initialCapacity);
    this.streamStarted = new Uint8Array(initialCapacity);
    this.delivered = new Int32Array(initialCapacity);
    this.retryAfterMs = new Float64Array(initialCapacity);
    this.costDollars = new Float64Array(initialCapacity);
    this.tried = new Int32Array(initialCapacity * maxAttempts);
    this.freeSlots = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.freeSlots[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  /** Requests in flight. */
  get inFlight(): number {
    return this.capacity - this.freeCount;
  }

  /** Takes a free slot. */
  allocate(): number {
    if (this.freeCount === 0) this.grow();
    return this.freeSlots[--this.freeCount]!;
  }

  /** Returns a slot; its generation moves on so that pending events for it turn stale. */
  release(slot: number): void {
    this.generation[slot]!++;
    this.freeSlots[this.freeCount++] = slot;
  }

  /**
   * The key of the current try's counter-based draws: the attempt number for a first try (so a
   * request's first tries draw alike in every cell), then one stride further per SDK retry.
   */
  drawKey(slot: number): number {
    return this.attempt[slot]! + ATTEMPT_STRIDE * this.tryIndex[slot]!;
  }

  /** Records that the current attempt of the request in `slot` goes to `service`. */
  markTried(slot: number, service: number): void {
    this.tried[slot * this.maxAttempts + this.attempt[slot]!] = service;
  }

  /** The service the request in `slot` tried at attempt `k`. */
  triedAt(slot: number, k: number): number {
    return this.tried[slot * this.maxAttempts + k]!;
  }

  /** Whether service `service` was tried by the request in `slot` before its current attempt. */
  wasTried(slot: number, service: number): boolean {
    const base = slot * this.maxAttempts;
    const attempts = this.attempt[slot]!;
    for (let k = 0; k < attempts; k++) if (this.tried[base + k] === service) return true;
    return false;
  }

  private grow(): void {
    const old = this.capacity;
    const capacity = old * 2;
    this.index = grown(this.index, capacity);
    this.arrivalMs = grown(this.arrivalMs, capacity);
    this.inputTokens = grown(this.inputTokens, capacity);
    this.outputTokens = grown(this.outputTokens, capacity);
    this.session = grown(this.session, capacity);
    this.streaming = grown(this.streaming, capacity);
    this.measured = grown(this.measured, capacity);
    this.attempt = grown(this.attempt, capacity);
    this.tryIndex = grown(this.tryIndex, capacity);
    this.generation = grown(this.generation, capacity);
    this.attemptSerial = grown(this.attemptSerial, capacity);
    this.atProvider = grown(this.atProvider, capacity);
    this.service = grown(this.service, capacity);
    this.sendMs = grown(this.sendMs, capacity);
    this.trySendMs = grown(this.trySendMs, capacity);
    this.startMs = grown(this.startMs, capacity);
    this.endMs = grown(this.endMs, capacity);
    this.firstTokenMs = grown(this.firstTokenMs, capacity);
    this.status = grown(this.status, capacity);
    this.cacheHit = grown(this.cacheHit, capacity);
    this.streamStarted = grown(this.streamStarted, capacity);
    this.delivered = grown(this.delivered, capacity);
    this.retryAfterMs = grown(this.retryAfterMs, capacity);
    this.costDollars = grown(this.costDollars, capacity);
    this.tried = grown(this.tried, capacity * this.maxAttempts);
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity - old; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity - old;
    this.capacity = capacity;
  }
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(source: T, length: number): T {
  const target = new (source.constructor as new (n: number) => T)(length);
  target.set(source as never);
  return target;
}
