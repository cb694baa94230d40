/** The building blocks of the scenario schema: durations, rates, labels, literal unions, sweeps. */
import { z } from 'zod';
import { SCENARIO_LIMITS as L } from './limits.js';
import { DURATION_PATTERN, RATE_PATTERN } from './units.js';

/** Labels of tactics, health settings and gateway variants: a word of letters, digits and `_ . + -`. */
export const LABEL_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.+-]*$';

export const duration = z
  .union([z.literal(0), z.string().regex(new RegExp(DURATION_PATTERN))])
  .meta({ id: 'Duration', description: 'A duration: a number with a unit ms, s, m or h (250ms, 1.5s, 90s, 5m, 2h), or 0. At most 168h (7 days) unless stated.' });

export const rate = z
  .union([z.literal(0), z.string().regex(new RegExp(RATE_PATTERN))])
  .meta({ id: 'Rate', description: `A rate: a number, a slash and a unit s, min or h (20/s, 600/min, 36000/h), or 0. At most ${L.maxRatePerSecond}/s.` });

export const label = z.string().max(L.maxLabelLength).regex(new RegExp(LABEL_PATTERN)).meta({ id: 'Label', description: 'A label: letters, digits, _ . + - (starting with a letter or digit).' });

export const fraction = z.number().min(0).max(1);

/** The variants of a discriminated union, as the tuple zod wants. */
export function variantList(variants: Record<string, z.ZodObject>): [z.ZodObject, ...z.ZodObject[]] {
  return Object.values(variants) as [z.ZodObject, ...z.ZodObject[]];
}

/** A value, or a list of values to sweep (one labelled entry per value). */
export function sweepable<T extends z.ZodType>(one: T) {
  return z.union([one, z.array(one).min(1).max(L.maxSweepValues)]).describe('A value, or a list of values to sweep: one entry per value, labelled <name>-<value>.');
}

/** One of a few literal values (statuses). */
export function literals(values: readonly (string | number)[]) {
  return z.union(values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral<string | number>, ...z.ZodLiteral<string | number>[]]);
}

