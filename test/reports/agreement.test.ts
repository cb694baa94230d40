import { describe, expect, it } from 'vitest';
import { cellText, summaryLines } from '../../engine/cli/summary.js';
import { runScenario, type Results } from '../../engine/index.js';
import { UPSTREAM_GATEWAY_OPTIONS } from '../../engine/gateway/index.js';
import { buildReportModel, keyVerdicts, renderHtmlReport, renderSummaryMarkdown } from '../../reports/index.js';
import { provider, scenario, service } from '../helpers/scenarios.js';

/**
 * Three tactics over a provider that fails every request fast (listed first) and one that works:
 * latency_based chases the fast failures and never succeeds, so its latency is 0, "best" for a
 * ranking that forgot it has no successes.
 */
async function results(): Promise<Results> {
  const gateway = { ...UPSTREAM_GATEWAY_OPTIONS };
  return runScenario(
    scenario({
      durationMs: 30_000,
      replications: 3,
      services: [
        service('dead', provider({ errorRates: { 503: 1 }, errorLatencyMs: { kind: 'constant', value: 20 } })),
        service('alive', provider({ ttftMs: { kind: 'constant', value: 3_000 } })),
      ],
      tactics: [
        { name: 'latency_based', type: 4, params: {} },
        { name: 'random', type: 3, params: {} },
        { name: 'capacity_based', type: 7, params: {} },
      ],
      health: [{ name: 'none', config: null }],
      gateway,
      gatewayVariants: [{ name: 'default', options: gateway }],
      baseline: { tactic: 'random', health: 'none', gateway: 'default' },
    }),
    { workers: 1, version: 'test' },
  );
}

describe('every output names the same best cell', () => {
  it('the terminal, summary.md and the HTML report agree on each key metric, and a cell without successes is never best at latency or cost', async () => {
    const r = await results();
    const model = buildReportModel(r);
    const verdicts = keyVerdicts(model);
    const noSuccess = r.cells.filter((c) => c.replications.some((x) => x.metrics.successes === 0)).map((c) => c.id);
    expect(noSuccess).toEqual(['latency_based|none|default']);
    const terminal = summaryLines(r);
    const markdown = renderSummaryMarkdown(r);
    const html = renderHtmlReport(r);
    for (const [i, v] of verdicts.entries()) {
      expect(v.best, v.metric.name).not.toBeNull();
      const best = v.best!;
      if (v.metric.needsSuccess) expect(noSuccess).not.toContain(best.cell.id);
      expect(terminal[i + 2]).toContain(`tactic=${best.cell.tactic} health=${best.cell.health} `);
      const prose = v.label.replace(/\s*\([^)]*\)\s*$/, '');
      expect(markdown).toContain(`Best ${prose}: **${best.label}**`);
      expect(html).toContain(`Best ${prose}: <strong>${best.label}</strong>`);
    }
    // and the same recommendation, the engine's, in each: the terminal, summary.md and the report
    const rec = r.recommendation!;
    const recView = model.cells.find((v) => v.cell.id === rec.cell);
    expect(rec.cell).not.toBeNull();
    expect(terminal[0]).toBe(`  recommendation: ${cellText(r, rec.cell!)}${rec.asGood.length > 0 ? ` (or, as good: ${rec.asGood.map((id) => cellText(r, id)).join(', ')})` : ''}`);
    expect(terminal[1]).toBe(`    ${rec.statement}`);
    expect(markdown).toContain(`**Recommendation:** Use **${recView!.label}**`);
    expect(html).toContain(`Use <strong>${recView!.label}</strong>`);
    for (const output of [markdown, html]) expect(output).toContain(rec.statement.replace(/'/g, output === html ? '&#39;' : "'"));
  });
});
