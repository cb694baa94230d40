import { describe, expect, it } from 'vitest';
import { SyntheticProvider } from '../../../engine/providers/index.js';
import type { Incident, ProviderModel } from '../../../engine/providers/index.js';
import { RequestTable } from '../../../engine/gateway/index.js';
import { Answer } from '../../../engine/providers/index.js';
import { streamRng } from '../../../engine/sim/index.js';
import { provider } from '../../helpers/scenarios.js';

/** A provider on its own table, with a scheduler that records attempt ends. */
function harness(overrides: Partial<ProviderModel> = {}, sessions = 0) {
  const table = new RequestTable(1);
  const ends: Array<{ timeMs: number; slot: number }> = [];
  const p = new SyntheticProvider(
    provider({ ttftMs: { kind: 'constant', value: 100 }, tokensPerSecond: { kind: 'constant', value: 100 }, ...overrides }),
    0,
    42,
    table,
    { scheduleEnd: (timeMs, slot) => ends.push({ timeMs, slot }) },
    sessions,
    10_000,
  );
  let next = 0;
  const arrive = (nowMs: number, outputTokens = 100, inputTokens = 10, session = -1, streaming = true): number => {
    const slot = table.allocate();
    table.index[slot] = next++;
    table.attempt[slot] = 0;
    table.tryIndex[slot] = 0;
    table.streaming[slot] = streaming ? 1 : 0;
    table.inputTokens[slot] = inputTokens;
    table.outputTokens[slot] = outputTokens;
    table.session[slot] = session;
    table.sendMs[slot] = nowMs;
    p.accept(slot, nowMs);
    return slot;
  };
  return { p, table, ends, arrive };
}

const incident = (i: Partial<Incident> & Pick<Incident, 'kind'>): Incident => ({ startMs: 1_000, durationMs: 1_000, ...i }) as Incident;

describe('SyntheticProvider service', () => {
  it('latency = queue wait + TTFT + output tokens / speed, FIFO when the slots are full', () => {
    const { p, table, ends, arrive } = harness({ concurrency: 1 });
    const a = arrive(0, 100); // 100 ms TTFT + 1000 ms generation
    const b = arrive(10, 50);
    const c = arrive(20, 50);
    expect(table.endMs[a]).toBe(1_100);
    expect(table.firstTokenMs[a]).toBe(100);
    expect(p.inService).toBe(1);
    expect(p.queued).toBe(2);
    expect(ends).toEqual([{ timeMs: 1_100, slot: a }]);
    p.finish(a, 1_100);
    expect(table.startMs[b]).toBe(1_100);
    expect(table.endMs[b]).toBe(1_100 + 100 + 500);
    p.finish(b, 1_700);
    expect(table.startMs[c]).toBe(1_700);
    p.finish(c, 2_300);
    expect(p.inService).toBe(0);
  });

  it('answers the overload status when the queue is full', () => {
    const { table, arrive } = harness({ concurrency: 1, queueLimit: 1, overloadStatus: 429, errorLatencyMs: { kind: 'constant', value: 5 } });
    arrive(0);
    arrive(0);
    const third = arrive(0);
    expect(table.status[third]).toBe(429);
    expect(table.endMs[third]).toBe(5);
  });

  it('answers 529 (overloaded) when told to', () => {
    const { table, arrive } = harness({ concurrency: 1, queueLimit: 0, overloadStatus: 529, errorLatencyMs: { kind: 'constant', value: 5 } });
    arrive(0);
    const second = arrive(0);
    expect(table.status[second]).toBe(529);
  });

  it('a cancelled queued attempt is skipped, a cancelled served one frees its slot', () => {
    const { p, table, arrive } = harness({ concurrency: 1 });
    const a = arrive(0);
    const b = arrive(0);
    const c = arrive(0);
    p.cancel(b, 50);
    table.generation[b]!++;
    expect(p.queued).toBe(1);
    p.cancel(a, 60);
    table.generation[a]!++;
    expect(table.startMs[c]).toBe(60);
    expect(p.queued).toBe(0);
  });
});

