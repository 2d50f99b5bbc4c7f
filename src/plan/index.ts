// issue 14: stage 7 (plan): from a county's units to what it lacks (缺口), in whole budget units, built as a
// scenario (changes) applied stage by stage with the same code `plan --scenario` uses. Pure and language-free.
import type { CountyUnits } from '../assess.js';
import { LEVELS, type Level } from '../domain.js';
import type { IndicatorDef, Profile } from '../profiles/schema.js';
import { computeCounty, indicatorValue } from '../compute/index.js';
import { weightedCv } from '../compute/cv.js';
import { judgeCounty, judgeUnit } from '../judge/index.js';
import { atLeast, atMost, roundTo } from '../judge/compare.js';
import type { Unit } from '../units/index.js';
import { applyChanges, type Change } from './scenario.js';
import { gradesCover } from '../validate/classes.js';
import { localeGaps, type LocaleLevel } from './locale.js';

export interface Addition {
  indicator: string;
  quantity: string;
  amount: number;
  /** The value before and after the addition. */
  from: number;
  to: number;
  standard: number;
  floor: number;
  /** 'standard': raised to the standard; 'floor': may stay unmet, raised to the floor only (or not at all). */
  target: 'standard' | 'floor';
}
export interface UnitGap {
  code: string;
  name: string;
  level: Level;
  /** Which rule chose the indicators left unmet: by unit cost (profile costs), else the smallest relative gap. */
  rule: 'cost' | 'relative';
  leftUnmet: string[];
  additions: Addition[];
  /** Teachers hired at this step so that the hires carry every kind added (those hired for 生师比 count first). */
  teachersHired?: number;
}
export interface ClassGap {
  code: string;
  name: string;
  level: Level;
  classes: number;
  pupils: number;
  largest: number;
  overLimit: number;
  large: number;
  superLarge: number;
  limit: number;
  /** Classes to add so that, pupils spread evenly, no class is over the limit / 大班额 / 超大班额. */
  add: number;
  addToEndLarge: number;
  addToEndSuperLarge: number;
  /** Where class rows name grades: the same per grade that needs a class (gradeKey: "1"–"9" or the name as written). */
  grades?: GradeGap[];
}
export interface GradeGap {
  grade: string;
  classes: number;
  pupils: number;
  largest: number;
  add: number;
  addToEndLarge: number;
  addToEndSuperLarge: number;
}
export interface RoomGap {
  code: string;
  name: string;
  level: Level;
  classes: number;
  needed: number;
  music: number;
  art: number;
  addMusic: number;
  addArt: number;
}
export interface SizeGap {
  code: string;
  name: string;
  students: number;
  limit: number;
  excess: number;
  /** The school the excess pupils move to (the most room under its own cap), or null: none can take them. */
  to: { code: string; name: string } | null;
  level: Level;
}
export interface StaffGap {
  code: string;
  name: string;
  level: Level;
  students: number;
  teachers: number;
  norm: number;
  add: number;
  /** With a 班师比 in the profile: the classes, teachers per class, each shortfall and which binds (the larger). */
  classes?: number;
  classRatio?: number;
  byPupils?: number;
  byClasses?: number;
  binds?: 'pupils' | 'classes';
}
export interface CvPlan {
  level: Level;
  indicator: string;
  limit: number;
  before: number | null;
  /** After the per-school additions (the stages above). */
  afterPlan: number | null;
  /** Further additions where afterPlan is over the limit: units raised to a common value (water-filling), trimmed. */
  raisedTo: number | null;
  further: { code: string; name: string; quantity: string; amount: number }[];
  after: number | null;
  pass: boolean | null;
}
/** basic-2012: the composite CV (mean of the level's CVs) before, after the plan, after further additions. */
export interface CompositePlan {
  level: Level;
  limit: number;
  before: number | null;
  afterPlan: number | null;
  /** The common cap the largest CVs were brought down to (null: no further additions needed). */
  cap: number | null;
  /** Each CV before → after the plan → after the further additions. */
  indicators: { id: string; before: number | null; afterPlan: number | null; after: number | null }[];
  further: { code: string; name: string; indicator: string; quantity: string; amount: number }[];
  after: number | null;
  pass: boolean | null;
}
export interface LevelTotals {
  level: Level;
  amounts: Record<string, number>;
  classes: number;
  pupilsMoved: number;
  budget: number | null;
  /** New teachers (priced once each): per unit the largest of the 生师比 shortfall and each kind's addition. */
  teachersHired?: number;
}
export interface CountyPlan {
  county: string;
  size: SizeGap[];
  classes: ClassGap[];
  rooms: RoomGap[];
  staffing: StaffGap[];
  units: UnitGap[];
  cvs: CvPlan[];
  totals: LevelTotals[];
  budget: number | null;
  /** Cost keys the budget lacks (amounts of those kinds are not in it). */
  budgetMissing: string[];
  changes: Change[];
  /** Each school-data check before and after the plan's changes (true: met). */
  checks: { id: string; binding: boolean; before: boolean | null; after: boolean | null }[];
  /** Units the per-school rule still fails after the plan (none, unless data is missing). */
  stillFailing: number;
  /** 城乡: per level, each indicator's mean and CV in 城区 / 镇区 / 乡村 (now); empty without a 城乡 column. */
  locales: LocaleLevel[];
  /** basic-2012 (a profile with a composite CV): the composite what-if per level. */
  composite?: CompositePlan[];
  /** How teachers are counted: one new teacher counts for every kind (高于规定学历, 骨干, 体艺, …) and for 生师比. */
  teacherRule?: 'largest-kind';
}

