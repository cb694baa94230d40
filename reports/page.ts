/**
 * The HTML page around a report: a strict Content-Security-Policy that allows exactly the inline
 * scripts and the stylesheet on the page (by sha256 hash) and nothing from anywhere else, so the
 * page works offline from file:// and injected markup could not run.
 */
import { createHash } from 'node:crypto';
import { runtimeScripts } from './assets.js';
import type { ChartPayload } from './chart-types.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { STYLESHEET } from './styles.js';

/** The CSP source for inline content: `'sha256-<base64>'` of its exact UTF-8 text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** What a page holds. */
export interface PageParts {
  title: string;
  /** Already escaped HTML of the body. */
  bodyHtml: string;
  /** Charts and their data (null: a page without charts, and then without scripts). */
  payload: ChartPayload | null;
  lbsimVersion: string;
}

/** A complete, self-contained HTML document (deterministic: same parts, same bytes). */
export function renderPage(parts: PageParts): string {
  const scripts: { attrs: string; text: string }[] = [];
  if (parts.payload) {
    const runtime = runtimeScripts();
    scripts.push({ attrs: ' type="application/json" id="lbsim-data"', text: jsonForScript(parts.payload) });
    scripts.push({ attrs: ' data-library="vega"', text: runtime.vega });
    scripts.push({ attrs: ' data-library="vega-interpreter"', text: runtime.interpreter });
    scripts.push({ attrs: ' data-library="lbsim-report"', text: CLIENT_SCRIPT });
  }
  const policy = [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.map((s) => cspHash(s.text)).join(' ') : "'none'"}`,
    `style-src ${cspHash(STYLESHEET)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="lbsim ${escapeHtml(parts.lbsimVersion)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${STYLESHEET}</style>`,
    '</head>',
    '<body>',
    parts.bodyHtml,
    ...scripts.map((s) => `<script${s.attrs}>${s.text}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
