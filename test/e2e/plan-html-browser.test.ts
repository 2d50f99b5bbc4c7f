// issue 14 (plan-out): the plan and diff pages in Chromium, as test/e2e/html-browser.test.ts opens the
// assessment's: from a file:// URL with every other request failed and recorded (none may happen), no console
// error (a CSP violation is one), and each chart one SVG drawing the bars its data-bars attribute says.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, openOffline } from './browser.js';
import { DEMO, run, runJson, tempDir } from './helpers.js';

interface Shown {
  chart: string;
  expected: number;
  bars: number;
  svgs: number;
}

describe('the plan and diff pages in Chromium (headless, network blocked)', () => {
  let browser: Browser;
  const pages: Record<string, { shown: Shown[]; requests: string[]; errors: string[] }> = {};

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true);
    const dir = tempDir();
    const plan = join(dir, '青山县 缺口.html');
    const diff = join(dir, '青山县 对比.html');
    expect(run(['plan', DEMO, '--profile', 'fixtures/profiles/plan-costs.json', '-o', plan]).status).toBe(1);
    expect(run(['diff', DEMO, DEMO, '-o', diff]).status).toBe(0);
    browser = await launchChromium();
    for (const [name, file] of [
      ['plan', plan],
      ['diff', diff],
    ] as const) {
      const { context, page, requests, errors } = await openOffline(browser, file);
      const shown = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => {
          const series = Number(f.getAttribute('data-series'));
          const paths = [...f.querySelectorAll('svg path[ecmeta_series_index]')];
          return {
            chart: f.getAttribute('data-chart') ?? '',
            expected: Number(f.getAttribute('data-bars')),
            bars: paths.filter((p) => Number(p.getAttribute('ecmeta_series_index')) < series).length,
            svgs: f.querySelectorAll('svg').length,
          };
        }),
      );
      pages[name] = { shown, requests, errors };
      await context.close();
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('ask for nothing but the file and log no error', () => {
    for (const p of Object.values(pages)) {
      expect(p.requests).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });

  it('every chart is one SVG with the bars it says: a gap chart per level and quantity, a CV chart per level', () => {
    for (const p of Object.values(pages)) for (const s of p.shown) expect([s.svgs, s.bars]).toEqual([1, s.expected]);
    const kinds = (name: string) => pages[name]!.shown.map((s) => s.chart);
    const county = runJson(['plan', DEMO, '--profile', 'fixtures/profiles/plan-costs.json']).json.counties[0];
    const quantities = county.totals.reduce(
      (a: number, t: any) => a + Object.values(t.amounts).filter(Boolean).length + (t.classes ? 1 : 0),
      0,
    );
    expect(quantities).toBeGreaterThan(1);
    expect(kinds('plan').filter((k) => k === 'gap')).toHaveLength(quantities);
    expect(kinds('plan').filter((k) => k === 'plan-cv')).toHaveLength(
      new Set(county.cvs.map((x: any) => x.level)).size,
    );
    expect(kinds('diff')).toEqual(['diff-cv', 'diff-cv']);
  });
});