describe('SyntheticProvider without a queue', () => {
  /** Erlang's B formula: the share of Poisson arrivals that find all c slots busy, at offered load a (erlangs). */
  const erlangB = (c: number, a: number): number => {
    let b = 1;
    for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
    return b;
  };

  it.each([
    [4, 3],
    [10, 8],
    [10, 12],
  ])('closed form: with %i slots at %i erlangs, the share turned away is Erlang B (any service time)', (slots, erlangs) => {
    // service time: 100 ms TTFT + 100 tokens at 100 tokens/s = 1.1 s, constant (Erlang B holds for any distribution)
    const { p, table, ends, arrive } = harness({ concurrency: slots, queueLimit: 0, overloadStatus: 529 });
    const rate = erlangs / 1.1; // arrivals per second
    const rng = streamRng(slots * 100 + erlangs, 'erlang-b');
    let now = 0;
    let refused = 0;
    const arrivals = 60_000;
    for (let n = 0; n < arrivals; n++) {
      now += (-Math.log(1 - rng.next()) / rate) * 1_000;
      ends.sort((a, b) => a.timeMs - b.timeMs);
      while (ends.length > 0 && ends[0]!.timeMs <= now) {
        const { timeMs, slot } = ends.shift()!;
        if (table.startMs[slot]! >= 0) p.finish(slot, timeMs); // a refused try was never served
        table.release(slot);
      }
      if (table.status[arrive(now)] === 529) refused++;
    }
    expect(refused / arrivals).toBeCloseTo(erlangB(slots, erlangs), 2);
  });
});

describe('SyntheticProvider under load', () => {
  const unloaded = { decodeTokensPerSecond: Number.POSITIVE_INFINITY, prefillTokensPerSecond: Number.POSITIVE_INFINITY };

  it('gives a stream starting with n served at most 1/n of the decode throughput, fixed for its generation', () => {
    // 100 tokens/s per stream alone, 200 tokens/s across streams: the 3rd of 4 at once gets 66.7, the 4th 50.
    const { table, arrive } = harness({ concurrency: 8, load: { ...unloaded, decodeTokensPerSecond: 200 } });
    const slots = [arrive(0), arrive(0), arrive(0), arrive(0)];
    expect(slots.map((s) => table.endMs[s]! - table.firstTokenMs[s]!)).toEqual([1_000, 1_000, 1_500, 2_000]);
  });

  it('closed form: with n streams always in service, throughput is min(n x speed, decode throughput)', () => {
    for (const n of [1, 2, 3, 5, 8]) {
      const { p, table, ends, arrive } = harness({ concurrency: 64, ttftMs: { kind: 'constant', value: 0 }, load: { ...unloaded, decodeTokensPerSecond: 300 } });
      for (let k = 0; k < n; k++) arrive(0);
      // each stream that ends is replaced at once, so n are always served
      let delivered = 0;
      let at = 0;
      while (at < 600_000) {
        ends.sort((a, b) => a.timeMs - b.timeMs || a.slot - b.slot);
        const { timeMs, slot } = ends.shift()!;
        at = timeMs;
        if (at > 60_000) delivered += table.outputTokens[slot]!; // after the first streams, which started less loaded
        p.finish(slot, at);
        table.release(slot);
        arrive(at);
      }
      expect(delivered / ((at - 60_000) / 1_000)).toBeCloseTo(Math.min(n * 100, 300), -1);
    }
  });

  it('closed form: k prompts at once of I tokens each wait k x I / prefill throughput before their TTFT starts', () => {
    const { table, arrive } = harness({ concurrency: 8, load: { ...unloaded, prefillTokensPerSecond: 10_000 } });
    const slots = [0, 1, 2, 3].map(() => arrive(0, 100, 2_000)); // 200 ms of prefill each
    expect(slots.map((s) => table.firstTokenMs[s])).toEqual([100, 300, 500, 700]);
    // the prefill is idle again later: no wait
    expect(table.firstTokenMs[arrive(5_000, 100, 2_000)]).toBe(5_100);
  });

  it('reduces to the unloaded service when the throughputs are out of reach', () => {
    const off = harness();
    const on = harness({ load: { decodeTokensPerSecond: 1e12, prefillTokensPerSecond: 1e15 } });
    const a = [0, 0, 10, 20].map((t) => off.arrive(t));
    const b = [0, 0, 10, 20].map((t) => on.arrive(t));
    // a throughput no load reaches: the same times, up to the prefill's femtoseconds
    b.forEach((s, k) => expect(on.table.endMs[s]).toBeCloseTo(off.table.endMs[a[k]!]!, 6));
  });
});

