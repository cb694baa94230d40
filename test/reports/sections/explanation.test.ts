import { describe, expect, it } from 'vitest';
import { explainCell, type Explanation } from '../../../engine/index.js';
import { EXPLAIN, explainRows } from '../../../reports/charts/explanation.js';
import { renderHtmlReport } from '../../../reports/index.js';
import { MAX_MOMENTS, moments } from '../../../reports/sections/explanation.js';
import { payloadOf } from '../html-inspect.js';
import { smallResults, smallScenario } from '../fixtures.js';

const explained = (): Explanation => explainCell(smallScenario(), 'random|default|default');

describe('the explanation in the report', () => {
  it('finds each moment the services let through changed: the primary leaves at its outage and never returns within 300 s', () => {
    const e = explained();
    const m = moments(e);
    expect(m.length).toBeGreaterThan(0);
    const left = m.find((x) => x.left.includes('primary:m'))!;
    expect(left.timeMs).toBeGreaterThanOrEqual(20_000);
    expect(left.timeMs).toBeLessThan(22_000);
    expect(m.some((x) => x.joined.includes('primary:m'))).toBe(false);
    for (const x of m) expect(x.selection.timeMs).toBe(x.timeMs);
  });

  it('buckets picks and health answers: picks share to 1 in each bucket with selections, answers between 0 and 1', () => {
    const e = explained();
    const rows = explainRows(e);
    expect(rows).toHaveLength(Math.ceil(e.durationMs / e.bucketMs) * e.services.length);
    const byStart = new Map<number, number>();
    for (const r of rows) if (r.selections > 0) byStart.set(r.startSeconds!, (byStart.get(r.startSeconds!) ?? 0) + r.pickShare!);
    for (const total of byStart.values()) expect(total).toBeCloseTo(1, 4);
    for (const r of rows) if (r.unhealthyShare !== null) expect(r.unhealthyShare).toBeGreaterThanOrEqual(0);
    expect(Math.max(...rows.map((r) => r.endSeconds!))).toBe(e.durationMs / 1_000);
    // during the outage the monitor answers unhealthy for the primary every time it is asked
    expect(rows.find((r) => r.serviceIndex === 0 && r.startSeconds === 25)!.unhealthyShare).toBe(1);
  });

  it('adds a section with its chart and moments when the run explains a cell, and nothing otherwise', async () => {
    const results = await smallResults();
    const plain = renderHtmlReport(results);
    expect(plain).not.toContain('id="explanation"');
    expect(renderHtmlReport(results, {})).toBe(plain);
    const html = renderHtmlReport(results, { explanation: explained() });
    expect(html).toContain('<section id="explanation">');
    expect(html).toContain('<h2>Explained: random · default</h2>');
    expect(html).toMatch(/<td>primary:m<\/td><td>–<\/td>/);
    const payload = payloadOf(html);
    expect(payload.charts.map((c) => c.id)).toContain('chart-explain');
    expect(payload.datasets[EXPLAIN.name]!.length).toBe(explainRows(explained()).length);
    expect(html.indexOf('id="incidents"')).toBeLessThan(html.indexOf('id="explanation"'));
  });

  it(`lists at most ${MAX_MOMENTS} moments and says how many there were`, async () => {
    const e = explained();
    const base = e.selections[0]!;
    // a service that flaps at every selection: 99 moments
    e.selections = Array.from({ length: 100 }, (_, i) => ({ ...base, timeMs: i * 100, candidates: base.candidates.map((c, k) => (k === 0 ? { ...c, healthy: i % 2 === 0 } : c)) }));
    expect(moments(e)).toHaveLength(99);
    const html = renderHtmlReport(await smallResults(), { explanation: e });
    const section = html.slice(html.indexOf('<section id="explanation">'));
    expect(section).toContain(`changed 99 times (the first ${MAX_MOMENTS} below)`);
    expect(section.match(/<tr><td class="num">/g)).toHaveLength(MAX_MOMENTS);
  });
});
