import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMetric, METRICS, type RunMetrics, serviceMetricPatterns } from '../../../engine/metrics/index.js';

const FORMAT = readFileSync(join(import.meta.dirname, '..', '..', '..', 'scenarios', 'FORMAT.md'), 'utf8');

/** The definition column of the format reference's metric table, by metric name. */
function tableDefinitions(): Map<string, string> {
  const rows = FORMAT.split('\n').filter((line) => /^\| `[a-z_0-9]+(:<provider:model>)?` \|/.test(line));
  return new Map(rows.map((line) => {
    const cells = line.split(' | ');
    return [cells[0]!.slice(2).replace(/`/g, ''), cells.slice(3).join(' | ').replace(/ \|$/, '').replace(/\\\|/g, '|')];
  }));
}

describe('the metric registry', () => {
  it('is what the format reference defines, metric by metric', () => {
    const table = tableDefinitions();
    for (const m of METRICS) expect(table.get(m.name), m.name).toBe(m.definition);
    for (const p of serviceMetricPatterns()) expect(table.get(p.pattern), p.pattern).toBe(`${p.definition.charAt(0).toUpperCase()}${p.definition.slice(1)}.`);
  });

  it('ranks TTFT only over streamed successes, latency over every success', () => {
    const noStream = { successes: 10, streamedSuccesses: 0 } as RunMetrics;
    expect(findMetric('ttft_p95_ms')!.successesOf(noStream)).toBe(0);
    expect(findMetric('latency_p95_ms')!.successesOf(noStream)).toBe(10);
    expect(findMetric('ttft_p95_ms')!.label).toMatch(/stream/);
  });
});
