import type { TraceRow } from './types.js';

/** A trace row that cannot be read. Stable code: TRACE_ROW; `line` is 1-based. */
export class TraceError extends Error {
  readonly code = 'TRACE_ROW';
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'TraceError';
  }
}

/**
 * Trace formats: lbsim's own JSON Lines or CSV (`timestamp`, `input_tokens`, `output_tokens`,
 * `session`), and three public ones: the Azure LLM inference trace CSV (`TIMESTAMP`,
 * `ContextTokens`, `GeneratedTokens`), BurstGPT's CSV (`Timestamp` in seconds, `Request tokens`,
 * `Response tokens`) and Mooncake's JSON Lines (`timestamp` in ms, `input_length`,
 * `output_length`, `hash_ids`).
 */
export type TraceFormat = 'jsonl' | 'csv' | 'azure' | 'burstgpt' | 'mooncake';

/** How a row's time is written: seconds or an ISO 8601 date (lbsim), ms (Mooncake), or the Azure trace's "YYYY-MM-DD HH:MM:SS.fffffff" (UTC). */
type TimeUnit = 'seconds' | 'ms' | 'datetime';

interface RawRow {
  line: number;
  timestamp: unknown;
  inputTokens: unknown;
  outputTokens: unknown;
  session: unknown;
}

/** Where a format keeps each field, and the unit of its time. */
interface Layout {
  timestamp: string;
  input: string;
  output: string;
  /** lbsim's optional session column; Mooncake's hash_ids (its first block names the shared prefix). */
  session?: string;
  time: TimeUnit;
  /** Whether other columns or keys may be present (the public traces have more). */
  others: boolean;
}

const LAYOUTS: Record<TraceFormat, Layout> = {
  jsonl: { timestamp: 'timestamp', input: 'input_tokens', output: 'output_tokens', session: 'session', time: 'seconds', others: true },
  csv: { timestamp: 'timestamp', input: 'input_tokens', output: 'output_tokens', session: 'session', time: 'seconds', others: false },
  azure: { timestamp: 'TIMESTAMP', input: 'ContextTokens', output: 'GeneratedTokens', time: 'datetime', others: true },
  burstgpt: { timestamp: 'Timestamp', input: 'Request tokens', output: 'Response tokens', time: 'seconds', others: true },
  mooncake: { timestamp: 'timestamp', input: 'input_length', output: 'output_length', session: 'hash_ids', time: 'ms', others: true },
};

/**
 * Reads a request trace in `format`. Times become ms from the earliest row; rows are sorted by
 * time (stable); sessions are numbered in order of first appearance (a Mooncake row's session is
 * the first of its hash_ids: requests that share their first prefix block share a prompt cache).
 * Throws a TraceError naming the line of the first bad row.
 */
export function parseTrace(text: string, format: TraceFormat): TraceRow[] {
  const layout = LAYOUTS[format];
  const raw = format === 'jsonl' || format === 'mooncake' ? jsonlRows(text, layout) : csvRows(text, layout);
  if (raw.length === 0) throw new TraceError(1, 'the trace has no rows');
  const parsed = raw.map((r) => ({
    line: r.line,
    seconds: timestampSeconds(r.timestamp, r.line, layout),
    inputTokens: tokenCount(r.inputTokens, layout.input, r.line),
    outputTokens: tokenCount(r.outputTokens, layout.output, r.line),
    session: format === 'mooncake' ? prefixLabel(r.session, r.line) : sessionLabel(r.session, r.line),
  }));
  const start = parsed.reduce((earliest, r) => Math.min(earliest, r.seconds), Number.POSITIVE_INFINITY);
  const sessions = new Map<string, number>();
  return parsed
    .map((r, order) => ({ ...r, order }))
    .sort((a, b) => a.seconds - b.seconds || a.order - b.order)
    .map((r) => {
      let session = -1;
      if (r.session !== undefined) {
        session = sessions.get(r.session) ?? sessions.size;
        sessions.set(r.session, session);
      }
      return { timestampMs: (r.seconds - start) * 1000, inputTokens: r.inputTokens, outputTokens: r.outputTokens, session };
    });
}

