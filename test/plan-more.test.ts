// issue 14 (plan-more): teachers counted once (one new teacher carries every kind), the CV step trimmed to whole
// minimal units, the basic-2012 composite what-if, classes by grade, 班师比.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goodPrimary } from './helpers.js';
import type { Profile } from '../src/profiles/schema.js';
import { carryTeachers, isTeacherKind, planCounty } from '../src/plan/index.js';
import { applyChanges, type Change } from '../src/plan/scenario.js';
import { basic, basicCounty, county, judged, quality, unitsOf } from './plan-gen.js';
import { runs } from './quick.js';
import { gradesOf } from '../src/validate/classes.js';
import { profileFrom } from '../src/profiles/load.js';
import { FatalError } from '../src/findings.js';

const priced: Profile = {
  ...quality,
  costs: { groundM2: 300, room: 200_000, teacherYear: 100_000, buildingM2: 3000, classroom: 300_000 },
};

/** Sum of an amount over the add changes at one unit. */
function addedAt(changes: Change[], code: string, level: string, quantity: string): number {
  let n = 0;
  for (const c of changes) if (c.op === 'add' && c.school === code && c.level === level) n += c.amounts[quantity] ?? 0;
  return n;
}

describe('plan: a new teacher counts for every kind (budget not double-counted)', () => {
  // 1000 pupils: 高于规定学历 30 (standard 42, floor 36) and 骨干 6 (standard 10, floor 9) both short.
  const base = () =>
    unitsOf([
      goodPrimary('3301000001', 1000, { qualified_teachers: 30, backbone_teachers: 6 }),
      goodPrimary('3301000002', 800),
    ]);

  it('hires are the largest kind, not the sum; the kinds are still listed; the budget prices the hires', () => {
    const plan = planCounty('测试县', base(), priced);
    const [gap] = plan.units;
    // Priced whole: leaving 高学历 at its floor needs max(6, 4) = 6 hires; leaving 骨干 at its floor max(12, 3) = 12.
    expect(gap!.leftUnmet).toEqual(['qualified_teachers_per100']);
    expect(gap!.additions.map((a) => [a.quantity, a.amount])).toEqual([
      ['qualifiedTeachers', 6],
      ['backboneTeachers', 4],
    ]);
    expect(gap!.teachersHired).toBe(6);
    const primary = plan.totals.find((t) => t.level === 'primary')!;
    expect(primary.amounts).toEqual({ qualifiedTeachers: 6, backboneTeachers: 4, teachers: 6 });
    expect(primary.teachersHired).toBe(6);
    expect(plan.budget).toBe(6 * 100_000);
    expect(plan.teacherRule).toBe('largest-kind');
    // The scenario hires them: the unit's teachers grow with its kinds.
    expect(plan.changes).toEqual([
      {
        op: 'add',
        school: '3301000001',
        level: 'primary',
        amounts: { qualifiedTeachers: 6, backboneTeachers: 4, teachers: 6 },
      },
    ]);
  });

  it('teachers hired for 生师比 carry the kinds first: no further hire when they are enough', () => {
    // 52 teachers for 1000 pupils: 生师比 19 : 1 needs 53, one hire; the kinds need 6: 5 more.
    const d = unitsOf([
      goodPrimary('3301000001', 1000, { qualified_teachers: 30, backbone_teachers: 6, teachers: 52 }),
      goodPrimary('3301000002', 800),
    ]);
    const plan = planCounty('测试县', d, priced);
    expect(plan.staffing[0]!.add).toBe(1);
    expect(plan.units[0]!.teachersHired).toBe(5);
    expect(plan.totals[0]!.teachersHired).toBe(6);
    expect(plan.budget).toBe(6 * 100_000);
  });

  it('over generated counties: per unit, teachers added = the largest of 生师比 and each kind; budget counts them once', () => {
    fc.assert(
      fc.property(county, ({ schools, classes }) => {
        const base = unitsOf(schools, classes, priced);
        const plan = planCounty('测试县', base, priced);
        let yuan = 0;
        for (const u of base.units) {
          const kinds = new Set(
            plan.changes.flatMap((c) =>
              c.op === 'add' && c.school === u.code && c.level === u.level
                ? Object.keys(c.amounts).filter(isTeacherKind)
                : [],
            ),
          );
          const staff = plan.staffing.find((s) => s.code === u.code && s.level === u.level)?.add ?? 0;
          const need = Math.max(staff, ...[...kinds].map((k) => addedAt(plan.changes, u.code, u.level, k)));
          expect(addedAt(plan.changes, u.code, u.level, 'teachers')).toBe(need);
          yuan += need * 100_000;
        }
        for (const c of plan.changes) {
          if (c.op === 'classes') yuan += c.add * 300_000;
          if (c.op !== 'add') continue;
          for (const [q, v] of Object.entries(c.amounts)) {
            if (q === 'teachingArea') yuan += v * 3000;
            else if (q === 'sportsArea') yuan += v * 300;
            else if (q === 'equipmentValue') yuan += v;
            else if (q.endsWith('Rooms')) yuan += v * 200_000;
          }
        }
        expect(plan.budget).toBeCloseTo(yuan, 6);
        // The scenario stays consistent: no unit ends with more of a kind than teachers added to carry it.
        const after = applyChanges(base, plan.changes, 'plan');
        for (const u of after.units) {
          const b = base.units.find((x) => x.code === u.code && x.level === u.level)!;
          for (const q of Object.keys(u.quantities).filter(isTeacherKind))
            expect((u.quantities[q] ?? 0) - (b.quantities[q] ?? 0)).toBeLessThanOrEqual(
              (u.quantities.teachers ?? 0) - (b.quantities.teachers ?? 0),
            );
        }
      }),
      { numRuns: runs(40, 10), seed: 201 },
    );
  });
});

