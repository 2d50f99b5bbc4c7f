// Stage 5: the numbers. Pure: units and a profile in, figures out; nothing is judged here.
import { LEVELS, type Level } from '../domain.js';
import type { IndicatorDef, Profile } from '../profiles/schema.js';
import type { School, Unit } from '../units/index.js';
import type { ClassBand } from '../validate/schemas.js';
import { weightedCv, type CvResult } from './cv.js';
import { maxOf } from '../group.js';
import { classCuts, tallyAbove, tallyOf, type ClassTally } from '../validate/classes.js';
import { localeFigures, type LocaleFigures } from './locale.js';
import { indicatorValue } from './value.js';

export { indicatorValue };

export interface LevelFigures {
  level: Level;
  units: Unit[];
  students: number;
  /** Per indicator: the CV over the units that have a value. */
  indicators: { def: IndicatorDef; cv: CvResult; units: number }[];
  staffing: StaffingFigures;
  classSize: (ClassCountFigures & { histogram?: HistogramBin[] }) | null;
  /** issue 14 (城乡): means and CVs per 城乡 group, only when the data has the 城乡 column and the level has units. */
  locales?: LocaleFigures;
}
/** issue 13: classes of min…max pupils (max null: and more). From class rows: 5-pupil bins; from size bands: the band. */
export interface HistogramBin {
  min: number;
  max: number | null;
  classes: number;
}
export interface StaffingFigures {
  students: number;
  teachers: number | null;
  ratio: number | null;
  norm: number;
  shortfall: number | null;
}
export interface ClassCountFigures {
  classes: number;
  overLimit: number;
  large: number;
  superLarge: number;
  largest: number;
  /** Classes in size bands that straddle a limit: they may or may not be over it. */
  uncertain: number;
}
export interface UnitFigures {
  unit: Unit;
  /** Indicator values in the profile's order, NaN where the unit has none: a view into the county's one array. */
  values: Float64Array;
  staffing: StaffingFigures;
  classSize: ClassCountFigures | null;
  /** Whether the unit has class data (class rows, or band cells): a unit without is not assessed for class size. */
  hasClassData: boolean;
}
export interface SchoolFigures {
  school: School;
  sizeLimit: number | null;
  roomsNeeded: number | null;
}
export interface CountyFigures {
  county: string;
  levels: LevelFigures[];
  units: UnitFigures[];
  schools: SchoolFigures[];
  hasClassSizes: boolean;
}

/** A unit's indicator value from its figures: null where it has none. */
export const valueAt = (u: UnitFigures, i: number): number | null => {
  const v = u.values[i]!;
  return Number.isNaN(v) ? null : v;
};

export function staffing(students: number, teachers: number | undefined | null, norm: number): StaffingFigures {
  if (teachers === undefined || teachers === null)
    return { students, teachers: null, ratio: null, norm, shortfall: null };
  return {
    students,
    teachers,
    ratio: teachers > 0 ? students / teachers : null,
    norm,
    shortfall: Math.max(0, Math.ceil(students / norm) - teachers),
  };
}

/** Counts from exact class sizes and from size bands (a band straddling a limit counts as uncertain). */
export function classCounts(
  sizes: readonly number[] | ClassTally | undefined,
  bands: readonly ClassBand[],
  limit: number,
  profile: Profile,
  declared?: number,
): ClassCountFigures {
  const { large, superLarge } = profile.classSize;
  const inBand = (b: ClassBand, lo: number, hi: number) => b.lo >= lo && (b.hi ?? Infinity) <= hi;
  const straddles = (b: ClassBand, edge: number) => b.lo < edge && (b.hi ?? Infinity) >= edge;
  const banded = bands.filter((b) => b.count > 0);
  const sum = (f: (b: ClassBand) => boolean) => banded.filter(f).reduce((a, b) => a + b.count, 0);
  // Sizes are whole numbers: ≥ min is above min − 1.
  const t = Array.isArray(sizes) ? tallyOf(sizes, classCuts(profile, limit)) : (sizes as ClassTally | undefined);
  const above = (cut: number) => (t ? tallyAbove(t, cut) : 0);
  return {
    // Band columns usually count only the large classes: all classes are the school's 班级数 when given.
    classes: Math.max((t?.n ?? 0) + sum(() => true), bands.length && declared !== undefined ? declared : 0),
    overLimit: above(limit) + sum((b) => b.lo > limit),
    large: above(large.min - 1) - above(large.max) + sum((b) => inBand(b, large.min, large.max)),
    superLarge: above(superLarge - 1) + sum((b) => b.lo >= superLarge),
    largest: Math.max(
      t?.max ?? 0,
      maxOf(
        banded.map((b) => b.hi ?? b.lo),
        0,
      ),
    ),
    uncertain: sum((b) => straddles(b, limit + 1) || straddles(b, large.min) || straddles(b, superLarge)),
  };
}

/**
 * issue 13: a level's class-size histogram, or undefined when no unit has class data. Exact sizes (tallies) fall
 * into the bins between the tally's cuts; band columns add their bands as bins of their own.
 */
