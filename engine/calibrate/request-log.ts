/**
 * The request log: one row per provider try (every HTTP request the SDK sent), as a gateway would
 * log it. lbsim writes it (`run --request-log`) from the baseline cell's first replication, and
 * reads it, or an operator's own log in the same columns, to calibrate providers.
 */
import { decodeOutcome, type TryRecord } from '../gateway/index.js';
import { cellId, expandCells, replicationPlan, simulatePlan } from '../run/index.js';
import type { Scenario } from '../scenario/index.js';
import { csvCells } from '../workload/index.js';

/** A try's outcome: the HTTP status (200 for success), or what happened instead. */
export type LogStatus = number | 'timeout' | 'connection_error' | 'stream_error';

export interface RequestLogRow {
  provider: string;
  model: string;
  /** When the try was sent, in ms from the start of the log. */
  startMs: number;
  status: LogStatus;
  /** Send to last byte, in ms. */
  latencyMs: number;
  /** Send to first token of a streamed try, in ms (null: not streamed, or no first token). */
  ttftMs: number | null;
  inputTokens: number;
  /** Output tokens delivered. */
  outputTokens: number;
  streaming: boolean;
}

/** The log's columns, in order: JSON keys and the CSV header. */
export const REQUEST_LOG_COLUMNS = ['provider', 'model', 'start_ms', 'status', 'latency_ms', 'ttft_ms', 'input_tokens', 'output_tokens', 'streaming'] as const;

export type RequestLogFormat = 'jsonl' | 'csv';

/** Rows of a request log that cannot be read. Stable code: REQUEST_LOG_ROW; each problem names its line. */
export class RequestLogError extends Error {
  readonly code = 'REQUEST_LOG_ROW';
  constructor(readonly problems: ReadonlyArray<{ line: number; detail: string }>) {
    super(`${problems.length} bad row${problems.length === 1 ? '' : 's'}: ${problems.map((p) => `line ${p.line}: ${p.detail}`).join('; ')}`);
    this.name = 'RequestLogError';
  }
}

function statusOf(record: TryRecord): LogStatus {
  const outcome = decodeOutcome(record.outcome);
  if (outcome.kind === 'ok') return 200;
  if (outcome.kind === 'http_error') return outcome.status;
  if (outcome.kind === 'timeout' || outcome.kind === 'connection_error' || outcome.kind === 'stream_error') return outcome.kind;
  throw new Error(`a provider try cannot end as ${outcome.kind}`);
}

