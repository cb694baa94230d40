// @ts-check
/* global process, console */
/**
 * Bundles the report's page script (reports/client/main.ts and its imports) into one classic
 * script, dist/reports/client/lbsim-report.js, which reports/client-script.ts inlines into every
 * report (its CSP hash is computed over the inlined text). Run by `npm run build` after
 * `tsc -p reports/client/tsconfig.json` has type-checked it; esbuild only strips the types.
 *
 *   node reports/build-client.mjs            writes the bundle
 *   node reports/build-client.mjs --stdout   prints it instead (tests compare it with the file)
 *
 * The output depends only on the sources and the esbuild version: no absolute paths, no dates.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Relative to the package root; reports/client-script.ts reads the same path. */
const OUTPUT = 'dist/reports/client/lbsim-report.js';

/** The bundled page script. */
async function bundle() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['reports/client/main.ts'],
    tsconfig: 'reports/client/tsconfig.json',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    sourcemap: false,
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file || result.outputFiles.length !== 1) throw new Error(`esbuild wrote ${result.outputFiles.length} files for the page script; expected one`);
  return file.text;
}

try {
  const code = await bundle();
  if (process.argv.includes('--stdout')) process.stdout.write(code);
  else {
    const path = join(ROOT, OUTPUT);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, code);
  }
} catch (error) {
  console.error(`lbsim: cannot bundle the report's page script: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
