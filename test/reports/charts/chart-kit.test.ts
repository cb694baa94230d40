/** What the charts share: axes that fit the data, scales that never repeat a colour or a shape. */
import { describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/index.js';
import type { JsonSpec } from '../../../reports/chart-types.js';
import { chartContext, latencyAxis, settingShapeEncoding, shapesNote, tacticColor, timeX } from '../../../reports/charts/chart-kit.js';
import { reportCharts, reportData } from '../../../reports/charts/index.js';
import { SHAPES } from '../../../reports/palette.js';
import { buildReportModel } from '../../../reports/index.js';
import { smallResults } from '../fixtures.js';

function context(results: Results) {
  const model = buildReportModel(results);
  return chartContext(model, reportData(model), null);
}

/** The small results with the p95 latency of every replication of the first cell scaled by `factor`. */
async function scaledFirstCell(factor: number): Promise<Results> {
  const r = structuredClone(await smallResults());
  const cell = r.cells[0]!;
  for (const key of ['mean', 'min', 'max'] as const) cell.aggregate['latency_p95_ms']![key] *= factor;
  cell.aggregate['latency_p95_ms']!.ci95 *= factor;
  return r;
}

const find = (spec: unknown, pred: (o: JsonSpec) => boolean): JsonSpec[] => {
  if (Array.isArray(spec)) return spec.flatMap((s) => find(s, pred));
  if (!spec || typeof spec !== 'object') return [];
  const o = spec as JsonSpec;
  return [...(pred(o) ? [o] : []), ...Object.values(o).flatMap((v) => find(v, pred))];
};

describe('the latency axis of the per-cell charts', () => {
  it('is linear while the cells span at most 10x, and logarithmic beyond, with bars starting at the smallest positive value', async () => {
    expect(latencyAxis(context(await smallResults()))).toMatchObject({ log: false, transform: [], note: '' });
    const wide = context(await scaledFirstCell(20));
    const axis = latencyAxis(wide);
    expect(axis).toMatchObject({ log: true, scale: { type: 'log' }, lowField: 'p95Floor' });
    expect(axis.note).toContain('logarithmic');
    const floor = Number(/, ([\d.e+-]+)\)$/.exec(String(axis.transform[0]!['calculate']))![1]);
    const positives = wide.data.rows.cellStats.filter((r) => r.servedEverywhere).flatMap((r) => [r.latencyP95Ms!, r.latencyP95MsLow!]).filter((x) => x > 0);
    expect(floor).toBe(Math.min(...positives));
    // both charts with a latency axis use it, and say so
    const charts = reportCharts(wide.model, wide.data, null).filter((c) => c.id === 'chart-ci' || c.id === 'chart-pareto');
    for (const c of charts) {
      expect(find(c.spec, (o) => (o['scale'] as JsonSpec | undefined)?.['type'] === 'log'), c.id).not.toHaveLength(0);
      expect(c.caption, c.id).toContain('logarithmic');
    }
  });
});

describe('time axes', () => {
  it('end at the scenario’s duration, and the series stop there', async () => {
    const ctx = context(await smallResults());
    expect(ctx.model.durationMs).toBe(60_000);
    expect((timeX(ctx)['scale'] as JsonSpec)['domain']).toEqual([0, 60]);
    expect(Math.max(...ctx.data.rows.series.map((r) => r.endSeconds!))).toBeLessThanOrEqual(60);
  });
});

describe('colours and shapes', () => {
  it('never repeat: shapes only while the settings fit the distinct ones, tableau20 past 8 tactics', async () => {
    const ctx = context(await smallResults());
    const shape = settingShapeEncoding(ctx, 'setting').shape!;
    expect((shape['scale'] as JsonSpec)['range']).toEqual(SHAPES.slice(0, ctx.settingLabels.length));
    expect(shapesNote(ctx)).toBe('');
    const many = { ...ctx, settingLabels: Array.from({ length: SHAPES.length + 1 }, (_, i) => `h${i}`) };
    expect(settingShapeEncoding(many, 'setting')).toEqual({});
    expect(shapesNote(many)).toContain(`more than the ${SHAPES.length} distinct point shapes`);
    const range = ((tacticColor(ctx, 'tactic')['scale'] as JsonSpec)['range']) as string[];
    expect(new Set(range).size).toBe(ctx.model.tactics.length);
    const nine = { ...ctx, model: { ...ctx.model, tactics: Array.from({ length: 9 }, (_, i) => `t${i}`) } };
    expect(tacticColor(nine, 'tactic')['scale']).toEqual({ domain: nine.model.tactics, scheme: 'tableau20' });
  });
});

describe('the charts with a selector', () => {
  it('open where there is most to see: errors on the cell with the most failed attempts, health on the tactic kept out longest', async () => {
    const ctx = context(await smallResults());
    const failed = ctx.model.cells.map((_, c) => ctx.data.rows.series.filter((r) => r.cellIndex === c).reduce((a, r) => a + r.errorsPerSecond! + r.rateLimitedPerSecond!, 0));
    expect(failed[ctx.mostFailingPosition]).toBe(Math.max(...failed));
    const unhealthy = ctx.model.tactics.map((_, t) => ctx.data.rows.series.filter((r) => r.tacticIndex === t).reduce((a, r) => a + r.unhealthyFraction!, 0));
    expect(unhealthy[ctx.mostUnhealthyTactic]).toBe(Math.max(...unhealthy));
    const charts = reportCharts(ctx.model, ctx.data, null);
    const errors = charts.find((c) => c.id === 'chart-errors')!;
    expect((errors.spec['params'] as JsonSpec[])[0]!['value']).toBe(ctx.mostFailingPosition);
    expect(errors.caption).toContain(`it opens on ${ctx.cellLabels[ctx.mostFailingPosition]}, the cell with the most failed attempts`);
    const health = charts.find((c) => c.id === 'chart-health')!;
    expect((health.spec['params'] as JsonSpec[])[0]!['value']).toBe(ctx.mostUnhealthyTactic);
  });
});