type Costs = NonNullable<Profile['costs']>;
type CostKey = keyof Costs;

/** The budget kind of a quantity: teachers, built m², ground m², rooms; equipment is in 元 already. */
export function costKey(quantity: string): CostKey | 'yuan' | null {
  if (quantity === 'teachingArea') return 'buildingM2';
  if (quantity === 'sportsArea') return 'groundM2';
  if (quantity === 'equipmentValue') return 'yuan';
  if (/Rooms$/.test(quantity)) return 'room';
  if (/[tT]eachers$/.test(quantity)) return 'teacherYear';
  if (quantity === 'classes') return 'classroom';
  return null;
}

function unitCost(quantity: string, costs: Costs | undefined): number | null {
  const key = costKey(quantity);
  if (key === 'yuan') return 1;
  if (key === null || !costs) return null;
  return costs[key] ?? null;
}

/** The least whole amount that brings a unit's indicator to `target`. */
export function wholeAmount(unit: Unit, def: IndicatorDef, target: number): number {
  const q = unit.quantities[def.quantity] ?? 0;
  const ok = (x: number) => atLeast(((q + x) * def.per) / unit.students, target);
  let x = Math.max(0, Math.ceil((target * unit.students) / def.per - q - 1e-9));
  while (x > 0 && ok(x - 1)) x--;
  while (!ok(x)) x++;
  return x;
}

const key = (code: string, level: Level) => `${code}\u0000${level}`;

/** A kind of teacher an indicator counts (高于规定学历, 骨干, 体艺, 中级职称): a subset of the teachers. */
export const isTeacherKind = (quantity: string): boolean => quantity !== 'teachers' && /Teachers$/.test(quantity);

/**
 * One new teacher can be of every kind at once (a qualified backbone PE teacher) and counts for 生师比, so the teachers
 * hired at a unit are the largest of what 生师比 and each kind need, not their sum: each add change that raises a kind
 * past the teachers hired so far at its unit also hires the difference. Keeps the scenario consistent (a kind never
 * grows more than the teachers) and the budget honest.
 */
function teacherCarrier() {
  const added = new Map<string, Record<string, number>>();
  const carry = (c: Change): { change: Change; hired: number } => {
    if (c.op !== 'add' || c.level === undefined) return { change: c, hired: 0 };
    const k = key(c.school, c.level);
    const sums = added.get(k) ?? {};
    added.set(k, sums);
    for (const [q, v] of Object.entries(c.amounts)) sums[q] = (sums[q] ?? 0) + v;
    const kinds = Object.entries(sums).filter(([q]) => isTeacherKind(q));
    const need = Math.max(0, ...kinds.map(([, v]) => v));
    const hired = Math.max(0, need - (sums.teachers ?? 0));
    if (!hired) return { change: c, hired: 0 };
    sums.teachers = (sums.teachers ?? 0) + hired;
    return { change: { ...c, amounts: { ...c.amounts, teachers: (c.amounts.teachers ?? 0) + hired } }, hired };
  };
  /** What the changes so far added at a unit, per quantity. */
  const sums = (code: string, level: Level): Readonly<Record<string, number>> => added.get(key(code, level)) ?? {};
  return { carry, sums };
}

/** A list of changes with the teachers that carry their kinds added (idempotent: carried teachers count as hired). */
export function carryTeachers(changes: readonly Change[]): Change[] {
  const { carry } = teacherCarrier();
  return changes.map((c) => carry(c).change);
}

