import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { html, joinHtml, raw, SafeHtml, type HtmlValue } from '../../reports/html.js';

const HOSTILE = `<script>alert(1)</script> "double" 'single' & done`;
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &#39;single&#39; &amp; done';

describe('the html tag', () => {
  it('escapes interpolated text: & < > " and \'', () => {
    expect(html`<p>${HOSTILE}</p>`.toString()).toBe(`<p>${ESCAPED}</p>`);
    expect(html`${'&amp;'}`.toString()).toBe('&amp;amp;');
  });

  it('escapes text in double- and single-quoted attribute values, so no value can end its quotes', () => {
    expect(html`<a title="${HOSTILE}">x</a>`.toString()).toBe(`<a title="${ESCAPED}">x</a>`);
    expect(html`<a title='${HOSTILE}'>x</a>`.toString()).toBe(`<a title='${ESCAPED}'>x</a>`);
    expect(html`<a title="a>b" href="${'"><b>'}">x</a>`.toString()).toBe('<a title="a>b" href="&quot;&gt;&lt;b&gt;">x</a>');
  });

  it('writes numbers as String() does, and inserts nothing for null, undefined and false', () => {
    expect(html`<td data-v="${0.1 + 0.2}">${-0}${1e21}${Number.NaN}</td>`.toString()).toBe('<td data-v="0.30000000000000004">01e+21NaN</td>');
    expect(html`<p>${null}${undefined}${false}</p>`.toString()).toBe('<p></p>');
  });

  it('inserts markup it made as it is, nested and in lists, without escaping it twice', () => {
    const item = (text: string) => html`<li>${text}</li>`;
    const list = html`<ul>${['a&b', '<c>'].map(item)}</ul>`;
    expect(list.toString()).toBe('<ul><li>a&amp;b</li><li>&lt;c&gt;</li></ul>');
    expect(html`<div>${list}</div>`.toString()).toBe('<div><ul><li>a&amp;b</li><li>&lt;c&gt;</li></ul></div>');
    const mixed: HtmlValue[] = ['<', html`<br>`, 2, null, [html`<hr>`, '&']];
    expect(html`${mixed}`.toString()).toBe('&lt;<br>2<hr>&amp;');
  });

  it('gives the same result every time a template runs, whatever ran before', () => {
    const cell = (v: string) => html`<td>${v}</td>`;
    expect([cell('<'), cell('>'), cell('<')].map(String)).toEqual(['<td>&lt;</td>', '<td>&gt;</td>', '<td>&lt;</td>']);
  });

  it('takes markup, not text, where escaping cannot help: attribute names and unquoted values', () => {
    expect(() => html`<td${' onclick=alert(1)'}>`).toThrow(/cannot stand for an element or attribute name/);
    expect(() => html`<td class=${'x onmouseover=alert(1)'}>`).toThrow(/quote the value/);
    expect(() => html`<td data-v=${1}>`).toThrow(/quote the value/);
    expect(() => html`<${'script'}>alert(1)</script>`).toThrow(/cannot stand for an element or attribute name/);
    expect(() => html`</${'p'}>`).toThrow(/cannot stand for an element or attribute name/);
    expect(html`<td${html` class="num"`}${null}>`.toString()).toBe('<td class="num">');
  });

  it('refuses markup and lists inside attribute values', () => {
    expect(() => html`<a title="${html`<b>`}">`).toThrow(/attribute value takes text/);
    expect(() => html`<a title="${['a', 'b']}">`).toThrow(/attribute value takes text/);
  });

  it('refuses text inside <script> and <style>, where entities are not decoded, and takes raw() there', () => {
    expect(() => html`<script>${'alert(1)'}</script>`).toThrow(/inside <script> or <style>/);
    expect(() => html`<style>${'p{}'}</style>`).toThrow(/inside <script> or <style>/);
    expect(() => html`<SCRIPT type="module">${1}</SCRIPT>`).toThrow(/inside <script> or <style>/);
    expect(html`<script data-x="1">${raw('a < b && c')}</script><p>${'<i>'}</p>`.toString()).toBe('<script data-x="1">a < b && c</script><p>&lt;i&gt;</p>');
  });

  it('reads a < that opens no tag as text', () => {
    expect(html`<p>1 < 2 ${'<'}</p>`.toString()).toBe('<p>1 < 2 &lt;</p>');
    expect(html`<!DOCTYPE html>\n<title>${'<t>'}</title>`.toString()).toBe('<!DOCTYPE html>\n<title>&lt;t&gt;</title>');
  });

  it('accepts only its own markup: a look-alike object is refused, not inserted', () => {
    const fake = { toString: () => '<img src=x onerror=alert(1)>' } as unknown as SafeHtml;
    expect(() => html`<p>${fake}</p>`).toThrow(/cannot insert/);
    expect(html`x` instanceof SafeHtml).toBe(true);
  });
});

describe('joinHtml and raw', () => {
  it('joins text (escaped) and markup with an escaped separator', () => {
    expect(joinHtml(['<a>', html`<b>`, null, 3], '\n').toString()).toBe('&lt;a&gt;\n<b>\n\n3');
    expect(joinHtml([html`<i>`, html`<i>`], ' & ').toString()).toBe('<i> &amp; <i>');
    expect(joinHtml([]).toString()).toBe('');
  });

  it('raw() passes trusted text through untouched', () => {
    expect(raw('<b>&</b>').toString()).toBe('<b>&</b>');
    expect(html`<div>${raw('<b>')}</div>`.toString()).toBe('<div><b></div>');
  });
});

describe('markup in reports/', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'reports');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('out'));

  it('is escaped in one place: only the html tag calls escapeHtml, only the page uses raw()', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      if (!['html.ts', 'escape.ts'].includes(file)) expect(source, file).not.toMatch(/\bescapeHtml\b/);
      if (!['html.ts', 'page.ts'].includes(file)) expect(source, file).not.toMatch(/\braw\(/);
    }
  });
});
