// issue 14 (城乡 in the assessment report): levels[].locales from the compute stage, against a hand computation;
// the section; no field and no section without the 城乡 column; the verdict never changes because of it.
import { describe, expect, it } from 'vitest';
import { localeFigures, localeGaps } from '../src/compute/locale.js';
import { builtInProfile } from '../src/profiles/index.js';
import type { Report } from '../src/report/schema.js';
import { reportSections } from '../src/render/sections.js';
import { CountyLevel } from '../src/report/schema.js';
import { goodPrimary, run, workbook } from './helpers.js';

const profile = builtInProfile('quality-2017');
type Row = Record<string, string | number | null | undefined>;

// 生均体育运动场馆面积 = sports_area ÷ pupils:
//   城区 A 6 (100 pupils), B 10 (300): mean (600 + 3000) / 400 = 9, variance ¼·3² + ¾·1² = 3, CV √3 / 9
//   镇区 C 12 (200): one school, mean 12, no CV
//   乡村 D 15 (100), E 25 (100): mean 20, variance ½·5² + ½·5² = 25, CV 5 / 20 = 0.25
//   F (200 pupils, 9) has a blank 城乡: in no group
const rows: Row[] = [
  goodPrimary('3301000001', 100, { locale: '城区', sports_area: 600 }),
  goodPrimary('3301000002', 300, { locale: '城区', sports_area: 3000 }),
  goodPrimary('3301000003', 200, { locale: '镇区', sports_area: 2400 }),
  goodPrimary('3301000004', 100, { locale: '乡村', sports_area: 1500 }),
  goodPrimary('3301000005', 100, { locale: '乡村', sports_area: 2500 }),
  goodPrimary('3301000006', 200, { locale: null, sports_area: 1800 }),
];
const county = (r: Row[]) => run(workbook(r)).counties[0]!;
const primary = (r: Row[]) => county(r).levels.find((l) => l.level === 'primary')!;
const sports = (l: CountyLevel) => l.locales!.indicators.find((i) => i.id === 'sports_area_per_pupil')!;