/** Every try of the baseline cell's first replication of `scenario`, in the order they ended. */
export function requestLog(scenario: Scenario): RequestLogRow[] {
  const { tactic, health, gateway } = scenario.baseline;
  const cell = expandCells(scenario).find((c) => c.id === cellId(tactic, health, gateway))!;
  const byId = new Map(scenario.services.map((s) => [`${s.provider}:${s.model}`, s]));
  const rows: RequestLogRow[] = [];
  simulatePlan(replicationPlan(scenario, cell, 0), {
    onTry: (r) => {
      const s = byId.get(r.service)!;
      rows.push({
        provider: s.provider,
        model: s.model,
        startMs: r.sendMs,
        status: statusOf(r),
        latencyMs: r.endMs - r.sendMs,
        ttftMs: r.streaming && r.ttftMs >= 0 ? r.ttftMs : null,
        inputTokens: r.inputTokens,
        outputTokens: r.deliveredTokens,
        streaming: r.streaming,
      });
    },
  });
  return rows;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function values(row: RequestLogRow): Array<string | number | boolean | null> {
  return [row.provider, row.model, round(row.startMs), row.status, round(row.latencyMs), row.ttftMs === null ? null : round(row.ttftMs), row.inputTokens, row.outputTokens, row.streaming];
}

const csvCell = (v: string | number | boolean | null): string => {
  const text = v === null ? '' : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The log as JSON Lines or CSV (times rounded to the microsecond). */
export function formatRequestLog(rows: readonly RequestLogRow[], format: RequestLogFormat): string {
  if (format === 'csv') return [REQUEST_LOG_COLUMNS.join(','), ...rows.map((r) => values(r).map(csvCell).join(','))].join('\n') + '\n';
  return rows.map((r) => JSON.stringify(Object.fromEntries(REQUEST_LOG_COLUMNS.map((c, k) => [c, values(r)[k]])))).join('\n') + '\n';
}

/** Reads one row's fields; a problem text for the first bad one. */
function readRow(get: (column: string) => unknown): RequestLogRow | string {
  const text = (name: string): string | undefined => {
    const v = get(name);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const number = (name: string, { optional = false, whole = false } = {}): number | null | string => {
    const raw = get(name);
    if ((raw === undefined || raw === null || raw === '') && optional) return null;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || (whole && !Number.isInteger(n))) return `${name} must be ${whole ? 'a whole number' : 'a number'} >= 0${optional ? ' or empty' : ''}, got ${JSON.stringify(raw) ?? 'nothing'}`;
    return n;
  };
  const provider = text('provider');
  const model = text('model');
  if (provider === undefined) return 'provider is missing';
  if (model === undefined) return 'model is missing';
  const rawStatus = get('status');
  const statusText = typeof rawStatus === 'number' ? String(rawStatus) : typeof rawStatus === 'string' ? rawStatus.trim() : '';
  const status: LogStatus | undefined = /^[1-5][0-9][0-9]$/.test(statusText)
    ? Number(statusText)
    : statusText === 'timeout' || statusText === 'connection_error' || statusText === 'stream_error'
      ? statusText
      : undefined;
  if (status === undefined) return `status must be an HTTP status (200 for success), timeout, connection_error or stream_error, got ${JSON.stringify(rawStatus) ?? 'nothing'}`;
  const rawStreaming = get('streaming');
  const streaming = rawStreaming === true || rawStreaming === 'true' ? true : rawStreaming === false || rawStreaming === 'false' ? false : undefined;
  if (streaming === undefined) return `streaming must be true or false, got ${JSON.stringify(rawStreaming) ?? 'nothing'}`;
  const fields = { startMs: number('start_ms'), latencyMs: number('latency_ms'), ttftMs: number('ttft_ms', { optional: true }), inputTokens: number('input_tokens', { whole: true }), outputTokens: number('output_tokens', { whole: true }) };
  for (const v of Object.values(fields)) if (typeof v === 'string') return v;
  const f = fields as { startMs: number; latencyMs: number; ttftMs: number | null; inputTokens: number; outputTokens: number };
  if (f.ttftMs !== null && f.ttftMs > f.latencyMs) return `ttft_ms (${f.ttftMs}) is after the end of the try (latency_ms ${f.latencyMs})`;
  return { provider, model, status, streaming, ...f };
}

/**
 * Reads a request log (JSON Lines, or CSV with a header of REQUEST_LOG_COLUMNS in any order).
 * Every bad row is reported, by its line number, in one RequestLogError; none is dropped.
 */
export function parseRequestLog(text: string, format: RequestLogFormat): RequestLogRow[] {
  const lines = text.split(/\r?\n/);
  const problems: Array<{ line: number; detail: string }> = [];
  const rows: RequestLogRow[] = [];
  let header: string[] = [];
  if (format === 'csv') {
    header = csvCells(lines[0] ?? '');
    const missing = REQUEST_LOG_COLUMNS.filter((c) => c !== 'ttft_ms' && !header.includes(c));
    if (missing.length > 0) throw new RequestLogError([{ line: 1, detail: `the CSV header must name ${REQUEST_LOG_COLUMNS.join(', ')}; missing ${missing.join(', ')}` }]);
  }
  lines.forEach((content, i) => {
    if ((format === 'csv' && i === 0) || content.trim() === '') return;
    let get: (column: string) => unknown;
    if (format === 'csv') {
      const cells = csvCells(content);
      if (cells.length !== header.length) return void problems.push({ line: i + 1, detail: `expected ${header.length} cells, got ${cells.length}` });
      get = (column) => cells[header.indexOf(column)];
    } else {
      let value: unknown;
      try {
        value = JSON.parse(content);
      } catch (error) {
        return void problems.push({ line: i + 1, detail: `not valid JSON (${(error as Error).message})` });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push({ line: i + 1, detail: 'expected a JSON object' });
      get = (column) => (value as Record<string, unknown>)[column];
    }
    const row = readRow(get);
    if (typeof row === 'string') problems.push({ line: i + 1, detail: row });
    else rows.push(row);
  });
  if (problems.length > 0) throw new RequestLogError(problems);
  if (rows.length === 0) throw new RequestLogError([{ line: 1, detail: 'the log has no rows' }]);
  return rows;
}

