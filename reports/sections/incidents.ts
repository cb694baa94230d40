/** The incident tables of a scenario report: per incident and cell, detection (first and lasting), traffic sent into it, recovery. */
import { formatValue, formatWindow, MISSING } from '../format.js';
import { colourClass, numericCell, tableHtml, textCell } from '../html-parts.js';
import { html, joinHtml, type SafeHtml } from '../html.js';
import type { IncidentWindow, ReportModel } from '../report-model.js';
import type { IncidentSummary } from '../../engine/index.js';

const HEADERS = [
  { label: 'Cell' },
  { label: 'Detected in', numeric: true },
  { label: 'First exclusion after', numeric: true },
  { label: 'Lasting in', numeric: true },
  { label: 'Lasting exclusion after', numeric: true },
  { label: 'Requests sent into it', numeric: true },
  { label: 'Recovery delay', numeric: true },
];

/** A delay's text: the mean, or why there is none (traffic never reached the service; it was never excluded, or let back in). */
function delayText(delayMs: number | null, i: IncidentSummary, lasting: boolean): string {
  if (delayMs !== null) return formatValue(delayMs, 'ms');
  if (i.requestsSentInto === 0) return 'not needed';
  return lasting && i.detected > 0 ? 'let back in' : 'never';
}

function incidentTable(model: ReportModel, incident: IncidentWindow): SafeHtml {
  const rows = model.cells.map((view) => ({
    view,
    i: view.cell.incidents.find((x) => x.service === incident.service && x.kind === incident.kind && x.startMs === incident.startMs && x.endMs === incident.endMs),
  }));
  const sent = rows.map((r) => r.i?.requestsSentInto ?? Number.NaN);
  const detection = rows.map((r) => r.i?.detectionDelayMs ?? Number.NaN);
  const lasting = rows.map((r) => r.i?.lastingDetectionDelayMs ?? Number.NaN);
  const recovery = rows.map((r) => r.i?.recoveryDelayMs ?? Number.NaN);
  const bestSent = Math.min(...sent.filter((x) => Number.isFinite(x)));
  const delayCell = (delayMs: number | null, all: readonly number[], text: string): SafeHtml =>
    numericCell(text, delayMs ?? Number.POSITIVE_INFINITY, delayMs === null ? null : colourClass(delayMs, all, 'lower'));
  return tableHtml(
    HEADERS,
    rows.map(({ view, i }, k) => {
      if (!i) return [textCell(view.label), ...HEADERS.slice(1).map(() => numericCell(MISSING, Number.NaN, null))];
      const of = (n: number): string => `${n} of ${i.replications}`;
      // Detection only matters where traffic reached the service; recovery only where it was excluded.
      const recoveryText = i.recoveryDelayMs !== null ? formatValue(i.recoveryDelayMs, 'ms') : i.detected === 0 ? MISSING : 'not within the run';
      return [
        textCell(view.label),
        numericCell(of(i.detected), i.detected / Math.max(1, i.replications), null),
        delayCell(i.detectionDelayMs, detection, delayText(i.detectionDelayMs, i, false)),
        numericCell(of(i.lastingDetected), i.lastingDetected / Math.max(1, i.replications), null),
        delayCell(i.lastingDetectionDelayMs, lasting, delayText(i.lastingDetectionDelayMs, i, true)),
        numericCell(formatValue(i.requestsSentInto, 'count'), i.requestsSentInto, colourClass(i.requestsSentInto, sent, 'lower'), sent[k] === bestSent),
        delayCell(i.recoveryDelayMs, recovery, recoveryText),
      ];
    }),
  );
}

/** The incidents figure (inside the charts section). */
export function incidentsSection(model: ReportModel): SafeHtml {
  if (model.incidents.length === 0) {
    return html`<figure class="chart" id="incidents">
<figcaption><h3>Incidents</h3>
<p>The scenario has no incidents.</p></figcaption></figure>`;
  }
  const parts = model.incidents.flatMap((incident) => [
    html`<h3>${incident.service}: ${incident.kind.replace(/_/g, ' ')}, ${formatWindow(incident.startMs, incident.endMs)}</h3>`,
    incidentTable(model, incident),
  ]);
  return html`<figure class="chart" id="incidents">
<figcaption><h3>Incidents</h3>
<p>For each incident and cell, averaged over replications. <em>Detected in</em>: replications in which selection excluded the service at least once during the incident; <em>first exclusion after</em>: the time from the incident's start to that first exclusion. <em>Lasting in</em> and <em>lasting exclusion after</em>: the same for an exclusion that lasted, after which the service was excluded at every health check until the incident ended (a service let back in midway, and sent traffic again, detected the incident only for a while). Then how many requests were sent into the incident, and how soon after it ended the service was let back in (recovery delay). Lower is better; requests sent into the incident matter most.</p></figcaption>
${joinHtml(parts, '\n')}
</figure>`;
}