describe('城乡 figures in the assessment report (levels[].locales)', () => {
  it('means and CVs per group equal a hand computation; the ratio is 乡村 mean ÷ 城区 mean', () => {
    const level = primary(rows);
    expect(level.locales!.units).toEqual({ urban: 2, town: 1, rural: 2, unknown: 1 });
    const s = sports(level);
    expect(s.groups.urban.units).toBe(2);
    expect(s.groups.urban.mean).toBeCloseTo(9, 12);
    expect(s.groups.urban.cv).toBeCloseTo(Math.sqrt(3) / 9, 12);
    expect(s.groups.town).toEqual({ units: 1, mean: 12, cv: null });
    expect(s.groups.rural.mean).toBeCloseTo(20, 12);
    expect(s.groups.rural.cv).toBeCloseTo(0.25, 12);
    expect(s.ruralToUrban).toBeCloseTo(20 / 9, 12);
    // The county mean still counts every unit, F included: (600+3000+2400+1500+2500+1800) / 1000.
    expect(level.indicators.find((i) => i.id === 'sports_area_per_pupil')!.mean).toBeCloseTo(11.8, 12);
    expect(CountyLevel.safeParse(level).success).toBe(true);
  });

  it('the statistics’ 城乡分类 words and codes map to 城区 / 镇区 / 乡村', () => {
    const coded = rows.map((r, i) => ({ ...r, locale: ['111', '城乡结合区', '镇中心区', 220, '村庄', null][i] }));
    const r = run(workbook(coded));
    expect(r.findings.filter((f) => f.code === 'invalid-value')).toEqual([]);
    expect(r.counties[0]!.levels[0]!.locales).toEqual(primary(rows).locales);
  });

  it('an unrecognised 城乡 value is a located finding and the unit is counted as unknown, never put in a group', () => {
    const odd = rows.map((r, i) => (i === 0 ? { ...r, locale: '城郊' } : r));
    const r = run(workbook(odd));
    expect(r.findings.some((f) => f.code === 'invalid-value' && f.value === '城郊')).toBe(true);
    const l = r.counties[0]!.levels[0]!;
    expect(l.locales!.units).toEqual({ urban: 1, town: 1, rural: 2, unknown: 2 });
    expect(sports(l).groups.urban).toEqual({ units: 1, mean: 10, cv: null });
  });

  it('without the 城乡 column: no locales field and no section; with the column all blank: every unit unknown', () => {
    const without = rows.map(({ locale: _locale, ...r }) => r);
    const c = county(without);
    for (const l of c.levels) expect('locales' in l).toBe(false);
    const report = { lang: 'zh', counties: [c], findings: [], inputs: [], standard: profile.id } as unknown as Report;
    expect(reportSections(report, profile).some((s) => s.id === 'locale')).toBe(false);
    // the column is there (its header), every cell blank
    const blank = primary(rows.map((r) => ({ ...r, locale: null })));
    expect(blank.locales!.units).toEqual({ urban: 0, town: 0, rural: 0, unknown: 6 });
    expect(sports(blank).groups.urban).toEqual({ units: 0, mean: null, cv: null });
    expect(sports(blank).ruralToUrban).toBeNull();
  });

  it('the verdict, checks and CVs are the same with and without the column (information only)', () => {
    const strip = (c: ReturnType<typeof county>) => ({
      ...c,
      levels: c.levels.map(({ locales: _l, ...l }) => l),
      units: c.units.map((u) => ({ ...u, locale: null })),
    });
    // a failing county: one school far below the sports-area standard
    const failing = rows.map((r, i) => (i === 1 ? { ...r, sports_area: 300 } : r));
    const withColumn = county(failing);
    expect(withColumn.verdict).toBe('fail');
    expect(strip(withColumn)).toEqual(strip(county(failing.map(({ locale: _locale, ...r }) => r))));
  });

  it('the section: per indicator the county mean, 学校数 | 均值 | 差异系数 per group, 乡村/城区, and its notes', () => {
    const c = county(rows);
    const report = { lang: 'zh', counties: [c], findings: [], inputs: [], standard: profile.id } as unknown as Report;
    const s = reportSections(report, profile).filter((x) => x.id === 'locale');
    expect(s.map((x) => x.title)).toEqual(['测试县 小学 城乡对比']);
    const [sec] = s;
    expect(sec!.columns.map((col) => `${col.group ?? ''}${col.head}`)).toEqual([
      '指标',
      '全县均值',
      '城区学校数',
      '城区均值',
      '城区差异系数',
      '镇区学校数',
      '镇区均值',
      '镇区差异系数',
      '乡村学校数',
      '乡村均值',
      '乡村差异系数',
      '乡村/城区',
    ]);
    expect(sec!.rows).toHaveLength(profile.indicators.length);
    const row = sec!.rows.find((r) => r[0]!.v === '生均体育运动场馆面积（平方米）')!;
    expect(row.map((x) => x.v)).toEqual([
      '生均体育运动场馆面积（平方米）',
      c.levels[0]!.indicators.find((i) => i.id === 'sports_area_per_pupil')!.mean,
      2,
      sports(c.levels[0]!).groups.urban.mean,
      sports(c.levels[0]!).groups.urban.cv,
      1,
      12,
      null,
      2,
      sports(c.levels[0]!).groups.rural.mean,
      sports(c.levels[0]!).groups.rural.cv,
      sports(c.levels[0]!).ruralToUrban,
    ]);
    // no cell is judged
    expect(sec!.rows.flat().some((x) => x.state !== undefined)).toBe(false);
    expect(sec!.notes).toEqual([
      '城区 2 所，镇区 1 所，乡村 2 所',
      '另有 1 所学校的城乡未填或无法识别（应为城区、镇区、乡村或城乡分类代码），不计入任何一组',
      '各组均值按在校生数加权，组内差异系数与全县差异系数公式相同，只计该组学校；乡村/城区为乡村均值 ÷ 城区均值',
      '仅供参考，不作判定，不影响结论',
    ]);
  });

  it('plan reuses the computation: localeGaps is localeFigures per level, in plan’s shape', () => {
    const units = [
      { level: 'primary', locale: 'urban', students: 100, quantities: { sportsArea: 600 } },
      { level: 'primary', locale: 'rural', students: 100, quantities: { sportsArea: 2000 } },
      { level: 'junior', students: 100, quantities: { sportsArea: 900 } },
    ] as unknown as Parameters<typeof localeGaps>[0];
    const gaps = localeGaps(units, profile);
    expect(gaps.map((g) => g.level)).toEqual(['primary', 'junior']);
    expect(gaps[0]!.indicators).toEqual(localeFigures(units.slice(0, 2), profile).indicators);
    expect(Object.keys(gaps[0]!)).toEqual(['level', 'indicators']);
    const s = gaps[0]!.indicators.find((i) => i.id === 'sports_area_per_pupil')!;
    expect(s.ruralToUrban).toBeCloseTo(20 / 6, 12);
    expect(
      localeGaps(
        units.map((u) => ({ ...u, locale: undefined })),
        profile,
      ),
    ).toEqual([]);
  });
});
