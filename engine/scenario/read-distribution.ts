/** Internal: reads distributions of durations, token counts and token speeds. */
import type { Distribution } from '../sim/index.js';
import { SCENARIO_DEFAULTS } from './defaults.js';
import type { Issues, Path } from './issues.js';
import { SCENARIO_LIMITS } from './limits.js';
import { choiceReader, durationReader, isRecord, listReader, Mapping, numberReader, reader, type Reader } from './reader.js';
import { SCENARIO_KEYS } from './schema.js';
import { formatDurationMs } from './units.js';
import { DISTRIBUTION_KINDS } from './vocabulary.js';

/** What a distribution draws: durations (ms), tokens per request, or output tokens per second. */
export type Quantity = 'duration' | 'tokens' | 'speed';

type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

/** A value of the quantity; `positive` refuses 0. */
function valueReader(quantity: Quantity, positive: boolean): Reader<number> {
  switch (quantity) {
    case 'duration':
      return durationReader({ positive });
    case 'tokens':
      return numberReader({ min: 0, exclusiveMin: positive, max: SCENARIO_LIMITS.maxTokens }, 'a number of tokens');
    case 'speed':
      return numberReader({ min: 0, exclusiveMin: positive, max: SCENARIO_LIMITS.maxTokensPerSecond }, 'a speed in tokens/s');
  }
}

function show(quantity: Quantity, value: number): string {
  return quantity === 'duration' ? formatDurationMs(value) : String(value);
}

const EXAMPLE: Readonly<Record<Quantity, string>> = {
  duration: '{ dist: lognormal, median: 400ms, p99: 2s }',
  tokens: '{ dist: lognormal, median: 250, p99: 2000 }',
  speed: '{ dist: normal, mean: 80, sd: 15 }',
};

/**
 * A distribution of `quantity`: a plain value (a constant) or a mapping `{ dist: kind, ... }`.
 * Token speeds must stay above 0 (a normal is clamped at `min`, 1 tokens/s unless given).
 */
export function distributionReader(quantity: Quantity): Reader<Distribution> {
  const scalar = valueReader(quantity, quantity === 'speed');
  const expected = `${scalar.expected}, or a distribution such as ${EXAMPLE[quantity]}`;
  return reader(expected, (issues, path, value) => {
    if (!isRecord(value)) {
      if (Array.isArray(value) || value === null) return issues.expected(path, expected, value);
      const constant = scalar.read(issues, path, value);
      return constant === undefined ? undefined : { kind: 'constant', value: constant };
    }
    return readDistributionMapping(issues, path, value, quantity);
  });
}

function readDistributionMapping(issues: Issues, path: Path, value: Record<string, unknown>, quantity: Quantity): Distribution | undefined {
  const kinds = SCENARIO_KEYS.durationDistribution;
  const kindReader = choiceReader(DISTRIBUTION_KINDS, `one of ${DISTRIBUTION_KINDS.join(', ')}`);
  let kind: DistributionKind | undefined;
  if (!Object.hasOwn(value, 'dist')) {
    issues.add({
      path: [...path, 'dist'],
      message: `expected one of ${DISTRIBUTION_KINDS.join(', ')}, got nothing (a distribution needs a dist key, e.g. ${EXAMPLE[quantity]})`,
      expected: `one of ${DISTRIBUTION_KINDS.join(', ')}`,
      received: 'nothing',
    });
  } else {
    kind = kindReader.read(issues, [...path, 'dist'], value['dist']);
  }
  const allowed = kind === undefined ? [...new Set(Object.values(kinds).flat())] : kinds[kind];
  const m = Mapping.open(issues, path, value, allowed, 'a distribution', (key) =>
    kind !== undefined && Object.values(kinds).some((k) => k.includes(key)) ? { message: `"${key}" is not a parameter of a ${kind} distribution`, expected: `the keys ${kinds[kind].join(', ')}` } : undefined,
  );
  if (!m) return undefined;
  m.raw('dist');
  if (kind === undefined) {
    for (const key of allowed) if (key !== 'dist') m.raw(key);
    m.done();
    return undefined;
  }
  const at = (key: string, positive = false): number | undefined => m.req(key, valueReader(quantity, positive));
  const speed = quantity === 'speed';
  let result: Distribution | undefined;
  switch (kind) {
    case 'constant': {
      const v = at('value', speed);
      if (v !== undefined) result = { kind, value: v };
      break;
    }
    case 'uniform': {
      const min = at('min', speed);
      const max = at('max', speed);
      if (min !== undefined && max !== undefined) {
        if (max < min) issues.expected(m.at('max'), `a max >= min (${show(quantity, min)})`, m.raw('max'));
        else result = { kind, min, max };
      }
      break;
    }
    case 'normal': {
      const mean = at('mean');
      const sd = at('sd');
      const min = m.def('min', valueReader(quantity, speed), SCENARIO_DEFAULTS.normal[quantity]);
      if (mean !== undefined && sd !== undefined && min !== undefined) result = { kind, mean, sd, min };
      break;
    }
    case 'lognormal': {
      const median = at('median', true);
      const p99 = at('p99', true);
      if (median !== undefined && p99 !== undefined) {
        if (p99 <= median) issues.expected(m.at('p99'), `a p99 greater than the median (${show(quantity, median)})`, m.raw('p99'));
        else result = { kind, median, p99 };
      }
      break;
    }
    case 'exponential': {
      const mean = at('mean', true);
      if (mean !== undefined) result = { kind, mean };
      break;
    }
    case 'empirical': {
      const values = m.req('values', listReader(valueReader(quantity, speed), { min: 1, max: SCENARIO_LIMITS.maxEmpiricalValues, what: `a non-empty list of values (${valueReader(quantity, speed).expected})` }));
      if (values !== undefined) result = { kind, values };
      break;
    }
  }
  m.done();
  return result;
}