export function planCounty(county: string, base: CountyUnits, profile: Profile, file = '(plan)'): CountyPlan {
  const changes: Change[] = [];
  let d = base;
  const { carry, sums: addedAt } = teacherCarrier();
  /** Applies a stage's changes (teachers carried); returns the teachers each change hired for the kinds. */
  const stage = (list: Change[]): number[] => {
    const carried = list.map(carry);
    if (!list.length) return [];
    const applied = carried.map((x) => x.change);
    d = applyChanges(d, applied, file);
    changes.push(...applied);
    return carried.map((x) => x.hired);
  };

  // 1. School size: the pupils over the cap move to the school of the same level with the most room under its cap.
  const size: SizeGap[] = [];
  if (profile.schoolSize) {
    const limits = profile.schoolSize.limits;
    const moves: Change[] = [];
    const room = new Map(d.schools.map((s) => [s.code, (limits[s.type] ?? Infinity) - s.students]));
    for (const s of d.schools) {
      const limit = limits[s.type];
      if (limit === undefined || s.students <= limit) continue;
      const excess = s.students - limit;
      const unitsOf = d.units.filter((u) => u.code === s.code).sort((a, b) => b.students - a.students);
      const level = unitsOf[0]?.level ?? s.levels[0] ?? 'primary';
      // A school of the same type first (never a teaching point), then the most room under its cap.
      const locale = unitsOf[0]?.locale;
      const near = (code: string) => (d.units.find((u) => u.code === code)?.locale === locale ? 0 : 1);
      const takers = d.schools
        .filter((t) => t !== s && t.type !== 'teaching_point')
        .filter((t) => d.units.some((u) => u.code === t.code && u.level === level))
        .filter((t) => (room.get(t.code) ?? 0) >= excess)
        .sort(
          (a, b) =>
            Number(a.type !== s.type) - Number(b.type !== s.type) ||
            near(a.code) - near(b.code) ||
            (room.get(b.code) ?? 0) - (room.get(a.code) ?? 0),
        );
      // Pupils move from the school's largest level; when that level alone is not larger, nobody can move.
      const to = (unitsOf[0]?.students ?? 0) > excess ? takers[0] : undefined;
      size.push({
        code: s.code,
        name: s.name,
        students: s.students,
        limit,
        excess,
        level,
        to: to ? { code: to.code, name: to.name } : null,
      });
      if (to) {
        room.set(to.code, (room.get(to.code) ?? 0) - excess);
        moves.push({ op: 'move', from: s.code, to: to.code, level, pupils: excess });
      }
    }
    stage(moves);
  }

  // 2. Class size: classes to add (pupils spread evenly) so that no class is over the limit.
  const classes: ClassGap[] = [];
  const { large, superLarge } = profile.classSize;
  const splits: Change[] = [];
  for (const u of d.units) {
    const t = u.classSizes;
    if (!t || t.n === 0) continue;
    const limit = profile.classSize.limits[u.level];
    const addFor = (cap: number) => Math.max(0, Math.ceil(t.sum / cap) - t.n);
    const fig = computeCounty(county, [u], [], true, profile).units[0]!.classSize!;
    if (fig.overLimit === 0) continue;
    // Where class rows name grades, per grade: its pupils cannot be spread over another grade's classes.
    const covered = gradesCover(t);
    const grades = covered
      ? [...covered].map(([grade, g]) => {
          const need = (cap: number) => Math.max(0, Math.ceil(g.sum / cap) - g.n);
          return {
            grade,
            classes: g.n,
            pupils: g.sum,
            largest: g.max,
            add: need(limit),
            addToEndLarge: need(large.min - 1),
            addToEndSuperLarge: need(superLarge - 1),
          };
        })
      : undefined;
    const sum = (k: 'add' | 'addToEndLarge' | 'addToEndSuperLarge') => grades!.reduce((a, g) => a + g[k], 0);
    const add = grades ? sum('add') : addFor(limit);
    classes.push({
      code: u.code,
      name: u.name,
      level: u.level,
      classes: t.n,
      pupils: t.sum,
      largest: t.max,
      overLimit: fig.overLimit,
      large: fig.large,
      superLarge: fig.superLarge,
      limit,
      add,
      addToEndLarge: grades ? sum('addToEndLarge') : addFor(large.min - 1),
      addToEndSuperLarge: grades ? sum('addToEndSuperLarge') : addFor(superLarge - 1),
      // Only the grades that need a class (a national plan has 10⁵ class gaps): the sums above count them all.
      ...(grades ? { grades: grades.filter((g) => g.add || g.addToEndLarge || g.addToEndSuperLarge) } : {}),
    });
    const split = grades ? Object.fromEntries(grades.filter((g) => g.add > 0).map((g) => [g.grade, g.add])) : null;
    splits.push({ op: 'classes', school: u.code, level: u.level, add, ...(split ? { grades: split } : {}) });
  }
  stage(splits);

  // 3. Music and art rooms: one of each per classesPerRoom classes (after the classes added above).
  const rooms: RoomGap[] = [];
  const spec = profile.specialRooms;
  if (spec) {
    const adds: Change[] = [];
    for (const s of d.schools) {
      if (s.classes === undefined || (s.musicRooms === undefined && s.artRooms === undefined)) continue;
      const needed = Math.ceil(s.classes / spec.classesPerRoom);
      const music = s.musicRooms ?? 0;
      const art = s.artRooms ?? 0;
      const addMusic = Math.max(0, needed - music);
      const addArt = Math.max(0, needed - art);
      if (!addMusic && !addArt) continue;
      // The level the totals count a school's rooms under (its first unit's), for the 缺口 sheet (issue 14 plan-out).
      const level = base.units.find((u) => u.code === s.code)?.level ?? 'primary';
      rooms.push({ code: s.code, name: s.name, level, classes: s.classes, needed, music, art, addMusic, addArt });
      adds.push({
        op: 'add',
        school: s.code,
        amounts: { ...(addMusic ? { musicRooms: addMusic } : {}), ...(addArt ? { artRooms: addArt } : {}) },
      });
    }
    stage(adds);
  }

  // 4. Teachers against the pupil–teacher norm (生师比) and, where the profile gives one, 班师比 (teachers per class,
  // the classes counted after those added above): the larger shortfall, and which one binds.
  const staffing: StaffGap[] = [];
  const hires: Change[] = [];
  const perClass = profile.staffing.classTeacherRatio;
  for (const u of d.units) {
    const teachers = u.quantities.teachers;
    if (teachers === undefined) continue;
    const norm = profile.staffing.norms[u.level];
    const byPupils = Math.max(0, Math.ceil(u.students / norm - 1e-9) - teachers);
    const classCount = u.classes ?? (u.classSizes?.n || undefined);
    const ratio = perClass?.[u.level];
    const byClasses =
      ratio !== undefined && classCount !== undefined
        ? Math.max(0, Math.ceil(classCount * ratio - 1e-9) - teachers)
        : undefined;
    const add = Math.max(byPupils, byClasses ?? 0);
    if (!add) continue;
    staffing.push({
      code: u.code,
      name: u.name,
      level: u.level,
      students: u.students,
      teachers,
      norm,
      add,
      ...(byClasses !== undefined
        ? {
            classes: classCount!,
            classRatio: ratio!,
            byPupils,
            byClasses,
            binds: byClasses > byPupils ? ('classes' as const) : ('pupils' as const),
          }
        : {}),
    });
    hires.push({ op: 'add', school: u.code, level: u.level, amounts: { teachers: add } });
  }
  stage(hires);

  // 5. The per-school rule: the cheapest set of standards left unmet (≥ floor), the others raised to the standard.
  const units: UnitGap[] = [];
  const rule = profile.perSchool;
  if (rule) {
    const adds: Change[] = [];
    const gaps: UnitGap[] = [];
    const fig = computeCounty(county, d.units, d.schools, d.hasClassSizes, profile);
    const hiredFor = new Map(staffing.map((s) => [key(s.code, s.level), s.add]));
    for (const uf of fig.units) {
      const judged = judgeUnit(uf, profile);
      if (judged.pass !== false) continue;
      const gap = unitGap(uf.unit, profile, rule.minMet, hiredFor.get(key(uf.unit.code, uf.unit.level)) ?? 0);
      units.push(gap);
      const amounts: Record<string, number> = {};
      for (const a of gap.additions) if (a.amount > 0) amounts[a.quantity] = (amounts[a.quantity] ?? 0) + a.amount;
      if (Object.keys(amounts).length) {
        adds.push({ op: 'add', school: uf.unit.code, level: uf.unit.level, amounts });
        gaps.push(gap);
      }
    }
    for (const [i, hired] of stage(adds).entries()) if (hired) gaps[i]!.teachersHired = hired;
  }

  // 6. CVs after the additions; where one is still over its limit, raise the lowest units to a common value.
  const cvs: CvPlan[] = [];
  const before = computeCounty(county, base.units, base.schools, base.hasClassSizes, profile);
  const limits = profile.cv.limits;
  if (limits) {
    const further: Change[] = [];
    const mid = computeCounty(county, d.units, d.schools, d.hasClassSizes, profile);
    for (const level of LEVELS) {
      const l = mid.levels.find((x) => x.level === level)!;
      const b = before.levels.find((x) => x.level === level)!;
      for (const [i, { def, cv }] of l.indicators.entries()) {
        const beforeCv = b.indicators[i]!.cv.cv;
        if (cv.cv === null && beforeCv === null) continue;
        const limit = limits[level];
        const fill = passes(cv.cv, limit, profile) ? null : waterFill(l.units, def, limit, profile);
        if (passes(beforeCv, limit, profile) && !fill) continue;
        for (const f of fill?.further ?? [])
          further.push({ op: 'add', school: f.code, level, amounts: { [f.quantity]: f.amount } });
        cvs.push({
          level,
          indicator: def.id,
          limit,
          before: beforeCv,
          afterPlan: cv.cv,
          raisedTo: fill?.raisedTo ?? null,
          further: fill?.further ?? [],
          after: fill ? fill.cv : cv.cv,
          pass: fill ? passes(fill.cv, limit, profile) : passes(cv.cv, limit, profile),
        });
      }
    }
    stage(further);
  }

  // 7. The composite CV (basic-2012: the mean of the CVs, judged per level): where it is still over its limit, the
  // largest CVs are brought down to one common cap (each by water-filling), the highest cap that passes, then trimmed.
  const composite: CompositePlan[] = [];
  const rule7 = profile.cv.composite;
  if (rule7) {
    const further: Change[] = [];
    const mid = computeCounty(county, d.units, d.schools, d.hasClassSizes, profile);
    for (const level of LEVELS) {
      const l = mid.levels.find((x) => x.level === level)!;
      const b = before.levels.find((x) => x.level === level)!;
      const mean = (cvs: (number | null)[]) =>
        cvs.length && cvs.every((c) => c !== null) ? cvs.reduce((a: number, c) => a + c!, 0) / cvs.length : null;
      const beforeCv = mean(b.indicators.map((i) => i.cv.cv));
      const afterPlan = mean(l.indicators.map((i) => i.cv.cv));
      if (beforeCv === null && afterPlan === null) continue;
      const limit = rule7.limits[level];
      const fill = passes(afterPlan, limit, profile) === false ? compositeFill(l, limit, profile, addedAt) : null;
      // Shown even when it passes: under basic-2012 it is the one rule judged.
      // One change per school: the teachers it hires carry its kinds together (as compositeFill counted them).
      const bySchool = new Map<string, Record<string, number>>();
      for (const f of fill?.further ?? []) {
        const amounts = bySchool.get(f.code) ?? {};
        bySchool.set(f.code, amounts);
        amounts[f.quantity] = (amounts[f.quantity] ?? 0) + f.amount;
      }
      for (const [school, amounts] of bySchool) further.push({ op: 'add', school, level, amounts });
      const after = fill ? fill.cv : afterPlan;
      composite.push({
        level,
        limit,
        before: beforeCv,
        afterPlan,
        cap: fill?.cap ?? null,
        indicators: l.indicators.map(({ def, cv }, i) => ({
          id: def.id,
          before: b.indicators[i]!.cv.cv,
          afterPlan: cv.cv,
          after: fill ? (fill.cvs[i] ?? null) : cv.cv,
        })),
        further: fill?.further ?? [],
        after,
        pass: passes(after, limit, profile),
      });
    }
    stage(further);
  }

  // Totals per level and the budget.
  const totals: LevelTotals[] = LEVELS.map((level) => ({ level, amounts: {}, classes: 0, pupilsMoved: 0, budget: 0 }));
  const levelOf = (code: string, level?: Level): LevelTotals =>
    totals.find((t) => t.level === (level ?? base.units.find((u) => u.code === code)?.level ?? 'primary'))!;
  const missing = new Set<string>();
  const costs = profile.costs;
  const addCost = (t: LevelTotals, quantity: string, amount: number) => {
    const c = unitCost(quantity, costs);
    if (c === null) {
      const k = costKey(quantity);
      if (k && k !== 'yuan') missing.add(k);
      return;
    }
    t.budget = (t.budget ?? 0) + c * amount;
  };
  for (const c of changes) {
    if (c.op === 'add') {
      const t = levelOf(c.school, c.level);
      for (const [q, v] of Object.entries(c.amounts)) {
        t.amounts[q] = (t.amounts[q] ?? 0) + v;
        // A kind is carried by the teachers hired (teacherCarrier): priced once, as teachers.
        if (!isTeacherKind(q)) addCost(t, q, v);
        if (q === 'teachers') t.teachersHired = (t.teachersHired ?? 0) + v;
      }
    } else if (c.op === 'classes') {
      const t = levelOf(c.school, c.level);
      t.classes += c.add;
      addCost(t, 'classes', c.add);
    } else if (c.op === 'move') levelOf(c.from, c.level).pupilsMoved += c.pupils;
  }
  const priced = costs !== undefined;
  for (const t of totals) if (!priced) t.budget = null;
  const budget = priced ? totals.reduce((a, t) => a + (t.budget ?? 0), 0) : null;

  // The checks before and after.
  const after = computeCounty(county, d.units, d.schools, d.hasClassSizes, profile);
  const jb = judgeCounty(before, base.excluded, profile, false);
  const ja = judgeCounty(after, d.excluded, profile, false);
  const checks = jb.checks.map((c) => ({
    id: c.id,
    binding: c.binding,
    before: c.pass,
    after: ja.checks.find((x) => x.id === c.id)?.pass ?? null,
  }));
  return {
    county,
    size,
    classes,
    rooms,
    staffing,
    units,
    cvs,
    totals: totals.filter((t) => base.units.some((u) => u.level === t.level)),
    budget,
    budgetMissing: priced ? [...missing] : [],
    changes,
    checks,
    stillFailing: ja.units.filter((u) => u.pass === false).length,
    locales: localeGaps(base.units, profile),
    teacherRule: 'largest-kind',
    ...(rule7 ? { composite } : {}),
  };
}