describe('SyntheticProvider rate limits', () => {
  it('answers 429 past the requests-per-minute budget, with a whole-second Retry-After, and refills', () => {
    const { table, arrive } = harness({ rateLimits: { requestsPerMinute: 60, tokensPerMinute: Number.POSITIVE_INFINITY, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'wait', countedMaxTokens: null } });
    const statuses = Array.from({ length: 61 }, () => table.status[arrive(0)]);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const limited = arrive(0);
    expect(table.status[limited]).toBe(429);
    expect(table.retryAfterMs[limited]).toBe(1_000);
    expect(table.status[arrive(1_000)]).toBe(Answer.Ok); // one request refilled per second
  });

  it('counts input plus output tokens against tokens per minute; no Retry-After when the provider sends none', () => {
    const { table, arrive } = harness({ rateLimits: { requestsPerMinute: Number.POSITIVE_INFINITY, tokensPerMinute: 1_000, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'none', countedMaxTokens: null } });
    expect(table.status[arrive(0, 400, 100)]).toBe(Answer.Ok);
    expect(table.status[arrive(0, 400, 100)]).toBe(Answer.Ok);
    const third = arrive(0, 400, 100);
    expect(table.status[third]).toBe(429);
    expect(table.retryAfterMs[third]).toBe(-1);
    expect(table.status[arrive(30_000, 400, 100)]).toBe(Answer.Ok);
  });
});

describe('SyntheticProvider billing of abandoned tries', () => {
  it('a non-streamed try cancelled during its generation bills its input and the output generated by then; one cancelled before it, nothing', () => {
    const { p, table, arrive } = harness({ price: { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 } }); // $1 per token
    const midway = arrive(0, 100, 10, -1, false); // TTFT 100 ms, then 100 tokens over 1 s
    p.cancel(midway, 600);
    table.status[midway] = Answer.Timeout; // as the gateway marks a try it gave up on
    expect(table.delivered[midway]).toBe(0); // the client gets nothing
    expect(p.billOf(midway)).toBe(10 + 50);
    expect(p.billOf(midway)).toBe(0); // billed once
    const early = arrive(0, 100, 10, -1, false);
    p.cancel(early, 50);
    table.status[early] = Answer.Timeout;
    expect(p.billOf(early)).toBe(0);
  });
});

describe('SyntheticProvider rate limits that count max_tokens', () => {
  it('charges input + max_tokens at admission, whatever the answer length', () => {
    const { table, arrive } = harness({ rateLimits: { requestsPerMinute: Number.POSITIVE_INFINITY, tokensPerMinute: 1_000, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'wait', countedMaxTokens: 400 } });
    expect(table.status[arrive(0, 10, 100)]).toBe(Answer.Ok); // 500 counted, not 110
    expect(table.status[arrive(0, 10, 100)]).toBe(Answer.Ok);
    expect(table.status[arrive(0, 10, 100)]).toBe(429);
  });
});

