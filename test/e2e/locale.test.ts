// issue 14 (城乡 in the assessment report) through the built CLI: the demo (which has the 城乡 column) carries the
// section in all five formats and levels[].locales in JSON, equal to a computation from its own units; a file
// without the column has neither; the exit code does not depend on the column.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPrimary } from '../helpers.js';
import { DEMO, expectValid, run, runJson, tempDir } from './helpers.js';
import { schoolsCsv } from './plan-helpers.js';
import { csvTitles, htmlTitles, markdownTitles, xlsxTitles } from './section-titles.js';

let tmp: string;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const TITLES = ['青山县 小学 城乡对比', '青山县 初中 城乡对比'];
const GROUPS = ['urban', 'town', 'rural'] as const;

/** The enrolment-weighted mean and population CV of values, as docs/rules.md §2 writes them. */
function weighted(points: { v: number; w: number }[]) {
  const total = points.reduce((a, p) => a + p.w, 0);
  const mean = points.reduce((a, p) => a + p.w * p.v, 0) / total;
  const sd = Math.sqrt(points.reduce((a, p) => a + (p.w / total) * (p.v - mean) ** 2, 0));
  return { mean, cv: points.length > 1 ? sd / mean : null };
}

describe('城乡 in the assessment report', () => {
  it('JSON: levels[].locales equals a computation from the report’s own units; valid against the schema', () => {
    const r = runJson([DEMO]);
    expect(r.status).toBe(1);
    expectValid(r.json);
    const county = r.json.counties[0];
    for (const level of county.levels) {
      const units = county.units.filter((u: any) => u.level === level.level);
      const loc = level.locales;
      expect(loc.units).toEqual({
        urban: units.filter((u: any) => u.locale === 'urban').length,
        town: units.filter((u: any) => u.locale === 'town').length,
        rural: units.filter((u: any) => u.locale === 'rural').length,
        unknown: units.filter((u: any) => u.locale === null).length,
      });
      expect(loc.indicators.map((i: any) => i.id)).toEqual(level.indicators.map((i: any) => i.id));
      for (const ind of loc.indicators) {
        for (const g of GROUPS) {
          const points = units
            .filter((u: any) => u.locale === g)
            .map((u: any) => ({ v: u.indicators.find((x: any) => x.id === ind.id).value, w: u.students }))
            .filter((p: any) => p.v !== null);
          const want = weighted(points);
          expect(ind.groups[g].units).toBe(points.length);
          expect(ind.groups[g].mean).toBeCloseTo(want.mean, 9);
          if (want.cv === null) expect(ind.groups[g].cv).toBeNull();
          else expect(ind.groups[g].cv).toBeCloseTo(want.cv, 9);
        }
        expect(ind.ruralToUrban).toBeCloseTo(ind.groups.rural.mean / ind.groups.urban.mean, 12);
      }
    }
  });

  it('text: the section under exactly its title, the group counts, the method and 仅供参考, a row per indicator', () => {
    const r = run([DEMO], { COLUMNS: '120' });
    expect(r.status).toBe(1);
    const primary = runJson([DEMO]).json.counties[0].levels[0];
    const counts = primary.locales.units;
    expect(r.stdout).toContain(
      `\n青山县 小学 城乡对比\n  城区 ${counts.urban} 所，镇区 ${counts.town} 所，乡村 ${counts.rural} 所\n`,
    );
    const block = r.stdout.slice(
      r.stdout.indexOf('\n青山县 小学 城乡对比\n'),
      r.stdout.indexOf('\n青山县 小学 学校达标表\n'),
    );
    expect(block).toContain('仅供参考，不作判定，不影响结论');
    expect(block).toContain('各组均值按在校生数加权');
    expect(block).toMatch(/│ 指标 +│ 全县均值 │ 城区 +│ 镇区 +│ 乡村 +│ 乡村\/城区 │/);
    // a row per indicator (short names: the full ones do not fit), each group as mean（CV）, the ratio to 2 decimals
    const sports = primary.locales.indicators.find((i: any) => i.id === 'sports_area_per_pupil');
    const g = (k: (typeof GROUPS)[number]) =>
      `${sports.groups[k].mean.toFixed(2)}（${sports.groups[k].cv.toFixed(3)}）`;
    expect(block).toMatch(
      new RegExp(
        `│ 运动场馆 +│ [\\d.]+ +│ ${g('urban')} +│ ${g('town')} +│ ${g('rural')} +│ ${sports.ruralToUrban.toFixed(2)} +│`,
      ),
    );
    expect(block.split('\n').filter((l) => /^│ (?!指标)/.test(l))).toHaveLength(primary.indicators.length);
    // after the CV block of its level, before the per-school sheet
    expect(r.stdout.indexOf('青山县 小学 校际差异系数')).toBeLessThan(r.stdout.indexOf('青山县 小学 城乡对比'));
    const en = run([DEMO, '--lang', 'en'], { COLUMNS: '120' });
    expect(en.stdout).toContain('\n青山县 Primary urban–rural comparison\n  urban ');
    expect(en.stdout).toContain('information only: not judged, does not change the verdict');
    // --quiet shows what failed: the comparison judges nothing
    expect(run([DEMO, '--quiet']).stdout).not.toContain('城乡对比');
  });

  it('csv, markdown, html and xlsx carry the section under the same titles', () => {
    expect(csvTitles(run([DEMO, '-f', 'csv']).stdout)).toEqual(expect.arrayContaining(TITLES));
    expect(markdownTitles(run([DEMO, '-f', 'markdown']).stdout)).toEqual(expect.arrayContaining(TITLES));
    const html = run([DEMO, '-f', 'html']).stdout;
    expect(htmlTitles(html)).toEqual(expect.arrayContaining(TITLES));
    const out = join(tmp, 'r.xlsx');
    expect(run([DEMO, '-o', out]).status).toBe(1);
    expect(xlsxTitles(readFileSync(out))).toEqual(expect.arrayContaining(TITLES));
  });

  it('html: one chart per level after its section, a bar per group and indicator relative to the county mean', () => {
    const html = run([DEMO, '-f', 'html']).stdout;
    const charts = [...html.matchAll(/<figure class="chart" data-chart="locale"([^>]*)>/g)].map((m) => m[1]!);
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain('data-level="primary"');
    expect(charts[0]).toContain('data-series="3"');
    // the demo's junior level has a 乡村 unit with every value: 7 indicators × 3 groups
    const json = runJson([DEMO]).json.counties[0].levels;
    for (const [k, level] of json.entries()) {
      const bars = level.locales.indicators.reduce(
        (a: number, i: any) => a + GROUPS.filter((g) => i.groups[g].mean !== null).length,
        0,
      );
      expect(charts[k]).toContain(`data-bars="${bars}"`);
    }
    const at = html.indexOf('data-chart="locale"');
    expect(html.lastIndexOf('data-section="locale"', at)).toBeGreaterThan(html.lastIndexOf('data-section="cv"', at));
    expect(html.indexOf('data-section="units"', html.lastIndexOf('data-section="locale"', at))).toBeGreaterThan(at);
    expect(html).toContain('全县均值 = 1');
  });

  it('a file without the 城乡 column: no locales field and no section in any format; same exit code as with it', () => {
    const schools = [
      goodPrimary('3301000001', 420, { name: '甲小学', locale: '城区' }),
      goodPrimary('3301000002', 900, { name: '乙小学', locale: '乡村' }),
      goodPrimary('3301000003', 1300, { name: '丙小学', locale: '镇区', sports_area: 1300 }),
      goodPrimary('3301000004', 600, { name: '丁小学', locale: '乡村' }),
    ];
    const withCol = schoolsCsv(tmp, 'with.csv', schools);
    const without = schoolsCsv(
      tmp,
      'without.csv',
      schools.map(({ locale: _l, ...s }) => s),
    );
    const a = runJson([withCol, '--county', '测试县']);
    const b = runJson([without, '--county', '测试县']);
    expect(a.status).toBe(1);
    expect(b.status).toBe(a.status);
    expect(b.json.counties[0].verdict).toBe(a.json.counties[0].verdict);
    expect(b.json.counties[0].checks).toEqual(a.json.counties[0].checks);
    expect(a.json.counties[0].levels[0].locales.units).toEqual({ urban: 1, town: 1, rural: 2, unknown: 0 });
    for (const l of b.json.counties[0].levels) expect(l).not.toHaveProperty('locales');
    expectValid(b.json);
    for (const f of ['text', 'csv', 'markdown', 'html']) {
      expect(run([without, '--county', '测试县', '-f', f]).stdout).not.toContain('城乡对比');
      expect(run([withCol, '--county', '测试县', '-f', f]).stdout).toContain('测试县 小学 城乡对比');
    }
    expect(run([without, '--county', '测试县', '-f', 'html']).stdout).not.toContain('data-chart="locale"');
  });
});
