// Per-check table tests in ESLint's RuleTester style: for every check in the registry, cases that pass (valid),
// fail (invalid) and are not assessed, each run through the real stages up to the figures and then the check's
// own pure `run`. Boundaries: 45/46 primary, 50/51 junior, 55/56 large, 65/66 super-large, a value equal to a
// standard, exactly 85 %.
import { describe, it, expect } from 'vitest';
import { CHECKS, CHECK_IDS, type CheckModule } from '../src/judge/checks/index.js';
import { judgeLevel, judgeUnit, failedRules } from '../src/judge/index.js';
import { mapWorkbook } from '../src/map/index.js';
import { validate } from '../src/validate/index.js';
import { buildUnits } from '../src/units/index.js';
import { computeCounty } from '../src/compute/index.js';
import { builtInProfile } from '../src/profiles/index.js';
import { profileFrom } from '../src/profiles/load.js';
import type { Profile } from '../src/profiles/schema.js';
import type { Check } from '../src/report/schema.js';
import { workbook, goodPrimary } from './helpers.js';
import { labelOf } from '../src/i18n/messages.js';
import { reportMeta } from '../src/report/meta.js';

type Row = Record<string, string | number | null | undefined>;
interface Case {
  name: string;
  schools: Row[];
  classes?: Row[];
  /** Overrides on the base standard, as a profile file would write them. */
  profile?: Record<string, unknown>;
  /** Fields the check must have (toMatchObject). */
  expect?: Partial<Check>;
}

const quality = builtInProfile('quality-2017');
const profileOf = (c: Case, base: string) =>
  c.profile ? profileFrom({ extends: base, ...c.profile }, 'test.json') : builtInProfile(base);

/** The figures of the case's one county, judged levels and units, then the check's own run. */
function runCheck(
  check: CheckModule,
  c: Case,
  base: string,
): { result: Check; profile: Profile; levels: ReturnType<typeof judgeLevel>[] } {
  const profile = profileOf(c, base);
  const { tables } = mapWorkbook(workbook(c.schools, c.classes));
  const units = buildUnits(validate(tables, profile), profile, '测试县');
  const f = computeCounty('测试县', units.units, units.schools, units.hasClassSizes, profile);
  const levels = f.levels.map((l) => judgeLevel(l, profile));
  return {
    result: check.run(
      f,
      levels,
      f.units.map((u) => judgeUnit(u, profile)),
      profile,
    ),
    profile,
    levels,
  };
}

/** ESLint's RuleTester: valid cases pass, invalid ones fail, notAssessed ones are null with a reason. */
function checkTester(id: string, base: string, cases: { valid: Case[]; invalid: Case[]; notAssessed: Case[] }) {
  const check = CHECKS.find((c) => c.id === id)!;
  describe(`check ${id}`, () => {
    it('is in the registry and enabled by its standard', () => {
      expect(check?.id).toBe(id);
      expect(check.enabled(builtInProfile(base))).toBe(true);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const { result } = runCheck(check, c, base);
        expect(result).toMatchObject({ id, pass: true, failures: [], ...c.expect });
        expect(result.assessed).not.toBe('none');
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const { result } = runCheck(check, c, base);
        expect(result).toMatchObject({ id, pass: false, ...c.expect });
        expect(result.failures.length).toBeGreaterThan(0);
      });
    }
    for (const c of cases.notAssessed) {
      it(`not assessed: ${c.name}`, () => {
        const { result } = runCheck(check, c, base);
        expect(result).toMatchObject({ id, pass: null, assessed: 'none', failures: [], ...c.expect });
      });
    }
  });
}

const P = (code: string, students: number, over: Row = {}) => goodPrimary(code, students, over);
/** A junior school meeting every quality-2017 junior standard comfortably. */
const J = (code: string, students: number, over: Row = {}): Row =>
  goodPrimary(code, students, {
    type: '初级中学',
    teachers: Math.ceil(students / 12),
    qualified_teachers: Math.ceil(students * 0.07),
    teaching_area: students * 6.5,
    sports_area: students * 11,
    equipment_value: students * 3000,
    ...over,
  });
/** Class rows: one per size. */
const classes = (code: string, level: string, sizes: number[]): Row[] =>
  sizes.map((s, i) => ({
    code,
    level,
    grade: level === '初中' ? '七年级' : '一年级',
    class: `${i + 1}班`,
    students: s,
  }));
const two = [P('3301000001', 800), P('3301000002', 1000)];

checkTester('cv', 'quality-2017', {
  valid: [
    { name: 'two alike schools', schools: two },
    // |9 − 3| ÷ (9 + 3) = 0.5: a CV equal to the limit meets it.
    {
      name: 'a CV equal to the limit (0.50)',
      schools: [P('3301000001', 1000, { teaching_area: 9000 }), P('3301000002', 1000, { teaching_area: 3000 })],
    },
  ],
  invalid: [
    {
      name: 'a CV over the limit',
      schools: [P('3301000001', 1000, { teaching_area: 9100 }), P('3301000002', 1000, { teaching_area: 2900 })],
      expect: {
        failures: [
          { level: 'primary', indicator: 'teaching_area_per_pupil', value: expect.closeTo(0.5167, 3), limit: 0.5 },
        ] as never,
      },
    },
  ],
  notAssessed: [
    {
      name: 'one school per level (a CV needs two)',
      schools: [P('3301000001', 800)],
      expect: { reason: 'single-unit' },
    },
  ],
});

