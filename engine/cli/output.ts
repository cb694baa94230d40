/**
 * Where the command line writes its outputs, and how: directories are checked before a run starts,
 * files are written to exclusively created temporary files with unpredictable names and renamed
 * into place, and an interrupted run leaves neither a temporary file nor a half-written output.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statfsSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

/** File systems that cannot hold files (their magic numbers, from statfs). */
const VIRTUAL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
]);

/** Prefix of temporary output files. */
export const TEMPORARY_PREFIX = '.lbsim-tmp-';

/** Temporary files being written now: removed if the process is interrupted. */
const pending = new Set<string>();

/** Removes every temporary file still being written (on an interruption). */
export function removePendingTemporaries(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

/**
 * Makes SIGINT and SIGTERM stop the process between writes, never in the middle of one: with a
 * handler, Node delivers the signal once the synchronous write in progress is done; the handler
 * removes any temporary file and exits with 130 or 143. (Without one, the signal kills the
 * process wherever it is, leaving a temporary file behind.)
 */
export function stopCleanlyOnInterrupt(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      removePendingTemporaries();
      process.exit(code);
    });
  }
}

/** The nearest ancestor of `path` (itself included) that exists. */
function nearestExisting(path: string): string {
  let dir = path;
  for (;;) {
    try {
      lstatSync(dir);
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return dir;
      dir = parent;
    }
  }
}

/**
 * Makes sure `dir` can hold the outputs: creates it (one level at a time: Node's recursive mkdir
 * never returns under /proc), refusing a file where a directory should be, a dangling symbolic
 * link, and virtual file systems. Throws a UsageError naming the path and what is wrong.
 */
export function prepareOutputDirectory(dir: string, option = '--out'): void {
  const absolute = resolve(dir);
  const existing = nearestExisting(absolute);
  const link = lstatSync(existing, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) {
    let target = '';
    try {
      target = readlinkSync(existing);
      statSync(existing);
    } catch {
      throw new UsageError(`${option} ${dir}: ${existing} is a symbolic link to ${target || 'nothing'}, which does not exist; remove the link or choose another directory`);
    }
  }
  const real = realpathSync(existing);
  const fsType = VIRTUAL_FILE_SYSTEMS.get(statfsSync(real).type);
  if (fsType !== undefined) throw new UsageError(`${option} ${dir}: ${real} is on ${fsType}, a virtual file system that cannot hold files; choose a directory on disk`);
  if (existing === absolute && !statSync(absolute).isDirectory()) throw new UsageError(`${option} ${dir}: it is a file, not a directory; choose a directory`);
  if (!statSync(real).isDirectory() && existing !== absolute) throw new UsageError(`${option} ${dir}: ${existing} is a file, so no directory can be made under it`);
  // Create the missing levels below the nearest existing one, each on its own.
  const missing: string[] = [];
  for (let d = absolute; d !== existing; d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Writes `content` to a new temporary file beside `path`: created exclusively (never through an existing file or link), with a random name. */
function writeTemporary(path: string, content: string): string {
  for (;;) {
    const temporary = join(dirname(path), `${TEMPORARY_PREFIX}${randomBytes(8).toString('hex')}`);
    let fd: number;
    try {
      fd = openSync(temporary, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    pending.add(temporary);
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return temporary;
  }
}

/**
 * Writes several files so that none is ever half-written: each goes to a temporary file in its
 * own directory first, and only when every one is written are they renamed into place (a rename
 * replaces a link in the way, never what it points to). On failure the temporary files are removed
 * and the files already there are left as they were.
 */
export function writeFilesAtomically(files: ReadonlyArray<{ path: string; content: string }>): void {
  const temporaries: Array<{ temporary: string; path: string }> = [];
  try {
    for (const { path, content } of files) {
      prepareOutputDirectory(dirname(path));
      temporaries.push({ temporary: writeTemporary(path, content), path });
    }
    for (const { temporary, path } of temporaries) {
      renameSync(temporary, path);
      pending.delete(temporary);
    }
  } catch (error) {
    for (const { temporary } of temporaries) {
      if (pending.delete(temporary)) rmSync(temporary, { force: true });
    }
    throw error;
  }
}
