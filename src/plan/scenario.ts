// issue 14: a scenario is data: a list of changes to a county's schools, applied to its units before compute.
// The plan's own additions are written as one, so a plan can be edited and re-run. Pure: no words, no I/O.
import { z } from 'zod';
import { Level, LEVELS, SchoolType } from '../domain.js';
import { FatalError } from '../findings.js';
import { quantityIds } from '../quantities.js';
import type { CountyUnits } from '../assess.js';
import type { School, Unit } from '../units/index.js';
import { gradesCover, tallyMerge, tallyOf, withGrades, type ClassTally, type GradeTally } from '../validate/classes.js';

export const SCENARIO_VERSION = 1;

/** School-level amounts (the rest are unit quantities: teachingArea, qualifiedTeachers, …). */
export const SCHOOL_AMOUNTS = ['musicRooms', 'artRooms'] as const;

const Amounts = z.record(z.string(), z.number().finite().nonnegative()).superRefine((a, ctx) => {
  const known = [...quantityIds(), ...SCHOOL_AMOUNTS];
  for (const k of Object.keys(a))
    if (!known.includes(k)) ctx.addIssue({ code: 'invalid_key', path: [k], issues: [], input: k, origin: 'record' });
});
export type Amounts = z.infer<typeof Amounts>;

const school = z.string().min(1).describe('学校代码 (or the exact name)');
const Pupils = z.number().int().positive();

export const Change = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['add', 'remove']), school, level: Level.optional(), amounts: Amounts }).strict(),
  /** Classes added at a school's level (0: none), its pupils then spread evenly over its classes; where the class
   * rows name grades, within each grade (`grades`: classes added per grade, summing to `add`; else added one by one
   * to the grade with the largest classes). */
  z
    .object({
      op: z.literal('classes'),
      school,
      level: Level.optional(),
      add: z.number().int().min(0),
      grades: z.record(z.string(), z.number().int().min(0)).optional(),
    })
    .strict(),
  z.object({ op: z.literal('move'), from: school, to: school, level: Level.optional(), pupils: Pupils }).strict(),
  /** 布局调整: school is merged into `into` (pupils, staff, rooms and classes summed). */
  z.object({ op: z.literal('merge'), school, into: school }).strict(),
  z.object({ op: z.literal('close'), school }).strict(),
  z
    .object({
      op: z.literal('open'),
      code: z.string().min(1),
      name: z.string().min(1),
      type: SchoolType,
      levels: z
        .partialRecord(
          Level,
          z.object({ students: Pupils, amounts: Amounts, classes: z.number().int().min(0).optional() }).strict(),
        )
        .refine((l) => Object.keys(l).length > 0, { message: 'at least one level' }),
      musicRooms: z.number().int().min(0).optional(),
      artRooms: z.number().int().min(0).optional(),
    })
    .strict(),
]);
export type Change = z.infer<typeof Change>;

