import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

/** The real process's streams. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
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

/**
 * Writes several files so that none is ever half-written: each goes to a temporary file in its
 * own directory first, and only when every one is written are they renamed into place. On failure
 * the temporary files are removed and the files already there are left as they were.
 */
export function writeFilesAtomically(files: ReadonlyArray<{ path: string; content: string }>): void {
  const temporaries: Array<{ temporary: string; path: string }> = [];
  try {
    for (const { path, content } of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.lbsim-tmp-${process.pid}-${temporaries.length}`);
      temporaries.push({ temporary, path });
      writeFileSync(temporary, content);
    }
  } catch (error) {
    for (const { temporary } of temporaries) rmSync(temporary, { force: true });
    throw error;
  }
  for (const { temporary, path } of temporaries) renameSync(temporary, path);
}