describe('plan: basic-2012 composite CV what-if', () => {
  /** The composite stage's changes rebuilt from its further additions (one per school), teachers carried. */
  const rebuild = (plan: ReturnType<typeof planCounty>, edit?: { i: number; by: number }): Change[] => {
    const further = (plan.composite ?? []).flatMap((c) => c.further.map((f) => ({ ...f, level: c.level })));
    const stageSize = new Set(further.map((f) => `${f.level} ${f.code}`)).size;
    const earlier = plan.changes.slice(0, plan.changes.length - stageSize);
    const bySchool = new Map<string, Change & { op: 'add' }>();
    for (const [i, f] of further.entries()) {
      const k = `${f.level} ${f.code}`;
      const c = bySchool.get(k) ?? { op: 'add', school: f.code, level: f.level, amounts: {} };
      bySchool.set(k, c);
      c.amounts[f.quantity] = (c.amounts[f.quantity] ?? 0) + f.amount + (edit?.i === i ? edit.by : 0);
    }
    return carryTeachers([...earlier, ...bySchool.values()]);
  };

  it('over generated counties: applied, the composite is what the plan says; one unit less of any addition fails it', () => {
    let planned = 0;
    fc.assert(
      fc.property(basicCounty, (schools) => {
        const base = unitsOf(schools, undefined, basic);
        const plan = planCounty('测试县', base, basic);
        expect(plan.composite).toBeDefined();
        expect(rebuild(plan)).toEqual(plan.changes);
        const { county: all } = judged(applyChanges(base, plan.changes, 'plan'), basic);
        for (const c of plan.composite!) {
          const l = all.levels.find((x) => x.level === c.level)!;
          expect(l.composite!.cv).toBeCloseTo(c.after!, 12);
          expect(l.composite!.pass).toBe(c.pass);
          if (c.afterPlan !== null && c.afterPlan > c.limit) expect(c.pass).toBe(true);
        }
        const further = plan.composite!.flatMap((c) => c.further.map((f) => ({ ...f, level: c.level })));
        if (further.length) planned++;
        for (const [i, f] of further.entries()) {
          const { county: j } = judged(applyChanges(base, rebuild(plan, { i, by: -1 }), 'plan'), basic);
          expect(j.levels.find((x) => x.level === f.level)!.composite!.pass, `${f.code} ${f.quantity}`).toBe(false);
        }
      }),
      { numRuns: runs(25, 6), seed: 203 },
    );
    expect(planned).toBeGreaterThan(0);
  });
});

describe('plan: classes by grade where class rows name one', () => {
  // 三年级: 3 classes of 46 (over 45); 四年级: 3 classes of 30. Spread over the whole school, 228 ÷ 6 = 38 fits;
  // pupils cannot move between grades, so 三年级 needs a fourth class.
  const rows = [
    ...[46, 46, 46].map((n, i) => ({ code: '3301000001', grade: '三年级', class: `${i + 1}班`, students: n })),
    ...[30, 30, 30].map((n, i) => ({ code: '3301000001', grade: '4年级', class: `${i + 4}班`, students: n })),
  ];
  const base = () =>
    unitsOf([goodPrimary('3301000001', 228, { classes: 6 }), goodPrimary('3301000002', 800)], rows, quality);

  it('adds the class in the grade that needs it, and writes it per grade', () => {
    const plan = planCounty('测试县', base(), quality);
    const [gap] = plan.classes;
    expect(gap).toMatchObject({ code: '3301000001', classes: 6, pupils: 228, overLimit: 3, add: 1 });
    // Only the grade that needs a class is listed (四年级 needs none).
    expect(gap!.grades).toEqual([
      { grade: '3', classes: 3, pupils: 138, largest: 46, add: 1, addToEndLarge: 0, addToEndSuperLarge: 0 },
    ]);
    const change = plan.changes.find((c) => c.op === 'classes');
    expect(change).toEqual({ op: 'classes', school: '3301000001', level: 'primary', add: 1, grades: { '3': 1 } });
    const { f } = judged(applyChanges(base(), plan.changes, 'plan'));
    expect(f.units.find((u) => u.unit.code === '3301000001')!.classSize!.overLimit).toBe(0);
  });

  it('a scenario adding classes without grades puts each in the grade with the largest classes', () => {
    const d = applyChanges(base(), [{ op: 'classes', school: '3301000001', add: 1 }], 's.json');
    const t = d.units.find((u) => u.code === '3301000001')!.classSizes!;
    expect([...gradesOf(t)!].map(([k, g]) => [k, g.n, g.max])).toEqual([
      ['3', 4, 35],
      ['4', 3, 30],
    ]);
  });

  it('grades that do not fit the class rows: located errors (exit 3)', () => {
    const err = (grades: Record<string, number>, add: number, data = base()) => {
      try {
        applyChanges(data, [{ op: 'classes', school: '3301000001', add, grades }], 's.json');
      } catch (e) {
        return (e as { params: Record<string, unknown> }).params;
      }
      throw new Error('no error');
    };
    expect(err({ '9': 1 }, 1)).toMatchObject({
      key: 'changes[0].grades',
      reason: 'scenario-unknown-grade',
      grade: '9',
    });
    expect(err({ '3': 2 }, 1)).toMatchObject({ reason: 'scenario-grades-sum', sum: 2, add: 1 });
    const noGrades = unitsOf(
      [goodPrimary('3301000001', 228, { classes: 6 }), goodPrimary('3301000002', 800)],
      rows.map(({ grade: _g, ...r }) => r),
      quality,
    );
    expect(err({ '3': 1 }, 1, noGrades)).toMatchObject({ reason: 'scenario-no-grades' });
  });
});

