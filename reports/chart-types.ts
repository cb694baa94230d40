/**
 * The types of a report's chart payload, shared by the renderer (Node) and the page script (browser):
 * this file imports nothing, so both programs can read it.
 */

/** A vega-lite or vega specification as plain JSON data. */
export type JsonSpec = Record<string, unknown>;

/** A value of an embedded dataset row. */
export type JsonScalar = string | number | boolean | null;

/** A dataset row as embedded in the page: short field keys (see reports/charts/dataset.ts) to values. */
export type EncodedRow = Record<string, JsonScalar>;

/** How the browser formats a data-table column: fraction as percent, ms, dollars, plain number, integer, seconds, text, yes/no. */
export type ColumnFormat = 'pct' | 'ms' | 'usd' | 'num' | 'int' | 's' | 'text' | 'bool';

/** One column of a chart's data table. */
export interface TableColumn {
  /** Field of the dataset rows (its short key in the payload). */
  key: string;
  title: string;
  format: ColumnFormat;
  /** Name of a lookup list: the field holds an index into it (labels are stored once). */
  lookup?: string;
}

/** A chart's data table: which dataset and which columns. */
export interface TableSpec {
  dataset: string;
  columns: TableColumn[];
}

/** A chart before compilation: a vega-lite spec over named datasets, with its caption and table. */
export interface ChartDefinition {
  /** DOM id of the chart's figure (fixed text, never from the scenario). */
  id: string;
  title: string;
  /** One line: what to look for. */
  caption: string;
  spec: JsonSpec;
  /** Vega marks appended to the compiled spec, for what vega-lite cannot say (labels placed without overlap by vega's label transform). */
  vegaMarks?: JsonSpec[];
  table: TableSpec;
}

/** The JSON payload of a report page: datasets (rows), lookup lists, and compiled charts. */
export interface ChartPayload {
  datasets: Record<string, EncodedRow[]>;
  lookups: Record<string, string[]>;
  charts: { id: string; spec: JsonSpec; table: TableSpec }[];
}
