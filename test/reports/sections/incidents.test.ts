import { describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/index.js';
import { buildReportModel } from '../../../reports/index.js';
import { incidentsSection } from '../../../reports/sections/incidents.js';
import { smallResults } from '../fixtures.js';

/** The rows of the first incident table, each as its cells' text. */
function firstTable(results: Results): string[][] {
  const page = incidentsSection(buildReportModel(results)).toString();
  const table = page.slice(page.indexOf('<table'), page.indexOf('</table>'));
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
}

describe('the incident tables', () => {
  it('show the delay to the first exclusion and to the lasting one, each with its count of replications', async () => {
    const results = await smallResults();
    const [header, ...rows] = firstTable(results);
    expect(header).toEqual(['Cell', 'Detected in', 'First exclusion after', 'Lasting in', 'Lasting exclusion after', 'Requests sent into it', 'Recovery delay']);
    const cell = results.cells.find((c) => c.incidents[0]!.lastingDetectionDelayMs !== null)!;
    const incident = cell.incidents[0]!;
    const row = rows[results.cells.indexOf(cell)]!;
    expect(row[1]).toBe(`${incident.detected} of ${incident.replications}`);
    expect(row[3]).toBe(`${incident.lastingDetected} of ${incident.replications}`);
    expect(incident.lastingDetectionDelayMs!).toBeGreaterThanOrEqual(incident.detectionDelayMs!);
  });

  it('say a service was let back in when its exclusion never lasted', async () => {
    const results = structuredClone(await smallResults());
    const incident = results.cells[0]!.incidents[0]!;
    Object.assign(incident, { detected: 2, detectionDelayMs: 1_000, lastingDetected: 0, lastingDetectionDelayMs: null, requestsSentInto: 40 });
    const row = firstTable(results)[1]!;
    expect(row.slice(1, 5)).toEqual(['2 of 2', '1,000 ms', '0 of 2', 'let back in']);
  });
});
