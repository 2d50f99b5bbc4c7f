// Issue 13 (html part): the html report lays out every section of reportSections(), titled alike and in order,
// failing cells shaded; a batch gets the county summary chart, one bar per county and level with a CV.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, run, runJson } from './helpers.js';
import { htmlTitles, sectionTitleSetup } from './section-titles.js';

const setup = sectionTitleSetup();

function titlesOf(args: string[]) {
  const json = runJson(args);
  const html = run([...args, '--format', 'html']);
  expect(html.status).toBe(json.status);
  return { expected: setup.titles(json.json), html: htmlTitles(html.stdout), page: html.stdout, json: json.json };
}

describe('html prints every section of reportSections', () => {
  it('the demo: the same titles in order; failing cells carry the fail class', () => {
    const t = titlesOf([DEMO]);
    expect(t.html.length).toBeGreaterThan(10);
    expect(t.html).toEqual(t.expected);
    expect(t.page).toContain('<h3 class="section-title">青山县 小学 校际差异系数</h3>');
    // The sports-ground CV of the demo's primary level is over its limit: shaded in the CV block.
    expect(t.page).toMatch(/<td class="fail num">0\.545807<\/td>/);
    expect(t.page).toContain('<h2 class="section-title">数据问题</h2>');
  });

  it('English and basic-2012: the same sections', () => {
    const en = titlesOf([DEMO, '--lang', 'en']);
    expect(en.html).toEqual(en.expected);
    const basic = titlesOf(['fixtures/basic-county.xlsx', '-s', 'basic-2012']);
    expect(basic.html).toEqual(basic.expected);
    // basic-2012 judges the composite: the CV chart has the 综合 bar, the limit line is the composite's.
    expect(basic.page).toMatch(/<figcaption>小学 各项指标差异系数（限值 0\.65）<\/figcaption>/);
  });

  it('a batch of two files: summary first, a county section per file, the summary chart with a bar per county and level', () => {
    const a = join(setup.tmp, 'a.xlsx');
    const b = join(setup.tmp, 'b.xlsx');
    copyFileSync(join(ROOT, DEMO), a);
    copyFileSync(join(ROOT, DEMO), b);
    const t = titlesOf([a, b]);
    expect(t.html).toEqual(t.expected);
    expect(t.html[0]).toBe('汇总');
    expect(t.page.match(/<section class="county">/g)).toHaveLength(2);
    const summary = /<figure class="chart" data-chart="summary" data-bars="(\d+)" data-series="(\d+)">/.exec(t.page);
    expect(summary).not.toBeNull();
    const bars = t.json.counties.reduce(
      (n: number, c: any) => n + c.levels.filter((l: any) => l.indicators.some((i: any) => i.cv !== null)).length,
      0,
    );
    expect(Number(summary![1])).toBe(bars);
    expect(Number(summary![2])).toBe(2);
  });
});
