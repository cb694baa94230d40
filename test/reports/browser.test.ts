/**
 * Opens the reports in real headless Chromium from file:// and checks that they work offline under
 * their CSP: no console errors or warnings, no request beyond file:// and data:, every chart drawn
 * with marks, tooltips, select boxes, data tables and sorting working, and hostile scenario strings
 * shown as text without running anything. Screenshots go to reports/out/browser/.
 *
 * Needs Chromium: `apt-get install -y chromium` (or LBSIM_CHROMIUM=/path/to/chromium). Without it
 * the tests are skipped, except under CI=true, where they fail.
 *
 * LBSIM_BROWSER_FILES (paths separated by the platform's path delimiter) adds already rendered
 * reports, e.g. the CLI's output for the default scenario, to the same checks.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport, renderOverviewHtml, scenarioSlug } from '../../reports/index.js';
import { lbsim, ROOT } from '../e2e/cli.js';
import { explainCell } from '../../engine/index.js';
import { HOSTILE, hostileResults, smallResults, smallScenario } from './fixtures.js';

const CHROMIUM = process.env['LBSIM_CHROMIUM'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const available = existsSync(CHROMIUM);
const inCi = /^(true|1)$/i.test(process.env['CI'] ?? '');
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'reports', 'out', 'browser');
const EXTRA_FILES = (process.env['LBSIM_BROWSER_FILES'] ?? '').split(delimiter).filter((f) => f !== '').map((f) => resolve(f));
const HOW_TO = `no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\`, or point LBSIM_CHROMIUM at a Chromium binary`;

if (!available && !inCi) console.warn(`Skipping the browser tests of the HTML reports: ${HOW_TO}.`);

/** What went wrong on a page: console errors and warnings, page errors, failed or remote requests, dialogs. */
interface Problems {
  console: string[];
  requests: string[];
  dialogs: string[];
}