function passes(cv: number | null, limit: number, profile: Profile): boolean | null {
  if (cv === null) return null;
  const r = profile.cv.rounding;
  return atMost(r === null ? cv : roundTo(cv, r), limit);
}

/** Which standards a failing unit may leave unmet (at least minMet met, the rest ≥ floor) at the least cost. */
export function unitGap(unit: Unit, profile: Profile, minMet: number, hired = 0): UnitGap {
  const ratio = profile.perSchool!.floorRatio;
  const costs = profile.costs;
  const rows = profile.indicators.flatMap((def) => {
    const standard = def.standard?.[unit.level];
    const value = indicatorValue(unit, def);
    if (standard === undefined || value === null) return [];
    const floor = Number((standard * ratio).toPrecision(12));
    const toStandard = wholeAmount(unit, def, standard);
    const toFloor = wholeAmount(unit, def, floor);
    return [{ def, value, standard, floor, toStandard, toFloor }];
  });
  // By cost when every kind short has a unit cost, else by the gap relative to the standard amount.
  const short = rows.filter((r) => r.toStandard > 0);
  const byCost = short.length > 0 && short.every((r) => unitCost(r.def.quantity, costs) !== null);
  const weight = (r: (typeof rows)[number]) =>
    byCost ? unitCost(r.def.quantity, costs)! : r.def.per / (r.standard * unit.students);
  const saving = (r: (typeof rows)[number]) => (r.toStandard - r.toFloor) * weight(r);
  const allowance = Math.max(0, rows.length - minMet);
  const ranked = [...short].sort((a, b) => saving(b) - saving(a));
  let left = new Set(ranked.slice(0, allowance));
  if (byCost) {
    // Teachers are priced as hires (the largest kind, less those hired for 生师比), so costs do not add up per kind:
    // every choice of standards left unmet is priced whole (a few indicators: few choices).
    const price = (set: Set<(typeof rows)[number]>) => {
      let yuan = 0;
      let teachers = 0;
      for (const r of short) {
        const amount = set.has(r) ? r.toFloor : r.toStandard;
        if (isTeacherKind(r.def.quantity)) teachers = Math.max(teachers, amount);
        else yuan += amount * unitCost(r.def.quantity, costs)!;
      }
      return yuan + Math.max(0, teachers - hired) * (costs?.teacherYear ?? 0);
    };
    let best = price(left);
    for (const set of subsets(ranked, Math.min(allowance, ranked.length))) {
      const p = price(set);
      if (p < best - 1e-9) [best, left] = [p, set];
    }
  }
  const additions: Addition[] = short.map((r) => {
    const target = left.has(r) ? 'floor' : 'standard';
    const amount = target === 'floor' ? r.toFloor : r.toStandard;
    const q = unit.quantities[r.def.quantity] ?? 0;
    return {
      indicator: r.def.id,
      quantity: r.def.quantity,
      amount,
      from: r.value,
      to: ((q + amount) * r.def.per) / unit.students,
      standard: r.standard,
      floor: r.floor,
      target,
    };
  });
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    rule: byCost ? 'cost' : 'relative',
    leftUnmet: [...left].map((r) => r.def.id),
    additions,
  };
}