function jsonlRows(text: string, layout: Layout): RawRow[] {
  const rows: RawRow[] = [];
  text.split(/\r?\n/).forEach((content, i) => {
    if (content.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new TraceError(i + 1, `not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TraceError(i + 1, `expected a JSON object, got ${JSON.stringify(value)}`);
    }
    const o = value as Record<string, unknown>;
    rows.push({ line: i + 1, timestamp: o[layout.timestamp], inputTokens: o[layout.input], outputTokens: o[layout.output], session: layout.session === undefined ? undefined : o[layout.session] });
  });
  return rows;
}

/** The cells of a CSV line, trimmed: comma-separated, a cell in double quotes may hold commas and "" for a quote. */
export function csvCells(content: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (quoted && c === '"' && content[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function csvRows(text: string, layout: Layout): RawRow[] {
  const lines = text.split(/\r?\n/);
  const header = csvCells(lines[0] ?? '');
  const required = [layout.timestamp, layout.input, layout.output];
  const named = layout.session === undefined ? required : [...required, layout.session];
  for (const column of required) {
    if (!header.includes(column)) throw new TraceError(1, `the CSV header must name ${required.join(', ')}${layout.session ? ` (and optionally ${layout.session})` : ''}; missing ${column}`);
  }
  const unknown = header.filter((h) => !named.includes(h));
  if (!layout.others && unknown.length > 0) throw new TraceError(1, `unknown CSV column ${JSON.stringify(unknown[0])}; columns are ${named.join(', ')}`);
  const rows: RawRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const content = lines[i]!;
    if (content.trim() === '') continue;
    const cells = csvCells(content);
    if (cells.length !== header.length) throw new TraceError(i + 1, `expected ${header.length} cells, got ${cells.length}`);
    const cell = (name: string | undefined): string | undefined => {
      const at = name === undefined ? -1 : header.indexOf(name);
      return at < 0 || cells[at] === '' ? undefined : cells[at];
    };
    const numberOrText = (v: string | undefined): unknown => (v === undefined || Number.isNaN(Number(v)) ? v : Number(v));
    const time = layout.time === 'datetime' ? cell(layout.timestamp) : numberOrText(cell(layout.timestamp));
    rows.push({ line: i + 1, timestamp: time, inputTokens: numberOrText(cell(layout.input)), outputTokens: numberOrText(cell(layout.output)), session: cell(layout.session) });
  }
  return rows;
}

const AZURE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

function timestampSeconds(value: unknown, line: number, layout: Layout): number {
  const name = layout.timestamp;
  if (layout.time === 'datetime') {
    const m = typeof value === 'string' ? AZURE_TIME.exec(value.trim()) : null;
    if (m) {
      const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      const ms = Date.UTC(year, month - 1, day, hour, minute, second);
      if (Number.isFinite(ms) && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61) return ms / 1000 + Number(`0.${m[7] ?? '0'}`);
    }
    throw new TraceError(line, `${name} must be a date and time "YYYY-MM-DD HH:MM:SS.fffffff" (UTC), got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return layout.time === 'ms' ? value / 1000 : value;
  if (layout.time === 'seconds' && typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  const expected = layout.time === 'ms' ? 'milliseconds (a number)' : 'seconds (a number) or an ISO 8601 date';
  throw new TraceError(line, `${name} must be ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`);
}

function tokenCount(value: unknown, name: string, line: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new TraceError(line, `${name} must be a whole number >= 0, got ${JSON.stringify(value) ?? 'nothing'}`);
}

/** A Mooncake row's prefix: the first of its hash_ids (none when the list is absent or empty). */
function prefixLabel(value: unknown, line: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.every((h) => Number.isSafeInteger(h))) return value.length === 0 ? undefined : String(value[0]);
  throw new TraceError(line, `hash_ids must be a list of whole numbers, got ${JSON.stringify(value)}`);
}

function sessionLabel(value: unknown, line: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new TraceError(line, `session must be a string or a number, got ${JSON.stringify(value)}`);
}
