import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measurement } from './measure.js';
import { balancerSuite } from './suites/balancer.js';

/** Targets from the issues: a figure must be at least (or, for `max`, at most) this. */
export const TARGETS: Readonly<Record<string, { min?: number; max?: number }>> = {
  'balancer.randomSelectPerSecond': { min: 5_000_000 },
  'balancer.recordLatencyPerSecond': { min: 2_000_000 },
};

function format(value: number): string {
  return value >= 1000 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(4);
}

async function main(): Promise<void> {
  const measurements: Measurement[] = [...(await balancerSuite())];
  const rows = measurements.map((m) => {
    const target = TARGETS[m.name];
    const verdict = !target ? '' : (target.min === undefined || m.value >= target.min) && (target.max === undefined || m.value <= target.max) ? 'ok' : 'MISSED';
    return { figure: m.name, value: format(m.value), unit: m.unit, '±%': m.rmePercent?.toFixed(1) ?? '', target: target ? `${target.min !== undefined ? '>= ' + format(target.min) : '<= ' + format(target.max!)}` : '', verdict };
  });
  console.table(rows);
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results');
  mkdirSync(root, { recursive: true });
  const figures = Object.fromEntries(measurements.map((m) => [m.name, m.value]));
  const file = join(root, 'latest.json');
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ version: 1, figures }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(`wrote ${file}`);
  if (rows.some((r) => r.verdict === 'MISSED')) process.exitCode = 1;
}

await main();