export const Scenario = z
  .object({
    $schema: z.string().optional(),
    kind: z.literal('balance-check-scenario'),
    version: z.literal(SCENARIO_VERSION),
    /** The county the changes are for (a run of several counties needs it). */
    county: z.string().optional(),
    description: z.string().optional(),
    changes: z.array(Change),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

/** A located problem: the JSON path of the change and why (a REASONS code), thrown as bad-scenario (exit 3). */
function bad(file: string, path: (string | number)[], reason: string, params: Record<string, string | number> = {}) {
  return new FatalError('bad-scenario', { file, key: jsonPath(path), reason, ...params });
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

/** Validate parsed JSON; the first problem as a located FatalError (zod's words in both languages). */
export function parseScenario(json: unknown, file: string): Scenario {
  const res = Scenario.safeParse(json);
  if (res.success) return res.data;
  const issue = res.error.issues[0]!;
  const zh = Scenario.safeParse(json, { error: z.locales.zhCN().localeError });
  const zhIssue = zh.success ? undefined : zh.error.issues[0];
  throw new FatalError('bad-scenario', {
    file,
    key: jsonPath(issue.path),
    reason: issue.message,
    'reason@zh': zhIssue?.message ?? issue.message,
  });
}

const cloneTally = (t: ClassTally): ClassTally => ({
  ...t,
  above: t.above.slice(),
  ...(t.gradeCounts ? { gradeCounts: t.gradeCounts.slice() } : {}),
  ...(t.otherGrades ? { otherGrades: new Map([...t.otherGrades].map(([k, g]) => [k, { ...g }])) } : {}),
});

/** A deep enough copy: changes never touch the baseline's units. */
export function cloneCounty(d: CountyUnits): CountyUnits {
  return {
    units: d.units.map((u) => ({
      ...u,
      quantities: { ...u.quantities },
      classSizes: u.classSizes && cloneTally(u.classSizes),
      classBands: [...u.classBands],
    })),
    schools: d.schools.map((s) => ({ ...s, levels: [...s.levels] })),
    excluded: [...d.excluded],
    hasClassSizes: d.hasClassSizes,
  };
}

/** `sum` pupils spread over `n` classes as evenly as whole pupils allow. */
export function evenTally(sum: number, n: number, cuts: readonly number[]): ClassTally {
  const base = Math.floor(sum / n);
  const extra = sum - base * n;
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) sizes.push(base + (i < extra ? 1 : 0));
  return tallyOf(sizes, cuts);
}

/** Each grade's pupils spread evenly over its classes: the tally of the unit, grades kept. */
export function evenGrades(grades: ReadonlyMap<string, GradeTally>, cuts: readonly number[]): ClassTally {
  const sizes: number[] = [];
  const kept = new Map<string, GradeTally>();
  for (const [k, g] of grades) {
    const base = Math.floor(g.sum / g.n);
    const extra = g.sum - base * g.n;
    for (let i = 0; i < g.n; i++) sizes.push(base + (i < extra ? 1 : 0));
    kept.set(k, { n: g.n, sum: g.sum, max: base + (extra > 0 ? 1 : 0) });
  }
  return withGrades(tallyOf(sizes, cuts), kept);
}

/** `add` classes to grades one by one, each to the grade whose evenly spread classes are the largest. */
export function splitByGrade(grades: ReadonlyMap<string, GradeTally>, add: number): Record<string, number> {
  const n = new Map([...grades].map(([k, g]) => [k, g.n]));
  const out: Record<string, number> = {};
  for (let i = 0; i < add; i++) {
    let best: string | undefined;
    let size = -1;
    for (const [k, g] of grades) {
      const s = Math.ceil(g.sum / n.get(k)!);
      if (s > size) [best, size] = [k, s];
    }
    if (best === undefined) break;
    n.set(best, n.get(best)! + 1);
    out[best] = (out[best] ?? 0) + 1;
  }
  return out;
}

/** Applies the changes in order to a copy of the county; an unknown school or level is a located error. */
export function applyChanges(data: CountyUnits, changes: readonly Change[], file: string, at = 'changes'): CountyUnits {
  const d = cloneCounty(data);
  for (const [i, change] of changes.entries())
    applyOne(d, change, (field, reason, params) => bad(file, [at, i, field], reason, params));
  return d;
}

type Fail = (field: string, reason: string, params?: Record<string, string | number>) => FatalError;

function findSchool(d: CountyUnits, ref: string, field: string, fail: Fail): School {
  const byCode = d.schools.find((s) => s.code === ref);
  if (byCode) return byCode;
  const byName = d.schools.filter((s) => s.name === ref);
  if (byName.length === 1) return byName[0]!;
  throw fail(field, 'scenario-unknown-school', { school: ref });
}

function findUnit(d: CountyUnits, s: School, level: Level | undefined, field: string, fail: Fail): Unit {
  const units = d.units.filter((u) => u.code === s.code);
  if (level !== undefined) {
    const u = units.find((x) => x.level === level);
    if (!u) throw fail('level', 'scenario-no-level', { school: s.name, level });
    return u;
  }
  if (units.length !== 1) throw fail(field, 'scenario-level-needed', { school: s.name });
  return units[0]!;
}

const sumDefined = (a: number | undefined, b: number | undefined) =>
  a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);

/** Re-spread a unit's pupils over its classes after its pupils changed (by grade: in proportion to each grade's). */
function respread(u: Unit, sum: number): void {
  const t = u.classSizes;
  if (!t || t.n === 0) return;
  const covered = gradesCover(t);
  if (!covered || t.sum <= 0) {
    u.classSizes = evenTally(Math.max(0, sum), t.n, t.cuts);
    return;
  }
  // Largest remainder: the grades' pupils add up to the new sum exactly.
  const target = Math.max(0, sum);
  const entries = [...covered];
  const exact = entries.map(([, g]) => (g.sum * target) / t.sum);
  const whole = exact.map(Math.floor);
  let left = target - whole.reduce((a, x) => a + x, 0);
  const order = exact.map((x, i) => [x - whole[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (left-- > 0) whole[i]!++;
  const grades = new Map(entries.map(([k, g], i) => [k, { n: g.n, sum: whole[i]!, max: 0 }]));
  u.classSizes = evenGrades(grades, t.cuts);
}

function applyOne(d: CountyUnits, c: Change, fail: Fail): void {
  switch (c.op) {
    case 'add':
    case 'remove': {
      const s = findSchool(d, c.school, 'school', fail);
      const sign = c.op === 'add' ? 1 : -1;
      const unitKeys = Object.keys(c.amounts).filter((k) => !(SCHOOL_AMOUNTS as readonly string[]).includes(k));
      if (unitKeys.length) {
        const u = findUnit(d, s, c.level, 'school', fail);
        for (const k of unitKeys) {
          const v = (u.quantities[k] ?? 0) + sign * c.amounts[k]!;
          if (v < 0) throw fail('amounts', 'scenario-below-zero', { school: s.name, what: k });
          u.quantities[k] = v;
        }
      }
      for (const k of SCHOOL_AMOUNTS) {
        const amount = c.amounts[k];
        if (amount === undefined) continue;
        const v = (s[k] ?? 0) + sign * amount;
        if (v < 0) throw fail('amounts', 'scenario-below-zero', { school: s.name, what: k });
        s[k] = v;
      }
      return;
    }
    case 'classes': {
      const s = findSchool(d, c.school, 'school', fail);
      const u = findUnit(d, s, c.level, 'school', fail);
      const t = u.classSizes;
      const covered = t && gradesCover(t);
      if (c.grades && !covered) throw fail('grades', 'scenario-no-grades', { school: s.name });
      if (t && covered) {
        const split = c.grades ?? splitByGrade(covered, c.add);
        for (const g of Object.keys(split))
          if (!covered.has(g)) throw fail('grades', 'scenario-unknown-grade', { school: s.name, grade: g });
        const total = Object.values(split).reduce((a, x) => a + x, 0);
        if (total !== c.add) throw fail('grades', 'scenario-grades-sum', { school: s.name, sum: total, add: c.add });
        const grades = new Map([...covered].map(([k, g]) => [k, { ...g, n: g.n + (split[k] ?? 0) }]));
        u.classSizes = evenGrades(grades, t.cuts);
      } else if (t && t.n > 0) u.classSizes = evenTally(t.sum, t.n + c.add, t.cuts);
      if (u.classes !== undefined) u.classes += c.add;
      if (s.classes !== undefined) s.classes += c.add;
      return;
    }
    case 'move': {
      const from = findSchool(d, c.from, 'from', fail);
      const to = findSchool(d, c.to, 'to', fail);
      const a = findUnit(d, from, c.level, 'from', fail);
      const b = findUnit(d, to, c.level ?? a.level, 'to', fail);
      if (c.pupils >= a.students) throw fail('pupils', 'scenario-move-all', { school: from.name });
      a.students -= c.pupils;
      b.students += c.pupils;
      from.students -= c.pupils;
      to.students += c.pupils;
      respread(a, (a.classSizes?.sum ?? 0) - c.pupils);
      respread(b, (b.classSizes?.sum ?? 0) + c.pupils);
      return;
    }
    case 'merge': {
      const a = findSchool(d, c.school, 'school', fail);
      const b = findSchool(d, c.into, 'into', fail);
      if (a === b) throw fail('into', 'scenario-merge-self', { school: a.name });
      for (const u of d.units.filter((x) => x.code === a.code)) {
        const target = d.units.find((x) => x.code === b.code && x.level === u.level);
        if (!target) {
          // B gains the level: A's unit becomes B's.
          Object.assign(u, { code: b.code, name: b.name, type: b.type, source: b.source });
          b.levels = LEVELS.filter((l) => l === u.level || b.levels.includes(l));
          if (b.levels.length === 2 && b.type !== 'nine_year' && b.type !== 'twelve_year') b.type = 'nine_year';
          for (const x of d.units) if (x.code === b.code) x.type = b.type;
          continue;
        }
        target.students += u.students;
        for (const k of new Set([...Object.keys(target.quantities), ...Object.keys(u.quantities)]))
          target.quantities[k] = sumDefined(target.quantities[k], u.quantities[k]);
        if (u.classSizes && u.classSizes.n > 0) {
          if (target.classSizes && target.classSizes.n > 0) tallyMerge(target.classSizes, u.classSizes);
          else target.classSizes = cloneTally(u.classSizes);
        }
        target.classBands = [...target.classBands, ...u.classBands];
        target.classes = sumDefined(target.classes, u.classes);
        u.students = -1; // marked for removal below
      }
      d.units = d.units.filter((x) => !(x.code === a.code && x.students === -1));
      b.students += a.students;
      b.classes = sumDefined(b.classes, a.classes);
      b.musicRooms = sumDefined(b.musicRooms, a.musicRooms);
      b.artRooms = sumDefined(b.artRooms, a.artRooms);
      d.schools = d.schools.filter((s) => s !== a);
      return;
    }
    case 'close': {
      const s = findSchool(d, c.school, 'school', fail);
      d.units = d.units.filter((u) => u.code !== s.code);
      d.schools = d.schools.filter((x) => x !== s);
      return;
    }
    case 'open': {
      if (d.schools.some((s) => s.code === c.code) || d.excluded.some((s) => s.code === c.code))
        throw fail('code', 'scenario-code-exists', { school: c.code });
      const county = d.schools[0]?.county ?? d.units[0]?.county ?? '';
      const source = { file: '(scenario)', sheet: '', row: 0 };
      const levels = LEVELS.filter((l) => c.levels[l] !== undefined);
      let classes: number | undefined;
      for (const level of levels) {
        const l = c.levels[level]!;
        const { musicRooms: _m, artRooms: _a, ...amounts } = l.amounts;
        classes = sumDefined(classes, l.classes);
        d.units.push({
          county,
          code: c.code,
          name: c.name,
          type: c.type,
          level,
          students: l.students,
          quantities: { ...amounts },
          classSizes: undefined,
          classBands: [],
          ...(l.classes !== undefined ? { classes: l.classes } : {}),
          source,
        });
      }
      d.schools.push({
        county,
        code: c.code,
        name: c.name,
        type: c.type,
        levels,
        students: levels.reduce((a, l) => a + c.levels[l]!.students, 0),
        ...(classes !== undefined ? { classes } : {}),
        ...(c.musicRooms !== undefined ? { musicRooms: c.musicRooms } : {}),
        ...(c.artRooms !== undefined ? { artRooms: c.artRooms } : {}),
        source,
      });
      return;
    }
  }
}
