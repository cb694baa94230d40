import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../engine/run/results.js';
import { renderHtmlReport, renderOverviewHtml, renderSummaryCsv, renderSummaryMarkdown, scenarioSlug, scenarioSlugs } from '../../reports/index.js';
import { buildReportModel, recommendationOf } from '../../reports/index.js';
import { MAX_SERIES_ROWS, reportCharts, reportData } from '../../reports/charts/index.js';
import { compileVegaLite } from '../../reports/vega-compile.js';
import { handCell, handResults, HOSTILE, hostileResults, run, smallResults, smallScenario } from './fixtures.js';
import { contentSecurityPolicy, expressionStrings, inlineScripts, inlineStyles, payloadOf, sha256Source } from './html-inspect.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLE = '/tmp/lbsim-sample/results.json';
const MAX_REPORT_BYTES = 5 * 1024 * 1024;

describe('the HTML report', () => {
  it('is deterministic: same results, same bytes (also after a JSON round trip)', async () => {
    const results = await smallResults();
    const first = renderHtmlReport(results);
    expect(renderHtmlReport(results)).toBe(first);
    expect(renderHtmlReport(JSON.parse(JSON.stringify(results)) as Results)).toBe(first);
    expect(renderSummaryMarkdown(results)).toBe(renderSummaryMarkdown(results));
    expect(renderSummaryCsv(results)).toBe(renderSummaryCsv(results));
  });

  it('has a strict CSP that lists the hash of every inline script and style, and nothing else', async () => {
    const html = renderHtmlReport(await smallResults());
    const csp = contentSecurityPolicy(html);
    expect(csp).not.toBeNull();
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(csp!.get('default-src')).toEqual(["'none'"]);
    const scripts = inlineScripts(html);
    expect(scripts.length).toBe(4);
    expect(csp!.get('script-src')!.sort()).toEqual(scripts.map((s) => sha256Source(s.text)).sort());
    const styles = inlineStyles(html);
    expect(styles).toHaveLength(1);
    expect(csp!.get('style-src')).toEqual([sha256Source(styles[0]!)]);
    const all = [...csp!.values()].flat().join(' ');
    expect(all).not.toMatch(/unsafe|https?:|\*|data:|blob:/);
    // Nothing that CSP hashes do not cover: no style attributes, no event handlers, no external sources.
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/, '');
    expect(markup).not.toMatch(/\sstyle=/i);
    expect(markup).not.toMatch(/\son[a-z]+=/i);
    expect(markup).not.toMatch(/\s(src|href)="(?!#|[a-z0-9-]+\/report\.html)/i);
    expect(html).not.toMatch(/sourceMappingURL/);
  });

  it('embeds the vega runtime and the expression interpreter, and compiles every chart without warnings', async () => {
    const results = await smallResults();
    const html = renderHtmlReport(results);
    const libraries = inlineScripts(html).map((s) => /data-library="([^"]+)"/.exec(s.attrs)?.[1]);
    expect(libraries).toEqual([undefined, 'vega', 'vega-interpreter', 'lbsim-report']);
    const model = buildReportModel(results);
    const charts = reportCharts(model, reportData(model), recommendationOf(model)?.cell ?? null);
    expect(charts.map((c) => c.id)).toEqual(['chart-ci', 'chart-share', 'chart-errors', 'chart-health', 'chart-latency', 'chart-pareto']);
    for (const chart of charts) expect(compileVegaLite(chart.spec).warnings, chart.id).toEqual([]);
    for (const chart of charts) expect(html).toContain(`<figure class="chart" id="${chart.id}">`);
  });

  it('contains the sections in order: header, the recommendation, the scenario, verdict, scoreboard, charts, incidents', async () => {
    const html = renderHtmlReport(await smallResults());
    const at = (s: string) => html.indexOf(s);
    const order = ['<h1>small outage</h1>', 'Which tactic and health setting should I use?', '<section id="recommendation">', '<p class="headline">', 'The change to make', 'Trade-offs', '<section id="scenario">', '<section id="verdict">', '<section id="scoreboard">', 'id="chart-ci"', 'id="chart-share"', 'id="chart-errors"', 'id="chart-health"', 'id="chart-latency"', 'id="chart-pareto"', 'id="incidents"'];
    for (const s of order) expect(at(s), s).toBeGreaterThan(0);
    expect(order.map(at)).toEqual([...order.map(at)].sort((a, b) => a - b));
    expect(html).toContain('primary:m: down, 20–35 s');
    expect(html).toContain('fast:m: rate limited, 40–50 s');
    expect(html).toContain('lbsim 0.0.0-test');
    expect(html).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('escapes every scenario string in markup and in the embedded JSON', async () => {
    const results = await hostileResults();
    const html = renderHtmlReport(results);
    // Only the report's own four scripts; nothing injected.
    expect(html.match(/<script/gi)).toHaveLength(4);
    expect(html.match(/<\/script/gi)).toHaveLength(4);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).not.toContain(HOSTILE.name);
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('Quotes &quot;double&quot; &amp; &#39;single&#39; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('fast &quot;one&quot; &amp; &lt;i&gt;two&lt;/i&gt;');
    const data = inlineScripts(html).find((s) => s.attrs.includes('lbsim-data'))!.text;
    expect(data).not.toMatch(/[<>&\u2028\u2029]/);
    const payload = payloadOf(html);
    expect(payload.lookups['cells']!.some((l) => l.includes(HOSTILE.tactic) && l.includes(HOSTILE.gateway))).toBe(true);
    // Scenario strings are data, never part of a vega expression.
    const expressions = expressionStrings(payload.charts.map((c) => c.spec));
    expect(expressions.length).toBeGreaterThan(10);
    for (const e of expressions) for (const s of [HOSTILE.tactic, HOSTILE.health, HOSTILE.gateway, 'pwned']) expect(e).not.toContain(s);
  });

  it('stays under 5 MB for an 18-cell scenario', async () => {
    const results = await run(
      smallScenario({
        tactics: ['token_based', 'random', 'latency_based', 'speed_based', 'adaptive', 'capacity_based'].map((name, i) => ({ name, type: ([1, 3, 4, 5, 6, 7] as const)[i]!, params: {} })),
        health: [
          { name: 'unconfigured', config: { consecutiveErrorThreshold: 0, recoveryTimeoutSeconds: 0, probeEnabled: false } },
          { name: 'default', config: { consecutiveErrorThreshold: 3, recoveryTimeoutSeconds: 300, probeEnabled: true } },
          { name: 'none', config: null },
        ],
      }),
    );
    expect(results.cells).toHaveLength(18);
    const bytes = Buffer.byteLength(renderHtmlReport(results));
    expect(bytes).toBeLessThan(MAX_REPORT_BYTES);
  });

  it('merges time buckets of long runs so the report stays under 5 MB', async () => {
    const results = structuredClone(await smallResults());
    // Pretend every cell ran 3,000 buckets (over 4 hours at 5 s): 6 cells x 3 services x 3,000 = 54,000 rows.
    results.scenario.durationMs = 3_000 * 5_000;
    for (const cell of results.cells) {
      for (const series of Object.values(cell.timeSeries.services)) {
        for (const key of ['attempts', 'successes', 'errors', 'rateLimited', 'p95LatencyMs', 'unhealthyFraction'] as const) {
          series[key] = Array.from({ length: 3_000 }, (_, b) => series[key][b % series[key].length]!);
        }
      }
    }
    const html = renderHtmlReport(results);
    expect(Buffer.byteLength(html)).toBeLessThan(MAX_REPORT_BYTES);
    const rows = payloadOf(html).datasets['ts']!;
    expect(rows.length).toBeLessThanOrEqual(MAX_SERIES_ROWS);
    expect(rows.length).toBeGreaterThan(MAX_SERIES_ROWS / 2);
    expect(html).toContain('(3 of the results&#39; buckets merged to keep the report small)');
    // Merged rates are per second over the merged width: totals are kept.
    const model = buildReportModel(results);
    const cell = model.cells[0]!;
    const attempts = cell.cell.timeSeries.services['primary:m']!.attempts;
    const first = rows.find((r) => (r as { c: number; s: number }).c === 0 && (r as { s: number }).s === 0) as { at: number; te: number };
    expect(first.te).toBe(15);
    expect(first.at).toBeCloseTo((attempts[0]! + attempts[1]! + attempts[2]!) / 15, 4);
  });

  it.runIf(existsSync(SAMPLE))('stays under 5 MB for the sample results file', () => {
    const results = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Results;
    const html = renderHtmlReport(results);
    expect(Buffer.byteLength(html)).toBeLessThan(MAX_REPORT_BYTES);
    expect(html).toContain('<h1>sample &lt;b&gt;outage&lt;/b&gt; &amp; &quot;quotes&quot;</h1>');
  });

  it('renders sparse results: no cells, one replication, no time series or scenario details', () => {
    for (const results of [handResults([]), handResults([handCell(0, 'a', 'h', [{ successRate: 0.9 }]), handCell(1, 'b', 'h', [{ successRate: 0.8 }])])]) {
      const html = renderHtmlReport(results);
      expect(html).toContain('<section id="verdict">');
      expect(payloadOf(html).charts).toHaveLength(6);
      expect(renderSummaryMarkdown(results)).toContain('### Scoreboard');
      expect(renderSummaryCsv(results).split('\r\n')).toHaveLength(results.cells.length + 2);
    }
  });

  it('renders a shard: what is there, and says the rest needs a merge', async () => {
    const shard = await run(smallScenario(), { index: 2, count: 2 });
    expect(shard.comparisons).toBeNull();
    const html = renderHtmlReport(shard);
    expect(html).toContain('Partial results:</strong> shard 2 of 2, holding 3 of 6 cells');
    expect(html).toContain('merge the shards first');
    expect(html).not.toContain('Success rate vs baseline');
    expect(renderSummaryMarkdown(shard)).toContain('Partial results: shard 2 of 2');
    expect(renderSummaryMarkdown(shard)).toContain('merge the shards first');
  });
});

describe('summary.md', () => {
  it('has the verdict, a compact scoreboard with one row per cell, and the expectations', async () => {
    const results = await smallResults();
    const md = renderSummaryMarkdown(results);
    expect(md).toMatch(/^## lbsim: small outage\n/);
    // Two replications cannot separate adaptive from latency_based · default (±44 points): no recommendation, and the leader named as such.
    expect(results.recommendation?.cell).toBeNull();
    expect(md).toContain('**Recommendation:** No cell can be recommended on this evidence.');
    expect(md).toContain('more replications are needed (after 2 replications)');
    expect(md).toContain('Leading, without support yet: **adaptive · default**');
    expect(md).toContain('| Cell | Success rate | p95 latency | p95 TTFT | Cost / 1k successes |');
    const rows = md.split('\n').filter((l) => /^\| (random|latency\\_based|adaptive) · /.test(l));
    expect(rows).toHaveLength(6);
    expect(md).toContain('### Expectations');
    expect(md).toMatch(/[✅❌] health checks keep half the requests/);
    expect(Buffer.byteLength(md)).toBeLessThan(20_000);
  });

  it('escapes scenario strings', async () => {
    const md = renderSummaryMarkdown(await hostileResults());
    expect(md).toContain('## lbsim: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toMatch(/<(script|img|i|b)\b/);
    // Table rows keep their column count even with a | in a name.
    for (const row of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Cell'))) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });
});

describe('summary.csv', () => {
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
        i++;
      } else field += c;
    }
    return rows;
  }

  it('has one row per cell with CI columns, CRLF line ends and a fixed width', async () => {
    const results = await smallResults();
    const csv = renderSummaryCsv(results);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    const [header, ...rows] = parseCsv(csv);
    expect(rows).toHaveLength(results.cells.length);
    for (const r of rows) expect(r).toHaveLength(header!.length);
    const col = (name: string) => header!.indexOf(name);
    for (const name of ['success_rate_mean', 'success_rate_ci95', 'success_rate_low', 'success_rate_high', 'latency_p95_ms_ci95', 'ttft_p95_ms_ci95', 'cost_per_1k_success_ci95', 'pareto_cost_latency']) {
      expect(col(name), name).toBeGreaterThan(0);
    }
    results.cells.forEach((cell, i) => {
      expect(rows[i]![0]).toBe(cell.id);
      expect(Number(rows[i]![col('success_rate_mean')])).toBe(cell.aggregate['success_rate']!.mean);
      expect(Number(rows[i]![col('success_rate_ci95')])).toBe(cell.aggregate['success_rate']!.ci95);
    });
  });

  it('quotes scenario strings per RFC 4180 and reads back exactly', async () => {
    const results = await hostileResults();
    const rows = parseCsv(renderSummaryCsv(results)).slice(1);
    expect(rows.map((r) => r[1])).toContain(HOSTILE.tactic);
    expect(rows.map((r) => r[2])).toContain(HOSTILE.health);
    expect(rows.map((r) => r[3])).toContain(HOSTILE.gateway);
  });
});

describe('the overview', () => {
  it('ranks cells across scenarios and links each scenario report by slug', async () => {
    const a = await smallResults();
    const b = await hostileResults();
    const html = renderOverviewHtml([a, b]);
    expect(html).toContain(`href="${scenarioSlug(a.name)}/report.html"`);
    expect(html).toContain(`href="${scenarioSlug(b.name)}/report.html"`);
    expect(html).toContain('<section id="ranking">');
    expect(html).not.toContain(HOSTILE.name);
    expect(html.match(/<script/gi)).toHaveLength(4);
    const csp = contentSecurityPolicy(html)!;
    expect(csp.get('script-src')!.sort()).toEqual(inlineScripts(html).map((s) => sha256Source(s.text)).sort());
    expect(renderOverviewHtml([a, b])).toBe(html);
    expect(() => renderOverviewHtml([])).toThrow(/at least one scenario/);
  });

  it('links repeated scenario names to the directories the CLI writes them to', async () => {
    const a = await smallResults();
    const html = renderOverviewHtml([a, a, a]);
    expect(scenarioSlugs([a.name, a.name, a.name])).toEqual(['small-outage', 'small-outage-2', 'small-outage-3']);
    for (const slug of ['small-outage', 'small-outage-2', 'small-outage-3']) expect(html).toContain(`href="${slug}/report.html"`);
  });
});

describe('reports/ reads results only', () => {
  /** Every TypeScript file under reports/ (not the rendered output), relative to it. */
  function sources(dir = join(root, 'reports'), prefix = ''): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === 'out' ? [] : sources(join(dir, e.name), `${prefix}${e.name}/`)) : e.name.endsWith('.ts') ? [`${prefix}${e.name}`] : [],
    );
  }

  it('imports the engine only through its library API, and at run time only its pure statistics, ranking and the config change (a function of the results)', () => {
    const dir = join(root, 'reports');
    const pure = new Set(['estimate', 'pairedDifference', 'tCritical95', 'findMetric', 'KEY_METRIC_NAMES', 'isRankable', 'rankCells', 'configChange']);
    const files = sources();
    expect(files).toContain('charts/report-data.ts');
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      const api = `${'../'.repeat(file.split('/').length)}engine/index.js`;
      for (const m of source.matchAll(/^(import|export)\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/gms)) {
        if (!m[4]!.includes('/engine/')) continue;
        expect(m[4], `${file}: ${m[0]}`).toBe(api);
        if (m[2]) continue;
        const names = m[3]!.split(',').map((n) => n.trim()).filter((n) => n !== '' && !n.startsWith('type '));
        for (const name of names) expect(pure.has(name), `${file}: ${name}`).toBe(true);
      }
    }
  });

  it('keeps the page script apart: reports/client/ imports only its own modules and the payload types', () => {
    const client = sources().filter((f) => f.startsWith('client/'));
    expect(client).toContain('client/main.ts');
    for (const file of client) {
      const source = readFileSync(join(root, 'reports', file), 'utf8');
      for (const m of source.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms)) {
        const from = m[3]!;
        if (from.startsWith('./')) continue;
        expect(m[2], `${file}: only types from ${from}`).toBeDefined();
        expect(['../chart-types.js', 'vega'], `${file}: ${m[0]}`).toContain(from);
      }
    }
  });
});
