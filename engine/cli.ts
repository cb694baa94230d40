#!/usr/bin/env node
/** The `lbsim` command: thin; the commands live in engine/cli/. */
import { main, processIo, stopCleanlyOnInterrupt } from './cli/index.js';

stopCleanlyOnInterrupt();
process.exitCode = await main(process.argv.slice(2), processIo());