export function classHistogram(units: readonly Unit[]): HistogramBin[] | undefined {
  const bins = new Map<string, HistogramBin>();
  const add = (min: number, max: number | null, classes: number) => {
    const key = `${min}-${max}`;
    const bin = bins.get(key);
    if (bin) bin.classes += classes;
    else bins.set(key, { min, max, classes });
  };
  let any = false;
  for (const u of units) {
    const t = u.classSizes;
    if (t && t.n > 0) {
      any = true;
      // above[i] counts classes of more than cuts[i]: a bin is the difference of two neighbours.
      const { cuts, above } = t;
      add(1, cuts[0]!, t.n - above[0]!);
      for (let i = 1; i < cuts.length; i++) add(cuts[i - 1]! + 1, cuts[i]!, above[i - 1]! - above[i]!);
      add(cuts[cuts.length - 1]! + 1, null, above[cuts.length - 1]!);
    }
    for (const b of u.classBands) {
      if (b.count <= 0) continue;
      any = true;
      add(b.lo, b.hi, b.count);
    }
  }
  if (!any) return undefined;
  return [...bins.values()].sort((a, b) => a.min - b.min || (a.max ?? Infinity) - (b.max ?? Infinity));
}

/** The level's counts: the sum of its units' (each with its own 班级数). */
function sumCounts(list: ClassCountFigures[]): ClassCountFigures {
  const out: ClassCountFigures = { classes: 0, overLimit: 0, large: 0, superLarge: 0, largest: 0, uncertain: 0 };
  for (const c of list) {
    out.classes += c.classes;
    out.overLimit += c.overLimit;
    out.large += c.large;
    out.superLarge += c.superLarge;
    out.uncertain += c.uncertain;
    if (c.largest > out.largest) out.largest = c.largest;
  }
  return out;
}

export function computeCounty(
  county: string,
  units: Unit[],
  schools: School[],
  hasClassSizes: boolean,
  profile: Profile,
  /** issue 14: the data has a 城乡 column: the levels get their 城乡 figures (plan's many what-if passes need none). */
  hasLocale = false,
): CountyFigures {
  const defs = profile.indicators;
  const k = defs.length;
  // Every unit × indicator value in one array (NaN: none), filled once; the per-unit views share it.
  const values = new Float64Array(units.length * k);
  const unitFigures: UnitFigures[] = units.map((unit, n) => {
    for (let i = 0; i < k; i++) values[n * k + i] = indicatorValue(unit, defs[i]!) ?? Number.NaN;
    return {
      unit,
      values: values.subarray(n * k, n * k + k),
      staffing: staffing(unit.students, unit.quantities.teachers, profile.staffing.norms[unit.level]),
      classSize: hasClassSizes
        ? classCounts(unit.classSizes, unit.classBands, profile.classSize.limits[unit.level], profile, unit.classes)
        : null,
      hasClassData: (unit.classSizes?.n ?? 0) > 0 || unit.classBands.length > 0,
    };
  });
  // Scratch columns for one level × indicator: the values that exist and their weights, in unit order.
  const column = new Float64Array(units.length);
  const weights = new Float64Array(units.length);
  const enrolment = profile.cv.weighting !== 'unweighted';
  const levels = LEVELS.map((level): LevelFigures => {
    const ofLevel: number[] = [];
    for (let n = 0; n < units.length; n++) if (units[n]!.level === level) ofLevel.push(n);
    let students = 0;
    for (const n of ofLevel) students += units[n]!.students;
    const indicators = defs.map((def, i) => {
      let m = 0;
      for (const n of ofLevel) {
        const v = values[n * k + i]!;
        if (Number.isNaN(v)) continue;
        column[m] = v;
        weights[m++] = enrolment ? units[n]!.students : 1;
      }
      // Units exist but none has a value (missing data): say so rather than "no units".
      const cv =
        ofLevel.length && !m
          ? ({ mean: null, sd: null, cv: null, reason: 'no-data' } as const)
          : weightedCv(column, weights, m);
      return { def, cv, units: m };
    });
    let teachers: number | null = 0;
    for (const n of ofLevel) {
      const t = unitFigures[n]!.staffing.teachers;
      if (t === null) {
        teachers = null;
        break;
      }
      teachers += t;
    }
    const levelUnits = ofLevel.map((n) => units[n]!);
    const histogram = hasClassSizes ? classHistogram(levelUnits) : undefined;
    const counts = hasClassSizes ? sumCounts(ofLevel.map((n) => unitFigures[n]!.classSize!)) : null;
    const figures: LevelFigures = {
      level,
      units: levelUnits,
      students,
      indicators,
      staffing: staffing(students, ofLevel.length ? teachers : null, profile.staffing.norms[level]),
      classSize: counts && histogram ? { ...counts, histogram } : counts,
    };
    if (hasLocale && ofLevel.length)
      figures.locales = localeFigures(levelUnits, profile, (n, i) => {
        const v = values[ofLevel[n]! * k + i]!;
        return Number.isNaN(v) ? null : v;
      });
    return figures;
  });
  const schoolFigures = schools.map((school): SchoolFigures => {
    const rooms = profile.specialRooms;
    return {
      school,
      sizeLimit: profile.schoolSize?.limits[school.type] ?? null,
      roomsNeeded: rooms && school.classes !== undefined ? Math.ceil(school.classes / rooms.classesPerRoom) : null,
    };
  });
  return { county, levels, units: unitFigures, schools: schoolFigures, hasClassSizes };
}
