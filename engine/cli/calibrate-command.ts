/** `lbsim calibrate` and `run --request-log`: request logs out of a run, and providers fitted to one. */
import { extname, relative, resolve } from 'node:path';
import { calibrate, formatRequestLog, parseRequestLog, requestLog, type RequestLogFormat, servicesYaml } from '../calibrate/index.js';
import type { Scenario } from '../scenario/index.js';
import { ExitCode, UsageError } from './errors.js';
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
  let text: string;
  try {
    text = readText(resolve(io.cwd, file));
  } catch (error) {
    throw new UsageError(`cannot read the request log ${JSON.stringify(file)}: ${(error as Error).message}`);
  }
  const fits = calibrate(parseRequestLog(text, format));
  const yaml = servicesYaml(fits);
  if (options.out === undefined) {
    io.out(yaml.trimEnd());
    return ExitCode.Ok;
  }
  const path = resolve(io.cwd, options.out);
  writeFilesAtomically([{ path, content: yaml }]);
  if (!options.quiet) {
    for (const f of fits) {
      io.out(`${f.provider}:${f.model}: ${f.rows} rows`);
      for (const q of f.quality) io.out(`  ${q.quantity.padEnd(18)} worst gap between fitted and observed p50/p90/p99: ${(q.worstRelativeGap * 100).toFixed(1)}%`);
      for (const w of f.warnings) io.out(`  note: ${w}`);
    }
    io.out(`wrote ${relative(io.cwd, path)}`);
  }
  return ExitCode.Ok;
}
