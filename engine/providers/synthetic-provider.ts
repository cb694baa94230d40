import { Sampler, Stream, uniformAt } from '../sim/index.js';
import { Answer } from './answer.js';
import { RateLimitBuckets } from './rate-limit-buckets.js';
import type { TrySlots } from './try-slots.js';
import type { Incident, ProviderModel } from './types.js';

/** Where a provider schedules the end of an attempt. */
export interface AttemptScheduler {
  /** Schedules the end of the attempt in `slot` (of generation `generation`) at `timeMs`. */
  scheduleEnd(timeMs: number, slot: number, generation: number): void;
}

/** What a health probe found. */
export interface ProbeAnswer {
  available: boolean;
  /** How long the probe took, in ms. */
  latencyMs: number;
}

/** Order in which background error rates are drawn (409 last, so adding it moved no earlier draw). */
// 529 last: adding it moved no other status's draws.
const ERROR_ORDER = [500, 502, 503, 504, 408, 401, 403, 429, 409, 529] as const;

type DownIncident = Extract<Incident, { kind: 'down' }>;

/**
 * The slowest a provider streams, in tokens per second: speed draws below it (an exponential's
 * near-zero draws, a deep `degraded` factor) are taken as it, so every generation ends (a draw of
 * 0 would never end).
 */
export const MIN_TOKENS_PER_SECOND = 1;

/**
 * A synthetic LLM provider serving one service: concurrency slots with a FIFO queue, TTFT and
 * token-speed distributions, request and token budgets per minute, background errors, scheduled
 * incidents, a prompt cache and prices. All its randomness is counter-based on (request index,
 * attempt, try), so a request meets the same behaviour whichever cell routes it here.
 */
export class SyntheticProvider {
  private readonly ttft: Sampler;
  private readonly speed: Sampler;
  private readonly errorLatency: Sampler;
  private readonly errorStatuses: number[] = [];
  private readonly errorCumulative: number[] = [];
  private readonly incidents: readonly Incident[];
  /** `down` incidents that cut the attempts in flight when they start, by start time. */
  private readonly cuts: readonly DownIncident[];
  /** Attempts being served. */
  private busy = 0;
  /** Live queued attempts (the ring may also hold cancelled ones). */
  private waiting = 0;
  private queueSlots = new Int32Array(64);
  private queueGenerations = new Int32Array(64);
  private queueHead = 0;
  private queueLength = 0;
  private readonly buckets: RateLimitBuckets;
  /** Output generated for non-streamed tries cancelled midway, by slot (billed once). */
  private readonly abandonedTokens = new Map<number, number>();
  /** When the prefill has read every prompt given to it so far. */
  private prefillFreeMs = 0;
  /** Per session: when this provider last served it, in ms (its prompt cache is warm). */
  private readonly sessionServedMs: Float64Array;
  private probeCount = 0;

  constructor(
    readonly spec: ProviderModel,
    /** The service's index in the scenario. */
    readonly serviceIndex: number,
    private readonly seed: number,
    private readonly table: TrySlots,
    private readonly scheduler: AttemptScheduler,
    sessions: number,
    private readonly probeTimeoutMs: number,
  ) {
    this.ttft = new Sampler(spec.ttftMs);
    this.speed = new Sampler(spec.tokensPerSecond);
    this.errorLatency = new Sampler(spec.errorLatencyMs);
    let cumulative = 0;
    for (const status of ERROR_ORDER) {
      const rate = spec.errorRates[status] ?? 0;
      if (rate > 0) {
        cumulative += rate;
        this.errorStatuses.push(status);
        this.errorCumulative.push(cumulative);
      }
    }
    this.incidents = [...spec.incidents].sort((a, b) => a.startMs - b.startMs);
    this.cuts = this.incidents.filter((i): i is DownIncident => i.kind === 'down' && i.inFlight === 'cut');
    this.buckets = new RateLimitBuckets(spec.rateLimits);
    this.sessionServedMs = new Float64Array(sessions).fill(Number.NEGATIVE_INFINITY);
  }