checkTester('composite', 'basic-2012', {
  valid: [
    {
      name: 'two alike schools',
      schools: two.map((s) => ({ ...s, computers: 100, books: 20000, titled_teachers: 30 })),
    },
  ],
  invalid: [
    {
      name: 'the mean of the CVs over 0.65',
      schools: [
        P('3301000001', 1000, {
          computers: 200,
          books: 90000,
          titled_teachers: 90,
          teaching_area: 20000,
          sports_area: 40000,
          equipment_value: 9e6,
          teachers: 200,
          qualified_teachers: 150,
        }),
        P('3301000002', 1000, {
          computers: 5,
          books: 1000,
          titled_teachers: 2,
          teaching_area: 500,
          sports_area: 900,
          equipment_value: 1e5,
          teachers: 10,
          qualified_teachers: 3,
        }),
      ],
      expect: { failures: [{ level: 'primary', limit: 0.65, value: expect.any(Number) }] as never },
    },
  ],
  notAssessed: [
    {
      name: 'one school per level',
      schools: [{ ...P('3301000001', 800), computers: 100, books: 20000, titled_teachers: 30 }],
    },
  ],
});

checkTester('per-school', 'quality-2017', {
  valid: [
    {
      name: 'a value equal to the standard meets it (4.5 m²)',
      schools: [P('3301000001', 10000, { teaching_area: 45000 })],
    },
    {
      name: 'exactly 85 % of a standard as the one unmet (3.825 = 0.85 × 4.5)',
      schools: [P('3301000001', 10000, { teaching_area: 38250 })],
    },
    {
      name: '85 % not exact in binary (0.85 × 4.2 = 3.57)',
      schools: [P('3301000001', 10000, { qualified_teachers: 357 })],
    },
  ],
  invalid: [
    {
      name: '84.9 % of a standard',
      schools: [P('3301000001', 10000, { teaching_area: 38205 })],
      expect: {
        failures: [{ code: '3301000001', level: 'primary', value: 6, detail: 'teaching_area_per_pupil' }] as never,
      },
    },
    {
      name: 'two unmet standards, both above 85 %',
      schools: [P('3301000001', 10000, { teaching_area: 40000, sports_area: 70000 })],
      expect: { failures: [expect.objectContaining({ value: 5 })] as never },
    },
  ],
  notAssessed: [{ name: 'no unit has all its values', schools: [P('3301000001', 800, { teaching_area: null })] }],
});

checkTester('class-size', 'quality-2017', {
  valid: [
    {
      name: 'primary classes of 45 (the limit)',
      schools: [P('3301000001', 90)],
      classes: classes('3301000001', '小学', [45, 45]),
    },
    {
      name: 'junior classes of 50 (the limit)',
      schools: [J('3301000001', 100)],
      classes: classes('3301000001', '初中', [50, 50]),
    },
  ],
  invalid: [
    {
      name: 'a primary class of 46',
      schools: [P('3301000001', 91)],
      classes: classes('3301000001', '小学', [45, 46]),
      expect: { failures: [{ code: '3301000001', level: 'primary', value: 46, limit: 45, detail: '1' }] as never },
    },
    {
      name: 'a junior class of 51',
      schools: [J('3301000001', 101)],
      classes: classes('3301000001', '初中', [50, 51]),
      expect: { failures: [{ code: '3301000001', level: 'junior', value: 51, limit: 50, detail: '1' }] as never },
    },
  ],
  notAssessed: [
    { name: 'no class sheet', schools: two, expect: { reason: 'no-class-data' } },
    { name: 'no school to assess', schools: [P('3301000001', 40, { type: '教学点' })], expect: { reason: 'no-units' } },
  ],
});

describe('class-size bands: 55/56 large, 65/66 super-large', () => {
  const check = CHECKS.find((c) => c.id === 'class-size')!;
  it.each([
    [[55], 0, 0],
    [[56], 1, 0],
    [[65], 1, 0],
    [[66], 0, 1],
    [[55, 56, 65, 66], 2, 1],
  ])('primary classes %j: %i large, %i super-large, all over the limit', (sizes, large, superLarge) => {
    const students = sizes.reduce((a, s) => a + s, 0);
    const { result, levels } = runCheck(
      check,
      { name: '', schools: [P('3301000001', students)], classes: classes('3301000001', '小学', sizes) },
      'quality-2017',
    );
    expect(levels.find((l) => l.level === 'primary')!.classSize).toMatchObject({
      classes: sizes.length,
      overLimit: sizes.length,
      large,
      superLarge,
    });
    expect(result).toMatchObject({
      pass: false,
      failures: [{ value: Math.max(...sizes), detail: String(sizes.length) }],
    });
  });
});

