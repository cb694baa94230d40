/** The command line: `main` runs one invocation against injected I/O. */
export { processIo } from './io.js';
export type { Io, ProgressStream } from './io.js';
export { main } from './program.js';
export type { Dependencies } from './program.js';
export { prepareOutputDirectory, removePendingTemporaries, stopCleanlyOnInterrupt, TEMPORARY_PREFIX, writeFilesAtomically } from './output.js';