/** The subsets of `list` of size k, in order (list is short: the indicators of one unit). */
function subsets<T>(list: readonly T[], k: number): Set<T>[] {
  if (k === 0) return [new Set()];
  const out: Set<T>[] = [];
  for (let i = 0; i <= list.length - k; i++)
    for (const rest of subsets(list.slice(i + 1), k - 1)) out.push(new Set([list[i]!, ...rest]));
  return out;
}

/**
 * The further additions that bring a level's CV within its limit: every unit below a common value t is raised to
 * it (in whole units), t the least that passes (bisection). Raising the units furthest below the mean first
 * lowers the spread most per unit added.
 */
function waterFill(
  units: Unit[],
  def: IndicatorDef,
  limit: number,
  profile: Profile,
  /** false: whole amounts as rounded (the composite step trims against the composite itself). */
  trimUnits = true,
): { raisedTo: number; further: CvPlan['further']; cv: number | null } | null {
  const rows = units.flatMap((u) => {
    const v = indicatorValue(u, def);
    return v === null ? [] : [{ u, v }];
  });
  if (rows.length < 2) return null;
  const enrol = profile.cv.weighting !== 'unweighted';
  const weights = rows.map((r) => (enrol ? r.u.students : 1));
  const cvWith = (vals: number[]) => weightedCv(vals, weights, vals.length).cv;
  const at = (t: number) => cvWith(rows.map((r) => Math.max(r.v, t)));
  let lo = Math.min(...rows.map((r) => r.v));
  let hi = Math.max(...rows.map((r) => r.v));
  if (passes(at(lo), limit, profile)) return null;
  for (let i = 0; i < 60; i++) {
    const m = (lo + hi) / 2;
    if (passes(at(m), limit, profile)) hi = m;
    else lo = m;
  }
  // Whole units: each raised unit gets the least whole amount reaching t; nudge t up while rounding misses.
  let t = hi;
  for (let k = 0; k < 50; k++) {
    const further = rows.flatMap((r) => {
      if (r.v >= t) return [];
      const amount = wholeAmount(r.u, def, t);
      return amount > 0 ? [{ code: r.u.code, name: r.u.name, quantity: def.quantity, amount, u: r.u }] : [];
    });
    const added = new Map(further.map((f) => [key(f.u.code, f.u.level), f.amount]));
    const vals = rows.map((r) => {
      const a = added.get(key(r.u.code, r.u.level)) ?? 0;
      return (((r.u.quantities[def.quantity] ?? 0) + a) * def.per) / r.u.students;
    });
    const cv = cvWith(vals);
    if (passes(cv, limit, profile)) {
      if (!trimUnits) return { raisedTo: t, further: further.map(({ u: _u, ...f }) => f), cv };
      const trimmed = trim(further);
      return {
        raisedTo: t,
        further: further.flatMap(({ u: _u, ...f }, i) =>
          trimmed.amounts[i]! > 0 ? [{ ...f, amount: trimmed.amounts[i]! }] : [],
        ),
        cv: trimmed.cv,
      };
    }
    t += (Math.max(...rows.map((r) => r.v)) - t) / 20;
  }
  return null;

  /**
   * Rounding up and the common level leave slack: each raised unit in turn gets the least whole amount with which
   * the CV still passes (the others as they are), until none can give one unit back. Lowering a value below the
   * mean only raises the CV, so a unit trimmed earlier stays minimal; passes repeat for the odd unit above it.
   */
  function trim(list: { u: Unit; amount: number }[]): { amounts: number[]; cv: number | null } {
    const amounts = list.map((f) => f.amount);
    const index = new Map(rows.map((r, i) => [key(r.u.code, r.u.level), i]));
    const at = list.map((f) => index.get(key(f.u.code, f.u.level))!);
    const vals = rows.map((r) => r.v);
    const valueWith = (i: number, a: number) => {
      const u = list[i]!.u;
      return (((u.quantities[def.quantity] ?? 0) + a) * def.per) / u.students;
    };
    for (const [i, a] of amounts.entries()) vals[at[i]!] = valueWith(i, a);
    const ok = (i: number, a: number) => {
      const k = at[i]!;
      const keep = vals[k]!;
      vals[k] = valueWith(i, a);
      const pass = passes(cvWith(vals), limit, profile) === true;
      vals[k] = keep;
      return pass;
    };
    for (let pass = 0, changed = true; changed && pass < 20; pass++) {
      changed = false;
      for (const [i, a] of amounts.entries()) {
        let lo = 0;
        let hi = a; // ok(i, hi) holds
        while (lo < hi) {
          const m = Math.floor((lo + hi) / 2);
          if (ok(i, m)) hi = m;
          else lo = m + 1;
        }
        while (hi > 0 && ok(i, hi - 1)) hi--;
        if (hi < a) {
          amounts[i] = hi;
          vals[at[i]!] = valueWith(i, hi);
          changed = true;
        }
      }
    }
    return { amounts, cv: cvWith(vals) };
  }
}

