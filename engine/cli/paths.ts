import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The lbsim installation's root: the nearest folder up from this file holding lbsim's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'lbsim') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find lbsim package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** lbsim's version from its package.json. */
export function lbsimVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The built-in scenario library. */
export function scenariosDirectory(): string {
  return join(packageRoot(), 'scenarios');
}

/** The scenario `lbsim run` runs with no file. */
export function defaultScenarioPath(): string {
  return join(scenariosDirectory(), 'default.yaml');
}
