// Stage 6: figures + profile → pass/fail. Pure; the profile says what is judged and against what.
import type { Profile } from '../profiles/schema.js';
import type { CountyFigures, LevelFigures, UnitFigures } from '../compute/index.js';
import type { Excluded } from '../units/index.js';
import type { Check, County, CountyLevel, Coverage, UnitResult } from '../report/schema.js';
import { allOf, atLeast, atMost, clean, roundTo } from './compare.js';

export { allOf };
import { judgeParts } from './parts.js';
import type { CountyItemValue } from '../validate/county.js';
import type { Lang } from '../i18n/messages.js';

type Pass = boolean | null;



const floorsOf = new WeakMap<Profile, Record<'primary' | 'junior', (number | null)[]>>();
/** standard × floor ratio per indicator and level, without representation noise; once per profile. */
function floors(profile: Profile): Record<'primary' | 'junior', (number | null)[]> {
  let f = floorsOf.get(profile);
  if (!f) {
    const rule = profile.perSchool;
    const of = (level: 'primary' | 'junior') => profile.indicators.map((d) => (d.standard && rule ? clean(d.standard[level] * rule.floorRatio) : null));
    floorsOf.set(profile, (f = { primary: of('primary'), junior: of('junior') }));
  }
  return f;
}

export function judgeUnit(u: UnitFigures, profile: Profile): UnitResult {
  const rule = profile.perSchool;
  const levelFloors = floors(profile)[u.unit.level];
  const indicators = u.values.map(({ def, value }, i) => {
    const standard = def.standard?.[u.unit.level] ?? null;
    const floor = levelFloors[i] ?? null;
    const met = value === null || standard === null ? null : atLeast(value, standard);
    const aboveFloor = met === true ? true : value === null || floor === null ? null : atLeast(value, floor);
    return { id: def.id, value, standard, floor, met, aboveFloor };
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
  const indicators = l.indicators.map(({ def, cv, units }) => ({
    id: def.id,
    mean: cv.mean,
    sd: cv.sd,
    cv: cv.cv,
    ...(cv.reason ? { reason: cv.reason } : {}),
    cvLimit: limit,
    pass: limit === null || cv.cv === null ? null : atMost(compared(cv.cv), limit),
    units,
  }));
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
  const pass: Pass = unitCount === 0 || judged.length === 0 ? null : composite ? composite.pass : allOf(judged.map((i) => i.pass));
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
    classSize: l.classSize ? { ...withoutLargest(l.classSize), limit: profile.classSize.limits[l.level] } : null,
  };
}

function withoutLargest<T extends { largest: number }>(c: T): Omit<T, 'largest'> {
  const { largest: _largest, ...rest } = c;
  return rest;
}

export function judgeCounty(
  f: CountyFigures,
  excluded: Excluded[],
  profile: Profile,
  dataErrors: boolean,
  countyItems: CountyItemValue[] | null = null,
  lang: Lang = 'zh',
): County {
  const levels = f.levels.map((l) => judgeLevel(l, profile));
  const units = f.units.map((u) => judgeUnit(u, profile));
  const checks: Check[] = [];
  // Evidence rule: a check without data is null with a reason; one with data for part of the county
  // judges that part only and says who is missing (coverage).
  const check = (id: string, binding: boolean, failures: Check['failures'], pass: Pass, reason?: string, coverage?: Coverage) => {
    const assessed = pass === null ? 'none' : coverage && coverage.assessed < coverage.total ? 'partial' : 'full';
    checks.push({ id, pass, binding, ...(reason ? { reason } : {}), failures, assessed, ...(assessed === 'partial' ? { coverage } : {}) });
  };

  if (profile.cv.limits) {
    const failures = levels.flatMap((l) =>
      l.indicators.filter((i) => i.pass === false).map((i) => ({ level: l.level, indicator: i.id, value: i.cv!, limit: i.cvLimit! })),
    );
    const judged = levels.filter((l) => l.unitCount > 0 && l.reason === undefined);
    const pass = allOf(judged.map((l) => l.pass));
    // Not judged: every level with schools has one school only (a CV needs two), or no level has any.
    const reason = judged.length > 0 ? undefined : levels.some((l) => l.reason === 'single-unit') ? 'single-unit' : 'no-units';
    // A CV is over the units with a value: a unit without one is a gap in the evidence, listed.
    check('cv', true, failures, pass, reason, unitCoverage(f.units, (u) => u.values.every((v) => v.value !== null)));
  }
  if (profile.cv.composite) {
    const failures = levels
      .filter((l) => l.composite?.pass === false)
      .map((l) => ({ level: l.level, value: l.composite!.cv!, limit: l.composite!.limit }));
    check('composite', true, failures, allOf(levels.filter((l) => l.unitCount > 0).map((l) => l.composite?.pass ?? null)));
  }
  if (profile.perSchool) {
    const failures = units
      .filter((u) => u.pass === false)
      .map((u) => ({ code: u.code, name: u.name, level: u.level, value: u.met, detail: u.indicators.filter((i) => i.met === false).map((i) => i.id).join(',') }));
    // A unit with a value missing is not judged (its cell is an error finding): the others are, and it is listed.
    const judged = units.filter((u) => u.pass !== null);
    const unjudged = new Set(f.units.filter((_, i) => units[i]!.pass === null));
    check('per-school', true, failures, judged.length ? allOf(judged.map((u) => u.pass)) : null, undefined, unitCoverage(f.units, (u) => !unjudged.has(u)));
  }
  {
    const failures = units
      .filter((u) => u.classSize && u.classSize.overLimit > 0)
      .map((u) => ({ code: u.code, name: u.name, level: u.level, value: u.classSize!.largest, limit: profile.classSize.limits[u.level], detail: String(u.classSize!.overLimit) }));
    const uncertain = units.some((u) => (u.classSize?.uncertain ?? 0) > 0);
    // A class sheet with its header only, or rows for none of these schools, is no evidence of class sizes.
    const covered = f.units.filter((u) => u.hasClassData).length;
    const coverage = unitCoverage(f.units, (u) => u.hasClassData);
    if (units.length === 0) check('class-size', profile.classSize.binding, [], null, 'no-units');
    else if (!f.hasClassSizes || covered === 0) check('class-size', profile.classSize.binding, [], null, 'no-class-data');
    else if (failures.length === 0 && uncertain) check('class-size', profile.classSize.binding, [], null, 'band-straddles-limit');
    else check('class-size', profile.classSize.binding, failures, failures.length === 0, undefined, coverage);
  }
  if (profile.schoolSize) {
    const judged = f.schools.filter((s) => s.sizeLimit !== null);
    const failures = judged
      .filter((s) => s.school.students > s.sizeLimit!)
      .map((s) => ({ code: s.school.code, name: s.school.name, value: s.school.students, limit: s.sizeLimit! }));
    check('school-size', profile.schoolSize.binding, failures, judged.length ? failures.length === 0 : null);
  }
  if (profile.specialRooms) {
    const hasRooms = (s: (typeof f.schools)[number]) => s.roomsNeeded !== null && (s.school.musicRooms !== undefined || s.school.artRooms !== undefined);
    const judged = f.schools.filter(hasRooms);
    const failures = judged.flatMap((s) => {
      const need = s.roomsNeeded!;
      const short = [
        ['music', s.school.musicRooms ?? 0],
        ['art', s.school.artRooms ?? 0],
      ].filter(([, have]) => (have as number) < need);
      return short.map(([kind, have]) => ({ code: s.school.code, name: s.school.name, value: have as number, limit: need, detail: kind as string }));
    });
    const coverage: Coverage = {
      assessed: judged.length,
      total: f.schools.length,
      unit: 'schools',
      missing: f.schools.filter((s) => !hasRooms(s)).map((s) => ({ code: s.school.code, name: s.school.name })),
    };
    if (judged.length) check('special-rooms', profile.specialRooms.binding, failures, failures.length === 0, undefined, coverage);
    else check('special-rooms', profile.specialRooms.binding, [], null, 'no-room-data');
  }
  {
    const failures = units
      .filter((u) => (u.staffing.shortfall ?? 0) > 0)
      .map((u) => ({ code: u.code, name: u.name, level: u.level, value: u.staffing.shortfall!, limit: u.staffing.norm }));
    const judged = units.filter((u) => u.staffing.shortfall !== null);
    check('staffing', profile.staffing.binding, failures, judged.length ? failures.length === 0 : null, undefined, unitCoverage(f.units, (u) => u.staffing.shortfall !== null));
  }

  const parts = judgeParts(profile, checks, countyItems, lang);
  const failed = checks.some((c) => c.binding && c.pass === false) || (parts ?? []).some((p) => p.pass === false);
  // Evidence rule: a county where no binding check had data is never 'pass' (every school out of scope, say).
  const nothing = !checks.some((c) => c.binding && c.pass !== null);
  const reason = dataErrors ? 'data-error' : !failed && nothing ? 'nothing-assessed' : undefined;
  const sum = (k: 'classes' | 'overLimit' | 'large' | 'superLarge') => levels.reduce((a, l) => a + (l.classSize?.[k] ?? 0), 0);
  return {
    county: f.county,
    // With data errors no verdict is given: a failure may come from the bad cells themselves.
    verdict: reason ? 'incomplete' : failed ? 'fail' : 'pass',
    ...(reason ? { reason } : {}),
    levels,
    units: sortUnits(units),
    excluded: excluded.map((e) => ({ code: e.code, name: e.name, type: e.type, ...(e.level ? { level: e.level } : {}), students: e.students, reason: e.reason })),
    classSize: classSummary(f.hasClassSizes && f.units.some((u) => u.hasClassData), sum('classes'), sum('overLimit'), sum('large'), sum('superLarge')),
    checks,
    parts,
  };
}

function unitCoverage(units: UnitFigures[], has: (u: UnitFigures) => boolean): Coverage {
  const missing = units.filter((u) => !has(u)).map((u) => ({ code: u.unit.code, name: u.unit.name, level: u.unit.level }));
  return { assessed: units.length - missing.length, total: units.length, unit: 'units', missing };
}

function classSummary(assessed: boolean, classes: number, overLimit: number, large: number, superLarge: number): County['classSize'] {
  const share = (n: number) => (classes > 0 ? n / classes : null);
  return { assessed, classes, overLimit, large, superLarge, overLimitShare: share(overLimit), largeShare: share(large), superLargeShare: share(superLarge) };
}

/** Failing units first, then by level and input order. */
function sortUnits(units: UnitResult[]): UnitResult[] {
  const rank = (u: UnitResult) => (u.pass === false ? 0 : u.pass === null ? 1 : 2);
  return units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i)
    .map((x) => x.u);
}