async function open(context: BrowserContext, file: string): Promise<{ page: Page; problems: Problems }> {
  const problems: Problems = { console: [], requests: [], dialogs: [] };
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.console.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.requests.push(`failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) problems.requests.push(`not local: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    problems.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(CHARTS_DONE, null, { timeout: 0 });
  return { page, problems };
}

// Page-side code is given as strings: the project's tsconfig has no DOM types.
const CHARTS_DONE = "document.documentElement.getAttribute('data-charts') !== null";
const CHARTS_RENDERED = "document.documentElement.getAttribute('data-charts') === 'rendered'";
const MARKS = `(() => {
  const out = {};
  for (const figure of document.querySelectorAll('figure.chart[data-rendered]')) {
    const groups = [...figure.querySelectorAll('svg g.role-mark')];
    const marks = groups.flatMap((g) => [...g.children].filter((c) => ['path', 'line', 'rect', 'text', 'circle'].includes(c.tagName)));
    const kinds = [...new Set(groups.filter((g) => g.children.length > 0).map((g) => [...g.classList].find((c) => c.startsWith('mark-')) || '?'))].sort();
    out[figure.id] = { rendered: figure.getAttribute('data-rendered'), svgs: figure.querySelectorAll('.chart-view svg').length, marks: marks.length, kinds };
  }
  return out;
})()`;

/**
 * Boxes of the Pareto chart's visible front labels (the label transform hides those with no free
 * place): the text's width, and its font size in height around the middle of its line box (the
 * line box adds the font's line gap above and below the glyphs, which may touch a neighbour's).
 */
const FRONT_LABEL_BOXES = `[...document.querySelectorAll('#chart-pareto g.front_labels text')]
  .filter((t) => t.getAttribute('opacity') !== '0' && t.textContent !== '')
  .map((t) => {
    const r = t.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(t).fontSize);
    return { text: t.textContent, x: r.x, y: r.y + (r.height - em) / 2, width: r.width, height: em };
  })`;

/** Opens a rendered file and checks that every chart drew data marks, with no errors and no network. */
async function expectEveryChartDrawn(context: BrowserContext, file: string, screenshot: string, charts?: number): Promise<void> {
  expect(existsSync(file), `${file} does not exist`).toBe(true);
  const { page, problems } = await open(context, file);
  expect(await page.getAttribute('html', 'data-charts')).toBe('rendered');
  const drawn = await chartMarks(page);
  if (charts !== undefined) expect(Object.keys(drawn)).toHaveLength(charts);
  expect(Object.keys(drawn).length).toBeGreaterThan(0);
  for (const [id, c] of Object.entries(drawn)) {
    expect(c.rendered, `${file} ${id}`).toBe('true');
    expect(c.svgs, `${file} ${id}`).toBe(1);
    expect(c.marks, `${file} ${id}`).toBeGreaterThan(0);
  }
  await page.screenshot({ path: join(OUT, screenshot), fullPage: true });
  expect(problems, file).toEqual({ console: [], requests: [], dialogs: [] });
  await page.close();
}

/** Per chart figure: its state, SVG count, how many data-mark elements (not axes or legends) it drew, and their mark types. */
async function chartMarks(page: Page): Promise<Record<string, { rendered: string | null; svgs: number; marks: number; kinds: string[] }>> {
  return page.evaluate(MARKS);
}

describe('the HTML reports in headless Chromium', () => {
  it.runIf(!available && inCi)('need Chromium under CI', () => {
    throw new Error(`The browser tests cannot be skipped under CI: ${HOW_TO}.`);
  });

  describe.skipIf(!available)('opened from disk', () => {
    let context: BrowserContext;
    let profile: string;
    let reportFile: string;
    let hostileFile: string;
    let overviewFile: string;
    let crowdedFile: string;
    let explainedFile: string;

    beforeAll(async () => {
      const [small, hostile] = await Promise.all([smallResults(), hostileResults()]);
      rmSync(OUT, { recursive: true, force: true });
      for (const results of [small, hostile]) {
        const dir = join(OUT, scenarioSlug(results.name));
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'report.html'), renderHtmlReport(results));
      }
      reportFile = join(OUT, scenarioSlug(small.name), 'report.html');
      hostileFile = join(OUT, scenarioSlug(hostile.name), 'report.html');
      // Five cells on the cost / latency front a few pixels apart (a sixth, far off, stretches the
      // axes): the labels must make room or hide.
      const crowded = structuredClone(small);
      crowded.cells.forEach((cell, i) => {
        const far = i === crowded.cells.length - 1;
        Object.assign(cell.aggregate['latency_p95_ms']!, { mean: far ? 15_000 : 5_000 + 30 * i, ci95: 10 });
        Object.assign(cell.aggregate['cost_per_1k_success']!, { mean: far ? 9 : 3 - 0.01 * i, ci95: 0.001 });
      });
      explainedFile = join(OUT, 'explained.html');
      writeFileSync(explainedFile, renderHtmlReport(small, { explanation: explainCell(smallScenario(), 'random|default|default') }));
      crowdedFile = join(OUT, 'crowded-front.html');
      writeFileSync(crowdedFile, renderHtmlReport(crowded));
      overviewFile = join(OUT, 'overview.html');
      writeFileSync(overviewFile, renderOverviewHtml([small, hostile]));
      profile = mkdtempSync(join(tmpdir(), 'lbsim-chromium-'));
      context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1320, height: 900 } });
    });

    afterAll(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('draws every chart of a scenario report offline, with no errors and no network', async () => {
      const { page, problems } = await open(context, reportFile);
      expect(await page.getAttribute('html', 'data-charts')).toBe('rendered');
      const charts = await chartMarks(page);
      expect(Object.keys(charts)).toEqual(['chart-ci', 'chart-share', 'chart-errors', 'chart-health', 'chart-latency', 'chart-pareto']);
      for (const [id, c] of Object.entries(charts)) {
        expect(c.rendered, id).toBe('true');
        expect(c.svgs, id).toBe(1);
        expect(c.marks, id).toBeGreaterThan(5);
      }
      expect(charts['chart-ci']!.kinds).toEqual(['mark-rule', 'mark-symbol']);
      expect(charts['chart-share']!.kinds).toContain('mark-rect');
      expect(charts['chart-errors']!.kinds).toEqual(expect.arrayContaining(['mark-line', 'mark-rect', 'mark-symbol']));
      expect(charts['chart-health']!.kinds).toContain('mark-rect');
      expect(charts['chart-latency']!.kinds).toEqual(['mark-line', 'mark-symbol']);
      expect(charts['chart-pareto']!.kinds).toEqual(expect.arrayContaining(['mark-rule', 'mark-symbol', 'mark-text']));
      await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
      expect(problems).toEqual({ console: [], requests: [], dialogs: [] });
      await page.close();
    });

    it('has working tooltips, select boxes, data tables and sorting', async () => {
      const { page, problems } = await open(context, reportFile);
      // Tooltip: hover a point of the CI chart.
      const point = page.locator('#chart-ci svg g.role-mark.mark-symbol path').first();
      await point.hover({ force: true });
      const tooltip = page.locator('.lbsim-tooltip');
      await expect.poll(() => tooltip.isVisible()).toBe(true);
      expect(await tooltip.textContent()).toMatch(/cell.*mean.*95% CI from/);
      // Select box: switch the health setting of the share chart; the chart redraws with marks.
      const before = (await chartMarks(page))['chart-share']!.marks;
      await page.locator('#chart-share select').selectOption({ index: 1 });
      await expect.poll(async () => (await chartMarks(page))['chart-share']!.marks).toBeGreaterThan(0);
      expect(before).toBeGreaterThan(0);
      // Data table: built when opened, from the same data.
      await page.locator('#chart-ci details.data-table summary').click();
      await expect.poll(() => page.locator('#chart-ci details.data-table tbody tr').count()).toBe(6);
      // Sorting the scoreboard by success rate.
      const header = page.locator('#scoreboard th', { hasText: 'Success rate' }).first();
      await header.locator('button').click();
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      const values = await page.locator('#scoreboard tbody tr td:nth-child(3)').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(problems).toEqual({ console: [], requests: [], dialogs: [] });
      await page.close();
    });

    it('draws the explanation of a cell (run --explain) with the other charts', async () => {
      await expectEveryChartDrawn(context, explainedFile, 'explained.png', 7);
    });

    it('labels the Pareto front without two labels overlapping, also when its cells crowd together', async () => {
      for (const file of [reportFile, crowdedFile]) {
        const { page, problems } = await open(context, file);
        const boxes: Array<{ text: string; x: number; y: number; width: number; height: number }> = await page.evaluate(FRONT_LABEL_BOXES);
        expect(boxes.length, file).toBeGreaterThan(0);
        for (const [i, a] of boxes.entries()) {
          for (const b of boxes.slice(i + 1)) {
            const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            expect(apart, `${a.text} overlaps ${b.text}`).toBe(true);
          }
        }
        expect(problems).toEqual({ console: [], requests: [], dialogs: [] });
        await page.close();
      }
    });

    it.each([390, 1440])('fits a %i px wide window without sideways scrolling of the page; wide tables and charts scroll in their own box', async (width) => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(pathToFileURL(reportFile).href);
      await page.waitForFunction(CHARTS_RENDERED, null, { timeout: 0 });
      const fit: { page: number; window: number; outside: string[]; scrolling: number } = await page.evaluate(`(() => {
        const outside = [...document.querySelectorAll('main > *, section > *, figure.chart > *, .table-scroll, .chart-view')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => e.tagName + '#' + (e.id || e.className));
        const scrolling = [...document.querySelectorAll('.table-scroll, .chart-view')].filter((e) => e.scrollWidth > e.clientWidth).length;
        return { page: document.documentElement.scrollWidth, window: window.innerWidth, outside, scrolling };
      })()`);
      expect(fit.page).toBeLessThanOrEqual(fit.window);
      expect(fit.outside).toEqual([]);
      // at 390 px the scoreboard and the 760 px charts are wider than the window: they scroll inside their boxes
      if (width === 390) expect(fit.scrolling).toBeGreaterThan(0);
      expect(await page.locator('#recommendation').textContent()).toContain('scrolls sideways inside its box');
      await page.screenshot({ path: join(OUT, `report-${width}px.png`), fullPage: true });
      await page.close();
    });

    it('shows hostile scenario strings as text and runs none of them', async () => {
      const { page, problems } = await open(context, hostileFile);
      expect(await page.getAttribute('html', 'data-charts')).toBe('rendered');
      expect(await page.locator('h1').textContent()).toBe(HOSTILE.name);
      expect(await page.title()).toBe(`${HOSTILE.name} · lbsim report`);
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.evaluate('document.scripts.length')).toBe(4);
      expect(await page.locator('img').count()).toBe(0);
      const labels = await page.locator('#chart-errors select option').allTextContents();
      expect(labels.some((l) => l.includes(HOSTILE.tactic) && l.includes(HOSTILE.gateway))).toBe(true);
      const charts = await chartMarks(page);
      for (const [id, c] of Object.entries(charts)) expect(c.marks, id).toBeGreaterThan(0);
      await page.screenshot({ path: join(OUT, 'hostile.png'), fullPage: true });
      expect(problems).toEqual({ console: [], requests: [], dialogs: [] });
      await page.close();
    });

    it.each(EXTRA_FILES)('draws every chart of %s with no errors and no network', async (file) => {
      await expectEveryChartDrawn(context, file, `extra-${scenarioSlug(file)}.png`);
    });

    // The command line as a user runs it: `npm run simulate` (the default scenario) and a run over
    // several scenarios, which also writes an overview page.
    it('draws the report of the default scenario written by lbsim run, under 5 MB', async () => {
      const out = join(OUT, 'cli-default');
      const run = await lbsim(['run', '--out', out, '--format', 'html', '--quiet']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const file = join(out, 'report.html');
      expect(statSync(file).size).toBeLessThan(5 * 1024 * 1024);
      await expectEveryChartDrawn(context, file, 'cli-default.png', 6);
    });

    it('draws the overview and every report of a multi-scenario lbsim run', async () => {
      const out = join(OUT, 'cli-multi');
      const library = join(ROOT, 'scenarios');
      const run = await lbsim(['run', join(library, 'cold-start.yaml'), join(library, 'auth-revoked.yaml'), '--out', out, '--format', 'html', '--quiet']);
      expect(run.code).toBe(0);
      await expectEveryChartDrawn(context, join(out, 'overview.html'), 'cli-overview.png', 2);
      for (const slug of ['cold-start', 'auth-revoked']) await expectEveryChartDrawn(context, join(out, slug, 'report.html'), `cli-${slug}.png`, 6);
    });

    it('draws the overview of several scenarios and links to each report', async () => {
      const { page, problems } = await open(context, overviewFile);
      expect(await page.getAttribute('html', 'data-charts')).toBe('rendered');
      const charts = await chartMarks(page);
      expect(Object.keys(charts)).toEqual(['chart-ranks', 'chart-mean-rank']);
      for (const [id, c] of Object.entries(charts)) {
        expect(c.svgs, id).toBe(1);
        expect(c.marks, id).toBeGreaterThan(5);
      }
      await page.screenshot({ path: join(OUT, 'overview.png'), fullPage: true });
      expect(problems).toEqual({ console: [], requests: [], dialogs: [] });
      // The first link leads to a scenario report that renders.
      await Promise.all([page.waitForURL(pathToFileURL(reportFile).href, { waitUntil: 'load' }), page.locator('#scenarios a').first().click()]);
      await page.waitForFunction(CHARTS_RENDERED, null, { timeout: 0 });
      expect(problems).toEqual({ console: [], requests: [], dialogs: [] });
      await page.close();
    });
  });
});
