import { describe, it, expect } from 'vitest';
import { workbook, goodPrimary, run } from './helpers.js';
import { mapWorkbook } from '../src/map/index.js';
import { validate } from '../src/validate/index.js';
import { buildUnits } from '../src/units/index.js';
import { builtInProfile } from '../src/profiles/index.js';

const profile = builtInProfile('quality-2017');
const unitsOf = (wb: ReturnType<typeof workbook>) =>
  buildUnits(validate(mapWorkbook(wb).tables, profile), profile, '测试县');

const nineYear = (whole: Record<string, number>, own: Record<string, number> = {}) =>
  workbook([
    { code: '3301000001', name: '九年制', type: '九年一贯制学校', level: '小学', students: 166, teachers: 12, ...own },
    { code: '3301000001', name: '九年制', type: '九年一贯制学校', level: '初中', students: 210, teachers: 18 },
    { code: '3301000001', name: '九年制', type: '九年一贯制学校', level: '全校', ...whole },
  ]);

describe('splitting shared facilities (docs/rules.md §1)', () => {
  it('splits 23 226 books of a nine-year school 166 : 1.1·210 into 9 711.6 and 13 514.4', () => {
    const { units } = unitsOf(nineYear({ books: 23226 }));
    const primary = units.find((u) => u.level === 'primary')!;
    const junior = units.find((u) => u.level === 'junior')!;
    expect(primary.quantities.books).toBeCloseTo(9711.6, 1);
    expect(junior.quantities.books).toBeCloseTo(13514.4, 1);
    // Full precision kept: the parts add back to the whole.
    expect(primary.quantities.books! + junior.quantities.books!).toBeCloseTo(23226, 9);
    expect(primary.quantities.books! / 166).toBeCloseTo(23226 / (166 + 1.1 * 210), 12);
  });

  it('gives a level its own figure plus its share of the 全校 figure', () => {
    const { units } = unitsOf(nineYear({ books: 23226 }, { books: 1000 }));
    expect(units.find((u) => u.level === 'primary')!.quantities.books).toBeCloseTo(10711.6, 1);
  });

  it('takes the senior part’s share out of a complete secondary school (junior 1 : senior 1.2)', () => {
    const wb = workbook([
      { code: '3301000002', name: '完中', type: '完全中学', level: '初中', students: 1000, teachers: 80 },
      { code: '3301000002', name: '完中', type: '完全中学', level: '高中', students: 1000 },
      { code: '3301000002', name: '完中', type: '完全中学', level: '全校', teaching_area: 22000 },
    ]);
    const { units } = unitsOf(wb);
    expect(units).toHaveLength(1);
    expect(units[0]!.quantities.teachingArea).toBeCloseTo(10000, 9); // 22000 · 1/(1+1.2)
  });

  it('moves indoor sports rooms from the teaching area to the sports area', () => {
    const wb = workbook([
      goodPrimary('3301000003', 1000, { teaching_area: 6000, indoor_sports_area: 800, sports_area: 7000 }),
    ]);
    const u = unitsOf(wb).units[0]!;
    expect(u.quantities.teachingArea).toBe(5200);
    expect(u.quantities.sportsArea).toBe(7800);
  });

  it('counts degrees from the breakdown by level: primary 专科 and above, junior 本科 and above', () => {
    const wb = workbook([
      {
        code: '3301000004',
        name: '九年制',
        type: '九年一贯制学校',
        level: '小学',
        students: 500,
        teachers: 30,
        postgrad_teachers: 2,
        bachelor_teachers: 20,
        associate_teachers: 8,
      },
      {
        code: '3301000004',
        name: '九年制',
        type: '九年一贯制学校',
        level: '初中',
        students: 400,
        teachers: 30,
        postgrad_teachers: 3,
        bachelor_teachers: 22,
        associate_teachers: 5,
      },
    ]);
    const { units } = unitsOf(wb);
    expect(units.find((u) => u.level === 'primary')!.quantities.qualifiedTeachers).toBe(30);
    expect(units.find((u) => u.level === 'junior')!.quantities.qualifiedTeachers).toBe(25);
  });

  it('counts visiting PE/art teachers only for rural units of 50–99 pupils', () => {
    const base = { pe_teachers: 0, music_teachers: 0, art_teachers: 0, visiting_pe_art_teachers: 1 };
    const wb = workbook([
      goodPrimary('3301000005', 80, { ...base, locale: '乡村' }),
      goodPrimary('3301000006', 120, { ...base, locale: '乡村' }),
      goodPrimary('3301000007', 80, { ...base, locale: '城区' }),
    ]);
    const q = unitsOf(wb).units.map((u) => u.quantities.peArtTeachers);
    expect(q).toEqual([1, 0, 0]);
  });
});

describe('scope (quality-2017 defaults)', () => {
  it('lists special-education schools and teaching points under 50 with reasons; keeps a 50-pupil teaching point', () => {
    const wb = workbook([
      goodPrimary('3301000010', 600),
      goodPrimary('3301000011', 49, { type: '教学点' }),
      goodPrimary('3301000012', 50, { type: '教学点' }),
      { ...goodPrimary('3301000013', 80, { type: '特殊教育学校' }), level: '小学' },
    ]);
    const { units, excluded } = unitsOf(wb);
    expect(units.map((u) => u.code)).toEqual(['3301000010', '3301000012']);
    expect(excluded.map((e) => [e.code, e.reason])).toEqual([
      ['3301000011', 'teaching-point-under-50'],
      ['3301000013', 'special-education'],
    ]);
    const county = run(wb).counties[0]!;
    expect(county.excluded.map((e) => e.reason)).toEqual(['teaching-point-under-50', 'special-education']);
  });
});