describe('SyntheticProvider stalls', () => {
  const stall = (stallProbability: number): Incident => ({ kind: 'stall', startMs: 0, durationMs: 10_000, stallProbability, pauseMs: 2_000 });

  it('a stall incident pauses a stream partway: its last token comes the pause later, its first on time', () => {
    const { table, arrive } = harness({ incidents: [stall(1)] });
    const s = arrive(0);
    expect(table.firstTokenMs[s]).toBe(100);
    expect(table.endMs[s]).toBe(100 + 1_000 + 2_000);
    expect(table.status[s]).toBe(Answer.Ok);
    expect(table.delivered[s]).toBe(100);
    // after the incident, no pause
    expect(table.endMs[arrive(20_000)]).toBe(20_000 + 1_100);
  });

  it('stalls each stream with its probability, drawn per request and attempt', () => {
    const { table, arrive } = harness({ concurrency: Number.POSITIVE_INFINITY, incidents: [stall(0.3)] });
    const slots = Array.from({ length: 4_000 }, () => arrive(0));
    const stalled = slots.filter((s) => table.endMs[s] === 3_100).length;
    expect(slots.every((s) => table.endMs[s] === 1_100 || table.endMs[s] === 3_100)).toBe(true);
    expect(Math.abs(stalled / 4_000 - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 4_000));
  });
});

describe('SyntheticProvider errors and incidents', () => {
  it('background error rates by status, drawn per request', () => {
    const { table, arrive } = harness({ errorRates: { 500: 0.2, 503: 0.1 } });
    const counts = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const s = table.status[arrive(0)]!;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect(counts.get(500)! / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.get(503)! / 20_000).toBeCloseTo(0.1, 1);
  });

  it.each([
    [{ kind: 'down', status: 502 }, 502, 50],
    [{ kind: 'down', status: 'timeout' }, Answer.Timeout, 30_000],
    [{ kind: 'auth_revoked', status: 403 }, 403, 50],
    [{ kind: 'rate_limited', retryAfterMs: 5_000 }, 429, 50],
    [{ kind: 'flaky', errorProbability: 1, status: 504 }, 504, 50],
  ] as const)('incident %o answers %s inside its window only', (spec, status, latency) => {
    const { table, arrive } = harness({ incidents: [incident(spec as Partial<Incident> & Pick<Incident, 'kind'>)], errorLatencyMs: { kind: 'constant', value: 50 } });
    expect(table.status[arrive(999)]).toBe(Answer.Ok);
    const inside = arrive(1_000);
    expect(table.status[inside]).toBe(status);
    expect(table.endMs[inside]).toBe(1_000 + latency);
    if (spec.kind === 'rate_limited') expect(table.retryAfterMs[inside]).toBe(5_000);
    expect(table.status[arrive(2_000)]).toBe(Answer.Ok);
  });

  it('never streams slower than 1 token/s, whatever the draw or the degradation (so every generation ends)', () => {
    const crawling = harness({ concurrency: Number.POSITIVE_INFINITY, tokensPerSecond: { kind: 'exponential', mean: 0.5 }, incidents: [incident({ kind: 'degraded', factor: 0.001, startMs: 0, durationMs: 1e9 })] });
    for (let i = 0; i < 500; i++) {
      const slot = crawling.arrive(0, 100);
      expect(crawling.table.endMs[slot]! - crawling.table.firstTokenMs[slot]!).toBeLessThanOrEqual(100_000);
      expect(Number.isFinite(crawling.table.endMs[slot]!)).toBe(true);
    }
  });

  it('slow multiplies TTFT and generation; degraded divides speed', () => {
    const slow = harness({ incidents: [incident({ kind: 'slow', factor: 3 })] });
    const s = slow.arrive(1_500, 100);
    expect(slow.table.endMs[s]! - 1_500).toBe(3 * (100 + 1_000));
    const degraded = harness({ incidents: [incident({ kind: 'degraded', factor: 0.5 })] });
    const d = degraded.arrive(1_500, 100);
    expect(degraded.table.firstTokenMs[d]! - 1_500).toBe(100);
    expect(degraded.table.endMs[d]! - 1_500).toBe(100 + 2_000);
  });

  it('probes: available unless an outage, revoked key or 429 storm is on', () => {
    const { p } = harness({ incidents: [incident({ kind: 'down', status: 'timeout' }), incident({ kind: 'slow', factor: 2, startMs: 3_000 })], probeLatencyMs: 80 });
    expect(p.probe(500)).toEqual({ available: true, latencyMs: 80 });
    expect(p.probe(1_500)).toEqual({ available: false, latencyMs: 10_000 });
    expect(p.probe(3_500)).toEqual({ available: true, latencyMs: 80 });
  });
});