  /** Attempts being served now. */
  get inService(): number {
    return this.busy;
  }

  /** Attempts waiting for a slot now. */
  get queued(): number {
    return this.waiting;
  }

  /**
   * A try arrives (its slot holds the request; trySendMs = now). It fails at once (incident,
   * rate limit, background error, full queue), starts on a free slot, or waits in the queue.
   * Writes the outcome into the table and schedules the try's end when it is known.
   */
  accept(slot: number, nowMs: number): void {
    const t = this.table;
    const index = t.index[slot]!;
    const attempt = t.drawKey(slot);
    t.startMs[slot] = -1;
    t.cacheHit[slot] = 0;
    t.streamStarted[slot] = 0;
    t.delivered[slot] = 0;
    t.retryAfterMs[slot] = -1;
    for (const incident of this.incidents) {
      if (incident.startMs > nowMs) break;
      if (nowMs >= incident.startMs + incident.durationMs) continue;
      switch (incident.kind) {
        case 'down':
          return this.failDown(slot, nowMs, incident);
        case 'auth_revoked':
          return this.fail(slot, nowMs, incident.status, this.errorLatencyFor(index, attempt));
        case 'rate_limited':
          t.retryAfterMs[slot] = incident.retryAfterMs ?? -1;
          return this.fail(slot, nowMs, 429, this.errorLatencyFor(index, attempt));
        case 'flaky':
          if (uniformAt(this.seed, Stream.Flaky, index, attempt) < incident.errorProbability) {
            return this.fail(slot, nowMs, incident.status, incident.status === 408 ? this.spec.timeoutMs : this.errorLatencyFor(index, attempt));
          }
          break;
        case 'slow':
        case 'degraded':
        case 'mid_stream':
          break; // these act when service starts
      }
    }
    if (!this.takeBudget(slot, nowMs)) return;
    if (this.errorStatuses.length > 0) {
      const u = uniformAt(this.seed, Stream.Error, index, attempt);
      for (let k = 0; k < this.errorStatuses.length; k++) {
        if (u < this.errorCumulative[k]!) {
          const status = this.errorStatuses[k]!;
          if (status === 429) t.retryAfterMs[slot] = 1000;
          return this.fail(slot, nowMs, status, status === 408 ? this.spec.timeoutMs : this.errorLatencyFor(index, attempt));
        }
      }
    }
    if (this.busy < this.spec.concurrency) {
      this.busy++;
      if (!this.start(slot, nowMs)) this.releaseSlot(nowMs);
      return;
    }
    if (this.waiting >= this.spec.queueLimit) return this.fail(slot, nowMs, this.spec.overloadStatus, this.errorLatencyFor(index, attempt));
    this.enqueue(slot);
  }

  /** The try in `slot` has been served: free its slot and start the next one waiting. */
  finish(slot: number, nowMs: number): void {
    const session = this.table.session[slot]!;
    if (session >= 0 && this.table.status[slot] === Answer.Ok) this.sessionServedMs[session] = nowMs;
    this.releaseSlot(nowMs);
  }

  /**
   * The gateway gave up on the try in `slot` at `nowMs` (call before its generation changes): a
   * served try frees its slot; a queued one stops counting (its queue entry turns stale). A
   * stream already past its first token keeps what it delivered by then (`delivered`,
   * `streamStarted`); the table's outcome fields are otherwise the caller's to set.
   */
  cancel(slot: number, nowMs: number): void {
    const t = this.table;
    if (t.startMs[slot]! >= 0) {
      const streamed = t.streamStarted[slot] === 1 && t.firstTokenMs[slot]! <= nowMs;
      const generated = t.firstTokenMs[slot]! <= nowMs ? tokensBy(t.delivered[slot]!, t.firstTokenMs[slot]!, t.endMs[slot]!, nowMs) : 0;
      // A non-streamed answer abandoned midway reaches no one, but what was generated is billed.
      if (!streamed && generated > 0) this.abandonedTokens.set(slot, generated);
      t.delivered[slot] = streamed ? generated : 0;
      t.streamStarted[slot] = streamed ? 1 : 0;
      this.releaseSlot(nowMs);
    } else {
      if (t.status[slot] === Answer.Pending) this.waiting--;
      t.delivered[slot] = 0;
      t.streamStarted[slot] = 0;
    }
  }

