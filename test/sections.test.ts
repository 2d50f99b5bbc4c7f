// issue 13: the section model built from the demo report (reportSections).
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../src/assess.js';
import { builtInProfile } from '../src/profiles/index.js';
import type { Report } from '../src/report/schema.js';
import { reportHeading, reportSections, SECTION_IDS, type Section } from '../src/render/sections.js';
import { reportDate } from '../src/render/formatters.js';
import { goodPrimary, run, workbook } from './helpers.js';

let report: Report;
let sections: Section[];
const profile = builtInProfile('quality-2017');

beforeAll(async () => {
  const bytes = await readFile('fixtures/demo-county.xlsx');
  report = await assess([{ path: 'demo-county.xlsx', bytes }]);
  sections = reportSections(report, profile);
});

const one = (id: string, level?: string) => {
  const found = sections.filter((s) => s.id === id && (level === undefined || s.level === level));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const col = (s: Section, head: string, group?: string) => {
  const i = s.columns.findIndex((c) => c.head === head && (group === undefined || c.group === group));
  expect(i, `${head} in ${s.title}`).toBeGreaterThanOrEqual(0);
  return i;
};

describe('reportSections: the demo county', () => {
  it('lists the sections in report order, with unique titles naming the county and level', () => {
    expect(sections.map((s) => `${s.id}${s.level ? `:${s.level}` : ''}`)).toEqual([
      'checks',
      'cv:primary',
      'locale:primary', // issue 14: the demo has the 城乡 column
      'units:primary',
      'cv:junior',
      'locale:junior',
      'units:junior',
      'class-size',
      'class-size-schools',
      'school-size',
      'special-rooms',
      'staffing',
      'county-items',
      'excluded',
      'findings',
      'reading',
    ]);
    const titles = sections.map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(one('cv', 'primary').title).toBe('青山县 小学 校际差异系数');
    expect(one('units', 'junior').title).toBe('青山县 初中 学校达标表');
    for (const s of sections) {
      expect(SECTION_IDS).toContain(s.id);
      expect(s.sheet.length).toBeLessThanOrEqual(31);
      // every row as wide as the header
      for (const r of s.rows) expect(r).toHaveLength(s.columns.length);
    }
  });

  it('CV block: 全县平均值 / 标准差 / 差异系数 equal the JSON, 综合 (仅供参考) only on the CV row', () => {
    for (const lv of report.counties[0]!.levels) {
      const s = one('cv', lv.level);
      expect(s.rows.map((r) => r[1]!.v)).toEqual(['全县平均值', '标准差', '差异系数', '限值', '是否达标']);
      expect(s.columns.at(-1)!.head).toBe('综合（仅供参考）');
      expect(s.columns[2]!.format).toEqual({ kind: 'fixed', decimals: 6 });
      for (const [k, ind] of lv.indicators.entries()) {
        expect(s.rows[0]![2 + k]!.v).toBe(ind.mean);
        expect(s.rows[1]![2 + k]!.v).toBe(ind.sd);
        expect(s.rows[2]![2 + k]!.v).toBe(ind.cv);
        expect(s.rows[3]![2 + k]!.v).toBe(ind.cvLimit);
        expect(s.rows[2]![2 + k]!.state).toBe(ind.pass ? 'pass' : 'fail');
      }
      expect(s.rows[0]!.at(-1)!.v).toBeNull();
      expect(s.rows[2]!.at(-1)!.v).toBe(lv.cvMean);
      expect(s.notes.join('\n')).toContain('仅供参考');
    }
    // the demo's 小学 生均体育运动场馆面积 CV is over 0.50
    const sports = col(one('cv', 'primary'), '生均体育运动场馆面积（平方米）');
    expect(one('cv', 'primary').rows[2]![sports]!.state).toBe('fail');
  });

  it('a failing CV that 6 decimals would show at its limit gets more digits', () => {
    const copy: Report = structuredClone(report);
    const ind = copy.counties[0]!.levels[0]!.indicators[0]!;
    Object.assign(ind, { cv: 0.5000001, cvLimit: 0.5, pass: false });
    const cv = reportSections(copy, profile).find((s) => s.id === 'cv')!;
    expect(cv.rows[2]![2]).toEqual({ v: 0.5000001, state: 'fail', format: { kind: 'fixed', decimals: 7 } });
    // a passing CV keeps the column's 6 decimals
    expect(cv.rows[2]![3]!.format).toBeUndefined();
  });

  it('class sizes counted but not judged (bands straddling the limit): the counts, and a note why', () => {
    const copy: Report = structuredClone(report);
    const ch = copy.counties[0]!.checks.find((c) => c.id === 'class-size')!;
    Object.assign(ch, { pass: null, reason: 'band-straddles-limit', failures: [] });
    const s = reportSections(copy, profile).find((x) => x.id === 'class-size')!;
    expect(s.rows).toHaveLength(3);
    expect(s.notes).toContain('未评估：班额分段跨越上限，无法判定（请提供班级表）');
  });

  it('units: one row per unit of the level, with 基本值 | 达标值 | 实际值 | 分子 | 学生数 | 是否达标 per indicator', () => {
    const county = report.counties[0]!;
    for (const lv of county.levels) {
      const s = one('units', lv.level);
      const units = county.units.filter((u) => u.level === lv.level);
      expect(s.rows).toHaveLength(units.length);
      expect(s.rows.map((r) => r[1]!.v)).toEqual(units.map((u) => u.name));
      const group = '生均教学及辅助用房面积（平方米）';
      const heads = s.columns.filter((c) => c.group === group).map((c) => c.head);
      expect(heads).toEqual([
        '基本值',
        '达标值',
        '实际值',
        '教学及辅助用房面积（不含室内体育用房）（平方米）',
        '学生数',
        '是否达标',
      ]);
      const [basic, target, actual, amount, pupils] = ['基本值', '达标值', '实际值', heads[3]!, '学生数'].map((h) =>
        col(s, h, group),
      );
      for (const [n, u] of units.entries()) {
        const ind = u.indicators.find((i) => i.id === 'teaching_area_per_pupil')!;
        const row = s.rows[n]!;
        expect(row[basic!]!.v).toBe(ind.floor);
        expect(row[target!]!.v).toBe(ind.standard);
        expect(row[actual!]!.v).toBe(ind.value);
        // value = numerator × per ÷ pupils
        expect((row[amount!]!.v as number) / (row[pupils!]!.v as number)).toBeCloseTo(ind.value!, 9);
        // a split school's share is fractional: shown to 2 decimals, kept whole in the cell
        const v = row[amount!]!.v as number;
        expect(row[amount!]!.format).toEqual(Number.isInteger(v) ? undefined : { kind: 'fixed', decimals: 2 });
        expect(row[actual!]!.state).toBe(ind.met ? 'pass' : ind.aboveFloor ? 'warn' : 'fail');
        // school verdict: 1 for 达标, 0 for not
        expect(row.at(-2)!.v).toBe(u.pass ? 1 : 0);
        expect(row.at(-1)!.v).toBe(`${u.sheet}!${u.row}`);
      }
    }
    expect(
      one('units', 'primary').rows.some((r) => r.some((c) => c.format?.kind === 'fixed' && c.format.decimals === 2)),
    ).toBe(true); // the demo's 九年一贯制 schools are split
    // the per-100 numerator says what it counts
    expect(one('units', 'primary').columns.map((c) => c.head)).toContain('高于规定学历教师数（人）');
  });

  it('checks count class size in classes, the other school checks in schools', () => {
    const s = one('checks');
    const county = report.counties[0]!;
    const row = (name: string) => s.rows.find((r) => r[0]!.v === name)!;
    expect(row('班额')[3]!.v).toBe(county.classSize.overLimit);
    expect(county.classSize.overLimit).toBe(23);
    expect(row('学校规模')[3]!.v).toBe(1);
    expect(row('生师比')[2]!.v).toBe('参考');
  });

  it('class size per level counts classes, with shares; the schools over the limit with their largest class', () => {
    const county = report.counties[0]!;
    const s = one('class-size');
    expect(s.rows.map((r) => r[0]!.v)).toEqual(['小学', '初中', '合计']);
    expect(s.rows[2]![1]!.v).toBe(county.classSize.classes);
    expect(s.rows[2]![2]!.v).toBe(county.classSize.overLimit);
    expect(s.rows[2]![3]!.v).toBe(county.classSize.overLimitShare);
    expect(s.columns[3]!.format).toEqual({ kind: 'percent', decimals: 1 });
    const schools = one('class-size-schools');
    const over = county.units.filter((u) => (u.classSize?.overLimit ?? 0) > 0);
    expect(schools.rows.map((r) => r[0]!.v)).toEqual(over.map((u) => u.name));
    expect(schools.rows.map((r) => r[6]!.v)).toEqual(over.map((u) => u.classSize!.largest));
  });

  it('every excluded school is listed with its reason in words', () => {
    const s = one('excluded');
    const county = report.counties[0]!;
    expect(county.excluded.length).toBeGreaterThan(0);
    expect(s.rows.map((r) => r[1]!.v)).toEqual(county.excluded.map((e) => e.code));
    expect(s.rows.map((r) => r.at(-1)!.v)).toEqual(['不足50人的教学点', '特殊教育学校']);
  });

  it('county items list every item of the parts, not-assessed ones with why', () => {
    const s = one('county-items');
    const items = report.counties[0]!.parts!.flatMap((p) => p.items);
    expect(s.rows).toHaveLength(items.length);
    expect(s.rows.filter((r) => r[5]!.v === '未提供县域指标表').length).toBeGreaterThan(0);
  });

  it('findings are located; reading lists each sheet read', () => {
    const f = one('findings');
    expect(f.rows).toHaveLength(report.findings.length);
    expect(f.rows[0]![1]!.v).toBe(report.findings[0]!.code);
    const r = one('reading');
    expect(r.rows.map((x) => x[1]!.v)).toEqual(['学校', '班级']);
  });

  it('English: no Chinese in the words of titles and heads (county names are data)', () => {
    const en = reportSections({ ...report, lang: 'en' }, profile);
    expect(en.find((s) => s.id === 'cv')!.title).toBe('青山县 Primary variation coefficients');
    const cjk = /[\u4e00-\u9fff（）：]/;
    for (const s of en) {
      expect(s.title.replace('青山县', '')).not.toMatch(cjk);
      for (const c of s.columns) expect(`${c.head}${c.group ?? ''}`).not.toMatch(cjk);
    }
  });

  it('a heading with the standard, the county and the date when given', () => {
    const h = reportHeading(report, profile, '2026-11-29');
    expect(h.lines).toContain('填报单位：青山县');
    expect(h.lines).toContain('生成日期：2026-11-29');
    expect(reportHeading(report, profile).lines.join('\n')).not.toContain('生成日期');
  });
});

describe('reportDate', () => {
  it('SOURCE_DATE_EPOCH (UTC) when set, else the local date', () => {
    expect(reportDate({ SOURCE_DATE_EPOCH: '0' })).toBe('1970-01-01');
    expect(reportDate({ SOURCE_DATE_EPOCH: '1796083199' })).toBe('2026-11-30');
    expect(reportDate({}, new Date(2026, 10, 29, 23, 59))).toBe('2026-11-29');
    expect(reportDate({ SOURCE_DATE_EPOCH: 'x' }, new Date(2026, 0, 2))).toBe('2026-01-02');
  });
});

describe('reportSections: sections with nothing to list, or not assessed', () => {
  /** A report of the demo's shape around the counties of a workbook. */
  const reportOf = (wb: ReturnType<typeof workbook>, p = profile): Report => {
    const { meta: _meta, ...rest } = report;
    return { ...rest, standard: p.id, counties: run(wb, p).counties, findings: [], inputs: [] };
  };
  const wb = () =>
    workbook([
      goodPrimary('3301000001', 500),
      goodPrimary('3301000002', 600),
      // 4.4999 ㎡ a pupil against 4.5: shown as 4.4999, never as 4.50
      goodPrimary('3301000003', 10000, { teaching_area: 44999 }),
    ]);

  it('no class sheet: class size is 未评估 with the reason; a level without units has a note and no rows', async () => {
    const report = reportOf(wb());
    const s = reportSections(report, profile);
    const classSize = s.find((x) => x.id === 'class-size')!;
    expect(classSize.rows).toEqual([]);
    expect(classSize.notes).toContain('未评估：没有班级数据（未提供班级表，或班级表没有班级行）');
    const schools = s.find((x) => x.id === 'class-size-schools')!;
    expect(schools.rows).toEqual([]);
    expect(schools.notes[0]).toMatch(/^未评估：/);
    for (const l of report.counties[0]!.levels.filter((x) => x.unitCount === 0)) {
      const cv = s.find((x) => x.id === 'cv' && x.level === l.level)!;
      expect(cv.rows).toEqual([]);
      expect(cv.notes).toEqual(['未评估：该学段无参评学校']);
    }
    // nothing excluded: no 不参评学校 section; no finding: the note 无
    expect(s.some((x) => x.id === 'excluded')).toBe(false);
    expect(s.find((x) => x.id === 'school-size')!.rows).toHaveLength(1); // the 10 000-pupil school
    expect(s.find((x) => x.id === 'special-rooms')!.notes).toContain('无');
  });

  it('a failing value its decimals would round up to the standard gets more digits', async () => {
    const s = reportSections(reportOf(wb()), profile);
    const units = s.find((x) => x.id === 'units' && x.level === 'primary')!;
    const i = units.columns.findIndex((c) => c.head === '实际值' && c.group === '生均教学及辅助用房面积（平方米）');
    const row = units.rows.find((r) => r[2]!.v === '3301000003')!;
    expect(row[i]!.v).toBeCloseTo(4.4999, 12);
    expect(row[i]!.state).toBe('warn');
    expect(row[i]!.format).toEqual({ kind: 'fixed', decimals: 4 });
    expect(units.columns[i]!.format).toEqual({ kind: 'fixed', decimals: 2 });
  });

  it('basic-2012: no per-school standards, so 实际值 | 分子 | 学生数 per indicator and no verdict columns', async () => {
    const basic = builtInProfile('basic-2012');
    const s = reportSections(reportOf(wb(), basic), basic);
    const units = s.find((x) => x.id === 'units' && x.level === 'primary')!;
    const heads = units.columns.map((c) => c.head);
    expect(heads).not.toContain('基本值');
    expect(heads).not.toContain('是否达标');
    expect(units.columns.filter((c) => c.group).length).toBe(basic.indicators.length * 3);
    const cv = s.find((x) => x.id === 'cv' && x.level === 'primary')!;
    expect(cv.columns.at(-1)!.head).toBe('综合');
    expect(cv.rows[3]!.at(-1)!.v).toBe(basic.cv.composite!.limits.primary);
  });

  it('two counties of one name from one file still get titles of their own', async () => {
    const report = reportOf(wb());
    const twice = { ...report, counties: [report.counties[0]!, report.counties[0]!] };
    const titles = reportSections(twice, profile).map((x) => x.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toContain('测试县 各项检查 (2)');
  });
});
