import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Everything the command line touches outside itself, so tests can run it in-process. */
export interface Io {
  /** Writes a line (or more) to standard output. */
  out(text: string): void;
  /** Writes a line (or more) to standard error. */
  err(text: string): void;
  /** Where the progress bar is drawn (standard error in a real run); it is drawn only when this is a terminal. */
  progress: ProgressStream;
  /** Directory relative paths start from. */
  cwd: string;
}

/** A stream the progress bar can draw on: it moves the cursor only when `isTTY` is true. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

// Control characters other than newline and tab: a scenario name or provider id holding an escape
// sequence must not move the cursor, clear the screen or retitle the terminal.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` safe for a terminal: control characters shown as \xNN, a line ending added. */
export function terminalLine(text: string): string {
  const safe = text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return safe.endsWith('\n') ? safe : `${safe}\n`;
}

/** The real process's streams. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(terminalLine(text)),
    err: (text) => process.stderr.write(terminalLine(text)),
    progress: process.stderr,
    cwd: process.cwd(),
  };
}

/** Reads a UTF-8 text file. */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Whether a path exists. */
export function exists(path: string): boolean {
  return existsSync(path);
}

/** Entries of a directory (names only), sorted. */
export function listDirectory(path: string): string[] {
  return readdirSync(path).sort();
}