describe('SyntheticProvider prompt cache and price', () => {
  it('without sessions, hits with the cache probability and shortens TTFT', () => {
    const { table, arrive } = harness({ concurrency: Number.POSITIVE_INFINITY, cache: { hitProbability: 0.5, ttftFactor: 0.25, inputPriceFactor: 0.1, ttlMs: 1_000 } });
    let hits = 0;
    for (let i = 0; i < 4_000; i++) {
      const slot = arrive(0, 100);
      if (table.cacheHit[slot]) {
        hits++;
        expect(table.firstTokenMs[slot]).toBe(25);
      } else expect(table.firstTokenMs[slot]).toBe(100);
    }
    expect(hits / 4_000).toBeCloseTo(0.5, 1);
  });

  it('with sessions, only a session this provider served within the TTL can hit', () => {
    const { p, table, arrive } = harness({ concurrency: 1000, cache: { hitProbability: 1, ttftFactor: 0.5, inputPriceFactor: 0.1, ttlMs: 1_000 } }, 2);
    const first = arrive(0, 1, 10, 0);
    expect(table.cacheHit[first]).toBe(0);
    p.finish(first, table.endMs[first]!);
    expect(table.cacheHit[arrive(500, 1, 10, 0)]).toBe(1);
    expect(table.cacheHit[arrive(500, 1, 10, 1)]).toBe(0);
    expect(table.cacheHit[arrive(5_000, 1, 10, 0)]).toBe(0); // past the TTL
  });

  it('bills a success per million tokens, cached input at a discount; an answer before the stream started costs nothing', () => {
    const price = { inputPerMillion: 3, outputPerMillion: 15 };
    const cold = harness({ price });
    expect(cold.p.billOf(cold.arrive(0, 100_000, 1_000_000))).toBeCloseTo(3 + 1.5, 12);
    const warm = harness({ price, cache: { hitProbability: 1, ttftFactor: 1, inputPriceFactor: 0.1, ttlMs: 1 } });
    expect(warm.p.billOf(warm.arrive(0, 100_000, 1_000_000))).toBeCloseTo(0.3 + 1.5, 12);
    const failing = harness({ price, errorRates: { 500: 1 } });
    expect(failing.p.billOf(failing.arrive(0, 100_000, 1_000_000))).toBe(0);
  });
});

