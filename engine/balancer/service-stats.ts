import type { Clock } from './clock.js';
import { SampleWindow } from './internal/sample-window.js';

/** Latency or TTFT summary over the retained samples, in milliseconds. */
export interface LatencySummary {
  avg: number;
  p50: number;
  p95: number;
  p99: number;
  sampleCount: number;
}

/** A snapshot of every scalar field of a ServiceStats (no sample arrays). Times in ms, undefined when never set. */
export interface ServiceStatsSnapshot {
  serviceId: string;
  requestCount: number;
  lastUsed: number | undefined;
  windowStart: number | undefined;
  windowRequestCount: number;
  windowTokensConsumed: number;
  windowInputTokens: number;
  windowOutputTokens: number;
  timeWindow: number;
  avgLatencyMs: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  p99LatencyMs: number;
  lastLatencyUpdate: number | undefined;
  avgTokenSpeed: number;
  lastSpeedUpdate: number | undefined;
  avgTTFTMs: number;
  p50TTFTMs: number;
  p95TTFTMs: number;
  p99TTFTMs: number;
  lastTTFTUpdate: number | undefined;
  windowCacheHits: number;
  windowCacheMisses: number;
  cacheHitRate: number;
  windowCostTokens: number;
}

/** Initial identity of a ServiceStats, as Service.initializeStats() sets it. */
export interface ServiceStatsInit {
  serviceId: string;
  /** Statistics window in seconds. */
  timeWindow: number;
  /** Window start in ms. */
  windowStart: number;
}

/**
 * Usage statistics of one service: a token window that resets every `timeWindow` seconds, and
 * rolling latency, TTFT and token-speed samples that are never reset.
 */
export class ServiceStats {
  /** Service id `provider:model`; empty until initialised. */
  serviceId = '';
  /** Requests over the service's lifetime. */
  requestCount = 0;
  /** Time of the last recordUsage, in ms. */
  lastUsed: number | undefined = undefined;
  /** Start of the current window, in ms. */
  windowStart: number | undefined = undefined;
  /** Requests in the current window. */
  windowRequestCount = 0;
  /** Input plus output tokens in the current window. */
  windowTokensConsumed = 0;
  /** Input tokens in the current window. */
  windowInputTokens = 0;
  /** Output tokens in the current window. */
  windowOutputTokens = 0;
  /** Window length in seconds (a copy of the service's). */
  timeWindow = 0;
  /** Time of the last latency sample, in ms. */
  lastLatencyUpdate: number | undefined = undefined;
  /** Time of the last token-speed sample, in ms. */
  lastSpeedUpdate: number | undefined = undefined;
  /** Time of the last TTFT sample, in ms. */
  lastTTFTUpdate: number | undefined = undefined;
  /** Cache hits in the current window. */
  windowCacheHits = 0;
  /** Cache misses in the current window. */
  windowCacheMisses = 0;
  /** hits / (hits + misses) in the current window. */
  cacheHitRate = 0;
  /** Tokens as a cost proxy in the current window. */
  windowCostTokens = 0;

  private readonly latency = new SampleWindow(true);
  private readonly ttft = new SampleWindow(true);
  private readonly speed = new SampleWindow(false);

  constructor(
    private readonly clock: Clock,
    init?: ServiceStatsInit,
  ) {
    if (init) {
      this.serviceId = init.serviceId;
      this.timeWindow = init.timeWindow;
      this.windowStart = init.windowStart;
    }
  }

  /** Retained latency samples in ms, oldest first (a copy). */
  get latencySamples(): number[] {
    return this.latency.values();
  }
  /** Average latency in ms over the retained samples. */
  get avgLatencyMs(): number {
    return this.latency.average();
  }
  /** Median latency in ms. */
  get p50LatencyMs(): number {
    return this.latency.p50();
  }
  /** 95th-percentile latency in ms. */
  get p95LatencyMs(): number {
    return this.latency.p95();
  }
  /** 99th-percentile latency in ms. */
  get p99LatencyMs(): number {
    return this.latency.p99();
  }
  /** Retained token-speed samples in tokens per second, oldest first (a copy). */
  get speedSamples(): number[] {
    return this.speed.values();
  }
  /** Average token speed in tokens per second. */
  get avgTokenSpeed(): number {
    return this.speed.average();
  }
  /** Retained TTFT samples in ms, oldest first (a copy). */
  get ttftSamples(): number[] {
    return this.ttft.values();
  }
  /** Average TTFT in ms. */
  get avgTTFTMs(): number {
    return this.ttft.average();
  }
  /** Median TTFT in ms. */
  get p50TTFTMs(): number {
    return this.ttft.p50();
  }
  /** 95th-percentile TTFT in ms. */
  get p95TTFTMs(): number {
    return this.ttft.p95();
  }
  /** 99th-percentile TTFT in ms. */
  get p99TTFTMs(): number {
    return this.ttft.p99();
  }

