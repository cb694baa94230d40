/**
 * Typed datasets. Every dataset a chart reads has a row type with readable field names and one
 * mapping from those names to the short keys the page embeds, so the payload stays lean while code
 * never spells a short key: charts, filters and data tables name fields through the mapping, and
 * renaming a row field fails to compile instead of silently breaking a chart.
 */
import type { ColumnFormat, EncodedRow, JsonScalar, TableColumn, TableSpec } from '../chart-types.js';

/** The short payload key of every field of a row type (all fields, in payload order). */
export type FieldKeys<Row> = { readonly [K in keyof Row]-?: string };

/** A named dataset of the payload: the type of its rows and the key each field is embedded under. */
export interface Dataset<Row> {
  /** Name in the payload and in vega-lite `data: { name }`. */
  readonly name: string;
  /** Row field -> payload key: the field name to give vega-lite and data tables. */
  readonly field: FieldKeys<Row>;
}

/** The lists that data tables resolve index fields against (labels are embedded once). */
export type LookupName = 'cells' | 'services' | 'scenarios' | 'keys' | 'metrics';

/** Declares a dataset; payload keys must be distinct. */
export function defineDataset<Row extends Record<keyof Row, JsonScalar>>(name: string, field: FieldKeys<Row>): Dataset<Row> {
  const keys = Object.values<string>(field);
  if (new Set(keys).size !== keys.length) throw new Error(`dataset "${name}": two fields share a payload key`);
  return { name, field };
}

/** Rows as embedded in the page: each field under its short key, in the mapping's order. */
export function encodeRows<Row>(dataset: Dataset<Row>, rows: readonly Row[]): EncodedRow[] {
  const entries = Object.entries(dataset.field) as [keyof Row, string][];
  return rows.map((row) => {
    const out: EncodedRow = {};
    for (const [name, key] of entries) out[key] = row[name] as JsonScalar;
    return out;
  });
}

/** A field of the current row in a vega expression: `datum.<key>`. */
export function datum<Row>(dataset: Dataset<Row>, name: keyof Row): string {
  return `datum.${dataset.field[name]}`;
}

/** A data-table column: row field, heading, format and, for index fields, the lookup list. */
export type Column<Row> = readonly [field: keyof Row, title: string, format: ColumnFormat, lookup?: LookupName];

/** A chart's data table over a dataset. */
export function tableOf<Row>(dataset: Dataset<Row>, columns: readonly Column<Row>[]): TableSpec {
  return {
    dataset: dataset.name,
    columns: columns.map(([name, title, format, lookup]): TableColumn => {
      const key = dataset.field[name];
      return lookup ? { key, title, format, lookup } : { key, title, format };
    }),
  };
}

/** Six significant digits: enough for every chart and table, and keeps the embedded data lean (null: not finite). */
export function lean(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : null;
}