  /** A health probe at `nowMs`: available unless an outage, a revoked key or a 429 storm is on. */
  probe(nowMs: number): ProbeAnswer {
    const draw = uniformAt(this.seed, Stream.Probe, this.probeCount++, 0);
    for (const incident of this.incidents) {
      if (incident.startMs > nowMs) break;
      if (nowMs >= incident.startMs + incident.durationMs) continue;
      if (incident.kind === 'down') {
        return { available: false, latencyMs: incident.status === 'timeout' ? this.probeTimeoutMs : Math.min(this.probeTimeoutMs, this.errorLatency.median()) };
      }
      if (incident.kind === 'auth_revoked' || incident.kind === 'rate_limited') {
        return { available: false, latencyMs: Math.min(this.probeTimeoutMs, this.errorLatency.median()) };
      }
      if (incident.kind === 'flaky' && draw < incident.errorProbability) {
        return { available: false, latencyMs: Math.min(this.probeTimeoutMs, this.errorLatency.median()) };
      }
    }
    return { available: true, latencyMs: Math.min(this.probeTimeoutMs, this.spec.probeLatencyMs) };
  }

  /**
   * The bill of the try in `slot`, in dollars: a success in full; a stream past its first token or
   * a non-streamed try cancelled midway, its input and the output generated by then; else nothing.
   */
  billOf(slot: number): number {
    const t = this.table;
    const abandoned = this.abandonedTokens.get(slot);
    this.abandonedTokens.delete(slot);
    if (t.status[slot] !== Answer.Ok && t.streamStarted[slot] === 0 && abandoned === undefined) return 0;
    const { price, cache } = this.spec;
    const inputPrice = t.cacheHit[slot] === 1 ? price.inputPerMillion * cache.inputPriceFactor : price.inputPerMillion;
    return (t.inputTokens[slot]! * inputPrice + (abandoned ?? t.delivered[slot]!) * price.outputPerMillion) / 1e6;
  }

  private errorLatencyFor(index: number, attempt: number): number {
    return this.errorLatency.at(uniformAt(this.seed, Stream.ErrorLatency, index, attempt));
  }

  /** Fails the try in `slot` at once: its answer, `status`, arrives after `latencyMs`. */
  private fail(slot: number, nowMs: number, status: number, latencyMs: number): void {
    const t = this.table;
    const end = nowMs + Math.max(0, latencyMs);
    t.status[slot] = status;
    t.endMs[slot] = end;
    t.firstTokenMs[slot] = end;
    t.delivered[slot] = 0;
    t.streamStarted[slot] = 0;
    this.scheduler.scheduleEnd(end, slot, t.generation[slot]!);
  }

  /** Fails a try that meets a `down` incident: a timeout after `timeout`, or its status after the error latency. */
  private failDown(slot: number, nowMs: number, incident: DownIncident): void {
    if (incident.status === 'timeout') return this.fail(slot, nowMs, Answer.Timeout, this.spec.timeoutMs);
    if (incident.status === 'connection_error') return this.fail(slot, nowMs, Answer.ConnectionError, this.errorLatencyFor(this.table.index[slot]!, this.table.drawKey(slot)));
    this.fail(slot, nowMs, incident.status, this.errorLatencyFor(this.table.index[slot]!, this.table.drawKey(slot)));
  }