  /** True when the window has run for `timeWindow` seconds or more (always, for a 0 s window). Read-only. */
  isWindowExpired(): boolean {
    if (this.windowStart === undefined) return true;
    return this.clock.now() - this.windowStart >= this.timeWindow * 1000;
  }

  /** Starts a new window now: zeroes the window counters, the cache counters and the cost tokens. */
  resetWindow(): void {
    this.windowStart = this.clock.now();
    this.windowRequestCount = 0;
    this.windowTokensConsumed = 0;
    this.windowInputTokens = 0;
    this.windowOutputTokens = 0;
    this.windowCacheHits = 0;
    this.windowCacheMisses = 0;
    this.cacheHitRate = 0;
    this.windowCostTokens = 0;
  }

  /** Records one request of `inputTokens` + `outputTokens`, resetting an expired window first. */
  recordUsage(inputTokens: number, outputTokens: number): void {
    assertCount(inputTokens, 'inputTokens');
    assertCount(outputTokens, 'outputTokens');
    if (this.isWindowExpired()) this.resetWindow();
    const total = inputTokens + outputTokens;
    this.requestCount++;
    this.windowRequestCount++;
    this.windowInputTokens += inputTokens;
    this.windowOutputTokens += outputTokens;
    this.windowTokensConsumed += total;
    this.windowCostTokens += total;
    this.lastUsed = this.clock.now();
  }

  /**
   * Window requests and tokens. An expired window is reset first and reads as zeros: a read with a
   * side effect, as in the original.
   */
  getWindowStats(): { requestCount: number; tokensConsumed: number } {
    if (this.isWindowExpired()) {
      this.resetWindow();
      return { requestCount: 0, tokensConsumed: 0 };
    }
    return { requestCount: this.windowRequestCount, tokensConsumed: this.windowTokensConsumed };
  }

  /**
   * What getWindowStats() would return now, without its reset of an expired window: a read with
   * no side effect (lbsim's, for explaining a selection without changing the run).
   */
  peekWindowStats(): { requestCount: number; tokensConsumed: number } {
    if (this.isWindowExpired()) return { requestCount: 0, tokensConsumed: 0 };
    return { requestCount: this.windowRequestCount, tokensConsumed: this.windowTokensConsumed };
  }

  /** Window requests, input and output tokens; resets an expired window like getWindowStats(). */
  getWindowTokenDetails(): { requestCount: number; inputTokens: number; outputTokens: number } {
    if (this.isWindowExpired()) {
      this.resetWindow();
      return { requestCount: 0, inputTokens: 0, outputTokens: 0 };
    }
    return {
      requestCount: this.windowRequestCount,
      inputTokens: this.windowInputTokens,
      outputTokens: this.windowOutputTokens,
    };
  }

  /** Records a latency sample in whole ms, keeping the newest `maxSamples`. O(log n). */
  recordLatency(latencyMs: number, maxSamples: number): void {
    assertInteger(latencyMs, 'latencyMs');
    assertMaxSamples(maxSamples);
    this.latency.push(latencyMs, maxSamples);
    this.lastLatencyUpdate = this.clock.now();
  }

  /** Records a time-to-first-token sample in whole ms, keeping the newest `maxSamples`. O(log n). */
  recordTTFT(ttftMs: number, maxSamples: number): void {
    assertInteger(ttftMs, 'ttftMs');
    assertMaxSamples(maxSamples);
    this.ttft.push(ttftMs, maxSamples);
    this.lastTTFTUpdate = this.clock.now();
  }

  /** Records a token-speed sample in tokens per second, keeping the newest `maxSamples`. */
  recordTokenSpeed(speedTps: number, maxSamples: number): void {
    if (!Number.isFinite(speedTps)) throw new RangeError(`speedTps must be a finite number, got ${String(speedTps)}`);
    assertMaxSamples(maxSamples);
    this.speed.push(speedTps, maxSamples);
    this.lastSpeedUpdate = this.clock.now();
  }

