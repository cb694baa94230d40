/**
 * Every string a scenario author controls (name, description, question, tactic, health setting,
 * gateway variant and provider names) reaches the page only as escaped text or as JSON data: the
 * markup holds only the report's own elements and attributes.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../reports/escape.js';
import { renderHtmlReport, renderOverviewHtml } from '../../reports/index.js';
import { HOSTILE, HOSTILE_SERVICE, hostileResults, smallResults } from './fixtures.js';
import { expressionStrings, inlineScripts, payloadOf } from './html-inspect.js';

/** The elements and attributes the report writes itself. */
const ELEMENTS = new Set(
  'html head meta title style body main header footer section figure figcaption noscript div span p h1 h2 h3 strong em code a br ul li dl dt dd details summary table caption thead tbody tr th td button script'.split(' '),
);
const ATTRIBUTES = new Set('lang charset http-equiv content name class id role aria-label scope type data-v data-library href'.split(' '));

/** The page without the text of its <script> and <style> elements. */
function markupOf(page: string): string {
  return page.replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2').replace(/(<style>)[\s\S]*?(<\/style>)/g, '$1$2');
}

/** Every tag of the markup: its name and its attributes (throws on anything that does not parse as one). */
function tags(markup: string): { name: string; attributes: string[] }[] {
  const out: { name: string; attributes: string[] }[] = [];
  for (const m of markup.matchAll(/<(\/?)([^\s>/]*)([^>]*)>/g)) {
    if (m[2] === '!DOCTYPE') continue;
    const rest = m[3]!;
    expect(rest, `attributes of <${m[2]}>`).toMatch(/^(\s[a-z-]+(="[^"<>]*")?)*$/);
    out.push({ name: m[2]!, attributes: [...rest.matchAll(/\s([a-z-]+)(?:="[^"]*")?/g)].map((a) => a[1]!) });
  }
  return out;
}

function expectOnlyOwnMarkup(page: string): void {
  const markup = markupOf(page);
  for (const tag of tags(markup)) {
    expect(ELEMENTS.has(tag.name), `element <${tag.name}>`).toBe(true);
    for (const a of tag.attributes) expect(ATTRIBUTES.has(a), `attribute ${a} of <${tag.name}>`).toBe(true);
  }
  // A < that is not a tag, or an ampersand that is not an entity, would be unescaped text.
  expect(markup.replace(/<(\/?)[a-zA-Z!][^>]*>/g, '')).not.toMatch(/[<>]/);
  expect(markup).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
  expect(markup).not.toContain('<!--');
}

describe('hostile scenario strings', () => {
  it('appear in the scenario report only escaped, wherever they are shown', async () => {
    const page = renderHtmlReport(await hostileResults());
    expectOnlyOwnMarkup(page);
    const markup = markupOf(page);
    for (const [what, text] of Object.entries({ ...HOSTILE, service: HOSTILE_SERVICE })) {
      expect(markup, what).not.toContain(text);
      expect(markup, what).toContain(escapeHtml(text));
    }
    // Where each lands: title, heading, question, header facts, scoreboard cells, incident headings.
    expect(markup).toContain(`<title>${escapeHtml(HOSTILE.name)} · lbsim report</title>`);
    expect(markup).toContain(`<h1>${escapeHtml(HOSTILE.name)}</h1>`);
    expect(markup).toContain(`<strong>${escapeHtml(HOSTILE_SERVICE)}</strong>`);
    expect(markup).toContain(`<h3>${escapeHtml(HOSTILE_SERVICE)}: rate limited, 40–50 s</h3>`);
    expect(markup).toContain(`<td>${escapeHtml(HOSTILE.tactic)}</td>`);
    expect(markup).toContain(`<li><strong>${escapeHtml(HOSTILE.health)}</strong>: `);
  });

  it('travel to the charts as JSON data, never as markup or expressions', async () => {
    const page = renderHtmlReport(await hostileResults());
    const data = inlineScripts(page).find((s) => s.attrs.includes('lbsim-data'))!.text;
    expect(data).not.toMatch(/[<>&\u2028\u2029]/);
    const payload = payloadOf(page);
    expect(payload.lookups['services']).toContain(HOSTILE_SERVICE);
    expect(payload.lookups['cells']!.some((l) => l.includes(HOSTILE.tactic) && l.includes(HOSTILE.health))).toBe(true);
    for (const e of expressionStrings(payload.charts.map((c) => c.spec))) {
      for (const s of [HOSTILE.tactic, HOSTILE.health, HOSTILE.gateway, HOSTILE.provider, 'pwned']) expect(e).not.toContain(s);
    }
  });

  it('appear in the overview only escaped, links included', async () => {
    const page = renderOverviewHtml([await smallResults(), await hostileResults()]);
    expectOnlyOwnMarkup(page);
    const markup = markupOf(page);
    for (const text of [HOSTILE.name, HOSTILE.question, HOSTILE.tactic, HOSTILE.health, HOSTILE.gateway]) expect(markup).not.toContain(text);
    expect(markup).toContain(`>${escapeHtml(HOSTILE.name)}</a>`);
    expect(markup).toMatch(/<a href="script-alert-1-script\/report\.html">/);
    expect(payloadOf(page).lookups['scenarios']).toContain(HOSTILE.name);
  });
});
