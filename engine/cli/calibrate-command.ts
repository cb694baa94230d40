/** The commands that bring an operator's data in: `calibrate`, `run --request-log` and `import`. */
import { extname, relative, resolve } from 'node:path';
import { calibrate, formatRequestLog, parseRequestLog, requestLog, type RequestLogFormat, servicesYaml } from '../calibrate/index.js';
import type { Scenario } from '../scenario/index.js';
import { ExitCode, UsageError } from './errors.js';
import { importScenario } from './import-config.js';
import { type Io, readText } from './io.js';
import { writeFilesAtomically } from './output.js';

/** A log's format from `--format` or its extension (.jsonl, .ndjson, .csv). */
export function requestLogFormat(file: string, format: string | undefined, option: string): RequestLogFormat {
  const chosen = format ?? { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv' }[extname(file).toLowerCase()];
  if (chosen === 'jsonl' || chosen === 'csv') return chosen;
  throw new UsageError(
    format === undefined ? `${option}: cannot tell the format of ${JSON.stringify(file)} from its name: use .jsonl, .ndjson or .csv, or --log-format jsonl|csv` : `--log-format takes jsonl or csv, got ${JSON.stringify(format)}`,
  );
}

/** Writes the request log of `scenario`'s baseline cell, first replication (the run's own, simulated again with an observer). */
export function writeRequestLog(scenario: Scenario, file: string, format: RequestLogFormat, io: Io): string {
  const path = resolve(io.cwd, file);
  writeFilesAtomically([{ path, content: formatRequestLog(requestLog(scenario), format) }]);
  return path;
}

export interface CalibrateOptions {
  out?: string;
  logFormat?: string;
  quiet?: boolean;
}

/** Fits providers to a request log; writes the services block to --out (or prints it) and the fit quality. */
export function calibrateCommand(file: string, options: CalibrateOptions, io: Io): number {
  const format = requestLogFormat(file, options.logFormat, 'calibrate');
  const fits = calibrate(parseRequestLog(readInput(file, 'request log', io), format));
  const lines = fits.flatMap((f) => [
    `${f.provider}:${f.model}: ${f.rows} rows`,
    ...f.quality.map((q) => `  ${q.quantity.padEnd(18)} worst gap between fitted and observed p50/p90/p99: ${(q.worstRelativeGap * 100).toFixed(1)}%`),
    ...f.warnings.map((w) => `  note: ${w}`),
  ]);
  return printOrWrite(servicesYaml(fits), options, lines, '', io);
}

/** Prints `text` without --out; else writes it there atomically and prints `lines` and where it went (unless --quiet). */
function printOrWrite(text: string, options: { out?: string; quiet?: boolean }, lines: readonly string[], after: string, io: Io): number {
  if (options.out === undefined) {
    io.out(text.trimEnd());
    return ExitCode.Ok;
  }
  const path = resolve(io.cwd, options.out);
  writeFilesAtomically([{ path, content: text }]);
  if (!options.quiet) {
    for (const line of lines) io.out(line);
    io.out(`wrote ${relative(io.cwd, path)}${after}`);
  }
  return ExitCode.Ok;
}

/** Reads an input file the user named, or says why it cannot be read. */
function readInput(file: string, what: string, io: Io): string {
  try {
    return readText(resolve(io.cwd, file));
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${JSON.stringify(file)}: ${(error as Error).message}`);
  }
}

export interface ImportOptions {
  out?: string;
  rule?: string;
  services?: string;
  quiet?: boolean;
}

/** Writes a scenario for a rule of the gateway's config.json or JSONL export (or prints it without --out). */
export function importCommand(file: string, options: ImportOptions, io: Io): number {
  const services = options.services === undefined ? undefined : readInput(options.services, 'services file', io);
  const { yaml, warnings } = importScenario(readInput(file, 'gateway configuration', io), file, { rule: options.rule, servicesYaml: services });
  return printOrWrite(yaml, options, warnings.map((w) => `  note: ${w}`), ' (set its workload: the traffic in it is a placeholder)', io);
}

