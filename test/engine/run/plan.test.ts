import { describe, expect, it } from 'vitest';
import { expandCells, planFor } from '../../../engine/run/index.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

/** Throughput capacity per service, in requests per second, as fairness sees it. */
function capacities(...args: Parameters<typeof scenario>): number[] {
  const s = scenario(...args);
  return planFor(s, expandCells(s)[0]!, 1).metricsServices.map((m) => m.capacityPerSecond);
}

describe('the plan of a run', () => {
  it('gives each service the capacity of its binding limit: concurrency over service time, RPM or TPM', () => {
    const unlimited = { requestsPerMinute: Number.POSITIVE_INFINITY, tokensPerMinute: Number.POSITIVE_INFINITY, granularity: 'minute', requestBurst: null, tokenBurst: null, retryAfter: 'wait', countedMaxTokens: null } as const;
    const fast = { ttftMs: { kind: 'constant', value: 1_000 } as const, tokensPerSecond: { kind: 'constant', value: 100 } as const };
    const [slots, rpm, tpm, none] = capacities({
      // 500 input tokens and 50-300 output tokens: 675 tokens and 1 s + 1.75 s per request on average.
      services: [
        service('slots', provider({ ...fast, concurrency: 2 })),
        service('rpm', provider({ ...fast, concurrency: 64, rateLimits: { ...unlimited, requestsPerMinute: 600 } })),
        service('tpm', provider({ ...fast, concurrency: 64, rateLimits: { ...unlimited, requestsPerMinute: 6_000, tokensPerMinute: 60_000 } })),
        service('none', provider({ ...fast, concurrency: Number.POSITIVE_INFINITY })),
      ],
    });
    expect(slots).toBeCloseTo(2 / 2.75, 9);
    expect(rpm).toBe(10);
    expect(tpm).toBeCloseTo(60_000 / 60 / 675, 9);
    expect(none).toBe(20); // no limit at all: it could take the whole offered load
  });
});
