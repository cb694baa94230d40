#!/usr/bin/env node
/** The `lbsim` command: thin; the commands live in engine/cli/. */
import { main, processIo } from './cli/index.js';

process.exitCode = await main(process.argv.slice(2), processIo());