/**
 * The further additions that bring a level's composite CV (the mean of its CVs) within its limit: every CV above a
 * common cap is brought down to it by water-filling its indicator (the lowest units raised first), the cap the highest
 * that passes (bisection); then each addition is trimmed to the least whole amount with which the composite still
 * passes. Teachers hired to carry a kind (teacherCarrier) count in the teacher ratio, as in the scenario.
 */
function compositeFill(
  l: ReturnType<typeof computeCounty>['levels'][number],
  limit: number,
  profile: Profile,
  addedAt: (code: string, level: Level) => Readonly<Record<string, number>>,
): { cap: number; further: CompositePlan['further']; cv: number | null; cvs: (number | null)[] } | null {
  const units = l.units;
  const defs = l.indicators.map((x) => x.def);
  const idx = new Map(units.map((u, i) => [u.code, i]));
  const enrol = profile.cv.weighting !== 'unweighted';
  const teacherDef = defs.findIndex((d) => d.quantity === 'teachers');
  const kindDefs = defs.flatMap((d, i) => (isTeacherKind(d.quantity) ? [i] : []));
  const start = l.indicators.map((x) => x.cv.cv);
  if (start.some((c) => c === null)) return null;
  /** Teachers hired at unit k to carry its kinds, with these further amounts (as the scenario's teacherCarrier). */
  const carriedAt = (amounts: number[][], k: number) => {
    const u = units[k]!;
    const before = addedAt(u.code, u.level);
    const kinds = Math.max(0, ...kindDefs.map((i) => (before[defs[i]!.quantity] ?? 0) + amounts[i]![k]!));
    const teachers = (before.teachers ?? 0) + (teacherDef >= 0 ? amounts[teacherDef]![k]! : 0);
    return Math.max(0, kinds - teachers);
  };
  /** amounts[indicator][unit]: the further whole amounts; indicator i's CV with them, teachers carried. */
  const cvOf = (amounts: number[][], i: number): number | null => {
    const def = defs[i]!;
    const vals: number[] = [];
    const weights: number[] = [];
    for (const [k, u] of units.entries()) {
      const q = u.quantities[def.quantity];
      if (q === undefined || u.students <= 0) continue;
      const extra = amounts[i]![k]! + (i === teacherDef ? carriedAt(amounts, k) : 0);
      vals.push(((q + extra) * def.per) / u.students);
      weights.push(enrol ? u.students : 1);
    }
    return weightedCv(vals, weights, vals.length).cv;
  };
  const cvsWith = (amounts: number[][]): (number | null)[] => defs.map((_, i) => cvOf(amounts, i));
  /** The CVs an amount of indicator i changes: its own, and the teacher ratio where teachers are carried. */
  const touched = (i: number) => (teacherDef >= 0 && i !== teacherDef && kindDefs.includes(i) ? [i, teacherDef] : [i]);
  const meanOf = (cvs: (number | null)[]) =>
    cvs.every((c) => c !== null) ? (cvs as number[]).reduce((a, c) => a + c, 0) / cvs.length : null;
  const zero = () => defs.map(() => units.map(() => 0));
  const unrounded: Profile = { ...profile, cv: { ...profile.cv, rounding: null } };
  /** Each CV above the cap water-filled down to it; null where one cannot be. */
  const capped = (cap: number): number[][] | null => {
    const amounts = zero();
    for (const [i, def] of defs.entries()) {
      if (start[i]! <= cap) continue;
      const fill = waterFill(units, def, cap, unrounded, false);
      if (!fill) return null;
      for (const f of fill.further) amounts[i]![idx.get(f.code)!] = f.amount;
    }
    return amounts;
  };
  const ok = (amounts: number[][] | null) =>
    amounts !== null && passes(meanOf(cvsWith(amounts)), limit, profile) === true;
  // Every CV at most the limit is enough (the mean is then within it): the lowest cap tried; the largest CV fails.
  let lo = limit;
  let hi = Math.max(...(start as number[]));
  let best = capped(lo);
  if (!ok(best)) return null;
  for (let i = 0; i < 24; i++) {
    const m = (lo + hi) / 2;
    const a = capped(m);
    if (ok(a)) [lo, best] = [m, a];
    else hi = m;
  }
  const amounts = best!;
  // Trim: each addition in turn to the least whole amount with which the composite still passes (only the CVs an
  // amount touches are recomputed).
  const current = cvsWith(amounts);
  for (let pass = 0, changed = true; changed && pass < 20; pass++) {
    changed = false;
    for (const [i, row] of amounts.entries()) {
      const hit = touched(i);
      for (const [k, a] of row.entries()) {
        if (!a) continue;
        const at = (x: number) => {
          row[k] = x;
          const keep = hit.map((j) => current[j]);
          for (const j of hit) current[j] = cvOf(amounts, j);
          const r = passes(meanOf(current), limit, profile) === true;
          for (const [n, j] of hit.entries()) current[j] = keep[n]!;
          row[k] = a;
          return r;
        };
        let low = 0;
        let high = a;
        while (low < high) {
          const m = Math.floor((low + high) / 2);
          if (at(m)) high = m;
          else low = m + 1;
        }
        while (high > 0 && at(high - 1)) high--;
        if (high < a) {
          row[k] = high;
          for (const j of hit) current[j] = cvOf(amounts, j);
          changed = true;
        }
      }
    }
  }
  const cvs = cvsWith(amounts);
  const further = defs.flatMap((def, i) =>
    units.flatMap((u, k) =>
      amounts[i]![k]! > 0
        ? [{ code: u.code, name: u.name, indicator: def.id, quantity: def.quantity, amount: amounts[i]![k]! }]
        : [],
    ),
  );
  return { cap: lo, further, cv: meanOf(cvs), cvs };
}