describe('plan: 班师比 (teachers per class) where a profile gives one', () => {
  const ratio = profileFrom(
    JSON.parse(readFileSync('fixtures/profiles/class-teacher-ratio.json', 'utf8')),
    'class-teacher-ratio.json',
  );

  it('the sample profile adds it to staffing; the built-in profiles have none', () => {
    expect(ratio.staffing.classTeacherRatio).toEqual({ primary: 2.2, junior: 3.4 });
    expect(ratio.staffing.norms).toEqual(quality.staffing.norms);
    expect(quality.staffing.classTeacherRatio).toBeUndefined();
    expect(basic.staffing.classTeacherRatio).toBeUndefined();
    expect(() =>
      profileFrom({ extends: 'quality-2017', staffing: { classTeacherRatio: { primary: 0, junior: 3 } } }, 'p.json'),
    ).toThrow(FatalError);
  });

  it('a small school: 生师比 is met, 班师比 binds (6 classes × 2.2 = 14 teachers, it has 11)', () => {
    const d = unitsOf([goodPrimary('3301000001', 200, { classes: 6, teachers: 11 }), goodPrimary('3301000002', 800)]);
    const [gap] = planCounty('测试县', d, ratio).staffing;
    expect(gap).toMatchObject({ add: 3, byPupils: 0, byClasses: 3, classes: 6, classRatio: 2.2, binds: 'classes' });
    expect(planCounty('测试县', d, quality).staffing).toEqual([]);
  });

  it('over generated counties: teachers added = the larger shortfall; applied, both norms met; one less misses one', () => {
    fc.assert(
      fc.property(county, ({ schools, classes }) => {
        const base = unitsOf(schools, classes, ratio);
        const plan = planCounty('测试县', base, ratio);
        const after = applyChanges(base, plan.changes, 'plan');
        const need = (u: (typeof after.units)[number]) =>
          Math.max(
            Math.ceil(u.students / ratio.staffing.norms[u.level] - 1e-9),
            Math.ceil((u.classes ?? u.classSizes?.n ?? 0) * ratio.staffing.classTeacherRatio![u.level] - 1e-9),
          );
        for (const u of after.units)
          if (u.quantities.teachers !== undefined) expect(u.quantities.teachers).toBeGreaterThanOrEqual(need(u));
        for (const s of plan.staffing) {
          expect(s.add).toBe(Math.max(s.byPupils!, s.byClasses!));
          expect(s.binds).toBe(s.byClasses! > s.byPupils! ? 'classes' : 'pupils');
          // One teacher less than the whole plan hires at the unit: one of the norms is missed.
          const i = plan.changes.findIndex(
            (c) => c.op === 'add' && c.school === s.code && c.level === s.level && c.amounts.teachers === s.add,
          );
          const c = plan.changes[i] as Change & { op: 'add' };
          const less = plan.changes.map((x, k) =>
            k === i ? { ...c, amounts: { ...c.amounts, teachers: s.add - 1 } } : x,
          );
          const total = addedAt(plan.changes, s.code, s.level, 'teachers');
          if (total !== s.add) continue; // more hired later to carry a kind: that step's minimality is tested above
          const u = applyChanges(base, less, 'plan').units.find((x) => x.code === s.code && x.level === s.level)!;
          expect(u.quantities.teachers!).toBeLessThan(need(u));
        }
      }),
      { numRuns: runs(30, 8), seed: 205 },
    );
  });
});
