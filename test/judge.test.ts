import { describe, it, expect } from 'vitest';
import { workbook, goodPrimary, run } from './helpers.js';
import { atLeast, atMost } from '../src/judge/compare.js';

const unitOf = (over: Record<string, number | string>) => {
  const { counties } = run(workbook([goodPrimary('3301000001', 10000, over), goodPrimary('3301000002', 800)]));
  return counties[0]!.units.find((u) => u.code === '3301000001')!;
};
const indicator = (u: ReturnType<typeof unitOf>, id: string) => u.indicators.find((i) => i.id === id)!;

describe('per-school rule: ≥ 6 of 7 standards, each unmet one ≥ 85 %', () => {
  it('a value equal to the standard meets it (以上 includes the boundary)', () => {
    const u = unitOf({ teaching_area: 45000 }); // 4.5 m² per pupil, standard 4.5
    expect(indicator(u, 'teaching_area_per_pupil')).toMatchObject({ value: 4.5, standard: 4.5, met: true });
    expect(u.pass).toBe(true);
  });

  it('exactly 85 % of a standard passes as the one unmet standard', () => {
    const u = unitOf({ teaching_area: 38250 }); // 3.825 = 0.85 × 4.5
    expect(indicator(u, 'teaching_area_per_pupil')).toMatchObject({ met: false, aboveFloor: true, floor: 3.825 });
    expect(u.met).toBe(6);
    expect(u.pass).toBe(true);
  });

  it('85 % where 0.85 × standard is not exact in binary (4.2 → 3.57) still passes', () => {
    const u = unitOf({ qualified_teachers: 357 }); // 3.57 per 100
    expect(indicator(u, 'qualified_teachers_per100')).toMatchObject({ floor: 3.57, met: false, aboveFloor: true });
    expect(u.pass).toBe(true);
  });

  it('84.9 % of a standard fails', () => {
    const u = unitOf({ teaching_area: 38205 }); // 3.8205 = 0.849 × 4.5
    expect(indicator(u, 'teaching_area_per_pupil')).toMatchObject({ met: false, aboveFloor: false });
    expect(u.pass).toBe(false);
  });

  it('two unmet standards fail even when both are above 85 %', () => {
    const u = unitOf({ teaching_area: 40000, sports_area: 70000 });
    expect(u.met).toBe(5);
    expect(u.pass).toBe(false);
  });

  it('publishes the primary floors of docs/rules.md: 3.57, 0.85, 0.765, 3.825, 6.375, 1700, 1.955', () => {
    const u = unitOf({});
    expect(u.indicators.map((i) => i.floor)).toEqual([3.57, 0.85, 0.765, 3.825, 6.375, 1700, 1.955]);
  });

  it('comparisons tolerate only binary noise, not real shortfalls', () => {
    expect(atLeast(0.85 * 4.2, 3.57)).toBe(true);
    expect(atLeast(3.5699, 3.57)).toBe(false);
    expect(atMost(0.5, 0.5)).toBe(true);
    expect(atMost(0.5001, 0.5)).toBe(false);
  });
});

describe('the CV check of a county with one school per level', () => {
  it('is not assessed, with the reason single-unit (never a silent pass)', () => {
    const { counties } = run(workbook([goodPrimary('3301000001', 800)]));
    expect(counties[0]!.checks.find((c) => c.id === 'cv')).toMatchObject({
      pass: null,
      reason: 'single-unit',
      assessed: 'none',
    });
  });
});

