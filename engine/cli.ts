#!/usr/bin/env node
/** The `lbsim` command: thin; the commands live in engine/cli/. */
import { main } from './cli/program.js';
import { processIo } from './cli/io.js';

process.exitCode = await main(process.argv.slice(2), processIo());
