// Stage 6: figures + profile → pass/fail. Pure; the profile says what is judged and against what.
import type { Profile } from '../profiles/schema.js';
import { valueAt, type CountyFigures, type LevelFigures, type UnitFigures } from '../compute/index.js';
import type { Excluded } from '../units/index.js';
import type { Check, County, CountyLevel, UnitResult } from '../report/schema.js';
import { allOf, atLeast, atMost, clean, roundTo } from './compare.js';
import { judgeParts, type JudgedPart } from './parts.js';
import { CHECKS } from './checks/index.js';
import { failedRules } from './verdict.js';
import type { CountyItemValue } from '../validate/county.js';

export { allOf, failedRules };

type Pass = boolean | null;

const floorsOf = new WeakMap<Profile, Record<'primary' | 'junior', (number | null)[]>>();
/** standard × floor ratio per indicator and level, without representation noise; once per profile. */
function floors(profile: Profile): Record<'primary' | 'junior', (number | null)[]> {
  let f = floorsOf.get(profile);
  if (!f) {
    const rule = profile.perSchool;
    const of = (level: 'primary' | 'junior') =>
      profile.indicators.map((d) => (d.standard && rule ? clean(d.standard[level] * rule.floorRatio) : null));
    floorsOf.set(profile, (f = { primary: of('primary'), junior: of('junior') }));
  }
  return f;
}

export function judgeUnit(u: UnitFigures, profile: Profile): UnitResult {
  const rule = profile.perSchool;
  const levelFloors = floors(profile)[u.unit.level];
  const indicators = profile.indicators.map((def, i) => {
    const value = valueAt(u, i);
    const standard = def.standard?.[u.unit.level] ?? null;
    const floor = levelFloors[i] ?? null;
    const met = value === null || standard === null ? null : atLeast(value, standard);
    const aboveFloor = met === true ? true : value === null || floor === null ? null : atLeast(value, floor);
    const amount = u.unit.quantities[def.quantity] ?? null;
    return { id: def.id, value, standard, floor, met, aboveFloor, amount };
  });
  const met = indicators.filter((i) => i.met === true).length;
  let pass: Pass = null;
  if (rule && indicators.every((i) => i.met !== null)) {
    pass = met >= rule.minMet && indicators.every((i) => i.aboveFloor === true);
  }
  const { unit } = u;
  return {
    code: unit.code,
    name: unit.name,
    type: unit.type,
    level: unit.level,
    locale: unit.locale ?? null,
    students: unit.students,
    indicators,
    met,
    pass,
    staffing: u.staffing,
    classSize: u.classSize,
    file: unit.source.file,
    sheet: unit.source.sheet,
    row: unit.source.row,
  };
}

export function judgeLevel(l: LevelFigures, profile: Profile): CountyLevel {
  const limit = profile.cv.limits?.[l.level] ?? null;
  const rounding = profile.cv.rounding;
  const compared = (cv: number) => (rounding === null ? cv : roundTo(cv, rounding));
  const indicators = l.indicators.map(({ def, cv, units }) => {
    const pass = limit === null || cv.cv === null ? null : atMost(compared(cv.cv), limit);
    // Two literals rather than a conditional spread: this runs per county × level × indicator.
    return cv.reason
      ? { id: def.id, mean: cv.mean, sd: cv.sd, cv: cv.cv, reason: cv.reason, cvLimit: limit, pass, units }
      : { id: def.id, mean: cv.mean, sd: cv.sd, cv: cv.cv, cvLimit: limit, pass, units };
  });
  const cvs = indicators.map((i) => i.cv);
  const allCvs = cvs.every((c): c is number => c !== null) ? cvs : null;
  const meanCv = allCvs ? allCvs.reduce((a, c) => a + c, 0) / allCvs.length : null;
  const compositeRule = profile.cv.composite;
  const composite = compositeRule
    ? {
        cv: meanCv,
        limit: compositeRule.limits[l.level],
        pass: meanCv === null ? null : atMost(compared(meanCv), compositeRule.limits[l.level]),
      }
    : null;
  const unitCount = l.units.length;
  // A CV over one school is not computable and not a failure: it does not hold the level's verdict back.
  const judged = indicators.filter((i) => i.reason !== 'single-unit');
  const pass: Pass =
    unitCount === 0 || judged.length === 0 ? null : composite ? composite.pass : allOf(judged.map((i) => i.pass));
  return {
    level: l.level,
    unitCount,
    students: l.students,
    indicators,
    composite,
    cvMean: composite ? null : meanCv,
    pass,
    ...(unitCount === 0 ? { reason: 'no-units' } : judged.length === 0 ? { reason: 'single-unit' } : {}),
    staffing: l.staffing,
    classSize: l.classSize ? levelClassSize(l.classSize, profile.classSize.limits[l.level]) : null,
    // issue 14 (城乡): figures only, passed through: nothing of them is judged.
    ...(l.locales ? { locales: l.locales } : {}),
  };
}

