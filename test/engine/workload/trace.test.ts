import { describe, expect, it } from 'vitest';
import { parseTrace, TraceError } from '../../../engine/workload/index.js';

describe('parseTrace', () => {
  it('reads JSON Lines: times from the earliest row in ms, sorted, sessions numbered by first appearance', () => {
    const text = [
      '{"timestamp": 100.5, "input_tokens": 10, "output_tokens": 20, "session": "s-b"}',
      '',
      '{"timestamp": 100.0, "input_tokens": 1, "output_tokens": 2, "session": "s-a"}',
      '{"timestamp": 102, "input_tokens": 3, "output_tokens": 4}',
      '{"timestamp": 101, "input_tokens": 5, "output_tokens": 6, "session": "s-b"}',
    ].join('\n');
    expect(parseTrace(text, 'jsonl')).toEqual([
      { timestampMs: 0, inputTokens: 1, outputTokens: 2, session: 0 },
      { timestampMs: 500, inputTokens: 10, outputTokens: 20, session: 1 },
      { timestampMs: 1_000, inputTokens: 5, outputTokens: 6, session: 1 },
      { timestampMs: 2_000, inputTokens: 3, outputTokens: 4, session: -1 },
    ]);
  });

  it('reads CSV with a header, ISO dates and optional session', () => {
    const text = 'timestamp,input_tokens,output_tokens,session\n2026-01-01T00:00:00Z,100,50,u1\n2026-01-01T00:00:01.5Z,200,70,\n';
    expect(parseTrace(text, 'csv')).toEqual([
      { timestampMs: 0, inputTokens: 100, outputTokens: 50, session: 0 },
      { timestampMs: 1_500, inputTokens: 200, outputTokens: 70, session: -1 },
    ]);
  });

  it.each([
    ['jsonl', '{"timestamp": 1, "input_tokens": 1, "output_tokens": 1}\n{"timestamp": 2, "input_tokens": -4, "output_tokens": 1}', 2, /input_tokens must be a whole number/],
    ['jsonl', '{"timestamp": 1, "input_tokens": 1, "output_tokens": 1}\nnot json', 2, /not valid JSON/],
    ['jsonl', '[1, 2]', 1, /expected a JSON object/],
    ['jsonl', '{"timestamp": "yesterday", "input_tokens": 1, "output_tokens": 1}', 1, /timestamp must be/],
    ['jsonl', '{"timestamp": 1, "input_tokens": 1}', 1, /output_tokens/],
    ['jsonl', '\n\n', 1, /no rows/],
    ['csv', 'timestamp,input_tokens\n1,2', 1, /missing output_tokens/],
    ['csv', 'timestamp,input_tokens,output_tokens,user\n1,2,3,x', 1, /unknown CSV column "user"/],
    ['csv', 'timestamp,input_tokens,output_tokens\n1,2,3\n2,2', 3, /expected 3 cells, got 2/],
    ['csv', 'timestamp,input_tokens,output_tokens\n1,2.5,3', 2, /input_tokens must be a whole number/],
  ] as const)('rejects a bad %s row with its line number (%#)', (format, text, line, message) => {
    try {
      parseTrace(text, format);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TraceError);
      expect((error as TraceError).line).toBe(line);
      expect((error as TraceError).code).toBe('TRACE_ROW');
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('parseTrace at scale', () => {
  it('reads a trace of 300,000 rows', () => {
    const text = Array.from({ length: 300_000 }, (_, i) => `{"timestamp": ${1_000 + i / 100}, "input_tokens": 1, "output_tokens": 1}`).join('\n');
    const rows = parseTrace(text, 'jsonl');
    expect(rows).toHaveLength(300_000);
    expect(rows[299_999]!.timestampMs).toBeCloseTo(2_999_990, 3);
  });
});