  /** Counts a cache hit or miss and updates the hit rate. Does not check window expiry. */
  recordCacheHit(isHit: boolean): void {
    if (isHit) this.windowCacheHits++;
    else this.windowCacheMisses++;
    this.cacheHitRate = this.windowCacheHits / (this.windowCacheHits + this.windowCacheMisses);
  }

  /** Latency summary in ms. */
  getLatencyStats(): LatencySummary {
    return summarise(this.latency);
  }

  /** Time-to-first-token summary in ms. */
  getTTFTStats(): LatencySummary {
    return summarise(this.ttft);
  }

  /** Average token speed in tokens per second and the number of samples behind it. */
  getTokenSpeedStats(): { avgSpeed: number; sampleCount: number } {
    return { avgSpeed: this.speed.average(), sampleCount: this.speed.count };
  }

  /** Cache hit rate, hits and misses of the current window. Does not check window expiry. */
  getCacheStats(): { hitRate: number; hits: number; misses: number } {
    return { hitRate: this.cacheHitRate, hits: this.windowCacheHits, misses: this.windowCacheMisses };
  }

  /** Window cost tokens. Does not check window expiry. */
  getCostMetrics(): number {
    return this.windowCostTokens;
  }

  /** A snapshot of every scalar field. */
  getStats(): ServiceStatsSnapshot {
    return {
      serviceId: this.serviceId,
      requestCount: this.requestCount,
      lastUsed: this.lastUsed,
      windowStart: this.windowStart,
      windowRequestCount: this.windowRequestCount,
      windowTokensConsumed: this.windowTokensConsumed,
      windowInputTokens: this.windowInputTokens,
      windowOutputTokens: this.windowOutputTokens,
      timeWindow: this.timeWindow,
      avgLatencyMs: this.avgLatencyMs,
      p50LatencyMs: this.p50LatencyMs,
      p95LatencyMs: this.p95LatencyMs,
      p99LatencyMs: this.p99LatencyMs,
      lastLatencyUpdate: this.lastLatencyUpdate,
      avgTokenSpeed: this.avgTokenSpeed,
      lastSpeedUpdate: this.lastSpeedUpdate,
      avgTTFTMs: this.avgTTFTMs,
      p50TTFTMs: this.p50TTFTMs,
      p95TTFTMs: this.p95TTFTMs,
      p99TTFTMs: this.p99TTFTMs,
      lastTTFTUpdate: this.lastTTFTUpdate,
      windowCacheHits: this.windowCacheHits,
      windowCacheMisses: this.windowCacheMisses,
      cacheHitRate: this.cacheHitRate,
      windowCostTokens: this.windowCostTokens,
    };
  }

  /** The seed's JSON form: snake_case names, times in ms (null when never set), no sample arrays. */
  toJSON(): Record<string, string | number | null> {
    const s = this.getStats();
    return {
      service_id: s.serviceId,
      request_count: s.requestCount,
      last_used: s.lastUsed ?? null,
      window_start: s.windowStart ?? null,
      window_request_count: s.windowRequestCount,
      window_tokens_consumed: s.windowTokensConsumed,
      window_input_tokens: s.windowInputTokens,
      window_output_tokens: s.windowOutputTokens,
      time_window: s.timeWindow,
      avg_latency_ms: s.avgLatencyMs,
      p50_latency_ms: s.p50LatencyMs,
      p95_latency_ms: s.p95LatencyMs,
      p99_latency_ms: s.p99LatencyMs,
      last_latency_update: s.lastLatencyUpdate ?? null,
      avg_token_speed: s.avgTokenSpeed,
      last_speed_update: s.lastSpeedUpdate ?? null,
      avg_ttft_ms: s.avgTTFTMs,
      p50_ttft_ms: s.p50TTFTMs,
      p95_ttft_ms: s.p95TTFTMs,
      p99_ttft_ms: s.p99TTFTMs,
      last_ttft_update: s.lastTTFTUpdate ?? null,
      window_cache_hits: s.windowCacheHits,
      window_cache_misses: s.windowCacheMisses,
      cache_hit_rate: s.cacheHitRate,
      window_cost_tokens: s.windowCostTokens,
    };
  }
}

function summarise(window: SampleWindow): LatencySummary {
  return { avg: window.average(), p50: window.p50(), p95: window.p95(), p99: window.p99(), sampleCount: window.count };
}

function assertMaxSamples(maxSamples: number): void {
  if (!Number.isInteger(maxSamples) || maxSamples < 0) {
    throw new RangeError(`maxSamples must be a non-negative integer, got ${String(maxSamples)}`);
  }
}

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a whole number of milliseconds, got ${String(value)}`);
  }
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}
