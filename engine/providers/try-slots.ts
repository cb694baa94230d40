/**
 * The columns of a try that a provider reads and writes, indexed by slot: the contract between the
 * providers and whoever keeps the requests in flight (the gateway's request table fulfils it).
 */
export interface TrySlots {
  /** Request index in arrival order (the key of its counter-based draws). */
  readonly index: Float64Array;
  readonly inputTokens: Int32Array;
  readonly outputTokens: Int32Array;
  /** Session number, or -1. */
  readonly session: Int32Array;
  readonly streaming: Uint8Array;
  /** Changes with every try sent and every cancellation: events of an earlier try are stale. */
  readonly generation: Int32Array;
  /** When the provider started serving the try, in ms (-1 while queued or when it failed at once). */
  readonly startMs: Float64Array;
  /** When the try ends, in ms. */
  readonly endMs: Float64Array;
  /** When its first token arrives, in ms (meaningful when `streamStarted`). */
  readonly firstTokenMs: Float64Array;
  /** The try's answer, an `AnswerCode` (`Answer.Pending` while queued). */
  readonly status: Int32Array;
  readonly cacheHit: Uint8Array;
  /** Whether the try streamed its first token to the gateway (its response had started). */
  readonly streamStarted: Uint8Array;
  /** Output tokens the try delivered (all of them on success, those sent so far on a broken stream). */
  readonly delivered: Int32Array;
  /** Retry-After sent with the answer, in ms (-1: none). */
  readonly retryAfterMs: Float64Array;
  /** The key of the try's counter-based draws (the same request's same try draws alike in every cell). */
  drawKey(slot: number): number;
}
