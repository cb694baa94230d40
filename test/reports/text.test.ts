import { describe, expect, it } from 'vitest';
import { scenarioSlug } from '../../reports/index.js';
import { csvField, escapeHtml, escapeMarkdown, jsonForScript } from '../../reports/escape.js';
import { fixed, formatDifference, formatDuration, formatEstimate, formatValue, formatWindow } from '../../reports/format.js';

describe('scenarioSlug', () => {
  it('lowercases, keeps [a-z0-9-], collapses the rest and trims', () => {
    expect(scenarioSlug('Primary Outage')).toBe('primary-outage');
    expect(scenarioSlug('sample <b>outage</b> & "quotes"')).toBe('sample-b-outage-b-quotes');
    expect(scenarioSlug('  --429 storm!!  ')).toBe('429-storm');
    expect(scenarioSlug('Café déjà vu')).toBe('cafe-deja-vu');
    expect(scenarioSlug('../../etc/passwd')).toBe('etc-passwd');
  });

  it('falls back to "scenario" and stays short', () => {
    expect(scenarioSlug('')).toBe('scenario');
    expect(scenarioSlug('<>&"')).toBe('scenario');
    expect(scenarioSlug('日本語')).toBe('scenario');
    const long = scenarioSlug('x'.repeat(50) + ' ' + 'y'.repeat(50));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('escaping', () => {
  it('HTML: every markup character, in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('JSON in <script>: no <, >, & or line separators survive, and it parses back', () => {
    const value = { s: '</script><!-- & \u2028\u2029' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('Markdown: literal text, no HTML, no tables broken', () => {
    expect(escapeMarkdown('a|b *c* _d_ [e](f) <g> &\nh')).toBe('a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; &amp; h');
  });

  it('CSV: RFC 4180 quoting, formulas neutralised, numbers untouched', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});

describe('number formatting', () => {
  it('groups thousands and rounds without locale', () => {
    expect(fixed(1234567.891, 2)).toBe('1,234,567.89');
    expect(fixed(-0.0001, 2)).toBe('0.00');
    expect(fixed(-1234, 0)).toBe('-1,234');
  });

  it('shows values in their unit', () => {
    expect(formatValue(0.98824, 'fraction')).toBe('98.82%');
    expect(formatValue(5874.4, 'ms')).toBe('5,874 ms');
    expect(formatValue(2.5876, 'dollars')).toBe('$2.588');
    expect(formatValue(0.00123, 'dollars')).toBe('$0.001230');
    expect(formatValue(Number.NaN, 'ms')).toBe('–');
    expect(formatEstimate(0.98824, 0.0041, 5, 'fraction')).toBe('98.82% ± 0.41');
    expect(formatEstimate(0.98824, 0, 1, 'fraction')).toBe('98.82%');
    expect(formatDifference(-350.2, 'ms')).toBe('-350 ms');
    expect(formatDifference(0.012, 'fraction')).toBe('+1.20 pp');
  });

  it('shows durations and windows', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(60_000)).toBe('60 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(5_400_000)).toBe('90 min');
    expect(formatDuration(7_200_000)).toBe('2 h');
    expect(formatWindow(60_000, 120_000)).toBe('60–120 s');
    expect(formatWindow(1_500, 2_000)).toBe('1.5–2 s');
  });
});