  /** Takes one request and its tokens from the rate-limit buckets, or fails the attempt with a 429. */
  private takeBudget(slot: number, nowMs: number): boolean {
    if (!this.buckets.limited) return true;
    const t = this.table;
    // A provider that counts max_tokens at admission charges it, whatever the answer's length.
    const tokens = t.inputTokens[slot]! + (this.spec.rateLimits.countedMaxTokens ?? t.outputTokens[slot]!);
    if (this.buckets.admit(nowMs, tokens)) return true;
    const retryAfterMs = this.buckets.retryAfterMs(tokens);
    if (retryAfterMs !== null) t.retryAfterMs[slot] = retryAfterMs;
    this.fail(slot, nowMs, 429, this.errorLatencyFor(t.index[slot]!, t.drawKey(slot)));
    return false;
  }

  /**
   * Starts serving the try in `slot` at `nowMs` on a slot already counted busy, and plans its
   * end: a success, or a break (a `mid_stream` incident, or a cutting `down` incident that starts
   * before the end). Returns false when the try failed at once instead (a cutting outage is on),
   * leaving the slot for the caller to release.
   */
  private start(slot: number, nowMs: number): boolean {
    const t = this.table;
    const index = t.index[slot]!;
    const attempt = t.drawKey(slot);
    let slow = 1;
    let speedFactor = 1;
    let breakProbability = 0;
    let breakStatus: number = Answer.StreamError;
    let [stallProbability, pauseMs] = [0, 0];
    for (const incident of this.incidents) {
      if (incident.startMs > nowMs) break;
      if (nowMs >= incident.startMs + incident.durationMs) continue;
      if (incident.kind === 'slow') slow *= incident.factor;
      else if (incident.kind === 'degraded') speedFactor *= incident.factor;
      else if (incident.kind === 'mid_stream' && breakProbability === 0) {
        breakProbability = incident.errorProbability;
        breakStatus = incident.status;
      } else if (incident.kind === 'stall' && stallProbability === 0) [stallProbability, pauseMs] = [incident.stallProbability, incident.pauseMs];
      else if (incident.kind === 'down' && incident.inFlight === 'cut') {
        this.failDown(slot, nowMs, incident);
        return false;
      }
    }
    const { cache } = this.spec;
    let hit = false;
    if (cache.hitProbability > 0) {
      const session = t.session[slot]!;
      const warm = session < 0 || nowMs - this.sessionServedMs[session]! <= cache.ttlMs;
      hit = warm && uniformAt(this.seed, Stream.Cache, index, attempt) < cache.hitProbability;
    }
    const ttftMs = this.ttft.at(uniformAt(this.seed, Stream.Ttft, index, attempt)) * slow * (hit ? cache.ttftFactor : 1) + this.prefillWaitMs(nowMs, t.inputTokens[slot]! * (hit ? cache.ttftFactor : 1));
    // Under load, a stream gets at most an equal share of the provider's decode throughput.
    const share = this.spec.load.decodeTokensPerSecond / this.busy;
    const tokensPerSecond = Math.max(MIN_TOKENS_PER_SECOND, Math.min(this.speed.at(uniformAt(this.seed, Stream.Speed, index, attempt)) * speedFactor, share));
    const outputTokens = t.outputTokens[slot]!;
    const stalled = stallProbability > 0 && uniformAt(this.seed, Stream.Stall, index, attempt) < stallProbability;
    // A stall pauses the stream partway: its tokens come over the generation time plus the pause.
    const generationMs = Math.max(0, ((outputTokens * 1000) / tokensPerSecond) * slow) + (stalled ? pauseMs : 0);
    const firstToken = nowMs + Math.max(0, ttftMs);
    const streaming = t.streaming[slot] === 1;
    let end = firstToken + generationMs;
    let status: number = Answer.Ok;
    let delivered = outputTokens;
    if (breakProbability > 0 && uniformAt(this.seed, Stream.MidStream, index, attempt) < breakProbability) {
      const point = uniformAt(this.seed, Stream.MidStreamPoint, index, attempt);
      end = firstToken + point * generationMs;
      status = streaming ? Answer.StreamError : breakStatus;
      delivered = streaming ? Math.floor(point * outputTokens) : 0;
    }
    const cut = this.cutBetween(nowMs, end);
    if (cut !== undefined) {
      const stalled = cut.status === 'timeout' ? this.spec.timeoutMs : 0;
      if (streaming && cut.startMs >= firstToken) {
        delivered = tokensBy(outputTokens, firstToken, firstToken + generationMs, cut.startMs);
        status = Answer.StreamError;
      } else {
        delivered = 0;
        status = cut.status === 'timeout' ? Answer.Timeout : cut.status === 'connection_error' ? Answer.ConnectionError : cut.status;
      }
      end = cut.startMs + stalled;
    }
    t.startMs[slot] = nowMs;
    t.firstTokenMs[slot] = firstToken;
    t.endMs[slot] = end;
    t.status[slot] = status;
    t.cacheHit[slot] = hit ? 1 : 0;
    t.delivered[slot] = delivered;
    t.streamStarted[slot] = streaming && (status === Answer.Ok || status === Answer.StreamError) ? 1 : 0;
    this.scheduler.scheduleEnd(end, slot, t.generation[slot]!);
    return true;
  }

