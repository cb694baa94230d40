/** Internal: reads `workload` (arrivals, request sizes, streaming, sessions; trace replay). */
import { parseTrace, TraceError, type TraceFormat } from '../workload/index.js';
import type { ArrivalProcess, Workload } from '../workload/index.js';
import { SCENARIO_DEFAULTS as D } from './defaults.js';
import type { Issues, Path } from './issues.js';
import { SCENARIO_LIMITS } from './limits.js';
import { distributionReader } from './read-distribution.js';
import { choiceReader, durationReader, fractionReader, integerReader, isRecord, Mapping, numberReader, rateReader, reader, stringReader } from './reader.js';
import { SCENARIO_KEYS } from './schema.js';
import { ARRIVAL_PROCESSES, TRACE_FORMATS } from './vocabulary.js';

/** Reads a trace file named in the scenario (relative to it); throws when it cannot. */
export type TraceFileReader = (relativePath: string) => string;

/** Reads the workload block. */
export function readWorkload(issues: Issues, path: Path, value: unknown, readFile: TraceFileReader | undefined): Workload | undefined {
  const m = Mapping.open(issues, path, value, SCENARIO_KEYS.workload, 'a mapping with arrivals (and optionally input_tokens, output_tokens, streaming, sessions)');
  if (!m) return undefined;
  const arrivals = m.req('arrivals', reader(`a mapping with a process (${PROCESS_EXAMPLES})`, (i, p, v) => readArrivals(i, p, v, readFile)));
  const isTrace = isRecord(m.value['arrivals']) && m.value['arrivals']['process'] === 'trace';
  if (isTrace) {
    for (const key of ['input_tokens', 'output_tokens', 'sessions']) {
      if (m.has(key)) {
        issues.add({
          path: m.at(key),
          message: `${key} has no effect with a trace replay (each trace row gives its own tokens and session); remove it`,
          expected: 'nothing (the trace gives request sizes and sessions)',
          received: issues.describe(m.at(key), m.raw(key)),
        });
      }
    }
  }
  const inputTokens = m.def('input_tokens', distributionReader('tokens'), D.workload);
  const outputTokens = m.def('output_tokens', distributionReader('tokens'), D.workload);
  const streamingFraction = m.def('streaming', fractionReader(), D.workload);
  const sessions = m.def('sessions', integerReader({ min: 0, max: SCENARIO_LIMITS.maxSessions }), D.workload);
  m.done();
  if (arrivals === undefined || inputTokens === undefined || outputTokens === undefined || streamingFraction === undefined || sessions === undefined) return undefined;
  return { arrivals, inputTokens, outputTokens, streamingFraction, sessions };
}

const PROCESS_EXAMPLES = 'e.g. { process: poisson, rate: 20/s }';

