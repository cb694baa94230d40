/** Data tables built from the payload when opened, and sorting of every table by its headings. */
import type { ChartPayload, ColumnFormat, JsonScalar, TableColumn, TableSpec } from '../chart-types.js';

/** Shown for missing or non-finite values. */
const MISSING = '–';

const FORMATS: Partial<Record<ColumnFormat, (v: number) => string>> = {
  pct: (v) => `${(v * 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`,
  ms: (v) => `${v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 })} ms`,
  usd: (v) => `$${v.toLocaleString('en-US', { maximumSignificantDigits: 4 })}`,
  num: (v) => v.toLocaleString('en-US', { maximumFractionDigits: 3 }),
  int: (v) => v.toLocaleString('en-US', { maximumFractionDigits: 0 }),
  s: (v) => `${v.toLocaleString('en-US', { maximumFractionDigits: 2 })} s`,
};

function cellText(payload: ChartPayload, column: TableColumn, value: JsonScalar | undefined): string {
  if (column.lookup) return value === null || value === undefined ? MISSING : String((payload.lookups[column.lookup] ?? [])[value as number]);
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return MISSING;
  if (column.format === 'bool') return value ? 'yes' : 'no';
  const format = FORMATS[column.format];
  return format && typeof value === 'number' ? format(value) : String(value);
}

function buildTable(payload: ChartPayload, spec: TableSpec): HTMLTableElement {
  const rows = payload.datasets[spec.dataset] ?? [];
  const table = document.createElement('table');
  table.className = 'data sortable';
  const head = table.createTHead().insertRow();
  for (const column of spec.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = column.title;
    th.appendChild(button);
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of spec.columns) {
      const td = tr.insertCell();
      const value = row[column.key];
      td.textContent = cellText(payload, column, value);
      if (typeof value === 'number' && !column.lookup) {
        td.setAttribute('data-v', String(value));
        td.className = 'num';
      }
    }
  }
  return table;
}

/** What a cell sorts by: its `data-v` number, else last for numeric columns, else its text. */
function sortKey(td: HTMLTableCellElement | undefined): number | string {
  if (!td) return '';
  const v = td.getAttribute('data-v');
  if (v !== null) return Number(v);
  return td.classList.contains('num') ? Number.POSITIVE_INFINITY : (td.textContent ?? '');
}

/** Makes a table's headings sort its rows, ascending then descending, marked with aria-sort. */
export function makeSortable(table: HTMLTableElement): void {
  const heads = Array.from(table.tHead?.rows[0]?.cells ?? []);
  heads.forEach((th, index) => {
    const button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      for (const other of heads) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const body = table.tBodies[0];
      if (!body) return;
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = sortKey(a.cells[index]);
        const y = sortKey(b.cells[index]);
        const order = typeof x === 'number' && typeof y === 'number' ? (x === y ? 0 : x < y ? -1 : 1) : String(x).localeCompare(String(y));
        return ascending ? order : -order;
      });
      for (const row of rows) body.appendChild(row);
    });
  });
}

/** Builds each chart's data table the first time its <details> is opened. */
export function buildTablesWhenOpened(payload: ChartPayload): void {
  for (const chart of payload.charts) {
    const details = document.querySelector<HTMLDetailsElement>(`#${chart.id} details.data-table`);
    if (!details) continue;
    details.addEventListener('toggle', () => {
      if (!details.open || details.getAttribute('data-built')) return;
      details.setAttribute('data-built', 'true');
      const table = buildTable(payload, chart.table);
      details.querySelector('.table-wrap')?.appendChild(table);
      makeSortable(table);
    });
  }
}
