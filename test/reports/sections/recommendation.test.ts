import { describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/index.js';
import { buildReportModel, keyVerdicts, recommendationOf, renderHtmlReport, renderSummaryMarkdown } from '../../../reports/index.js';
import { tradeOffRows } from '../../../reports/sections/recommendation.js';
import { smallResults } from '../fixtures.js';

/** The small scenario's results with the recommendation set to `cell` (the selection itself is tested in the engine). */
async function recommending(cell: string, edit: (r: Results) => void = () => {}): Promise<Results> {
  const r = structuredClone(await smallResults());
  r.recommendation = { ...r.recommendation!, cell, asGood: [], withinZone: [cell], decided: true, undecidedReason: null };
  edit(r);
  return r;
}

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('the recommendation section, first in the report', () => {
  it('says the recommendation in one sentence, then the change to make in the gateway’s field names, then the trade-offs', async () => {
    const html = renderHtmlReport(await recommending('latency_based|default|default'));
    const section = html.slice(html.indexOf('<section id="recommendation">'), html.indexOf('<section id="scenario">'));
    expect(text(section)).toMatch(/^\s*Use latency_based · default\./);
    // the baseline (random · none) runs no monitor: today there is no block
    expect(text(section)).toContain('lb_tactic' + 'change' + 'random' + 'latency_based');
    expect(text(section)).toContain('health_monitor' + 'add the block' + 'no block' + '{"consecutive_error_threshold":3,"recovery_timeout_seconds":300,"probe_enabled":true}');
    expect(section.indexOf('The change to make')).toBeLessThan(section.indexOf('Trade-offs'));
    expect(section).toContain('scrolls sideways inside its box');
  });

  it('lists each cell that matters once, with every reason: recommended, today, the best on each key metric', async () => {
    const results = await recommending('latency_based|default|default');
    const model = buildReportModel(results);
    const verdicts = keyVerdicts(model);
    const rows = tradeOffRows(model, verdicts, recommendationOf(model), 'latency_based|default|default');
    expect(rows[0]!.view.cell.id).toBe('latency_based|default|default');
    expect(rows[0]!.roles[0]).toBe('recommended');
    expect(rows.find((r) => r.view.cell.id === 'random|none|default')?.roles).toContain('today (baseline)');
    expect(new Set(rows.map((r) => r.view)).size).toBe(rows.length);
    for (const v of verdicts) if (v.best) expect(rows.find((r) => r.view === v.best)?.roles.some((role) => role.startsWith('best '))).toBe(true);
  });

  it('gives every service’s traffic share, today’s beside it, and says which services sit idle', async () => {
    const results = await recommending('latency_based|default|default', (r) => {
      const cell = r.cells.find((c) => c.id === 'latency_based|default|default')!;
      cell.shares['fast:m'] = { ...cell.shares['fast:m']!, mean: 0.001 };
    });
    const md = renderSummaryMarkdown(results);
    expect(md).toMatch(/Traffic share: primary:m [\d.]+% \(today [\d.]+%\), backup:m [\d.]+% \(today [\d.]+%\), fast:m 0\.10% \(today [\d.]+%\)\./);
    expect(md).toContain('**fast:m gets under 0.5% of the traffic**: paid for as capacity, it sits idle');
    expect(text(renderHtmlReport(results))).toContain('fast:m gets under 0.5% of the traffic');
  });

  it('when the recommended cell needs what the gateway cannot be configured to do, warns before the change and lists the cell it writes instead', async () => {
    const html = renderHtmlReport(await recommending('latency_based|none|default'));
    const section = text(html.slice(html.indexOf('<section id="recommendation">'), html.indexOf('<section id="scenario">')));
    expect(section).toContain('Before applying it:');
    expect(section).toContain('health setting none runs no monitor at all, which the gateway cannot be configured to do');
    // two replications cannot decide among the configurable cells either: the file keeps the nearest configuration, and says so
    expect(section).toContain("no cell the gateway can be configured to run could be selected instead (no cell is shown within the zone");
    const model = buildReportModel(await recommending('latency_based|none|default'));
    const rows = tradeOffRows(model, keyVerdicts(model), recommendationOf(model), 'adaptive|default|default');
    expect(rows[1]!.roles[0]).toBe('best the gateway can be configured to run');
    expect(rows[1]!.view.cell.id).toBe('adaptive|default|default');
  });

  it('says there is no change to make when nothing is recommended', async () => {
    const results = await smallResults();
    expect(results.recommendation?.cell).toBeNull();
    const html = renderHtmlReport(results);
    expect(text(html)).toContain('None on this evidence: keep today\'s configuration');
    expect(html.indexOf('<section id="recommendation">')).toBeLessThan(html.indexOf('<section id="scenario">'));
  });
});
