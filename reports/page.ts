/**
 * The HTML page around a report: a strict Content-Security-Policy that allows exactly the inline
 * scripts and the stylesheet on the page (by sha256 hash) and nothing from anywhere else, so the
 * page works offline from file:// and injected markup could not run.
 */
import { createHash } from 'node:crypto';
import { runtimeScripts } from './assets.js';
import type { ChartPayload } from './chart-types.js';
import { clientScript } from './client-script.js';
import { jsonForScript } from './escape.js';
import { html, joinHtml, raw, type SafeHtml } from './html.js';
import { STYLESHEET } from './styles.js';

/** The CSP source for inline content: `'sha256-<base64>'` of its exact UTF-8 text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** What a page holds. */
export interface PageParts {
  title: string;
  body: SafeHtml;
  /** Charts and their data (null: a page without charts, and then without scripts). */
  payload: ChartPayload | null;
  lbsimVersion: string;
}

/** An inline script: its attributes and its exact text, which the CSP hashes. */
interface InlineScript {
  attributes: SafeHtml;
  code: string;
}

/** A complete, self-contained HTML document (deterministic: same parts, same bytes). */
export function renderPage(parts: PageParts): string {
  const scripts: InlineScript[] = [];
  if (parts.payload) {
    const runtime = runtimeScripts();
    scripts.push({ attributes: html` type="application/json" id="lbsim-data"`, code: jsonForScript(parts.payload) });
    scripts.push({ attributes: html` data-library="vega"`, code: runtime.vega });
    scripts.push({ attributes: html` data-library="vega-interpreter"`, code: runtime.interpreter });
    scripts.push({ attributes: html` data-library="lbsim-report"`, code: clientScript() });
  }
  const policy = [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.map((s) => cspHash(s.code)).join(' ') : "'none'"}`,
    `style-src ${cspHash(STYLESHEET)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  // The scripts' texts are the page's own code and JSON made safe for <script>: raw, and hashed as they are.
  const elements = scripts.map((s) => html`<script${s.attributes}>${raw(s.code)}</script>`);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lbsim ${parts.lbsimVersion}">
<meta name="referrer" content="no-referrer">
<title>${parts.title}</title>
<style>${raw(STYLESHEET)}</style>
</head>
<body>
${joinHtml([parts.body, ...elements], '\n')}
</body>
</html>
`.toString();
}