checkTester('school-size', 'quality-2017', {
  valid: [{ name: 'a primary school of 2000 pupils (the limit)', schools: [P('3301000001', 2000)] }],
  invalid: [
    {
      name: 'a primary school of 2001',
      schools: [P('3301000001', 2001)],
      expect: { failures: [{ code: '3301000001', name: '学校3301000001', value: 2001, limit: 2000 }] },
    },
  ],
  notAssessed: [
    { name: 'no school in scope (a teaching point under 50)', schools: [P('3301000001', 40, { type: '教学点' })] },
  ],
});

checkTester('special-rooms', 'quality-2017', {
  // 24 classes, one room of each per 12 classes: 2 needed.
  valid: [
    {
      name: 'rooms equal to the need (24 classes, 2 + 2)',
      schools: [P('3301000001', 900, { classes: 24, music_rooms: 2, art_rooms: 2 })],
    },
  ],
  invalid: [
    {
      name: 'one room short (25 classes need 3)',
      schools: [P('3301000001', 900, { classes: 25, music_rooms: 2, art_rooms: 3 })],
      expect: { failures: [{ code: '3301000001', name: '学校3301000001', value: 2, limit: 3, detail: 'music' }] },
    },
  ],
  notAssessed: [
    {
      name: 'no room counts given',
      schools: two.map(({ music_rooms: _m, art_rooms: _a, ...s }) => s),
      expect: { reason: 'no-room-data' },
    },
  ],
});

checkTester('staffing', 'quality-2017', {
  // 19 : 1 primary: 190 pupils need 10 teachers.
  valid: [
    {
      name: 'teachers equal to the norm (190 pupils, 10 teachers)',
      schools: [P('3301000001', 190, { teachers: 10 })],
      expect: { binding: false },
    },
  ],
  invalid: [
    {
      name: 'one teacher short (191 pupils, 10 teachers)',
      schools: [P('3301000001', 191, { teachers: 10 })],
      expect: { binding: false, failures: [{ code: '3301000001', level: 'primary', value: 1, limit: 19 }] as never },
    },
  ],
  notAssessed: [{ name: 'no teacher counts', schools: [P('3301000001', 190, { teachers: null })] }],
});

describe('the check registry', () => {
  it('holds each check once, in report order', () => {
    expect(CHECK_IDS).toEqual([
      'cv',
      'composite',
      'per-school',
      'class-size',
      'school-size',
      'special-rooms',
      'staffing',
    ]);
  });
  it('each built-in standard enables the checks its report lists', () => {
    const on = (id: string) => CHECKS.filter((c) => c.enabled(builtInProfile(id))).map((c) => c.id);
    expect(on('quality-2017')).toEqual(['cv', 'per-school', 'class-size', 'school-size', 'special-rooms', 'staffing']);
    expect(on('basic-2012')).toEqual(['composite', 'class-size', 'school-size', 'staffing']);
  });
  it('every check has its words in zh and en (catalogue check.<id>), and every built-in scope reason too', () => {
    for (const id of CHECK_IDS)
      for (const lang of ['zh', 'en'] as const)
        expect(labelOf(lang, 'check.', id), `${lang} check.${id}`).toBeDefined();
    for (const id of ['quality-2017', 'basic-2012']) {
      for (const r of reportMeta(builtInProfile(id)).scopeReasons)
        for (const lang of ['zh', 'en'] as const) expect(r.label[lang], `${id} ${r.id}`).not.toMatch(/^reason\./);
    }
  });
  it('the library exports the registry and failedRules', async () => {
    const lib = await import('balance-check');
    expect(lib.CHECK_IDS).toEqual(CHECK_IDS);
    expect(typeof lib.failedRules).toBe('function');
  });
  it('every check declares profile keys that exist', () => {
    for (const c of CHECKS) for (const k of c.reads) expect(Object.keys(quality), `${c.id} reads ${k}`).toContain(k);
  });
});

describe('failedRules: the one definition of a rule not met', () => {
  const ch = (id: string, pass: boolean | null, binding = true): Check => ({
    id,
    pass,
    binding,
    failures: [],
    assessed: pass === null ? 'none' : 'full',
  });
  it('lists binding checks that failed, not advisory ones nor unassessed ones', () => {
    expect(failedRules([ch('cv', false), ch('staffing', false, false), ch('class-size', null)], null)).toEqual(['cv']);
  });
  it('an advisory check named by a part or a computed item binds through it; failed sheet items follow', () => {
    const parts = [
      { checks: ['staffing'], items: [] },
      {
        checks: [],
        items: [
          { id: 'class_size', source: 'computed' as const, pass: false, check: 'class-size' },
          { id: 'social_recognition', source: 'sheet' as const, pass: false },
          { id: 'curriculum', source: 'sheet' as const, pass: true },
        ],
      },
    ];
    expect(failedRules([ch('class-size', false, false), ch('staffing', false, false)], parts)).toEqual([
      'class-size',
      'staffing',
      'social_recognition',
    ]);
  });
  it('nothing failed: empty', () => {
    expect(failedRules([ch('cv', true), ch('per-school', null)], [{ checks: ['cv'], items: [] }])).toEqual([]);
  });
});
