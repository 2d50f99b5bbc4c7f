// Issue 13, acceptance 4: the demo's HTML report in a real browser. playwright-core drives Debian's Chromium
// headless (.ci/run installs it with apt when /usr/bin/chromium is missing; playwright downloads nothing).
// The page is opened from a file:// URL with every other request failed and recorded: none may happen.
// No console error (a CSP violation is one); every chart's SVG is there with one bar per unit, indicator or
// bin of the JSON report; a screenshot is written to .ci/artifacts/ and must not be blank.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, openOffline } from './browser.js';
import { DEMO, ROOT, run, runJson, tempDir } from './helpers.js';

const ARTIFACTS = join(ROOT, '.ci', 'artifacts');

interface Shown {
  chart: string;
  county: string;
  level: string | null;
  indicator: string | null;
  /** Bar elements of the bar series (the marks are a last series of their own). */
  bars: number;
  svgs: number;
}

describe('the html report in Chromium (headless, network blocked)', () => {
  let browser: Browser;
  let report: any;
  let shown: Shown[];
  // The page's own lists: filled while it is open.
  let requests: string[] = [];
  let errors: string[] = [];
  let screenshot: Buffer;

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true);
    const dir = tempDir();
    const file = join(dir, '青山县 报告.html');
    const r = run([DEMO, '-f', 'html', '-o', file]);
    expect(r.status, r.stderr).toBe(1);
    report = runJson([DEMO]).json;

    browser = await launchChromium();
    const opened = await openOffline(browser, file);
    const page = opened.page;
    requests = opened.requests;
    errors = opened.errors;
    shown = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const series = Number(f.getAttribute('data-series'));
        const paths = [...f.querySelectorAll('svg path[ecmeta_series_index]')];
        return {
          chart: f.getAttribute('data-chart') ?? '',
          county: f.getAttribute('data-county') ?? '',
          level: f.getAttribute('data-level'),
          indicator: f.getAttribute('data-indicator'),
          bars: paths.filter((p) => Number(p.getAttribute('ecmeta_series_index')) < series).length,
          svgs: f.querySelectorAll('svg').length,
        };
      }),
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    screenshot = await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), type: 'png' });
    // A figure alone, too: the first chart of the page, for a reader of the artefacts.
    await page
      .locator('figure.chart')
      .first()
      .screenshot({ path: join(ARTIFACTS, 'html-chart.png') });
    await opened.context.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('asks for nothing but the file and logs no error', () => {
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows every chart the report calls for, each one SVG with a bar per unit, indicator or bin', () => {
    const county = report.counties[0];
    const expected: Omit<Shown, 'svgs'>[] = [];
    for (const l of county.levels) {
      if (!l.unitCount) continue;
      const cvBars = l.indicators.filter((i: any) => i.cv !== null).length + (l.composite?.cv != null ? 1 : 0);
      expected.push({ chart: 'cv', county: county.county, level: l.level, indicator: null, bars: cvBars });
      for (const ind of l.indicators) {
        const bars = county.units.filter(
          (u: any) => u.level === l.level && u.indicators.find((i: any) => i.id === ind.id)?.value !== null,
        ).length;
        if (bars) expected.push({ chart: 'units', county: county.county, level: l.level, indicator: ind.id, bars });
      }
      // issue 14: one 城乡 chart per level, a bar per group mean and indicator
      if (l.locales) {
        const groups = ['urban', 'town', 'rural'];
        const bars = l.locales.indicators.reduce(
          (a: number, i: any) => a + groups.filter((g) => i.groups[g].mean !== null).length,
          0,
        );
        expected.push({ chart: 'locale', county: county.county, level: l.level, indicator: null, bars });
      }
      if (l.classSize?.histogram)
        expected.push({
          chart: 'histogram',
          county: county.county,
          level: l.level,
          indicator: null,
          bars: l.classSize.histogram.length,
        });
    }
    const key = (s: Omit<Shown, 'svgs'>) => `${s.chart}:${s.level}:${s.indicator}`;
    expect(shown.map((s) => s.svgs)).toEqual(shown.map(() => 1));
    expect(shown.map(({ svgs: _svgs, ...s }) => s).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.sort((a, b) => key(a).localeCompare(key(b))),
    );
    // The demo has two levels, 7 indicators each, class data and 城乡: 2 + 14 + 2 + 2 charts.
    expect(shown).toHaveLength(20);
  });

  it('the screenshot is not blank: many colours, much of it not white', async () => {
    expect(readFileSync(join(ARTIFACTS, 'html-report.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
    // Decoded by the browser itself, on a blank page (no CSP there; a data: URL is no request).
    const page = await browser.newPage();
    const stats = await page.evaluate(async (png: string) => {
      // Runs in the browser: its globals, which the test's (node) types do not know.
      const { Image, document } = globalThis as any;
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      const colours = new Set<number>();
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) inked++;
      }
      return { width: img.width, height: img.height, colours: colours.size, inked: inked / (data.length / 4) };
    }, screenshot.toString('base64'));
    await page.close();
    expect({ width: stats.width, height: stats.height }).toEqual({ width: 1200, height: 1600 });
    expect(stats.colours).toBeGreaterThan(16);
    expect(stats.inked).toBeGreaterThan(0.02);
  });
});