// Constant TTFT 100 ms and 100 tokens/s: a try of 100 output tokens arriving at t streams its
// first token at t + 100 and its last at t + 1100.
describe('SyntheticProvider streams that break', () => {
  const midStream = (status: 500 | 503 = 500, errorProbability = 1): Incident => ({ kind: 'mid_stream', startMs: 0, durationMs: 10_000, errorProbability, status });

  it('a mid_stream incident breaks a stream after its first token, with the tokens sent by then, and bills them', () => {
    const { p, table, arrive } = harness({ incidents: [midStream()], price: { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 } });
    const slot = arrive(0, 100, 10);
    expect(table.status[slot]).toBe(Answer.StreamError);
    expect(table.streamStarted[slot]).toBe(1);
    expect(table.firstTokenMs[slot]).toBe(100);
    const fraction = (table.endMs[slot]! - 100) / 1_000;
    expect(fraction).toBeGreaterThanOrEqual(0);
    expect(fraction).toBeLessThan(1);
    expect(table.delivered[slot]).toBe(Math.floor(fraction * 100));
    expect(p.billOf(slot)).toBeCloseTo(10 + table.delivered[slot]!, 9); // $1 a token
  });

  it('breaks with probability error_rate, keyed by the request (the same requests break in every cell)', () => {
    const breaks = (): number[] => {
      const { table, arrive } = harness({ concurrency: Number.POSITIVE_INFINITY, incidents: [midStream(500, 0.3)] });
      return Array.from({ length: 2_000 }, () => table.status[arrive(0)]!).flatMap((status, i) => (status === Answer.StreamError ? [i] : []));
    };
    const first = breaks();
    expect(first.length / 2_000).toBeCloseTo(0.3, 1);
    expect(breaks()).toEqual(first);
  });

  it('a non-streamed request that breaks gets the incident status and delivers nothing (not billed)', () => {
    const { p, table, arrive } = harness({ incidents: [midStream(503)] });
    const slot = arrive(0, 100, 10, -1, false);
    expect(table.status[slot]).toBe(503);
    expect(table.streamStarted[slot]).toBe(0);
    expect(table.delivered[slot]).toBe(0);
    expect(table.endMs[slot]).toBeGreaterThanOrEqual(100);
    expect(p.billOf(slot)).toBe(0);
  });

  const down = (inFlight: 'cut' | 'finish', status: 503 | 'timeout' = 503): Incident => ({ kind: 'down', status, inFlight, startMs: 500, durationMs: 1_000 });

  it('a cutting outage breaks a stream past its first token at the outage start, and fails one before it with the outage status', () => {
    const { table, arrive } = harness({ concurrency: 10, incidents: [down('cut')] });
    const streaming = arrive(0); // first token at 100, 40 tokens by 500
    expect(table.status[streaming]).toBe(Answer.StreamError);
    expect(table.endMs[streaming]).toBe(500);
    expect(table.delivered[streaming]).toBe(40);
    expect(table.streamStarted[streaming]).toBe(1);
    const early = arrive(450); // first token would come at 550
    expect(table.status[early]).toBe(503);
    expect(table.endMs[early]).toBe(500);
    expect(table.streamStarted[early]).toBe(0);
    const nonStreamed = arrive(0, 100, 10, -1, false);
    expect(table.status[nonStreamed]).toBe(503);
    expect(table.delivered[nonStreamed]).toBe(0);
    const done = arrive(0, 30); // ends at 400, before the outage
    expect(table.status[done]).toBe(Answer.Ok);
  });

  it('a cutting outage fails the queued tries when it frees their slots', () => {
    const { p, table, arrive } = harness({ concurrency: 1, incidents: [down('cut')], errorLatencyMs: { kind: 'constant', value: 7 } });
    const served = arrive(0);
    const queued = arrive(10);
    expect(p.queued).toBe(1);
    expect(table.endMs[served]).toBe(500);
    p.finish(served, 500);
    expect(table.status[queued]).toBe(503);
    expect(table.startMs[queued]).toBe(-1);
    expect(table.endMs[queued]).toBe(507);
    expect(p.inService).toBe(0);
    expect(p.queued).toBe(0);
  });

  it('a timeout outage stalls what it cuts until the timeout', () => {
    const { table, arrive } = harness({ concurrency: 10, timeoutMs: 2_000, incidents: [down('cut', 'timeout')] });
    const streaming = arrive(0);
    expect(table.status[streaming]).toBe(Answer.StreamError);
    expect(table.endMs[streaming]).toBe(2_500);
    expect(table.delivered[streaming]).toBe(40);
    const early = arrive(450);
    expect(table.status[early]).toBe(Answer.Timeout);
    expect(table.endMs[early]).toBe(2_500);
  });

  it('with in_flight: finish, what the provider holds is served as before (queued tries included)', () => {
    const { p, table, arrive } = harness({ concurrency: 1, incidents: [down('finish')] });
    const served = arrive(0);
    const queued = arrive(10);
    expect(table.status[served]).toBe(Answer.Ok);
    expect(table.endMs[served]).toBe(1_100);
    p.finish(served, 1_100);
    expect(table.status[queued]).toBe(Answer.Ok);
    expect(table.status[arrive(600)]).toBe(503); // new tries still fail during the outage
  });

  it('cancel keeps the tokens a stream delivered by then', () => {
    const { p, table, arrive } = harness({ concurrency: 10 });
    const slot = arrive(0); // first token at 100, last at 1100
    p.cancel(slot, 600);
    expect(table.streamStarted[slot]).toBe(1);
    expect(table.delivered[slot]).toBe(50);
    const before = arrive(0);
    p.cancel(before, 50);
    expect(table.streamStarted[before]).toBe(0);
    expect(table.delivered[before]).toBe(0);
  });
});
