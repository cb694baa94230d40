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

/** Trace formats: JSON Lines, or CSV with a header row. */
export type TraceFormat = 'jsonl' | 'csv';

interface RawRow {
  line: number;
  timestamp: unknown;
  inputTokens: unknown;
  outputTokens: unknown;
  session: unknown;
}

/**
 * Reads a request trace. Each row has `timestamp` (seconds as a number, or an ISO 8601 date),
 * `input_tokens`, `output_tokens` and optionally `session` (any label). Times become ms from the
 * earliest row; rows are sorted by time (stable); sessions are numbered in order of first
 * appearance. Throws a TraceError naming the line of the first bad row.
 */
export function parseTrace(text: string, format: TraceFormat): TraceRow[] {
  const raw = format === 'jsonl' ? jsonlRows(text) : csvRows(text);
  if (raw.length === 0) throw new TraceError(1, 'the trace has no rows');
  const parsed = raw.map((r) => ({
    line: r.line,
    seconds: timestampSeconds(r.timestamp, r.line),
    inputTokens: tokenCount(r.inputTokens, 'input_tokens', r.line),
    outputTokens: tokenCount(r.outputTokens, 'output_tokens', r.line),
    session: sessionLabel(r.session, r.line),
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

function jsonlRows(text: string): RawRow[] {
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
    rows.push({ line: i + 1, timestamp: o['timestamp'], inputTokens: o['input_tokens'], outputTokens: o['output_tokens'], session: o['session'] });
  });
  return rows;
}

const CSV_COLUMNS = ['timestamp', 'input_tokens', 'output_tokens', 'session'] as const;

function csvRows(text: string): RawRow[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  for (const required of CSV_COLUMNS.slice(0, 3)) {
    if (!header.includes(required)) throw new TraceError(1, `the CSV header must name ${CSV_COLUMNS.slice(0, 3).join(', ')} (and optionally session); missing ${required}`);
  }
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) throw new TraceError(1, `unknown CSV column ${JSON.stringify(unknown[0])}; columns are ${CSV_COLUMNS.join(', ')}`);
  const rows: RawRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const content = lines[i]!;
    if (content.trim() === '') continue;
    const cells = content.split(',').map((c) => c.trim());
    if (cells.length !== header.length) throw new TraceError(i + 1, `expected ${header.length} cells, got ${cells.length}`);
    const cell = (name: string): string | undefined => {
      const at = header.indexOf(name);
      return at < 0 || cells[at] === '' ? undefined : cells[at];
    };
    const numberOrText = (v: string | undefined): unknown => (v === undefined || Number.isNaN(Number(v)) ? v : Number(v));
    rows.push({ line: i + 1, timestamp: numberOrText(cell('timestamp')), inputTokens: numberOrText(cell('input_tokens')), outputTokens: numberOrText(cell('output_tokens')), session: cell('session') });
  }
  return rows;
}

function timestampSeconds(value: unknown, line: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  throw new TraceError(line, `timestamp must be seconds (a number) or an ISO 8601 date, got ${JSON.stringify(value) ?? 'nothing'}`);
}

function tokenCount(value: unknown, name: string, line: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new TraceError(line, `${name} must be a whole number >= 0, got ${JSON.stringify(value) ?? 'nothing'}`);
}

function sessionLabel(value: unknown, line: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new TraceError(line, `session must be a string or a number, got ${JSON.stringify(value)}`);
}
