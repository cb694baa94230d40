/**
 * The browser runtimes embedded in every report, read from node_modules at render time (resolved by
 * package name, so the same code works from reports/*.ts and dist/reports/*.js): vega's UMD build
 * and vega-interpreter, which evaluates vega expressions without eval so the report's CSP can
 * forbid 'unsafe-eval'. Cached per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Code embedded as inline scripts, in load order. */
export interface RuntimeScripts {
  /** vega's UMD build: defines the global `vega`. */
  vega: string;
  /** vega-interpreter rewritten as a classic script: defines the global `vegaInterpreter`. */
  interpreter: string;
  vegaVersion: string;
}

let cached: RuntimeScripts | undefined;

function packageDir(name: string): string {
  // The package.json of vega packages is not exported, so resolve the main entry and walk up.
  let dir = dirname(require.resolve(name));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === name) return dir;
    } catch {
      // not here; keep walking up
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the package directory of "${name}"; run \`npm install\` in the lbsim package`);
}

function readPackageFile(name: string, file: string): string {
  const path = join(packageDir(name), file);
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`cannot read ${path} for the HTML report; reinstall with \`npm install ${name}\``, { cause });
  }
}

/** Makes library code safe as the raw text of an inline <script> and stable to hash. */
export function inlineScriptText(code: string, source: string): string {
  // The HTML parser turns CR and CRLF into LF before hashing: do it first so the hash matches.
  // Source-map comments would point at files that are not shipped with the report.
  const text = code
    .replace(/\r\n?/g, '\n')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')
    .replace(/<\/(script)/gi, '<\\/$1');
  if (/<!--/.test(text)) throw new Error(`${source} contains "<!--", which would change how an inline script is parsed; report this to lbsim`);
  return text;
}

/**
 * Turns vega-interpreter's ES module (one import from vega-util, one export) into a classic script
 * over the `vega` global, which re-exports vega-util.
 */
export function interpreterAsClassicScript(moduleCode: string): string {
  const importMatch = /^import\s*\{([^}]*)\}\s*from\s*'vega-util';\s*$/m.exec(moduleCode);
  const exportMatch = /^export\s*\{\s*(\w+)\s+as\s+expressionInterpreter\s*\};\s*$/m.exec(moduleCode);
  if (!importMatch || !exportMatch || /^\s*(import|export)\b/m.test(moduleCode.replace(importMatch[0], '').replace(exportMatch[0], ''))) {
    throw new Error('vega-interpreter changed shape (expected one import from vega-util and one export); pin vega-interpreter to ^2.3 in package.json');
  }
  const names = importMatch[1]!.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const body = moduleCode.replace(importMatch[0], '').replace(exportMatch[0], '');
  return `(function () {\n'use strict';\nconst { ${names.join(', ')} } = vega;\n${body}\nwindow.vegaInterpreter = { expressionInterpreter: ${exportMatch[1]} };\n})();\n`;
}

/** The embedded runtimes (read once per process). */
export function runtimeScripts(): RuntimeScripts {
  if (!cached) {
    const vegaVersion = (JSON.parse(readPackageFile('vega', 'package.json')) as { version: string }).version;
    cached = {
      vega: inlineScriptText(readPackageFile('vega', 'build/vega.min.js'), 'vega.min.js'),
      interpreter: inlineScriptText(interpreterAsClassicScript(readPackageFile('vega-interpreter', 'build/vega-interpreter.js')), 'vega-interpreter'),
      vegaVersion,
    };
  }
  return cached;
}
