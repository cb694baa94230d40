#!/usr/bin/env node
/** The `lbsim` command: thin; the commands live in engine/cli/. */
import { main, processIo, stopCleanlyOnInterrupt } from './cli/index.js';

stopCleanlyOnInterrupt();
// A reader that stops early (`lbsim list | head`) closes the pipe: stop quietly, as other tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2), processIo());
