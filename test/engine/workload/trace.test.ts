import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace, TraceError } from '../../../engine/workload/index.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'traces', name), 'utf8');

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

describe('parseTrace of public traces', () => {
  it('reads the Azure LLM inference trace CSV: TIMESTAMP as UTC with 7-digit fractions, ContextTokens in, GeneratedTokens out', () => {
    const rows = parseTrace(fixture('azure-code.csv'), 'azure');
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({ timestampMs: 0, inputTokens: 4808, outputTokens: 10, session: -1 });
    expect(rows[1]!.timestampMs).toBeCloseTo(4_314.579, 3); // 50.9951690 - 46.6805900 s
    expect(rows[3]!.timestampMs - rows[2]!.timestampMs).toBeCloseTo(0.389, 3);
    expect(rows.at(-1)).toMatchObject({ inputTokens: 1260, outputTokens: 5 });
  });

  it("reads BurstGPT's CSV: Timestamp in seconds, Request and Response tokens, other columns (quoted ones too) ignored", () => {
    const rows = parseTrace(fixture('burstgpt.csv'), 'burstgpt');
    expect(rows.map((r) => r.timestampMs)).toEqual([0, 40_000, 113_000, 129_000, 135_000, 155_000]);
    expect(rows[1]).toEqual({ timestampMs: 40_000, inputTokens: 1087, outputTokens: 0, session: -1 }); // a failed request: no response tokens
    expect(rows[4]).toMatchObject({ inputTokens: 884, outputTokens: 271 });
  });

  it("reads Mooncake's JSON Lines: timestamp in ms, input and output lengths, the first hash_id as the shared prefix", () => {
    const rows = parseTrace(fixture('mooncake.jsonl'), 'mooncake');
    expect(rows.map((r) => [r.timestampMs, r.inputTokens, r.outputTokens, r.session])).toEqual([
      [0, 6755, 500, 0],
      [0, 7319, 490, 0],
      [3_052, 7234, 794, 0],
      [3_052, 2287, 316, 1],
      [3_548, 9013, 3, 2],
      [5_200, 512, 12, -1],
    ]);
  });

  it.each([
    ['azure', 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.68,10,2\n2023-11-16 25:00:00,10,2', 3, /TIMESTAMP must be a date and time "YYYY-MM-DD HH:MM:SS.fffffff"/],
    ['azure', 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16T18:15:46Z,10,2', 2, /TIMESTAMP must be a date and time/],
    ['azure', 'TIMESTAMP,ContextTokens\n2023-11-16 18:15:46,10', 1, /missing GeneratedTokens/],
    ['burstgpt', 'Timestamp,Model,Request tokens,Response tokens\n5,ChatGPT,472,18\n6,ChatGPT,-1,18', 3, /Request tokens must be a whole number/],
    ['burstgpt', 'Timestamp,Model,Request tokens,Response tokens\nsoon,ChatGPT,472,18', 2, /Timestamp must be seconds/],
    ['mooncake', '{"timestamp": 0, "input_length": 5, "output_length": 1}\n{"timestamp": 1, "input_length": 5, "output_length": 1, "hash_ids": ["a"]}', 2, /hash_ids must be a list of whole numbers/],
    ['mooncake', '{"timestamp": "0", "input_length": 5, "output_length": 1}', 1, /timestamp must be milliseconds/],
    ['mooncake', '{"timestamp": 0, "input_length": 5}', 1, /output_length must be a whole number/],
  ] as const)('rejects a bad %s row with its line number (%#)', (format, text, line, message) => {
    expect(() => parseTrace(text, format)).toThrowError(TraceError);
    try {
      parseTrace(text, format);
    } catch (error) {
      expect((error as TraceError).line).toBe(line);
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
