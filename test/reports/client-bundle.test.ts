/**
 * The report's page script: TypeScript in reports/client/, type-checked against the DOM and bundled
 * by `npm run build` into dist/reports/client/, which the renderer inlines under the page's CSP.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inlineScriptText } from '../../reports/assets.js';
import { CLIENT_BUNDLE_PATH, clientScript } from '../../reports/client-script.js';
import { renderHtmlReport } from '../../reports/index.js';
import { smallResults } from './fixtures.js';
import { contentSecurityPolicy, inlineScripts, sha256Source } from './html-inspect.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const node = (args: string[]): string => execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the page script', () => {
  it('in dist is what the sources bundle to (run `npm run build` after changing reports/client/)', () => {
    const fresh = node([join(ROOT, 'reports', 'build-client.mjs'), '--stdout']);
    expect(fresh.length).toBeGreaterThan(1_000);
    expect(readFileSync(join(ROOT, CLIENT_BUNDLE_PATH), 'utf8')).toBe(fresh);
    expect(clientScript()).toBe(inlineScriptText(fresh, 'bundle'));
  });

  it('is inlined exactly as bundled, and the CSP lists the hash of that text', async () => {
    const page = renderHtmlReport(await smallResults());
    const script = inlineScripts(page).find((s) => s.attrs.includes('data-library="lbsim-report"'));
    expect(script?.text).toBe(clientScript());
    expect(contentSecurityPolicy(page)!.get('script-src')).toContain(sha256Source(script!.text));
  });

  it('is one classic script that evaluates no code and writes no markup', () => {
    const code = clientScript();
    expect(code).toMatch(/^"use strict";\n\(\(\) => \{/);
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    for (const banned of [/\beval\s*\(/, /new Function\b/, /\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /<\/script/i, /<!--/, /sourceMappingURL/]) {
      expect(code).not.toMatch(banned);
    }
  });

  it('type-checks against the DOM with its own tsconfig', () => {
    expect(() => node([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'reports', 'client', 'tsconfig.json')])).not.toThrow();
  });

  it('ships in the npm package with everything rendering reads', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [{ files: { path: string }[] }];
    const files = new Set(pack.files.map((f) => f.path));
    for (const path of [CLIENT_BUNDLE_PATH, 'dist/reports/index.js', 'dist/reports/client-script.js', 'dist/reports/assets.js', 'dist/reports/charts/index.js', 'dist/reports/html.js']) expect(files, path).toContain(path);
    expect([...files].filter((f) => f.startsWith('reports/'))).toEqual([]);
  });
});
