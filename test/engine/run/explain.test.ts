import { describe, expect, it } from 'vitest';
import { UPSTREAM_GATEWAY_OPTIONS } from '../../../engine/gateway/index.js';
import { expandCells, explainCell, explanationJsonl, replicationPlan, simulatePlan } from '../../../engine/run/index.js';
import { TACTIC_NAMES, TACTIC_TYPES } from '../../../engine/scenario/vocabulary.js';
import { provider, scenario, service } from '../../helpers/scenarios.js';

/** Three services, the first down from 10 s to 25 s; every tactic; no monitor, the default one; the upstream gateway and a failover variant. */
const outage = scenario({
  durationMs: 40_000,
  services: [
    service('primary', provider({ incidents: [{ kind: 'down', status: 503, inFlight: 'cut', startMs: 10_000, durationMs: 15_000 }] }), { weight: 3 }),
    service('backup', provider({ ttftMs: { kind: 'lognormal', median: 900, p99: 3_000 } }), { weight: 2 }),
    service('cheap', provider({ tokensPerSecond: { kind: 'normal', mean: 120, sd: 10, min: 5 } })),
  ],
  tactics: TACTIC_NAMES.map((name) => ({ name, type: TACTIC_TYPES[name], params: {} })),
  health: [
    { name: 'none', config: null },
    { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } },
  ],
  gatewayVariants: [
    { name: 'upstream', options: { ...UPSTREAM_GATEWAY_OPTIONS } },
    { name: 'failover', options: { ...UPSTREAM_GATEWAY_OPTIONS, maxAttempts: 3, excludeTried: true } },
  ],
  baseline: { tactic: 'random', health: 'none', gateway: 'upstream' },
});

describe('--explain: each selection of a cell, explained', () => {
  it('changes nothing: every cell runs to the same results with and without the explanation', () => {
    for (const cell of expandCells(outage)) {
      const plan = replicationPlan(outage, cell, 0);
      const plain = JSON.stringify(simulatePlan(plan));
      let selections = 0;
      expect(JSON.stringify(simulatePlan(plan, { onSelect: () => selections++ })), cell.id).toBe(plain);
      expect(selections, cell.id).toBeGreaterThan(0);
    }
  });

  it('picks only an eligible service the monitor called healthy; the tactic is asked, and reads, only when two or more are', () => {
    for (const cell of expandCells(outage)) {
      const e = explainCell(outage, cell.id);
      for (const s of e.selections) {
        const open = s.candidates.filter((c) => c.eligible && c.healthy !== false);
        if (s.pick === null) {
          expect(s.by).toBe('no healthy service');
          expect(open).toHaveLength(0);
          continue;
        }
        expect(open.map((c) => c.service), cell.id).toContain(s.pick);
        expect(s.by).toBe(open.length >= 2 ? 'tactic' : 'the only healthy service');
        for (const c of s.candidates) expect(c.reading !== null, `${cell.id} ${c.service}`).toBe(s.by === 'tactic' && open.includes(c));
        if (cell.health.config === null) for (const c of s.candidates) expect(c.healthy).toBeNull();
      }
    }
  });

  it('shows the outage: the default monitor answers unhealthy for the primary during it, and the picks move away', () => {
    const e = explainCell(outage, 'random|default|upstream');
    const during = e.selections.filter((s) => s.timeMs > 12_000 && s.timeMs < 25_000);
    const primary = (s: (typeof during)[number]) => s.candidates.find((c) => c.service === 'primary:m')!;
    expect(during.some((s) => primary(s).healthy === false && primary(s).health?.status === 'unhealthy')).toBe(true);
    const picked = during.filter((s) => s.pick === 'primary:m').length / during.length;
    const before = e.selections.filter((s) => s.timeMs < 10_000);
    expect(picked).toBeLessThan(before.filter((s) => s.pick === 'primary:m').length / before.length);
    // the streams in flight when the outage cut them are the errors that excluded the primary at once
    const cut = before.filter((s) => s.pick === 'primary:m' && s.outcome !== 'ok');
    expect(cut.length).toBeGreaterThanOrEqual(3);
    const first = during[0]!.candidates.find((c) => c.service === 'primary:m')!;
    expect(first.health?.consecutiveErrors).toBeGreaterThanOrEqual(3);
  });

  it('gives the tactic’s own numbers: adaptive picks the first highest score, latency_based names its mode', () => {
    const adaptive = explainCell(outage, 'adaptive|none|upstream');
    expect(adaptive.selections[0]!.reading).toBe('score (weighted_sum, highest wins)');
    for (const s of adaptive.selections.filter((x) => x.by === 'tactic')) {
      const scored = s.candidates.filter((c) => c.reading !== null);
      const best = scored.reduce((b, c) => (c.reading! > b.reading! ? c : b));
      expect(s.pick).toBe(best.service);
    }
    expect(explainCell(outage, 'latency_based|none|upstream').selections[0]!.reading).toBe('avg latency (ms; switch at 2000)');
    expect(explainCell(outage, 'token_based|none|upstream').selections[0]!.reading).toBe('window tokens (switch at 10000)');
  });

  it('explains a v0.260819.0 cell too: how it picked, the services its health or breaker kept out, failover hops', () => {
    const later = { ...outage, gatewayVariants: [{ name: 'current', options: { ...UPSTREAM_GATEWAY_OPTIONS, version: 'v0.260819.0' as const } }], baseline: { tactic: 'random', health: 'default', gateway: 'current' } };
    const e = explainCell(later, 'random|default|current');
    expect(e.selections[0]!.reading).toMatch(/^how v0\.260819\.0 picked: /);
    for (const s of e.selections) for (const c of s.candidates) expect(c.reading).toBeNull();
    // the primary's breaker keeps it out during the outage, and failover hops follow its 503s
    expect(e.selections.some((s) => s.timeMs > 11_000 && s.timeMs < 25_000 && s.candidates[0]!.healthy === false)).toBe(true);
    expect(e.selections.some((s) => s.attempt > 0)).toBe(true);
    expect(() => explanationJsonl(e)).not.toThrow();
  });

  it('marks the services a failover retry may not go back to, and writes JSON lines with a header', () => {
    const e = explainCell(outage, 'random|none|failover');
    const retries = e.selections.filter((s) => s.attempt > 0);
    expect(retries.length).toBeGreaterThan(0);
    for (const s of retries) expect(s.candidates.some((c) => !c.eligible)).toBe(true);
    const lines = explanationJsonl(e).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'explain', scenario: 'test', cell: 'random|none|failover', replication: 0, selections: e.selections.length });
    expect(lines).toHaveLength(e.selections.length + 1);
    expect(Object.keys(lines[1]!)).toEqual(['type', 'time_ms', 'request', 'attempt', 'pick', 'by', 'outcome', 'reading', 'candidates']);
    expect(() => explainCell(outage, 'random|nope|upstream')).toThrowError('no cell random|nope|upstream');
  });
});
