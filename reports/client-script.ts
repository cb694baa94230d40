/**
 * The report's own page script: TypeScript in reports/client/ (checked against the DOM by its own
 * tsconfig), bundled at build time by reports/build-client.mjs into one classic script in
 * dist/reports/client/, and read from there at render time like the vega runtime. The file is found
 * from the lbsim package root, so the same code works from reports/*.ts and dist/reports/*.js.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineScriptText } from './assets.js';

/** Where `npm run build` writes the bundled page script, relative to the package root. */
export const CLIENT_BUNDLE_PATH = 'dist/reports/client/lbsim-report.js';

let cached: string | undefined;

/** The directory of the lbsim package this module belongs to. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'lbsim') return dir;
    } catch {
      // not here; keep walking up
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the lbsim package directory for the report script; reinstall lbsim');
}

/** The page script as inlined in every report (read once per process). */
export function clientScript(): string {
  if (cached === undefined) {
    const path = join(packageRoot(), CLIENT_BUNDLE_PATH);
    let code: string;
    try {
      code = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new Error(`cannot read the report's page script ${path}: run \`npm run build\` in the lbsim package`, { cause });
    }
    cached = inlineScriptText(code, 'the report page script');
  }
  return cached;
}
