/**
 * The explained cell's timeline (chart-explain): per service and bucket, its share of the picks
 * and how often the health monitor answered "unhealthy" when the gateway asked, from the
 * explanation of one replication (`run --explain`).
 */
import type { Explanation } from '../../engine/index.js';
import type { ChartDefinition } from '../chart-types.js';
import { defineDataset, lean, tableOf } from './dataset.js';
import { incidentLayer, lookupService, serviceColor, timeX, top, type ChartContext } from './chart-kit.js';
import { SERVICES } from './report-datasets.js';

/** One service in one bucket of the explained replication. */
export interface ExplainRow {
  serviceIndex: number;
  startSeconds: number | null;
  endSeconds: number | null;
  /** Selections in the bucket (every service's row carries the same count). */
  selections: number;
  /** Share of the bucket's selections that picked this service. */
  pickShare: number | null;
  /** Share of the bucket's health checks of this service that answered unhealthy (null: never asked). */
  unhealthyShare: number | null;
}

/** The `explain` dataset. */
export const EXPLAIN = defineDataset<ExplainRow>('explain', { serviceIndex: 's', startSeconds: 't', endSeconds: 'te', selections: 'n', pickShare: 'pk', unhealthyShare: 'uh' });

/** The explanation in buckets of the results' width, up to the scenario's duration. */
export function explainRows(e: Explanation): ExplainRow[] {
  const width = e.bucketMs > 0 ? e.bucketMs : 10_000;
  const buckets = Math.max(1, Math.ceil(e.durationMs / width));
  const counts = Array.from({ length: buckets }, () => ({ n: 0, picks: new Array<number>(e.services.length).fill(0), asked: new Array<number>(e.services.length).fill(0), unhealthy: new Array<number>(e.services.length).fill(0) }));
  const index = new Map(e.services.map((id, i) => [id, i]));
  for (const s of e.selections) {
    const b = counts[Math.min(buckets - 1, Math.floor(s.timeMs / width))]!;
    b.n++;
    if (s.pick !== null) b.picks[index.get(s.pick)!]!++;
    for (const c of s.candidates) {
      if (c.healthy === null) continue;
      b.asked[index.get(c.service)!]!++;
      if (!c.healthy) b.unhealthy[index.get(c.service)!]!++;
    }
  }
  return counts.flatMap((b, k) =>
    e.services.map((_, s) => ({
      serviceIndex: s,
      startSeconds: lean((k * width) / 1_000),
      endSeconds: lean((Math.min(e.durationMs, (k + 1) * width)) / 1_000),
      selections: b.n,
      pickShare: b.n > 0 ? lean(b.picks[s]! / b.n) : null,
      unhealthyShare: b.asked[s]! > 0 ? lean(b.unhealthy[s]! / b.asked[s]!) : null,
    })),
  );
}

const f = EXPLAIN.field;

/** Picks and health answers over time for the explained cell. */
export function explanationChart(ctx: ChartContext, cellLabel: string): ChartDefinition {
  const tooltip = [
    { field: SERVICES.field.service, type: 'nominal', title: 'service' },
    { field: f.startSeconds, type: 'quantitative', title: 'from (s)' },
    { field: f.pickShare, type: 'quantitative', title: 'share of picks', format: '.1%' },
    { field: f.unhealthyShare, type: 'quantitative', title: 'answered unhealthy', format: '.0%' },
    { field: f.selections, type: 'quantitative', title: 'selections in the bucket' },
  ];
  const lookup = { ...lookupService, lookup: f.serviceIndex };
  return {
    id: 'chart-explain',
    title: `Why the traffic went where it did: ${cellLabel}`,
    caption: `One replication of this cell (the first), selection by selection, in buckets: the upper panel is each service's share of the picks, the lower one how often the health monitor answered "unhealthy" when the gateway asked about the service (darker: more often; blank: never asked).${ctx.incidentNote} explain.jsonl next to this report has every selection: its candidates, their health records, what the tactic read of each, the pick and the outcome.`,
    spec: top({
      data: { name: EXPLAIN.name },
      vconcat: [
        {
          width: 760,
          height: 160,
          layer: [
            incidentLayer(null, 'band'),
            {
              transform: [lookup],
              mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
              encoding: { x: timeX(ctx, null), y: { field: f.pickShare, type: 'quantitative', title: 'share of picks', axis: { format: '.0%' }, scale: { domain: [0, 1] } }, color: serviceColor(ctx), tooltip },
            },
          ],
        },
        {
          width: 760,
          height: Math.max(60, 24 * ctx.model.serviceIds.length),
          transform: [{ filter: `isValid(datum.${f.unhealthyShare})` }, lookup],
          mark: { type: 'rect' },
          encoding: {
            x: timeX(ctx),
            x2: { field: f.endSeconds },
            y: { field: SERVICES.field.service, type: 'nominal', title: null, sort: ctx.model.serviceIds },
            color: { field: f.unhealthyShare, type: 'quantitative', title: 'answered unhealthy', scale: { domain: [0, 1], scheme: 'reds' }, legend: { format: '.0%' } },
            tooltip,
          },
        },
      ],
    }),
    table: tableOf(EXPLAIN, [
      ['serviceIndex', 'Service', 'text', 'services'],
      ['startSeconds', 'From (s)', 's'],
      ['endSeconds', 'To (s)', 's'],
      ['selections', 'Selections', 'int'],
      ['pickShare', 'Share of picks', 'pct'],
      ['unhealthyShare', 'Answered unhealthy', 'pct'],
    ]),
  };
}