describe('class size (docs/rules.md §5)', () => {
  const classSizes = (level: '小学' | '初中', sizes: number[]) => {
    const school =
      level === '小学'
        ? goodPrimary(
            '3301000001',
            sizes.reduce((a, s) => a + s, 0),
            { classes: sizes.length },
          )
        : {
            ...goodPrimary(
              '3301000001',
              sizes.reduce((a, s) => a + s, 0),
              { classes: sizes.length },
            ),
            type: '初级中学',
          };
    const classes = sizes.map((s, i) => ({
      code: '3301000001',
      grade: level === '小学' ? '一年级' : '七年级',
      class: `${i + 1}班`,
      students: s,
    }));
    return run(workbook([school], classes)).counties[0]!;
  };

  it('primary: 45 is within the limit, 46 is over it', () => {
    expect(classSizes('小学', [45]).classSize).toMatchObject({ classes: 1, overLimit: 0 });
    expect(classSizes('小学', [46]).classSize).toMatchObject({ classes: 1, overLimit: 1, large: 0 });
  });

  it('junior: 50 is within the limit, 51 is over it', () => {
    expect(classSizes('初中', [50]).classSize).toMatchObject({ overLimit: 0 });
    expect(classSizes('初中', [51]).classSize).toMatchObject({ overLimit: 1 });
  });

  it('大班额 is 56–65, 超大班额 66 and more: 55/56 and 65/66', () => {
    const c = classSizes('小学', [55, 56, 65, 66]);
    expect(c.classSize).toMatchObject({ classes: 4, overLimit: 4, large: 2, superLarge: 1 });
    expect(c.checks.find((x) => x.id === 'class-size')).toMatchObject({ pass: false });
    expect(c.verdict).toBe('fail');
  });

  it('is not assessed (neither pass nor fail) without a class sheet', () => {
    const c = run(workbook([goodPrimary('3301000001', 400), goodPrimary('3301000002', 500)])).counties[0]!;
    expect(c.checks.find((x) => x.id === 'class-size')).toMatchObject({ pass: null, reason: 'no-class-data' });
    expect(c.classSize.assessed).toBe(false);
  });
});

describe('school size and music/art rooms', () => {
  it('a primary school of 2000 pupils is within the limit, 2001 is over it', () => {
    const check = (n: number) =>
      run(workbook([goodPrimary('3301000001', n), goodPrimary('3301000002', 500)])).counties[0]!.checks.find(
        (c) => c.id === 'school-size',
      )!;
    expect(check(2000).pass).toBe(true);
    expect(check(2001)).toMatchObject({ pass: false, failures: [{ code: '3301000001', value: 2001, limit: 2000 }] });
  });

  it('needs one room of each kind per 12 classes: 12 classes → 1, 13 → 2', () => {
    const check = (classes: number) =>
      run(
        workbook([
          goodPrimary('3301000001', 500, { classes, music_rooms: 1, art_rooms: 1 }),
          goodPrimary('3301000002', 500),
        ]),
      ).counties[0]!.checks.find((c) => c.id === 'special-rooms')!;
    expect(check(12).pass).toBe(true);
    expect(check(13)).toMatchObject({ pass: false });
    expect(check(13).failures.map((f) => f.detail)).toEqual(['music', 'art']);
  });
});

describe('staffing (advisory)', () => {
  it('reports the teacher shortfall ceil(P / 19) − teachers without failing the county', () => {
    const c = run(
      workbook([
        goodPrimary('3301000001', 1900, { teachers: 95, qualified_teachers: 90 }),
        goodPrimary('3301000002', 500),
      ]),
    ).counties[0]!;
    const u = c.units.find((x) => x.code === '3301000001')!;
    expect(u.staffing).toMatchObject({ ratio: 20, norm: 19, shortfall: 5 });
    expect(c.checks.find((x) => x.id === 'staffing')).toMatchObject({ pass: false, binding: false });
    expect(c.verdict).toBe('pass');
  });
});

describe('CV rule', () => {
  it('fails a level when one CV exceeds its limit, and the county with it', () => {
    const c = run(
      workbook([
        goodPrimary('3301000001', 1000, { sports_area: 1000 }),
        goodPrimary('3301000002', 1000, { sports_area: 30000 }),
      ]),
    ).counties[0]!;
    const level = c.levels.find((l) => l.level === 'primary')!;
    const sports = level.indicators.find((i) => i.id === 'sports_area_per_pupil')!;
    expect(sports.cv).toBeGreaterThan(0.5);
    expect(sports.pass).toBe(false);
    expect(level.pass).toBe(false);
    expect(c.checks.find((x) => x.id === 'cv')!.failures).toEqual([
      { level: 'primary', indicator: 'sports_area_per_pupil', value: sports.cv, limit: 0.5 },
    ]);
  });

  it('does not judge a level without units (and says so)', () => {
    const c = run(workbook([goodPrimary('3301000001', 1000), goodPrimary('3301000002', 900)])).counties[0]!;
    expect(c.levels.find((l) => l.level === 'junior')).toMatchObject({ unitCount: 0, pass: null, reason: 'no-units' });
  });
});
