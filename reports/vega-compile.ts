/** Compiles vega-lite specs to vega in Node, so the report embeds only the vega runtime. */
import type { LoggerInterface } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartDefinition, ChartPayload, JsonSpec } from './chart-types.js';

export type { JsonSpec } from './chart-types.js';

/** A compiled vega spec and the warnings vega-lite raised while compiling it. */
export interface Compiled {
  spec: JsonSpec;
  warnings: string[];
}

function collectingLogger(warnings: string[]): LoggerInterface {
  let level = 2;
  const logger: LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      throw new Error(`vega-lite: ${args.map(String).join(' ')}`);
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as LoggerInterface;
  return logger;
}

/** Compiles a vega-lite spec to a vega spec (without the `$schema` URL, so the report names no remote address). */
export function compileVegaLite(spec: JsonSpec): Compiled {
  const warnings: string[] = [];
  const { spec: vega } = compile(spec as unknown as TopLevelSpec, { logger: collectingLogger(warnings) });
  const out = { ...(vega as unknown as JsonSpec) };
  delete out['$schema'];
  return { spec: out, warnings };
}

/** A chart as the page embeds it: its compiled spec, with its extra vega marks appended, and its table. */
export function compileChart(chart: ChartDefinition): ChartPayload['charts'][number] {
  const spec = compileVegaLite(chart.spec).spec;
  if (chart.vegaMarks) spec['marks'] = [...(spec['marks'] as JsonSpec[]), ...chart.vegaMarks];
  return { id: chart.id, spec, table: chart.table };
}
