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
}
export interface CvPlan {
  level: Level;
  indicator: string;
  limit: number;
  before: number | null;
  /** After the per-school additions (the stages above). */
  afterPlan: number | null;
  /** Further additions where afterPlan is over the limit: units raised to a common value (water-filling). */
  raisedTo: number | null;
  further: { code: string; name: string; quantity: string; amount: number }[];
  after: number | null;
  pass: boolean | null;
}
export interface LevelTotals {
  level: Level;
  amounts: Record<string, number>;
  classes: number;
  pupilsMoved: number;
  budget: number | null;
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

export function planCounty(county: string, base: CountyUnits, profile: Profile, file = '(plan)'): CountyPlan {
  const changes: Change[] = [];
  let d = base;
  const stage = (list: Change[]) => {
    if (!list.length) return;
    d = applyChanges(d, list, file);
    changes.push(...list);
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
    const add = addFor(limit);
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
      addToEndLarge: addFor(large.min - 1),
      addToEndSuperLarge: addFor(superLarge - 1),
    });
    splits.push({ op: 'classes', school: u.code, level: u.level, add });
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

  // 4. Teachers against the pupil–teacher norm (生师比).
  const staffing: StaffGap[] = [];
  const hires: Change[] = [];
  for (const u of d.units) {
    const teachers = u.quantities.teachers;
    if (teachers === undefined) continue;
    const norm = profile.staffing.norms[u.level];
    const add = Math.max(0, Math.ceil(u.students / norm - 1e-9) - teachers);
    if (!add) continue;
    staffing.push({ code: u.code, name: u.name, level: u.level, students: u.students, teachers, norm, add });
    hires.push({ op: 'add', school: u.code, level: u.level, amounts: { teachers: add } });
  }
  stage(hires);

  // 5. The per-school rule: the cheapest set of standards left unmet (≥ floor), the others raised to the standard.
  const units: UnitGap[] = [];
  const rule = profile.perSchool;
  if (rule) {
    const adds: Change[] = [];
    const fig = computeCounty(county, d.units, d.schools, d.hasClassSizes, profile);
    for (const uf of fig.units) {
      const judged = judgeUnit(uf, profile);
      if (judged.pass !== false) continue;
      const gap = unitGap(uf.unit, profile, rule.minMet);
      units.push(gap);
      const amounts: Record<string, number> = {};
      for (const a of gap.additions) if (a.amount > 0) amounts[a.quantity] = (amounts[a.quantity] ?? 0) + a.amount;
      if (Object.keys(amounts).length) adds.push({ op: 'add', school: uf.unit.code, level: uf.unit.level, amounts });
    }
    stage(adds);
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
        addCost(t, q, v);
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
  };
}

function passes(cv: number | null, limit: number, profile: Profile): boolean | null {
  if (cv === null) return null;
  const r = profile.cv.rounding;
  return atMost(r === null ? cv : roundTo(cv, r), limit);
}

/** Which standards a failing unit may leave unmet (at least minMet met, the rest ≥ floor) at the least cost. */
export function unitGap(unit: Unit, profile: Profile, minMet: number): UnitGap {
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
  const left = new Set([...short].sort((a, b) => saving(b) - saving(a)).slice(0, allowance));
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
    if (passes(cv, limit, profile)) return { raisedTo: t, further: further.map(({ u: _u, ...f }) => f), cv };
    t += (Math.max(...rows.map((r) => r.v)) - t) / 20;
  }
  return null;
}