function readArrivals(issues: Issues, path: Path, value: unknown, readFile: TraceFileReader | undefined): ArrivalProcess | undefined {
  const variants = SCENARIO_KEYS.arrivals;
  if (!isRecord(value)) return issues.expected(path, `a mapping with a process (${PROCESS_EXAMPLES})`, value);
  let process: (typeof ARRIVAL_PROCESSES)[number] | undefined;
  if (!Object.hasOwn(value, 'process')) {
    issues.add({ path: [...path, 'process'], message: `expected one of ${ARRIVAL_PROCESSES.join(', ')}, got nothing (the key is required; ${PROCESS_EXAMPLES})`, expected: `one of ${ARRIVAL_PROCESSES.join(', ')}`, received: 'nothing' });
  } else {
    process = choiceReader(ARRIVAL_PROCESSES).read(issues, [...path, 'process'], value['process']);
  }
  const allowed = process === undefined ? [...new Set(Object.values(variants).flat())] : variants[process];
  const m = Mapping.open(issues, path, value, allowed, 'a mapping', (key) =>
    process !== undefined && Object.values(variants).some((k) => k.includes(key)) ? { message: `"${key}" does not apply to process ${process}`, expected: `the keys ${variants[process].join(', ')}` } : undefined,
  );
  if (!m) return undefined;
  m.raw('process');
  if (process === undefined) {
    for (const key of allowed) m.raw(key);
    m.done();
    return undefined;
  }
  let result: ArrivalProcess | undefined;
  switch (process) {
    case 'constant':
    case 'poisson': {
      const ratePerSecond = m.req('rate', rateReader());
      if (ratePerSecond !== undefined) result = { kind: process, ratePerSecond };
      break;
    }
    case 'bursty': {
      const onRatePerSecond = m.req('on_rate', rateReader());
      const offRatePerSecond = m.req('off_rate', rateReader());
      const onMs = m.req('on', durationReader({ positive: true }));
      const offMs = m.req('off', durationReader());
      if (onRatePerSecond !== undefined && offRatePerSecond !== undefined && onMs !== undefined && offMs !== undefined) result = { kind: 'bursty', onRatePerSecond, offRatePerSecond, onMs, offMs };
      break;
    }
    case 'diurnal': {
      const meanRatePerSecond = m.req('rate', rateReader());
      const amplitude = m.req('amplitude', fractionReader());
      const periodMs = m.req('period', durationReader({ positive: true }));
      const phaseRadians = m.def('phase', numberReader({ min: -100, max: 100 }, 'a phase in radians'), D.diurnal);
      if (meanRatePerSecond !== undefined && amplitude !== undefined && periodMs !== undefined && phaseRadians !== undefined) result = { kind: 'diurnal', meanRatePerSecond, amplitude, periodMs, phaseRadians };
      break;
    }
    case 'ramp': {
      const fromRatePerSecond = m.req('from', rateReader());
      const toRatePerSecond = m.req('to', rateReader());
      if (fromRatePerSecond !== undefined && toRatePerSecond !== undefined) result = { kind: 'ramp', fromRatePerSecond, toRatePerSecond };
      break;
    }
    case 'trace':
      result = readTrace(issues, m, readFile);
      break;
  }
  m.done();
  return result;
}

function formatFromExtension(file: string): TraceFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

function readTrace(issues: Issues, m: Mapping, readFile: TraceFileReader | undefined): ArrivalProcess | undefined {
  const file = m.req('file', stringReader({ nonEmpty: true, maxLength: 1_000, what: 'a trace file path, relative to the scenario file' }));
  const format = m.opt<TraceFormat | undefined>('format', choiceReader(TRACE_FORMATS), file === undefined ? undefined : formatFromExtension(file));
  if (!m.has('format') && file !== undefined && format === undefined) {
    issues.add({
      path: m.at('format'),
      message: `expected one of ${TRACE_FORMATS.join(', ')}, got nothing: the format cannot be told from the name ${JSON.stringify(file)} (use .jsonl, .ndjson or .csv, or add format)`,
      expected: `one of ${TRACE_FORMATS.join(', ')}`,
      received: 'nothing',
    });
  }
  if (file === undefined || format === undefined) return undefined;
  const filePath = m.at('file');
  if (readFile === undefined) {
    issues.add({ path: filePath, message: `cannot read the trace file ${JSON.stringify(file)}: no file reader was given (load the scenario with loadScenarioFile, or pass readFile to parseScenario)` });
    return undefined;
  }
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    issues.add({ path: filePath, message: `cannot read the trace file ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}`, received: JSON.stringify(file) });
    return undefined;
  }
  try {
    const rows = parseTrace(text, format);
    if (rows.length > SCENARIO_LIMITS.maxTraceRows) {
      issues.add({ path: filePath, message: `the trace ${JSON.stringify(file)} has ${rows.length} rows; a trace may have at most ${SCENARIO_LIMITS.maxTraceRows}`, expected: `at most ${SCENARIO_LIMITS.maxTraceRows} rows`, received: `${rows.length} rows` });
      return undefined;
    }
    return { kind: 'trace', rows };
  } catch (error) {
    if (error instanceof TraceError) {
      issues.add({
        path: filePath,
        message: `the trace ${JSON.stringify(file)} is invalid at line ${error.line}: ${error.detail}`,
        expected: `a ${format} trace with timestamp, input_tokens, output_tokens and optionally session`,
        received: `line ${error.line}: ${error.detail}`,
      });
      return undefined;
    }
    // Not a row problem: the trace reader itself failed (e.g. a trace too large for it).
    issues.add({ path: filePath, message: `the trace reader failed on ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}