  /** The wait of a prompt of `tokens` at `nowMs` behind the prompts ahead, read one after another at the prefill throughput (0 without one). */
  private prefillWaitMs(nowMs: number, tokens: number): number {
    const rate = this.spec.load.prefillTokensPerSecond;
    if (rate === Number.POSITIVE_INFINITY) return 0;
    const begin = Math.max(nowMs, this.prefillFreeMs);
    this.prefillFreeMs = begin + (tokens * 1000) / rate;
    return begin - nowMs;
  }

  /** The first cutting `down` incident that starts after `fromMs` and before `toMs`, if any. */
  private cutBetween(fromMs: number, toMs: number): DownIncident | undefined {
    for (const cut of this.cuts) {
      if (cut.startMs >= toMs) return undefined;
      if (cut.startMs > fromMs) return cut;
    }
    return undefined;
  }

  private enqueue(slot: number): void {
    if (this.queueLength === this.queueSlots.length) this.growQueue();
    let at = this.queueHead + this.queueLength;
    if (at >= this.queueSlots.length) at -= this.queueSlots.length;
    this.queueSlots[at] = slot;
    this.queueGenerations[at] = this.table.generation[slot]!;
    this.queueLength++;
    this.waiting++;
    this.table.status[slot] = Answer.Pending; // queued
  }

  /** A slot frees up: start the oldest live queued try on it (one that fails at once frees it again), or leave it free. */
  private releaseSlot(nowMs: number): void {
    while (this.queueLength > 0) {
      const slot = this.queueSlots[this.queueHead]!;
      const generation = this.queueGenerations[this.queueHead]!;
      this.queueHead = this.queueHead + 1 === this.queueSlots.length ? 0 : this.queueHead + 1;
      this.queueLength--;
      if (this.table.generation[slot] !== generation) continue; // cancelled while waiting
      this.waiting--;
      if (this.start(slot, nowMs)) return;
    }
    this.busy--;
  }

  private growQueue(): void {
    const capacity = this.queueSlots.length * 2;
    const slots = new Int32Array(capacity);
    const generations = new Int32Array(capacity);
    for (let i = 0; i < this.queueLength; i++) {
      let at = this.queueHead + i;
      if (at >= this.queueSlots.length) at -= this.queueSlots.length;
      slots[i] = this.queueSlots[at]!;
      generations[i] = this.queueGenerations[at]!;
    }
    this.queueSlots = slots;
    this.queueGenerations = generations;
    this.queueHead = 0;
  }
}

/** Output tokens a stream of `total` tokens from `firstMs` to `endMs` has delivered by `atMs` (evenly paced). */
function tokensBy(total: number, firstMs: number, endMs: number, atMs: number): number {
  if (atMs >= endMs) return total;
  return Math.floor((total * (atMs - firstMs)) / (endMs - firstMs));
}
