/** Draws each compiled vega spec with the SVG renderer and the CSP-safe expression interpreter (no eval). */
import type { Spec, TooltipHandler } from 'vega';
import type { ChartPayload, JsonSpec } from '../chart-types.js';

/** A data entry of a compiled vega spec. */
interface SpecData {
  name: string;
  values?: unknown;
  source?: unknown;
  url?: unknown;
}

/** Fills the spec's named datasets from the payload. Each view gets its own copies of the rows: vega writes derived fields into the tuples it ingests. */
function fillData(spec: JsonSpec, payload: ChartPayload): Spec {
  for (const d of (spec['data'] as SpecData[] | undefined) ?? []) {
    const rows = payload.datasets[d.name];
    if (d.values === undefined && d.source === undefined && d.url === undefined && rows) d.values = rows.map((r) => ({ ...r }));
  }
  return spec as Spec;
}

/** Puts a readable error in place of a chart that failed; its data table still works. */
function fail(figure: HTMLElement, slot: Element, error: unknown): void {
  figure.setAttribute('data-rendered', 'error');
  const p = document.createElement('p');
  p.className = 'chart-error';
  const message = error instanceof Error && error.message ? error.message : String(error);
  p.textContent = `This chart could not be drawn (${message}); its data table below still has the numbers.`;
  slot.replaceChildren(p);
  console.error(`lbsim report: chart ${figure.id} failed`, error);
}

/**
 * Draws every chart into its figure's `.chart-view`, marking each figure `data-rendered` (true or
 * error); resolves with how many failed once all are done.
 */
export function renderCharts(payload: ChartPayload, tooltip: TooltipHandler): Promise<number> {
  let failures = 0;
  const jobs = payload.charts.map((chart) => {
    const figure = document.getElementById(chart.id)!;
    const slot = figure.querySelector('.chart-view')!;
    const failed = (error: unknown): void => {
      failures++;
      fail(figure, slot, error);
    };
    try {
      const runtime = vega.parse(fillData(chart.spec, payload), undefined, { ast: true });
      const view = new vega.View(runtime, { expr: vegaInterpreter.expressionInterpreter, renderer: 'svg', container: slot, hover: true, logLevel: vega.Warn });
      view.tooltip(tooltip);
      return view.runAsync().then(() => figure.setAttribute('data-rendered', 'true'), failed);
    } catch (error) {
      failed(error);
      return Promise.resolve();
    }
  });
  return Promise.all(jobs).then(() => failures);
}