/** The level's class counts with its limit, and (issue 13) the histogram where there is class data. */
function levelClassSize(
  c: NonNullable<LevelFigures['classSize']>,
  limit: number,
): NonNullable<CountyLevel['classSize']> {
  const { histogram, ...counts } = c;
  return histogram ? { ...withoutLargest(counts), limit, histogram } : { ...withoutLargest(counts), limit };
}

function withoutLargest<T extends { largest: number }>(c: T): Omit<T, 'largest'> {
  const { largest: _largest, ...rest } = c;
  return rest;
}

/** A county as judged: the parts and items carry ids, no names (assess names them in the user's language). */
export type JudgedCounty = Omit<County, 'parts'> & { parts: JudgedPart[] | null };

export function judgeCounty(
  f: CountyFigures,
  excluded: Excluded[],
  profile: Profile,
  dataErrors: boolean,
  countyItems: CountyItemValue[] | null = null,
): JudgedCounty {
  const levels = f.levels.map((l) => judgeLevel(l, profile));
  const units = f.units.map((u) => judgeUnit(u, profile));
  const checks: Check[] = CHECKS.filter((c) => c.enabled(profile)).map((c) => c.run(f, levels, units, profile));
  const parts = judgeParts(profile, checks, countyItems);
  const failed = failedRules(checks, parts).length > 0;
  // Evidence rule: a county where no binding check had data is never 'pass' (every school out of scope, say).
  const nothing = !checks.some((c) => c.binding && c.pass !== null);
  const reason = dataErrors ? 'data-error' : !failed && nothing ? 'nothing-assessed' : undefined;
  const sum = (k: 'classes' | 'overLimit' | 'large' | 'superLarge') =>
    levels.reduce((a, l) => a + (l.classSize?.[k] ?? 0), 0);
  return {
    county: f.county,
    // With data errors no verdict is given: a failure may come from the bad cells themselves.
    verdict: reason ? 'incomplete' : failed ? 'fail' : 'pass',
    ...(reason ? { reason } : {}),
    levels,
    units: sortUnits(units),
    excluded: excluded.map((e) => ({
      code: e.code,
      name: e.name,
      type: e.type,
      ...(e.level ? { level: e.level } : {}),
      students: e.students,
      reason: e.reason,
    })),
    classSize: classSummary(
      f.hasClassSizes && f.units.some((u) => u.hasClassData),
      sum('classes'),
      sum('overLimit'),
      sum('large'),
      sum('superLarge'),
    ),
    checks,
    parts,
  };
}

function classSummary(
  assessed: boolean,
  classes: number,
  overLimit: number,
  large: number,
  superLarge: number,
): County['classSize'] {
  const share = (n: number) => (classes > 0 ? n / classes : null);
  return {
    assessed,
    classes,
    overLimit,
    large,
    superLarge,
    overLimitShare: share(overLimit),
    largeShare: share(large),
    superLargeShare: share(superLarge),
  };
}

/** Failing units first, then by level and input order: a stable partition by pass (false, null, true). */
function sortUnits(units: UnitResult[]): UnitResult[] {
  const out: UnitResult[] = [];
  for (const pass of [false, null, true]) for (const u of units) if (u.pass === pass) out.push(u);
  return out;
}
