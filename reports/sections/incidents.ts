/** The incident tables of a scenario report: per incident and cell, detection, traffic sent into it, recovery. */
import { formatValue, formatWindow, MISSING } from '../format.js';
import { colourClass, numericCell, tableHtml, textCell } from '../html-parts.js';
import { html, joinHtml, type SafeHtml } from '../html.js';
import type { IncidentWindow, ReportModel } from '../report-model.js';

const HEADERS = [
  { label: 'Cell' },
  { label: 'Detected in', numeric: true },
  { label: 'Detection delay', numeric: true },
  { label: 'Requests sent into it', numeric: true },
  { label: 'Recovery delay', numeric: true },
];

function incidentTable(model: ReportModel, incident: IncidentWindow): SafeHtml {
  const rows = model.cells.map((view) => ({
    view,
    i: view.cell.incidents.find((x) => x.service === incident.service && x.kind === incident.kind && x.startMs === incident.startMs && x.endMs === incident.endMs),
  }));
  const sent = rows.map((r) => r.i?.requestsSentInto ?? Number.NaN);
  const detection = rows.map((r) => r.i?.detectionDelayMs ?? Number.NaN);
  const recovery = rows.map((r) => r.i?.recoveryDelayMs ?? Number.NaN);
  const bestSent = Math.min(...sent.filter((x) => Number.isFinite(x)));
  return tableHtml(
    HEADERS,
    rows.map(({ view, i }, k) => {
      if (!i) return [textCell(view.label), numericCell(MISSING, Number.NaN, null), numericCell(MISSING, Number.NaN, null), numericCell(MISSING, Number.NaN, null), numericCell(MISSING, Number.NaN, null)];
      const share = i.detected / Math.max(1, i.replications);
      // Detection only matters where traffic reached the service; recovery only where it was excluded.
      const detectionText = i.detectionDelayMs !== null ? formatValue(i.detectionDelayMs, 'ms') : i.requestsSentInto === 0 ? 'not needed' : 'never';
      const recoveryText = i.recoveryDelayMs !== null ? formatValue(i.recoveryDelayMs, 'ms') : i.detected === 0 ? MISSING : 'not within the run';
      return [
        textCell(view.label),
        numericCell(`${i.detected} of ${i.replications}`, share, null),
        numericCell(detectionText, i.detectionDelayMs ?? Number.POSITIVE_INFINITY, i.detectionDelayMs === null ? null : colourClass(i.detectionDelayMs, detection, 'lower')),
        numericCell(formatValue(i.requestsSentInto, 'count'), i.requestsSentInto, colourClass(i.requestsSentInto, sent, 'lower'), sent[k] === bestSent),
        numericCell(recoveryText, i.recoveryDelayMs ?? Number.POSITIVE_INFINITY, i.recoveryDelayMs === null ? null : colourClass(i.recoveryDelayMs, recovery, 'lower')),
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
<p>For each incident and cell, averaged over replications: in how many replications the gateway stopped selecting the service, how soon (detection delay, over those replications), how many requests were sent into the incident, and how soon after it ended the service was let back in (recovery delay). Lower is better; requests sent into the incident matter most.</p></figcaption>
${joinHtml(parts, '\n')}
</figure>`;
}
