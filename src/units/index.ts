// Stage 4: typed rows → units of assessment (one per school and level), shared facilities split by
// weighted enrolment, the standard's scope applied. Excluded schools are listed, never dropped.
import { finding, type RawFinding } from '../findings.js';
import { LEVELS, LEVELS_OF_TYPE, type Level, type RowLevel, type SchoolType } from '../domain.js';
import type { Profile, Quantity, ScopeRule } from '../profiles/schema.js';
import { quantitySources } from '../quantities.js';
import { SCHOOL_COLUMNS } from '../map/columns.js';
import type { ClassBand, SchoolRecord, Source } from '../validate/schemas.js';
import type { ClassTally } from '../validate/classes.js';
import type { Validated } from '../validate/index.js';
import { cellAt, isBlank } from '../validate/locate.js';

export interface Unit {
  county: string;
  code: string;
  name: string;
  type: SchoolType;
  level: Level;
  locale?: string;
  students: number;
  quantities: Partial<Record<Quantity, number>>;
  /** Class counts of this unit, when a class sheet has classes of it. */
  classSizes: ClassTally | undefined;
  /** Class counts by size band from the schools sheet, used when there is no class sheet. */
  classBands: ClassBand[];
  /** 班级数 of the row: with band columns, the share of over-limit classes is of these, not of the banded ones. */
  classes?: number;
  source: Where;
}

/** Where a unit's row is: all the report needs of a row's Source, so that the row's cells are not kept alive. */
export type Where = Pick<Source, 'file' | 'sheet' | 'row'>;
const whereOf = (s: Source): Where => ({ file: s.file, sheet: s.sheet, row: s.row });

export interface School {
  county: string;
  code: string;
  name: string;
  type: SchoolType;
  levels: Level[];
  /** Compulsory-stage pupils (primary + junior). */
  students: number;
  /** Classes of the primary and junior levels, when given. */
  classes?: number;
  musicRooms?: number;
  artRooms?: number;
  source: Where;
}

export interface Excluded {
  county: string;
  code: string;
  name: string;
  type: SchoolType;
  level?: Level;
  students: number;
  reason: string;
}

export interface UnitSet {
  units: Unit[];
  schools: School[];
  excluded: Excluded[];
  /** Whether class sizes can be assessed (a class sheet was given). */
  hasClassSizes: boolean;
  /** issue 14: the schools table has a 城乡 column (the report then compares 城区 / 镇区 / 乡村). */
  hasLocale?: boolean;
  findings: RawFinding[];
}

export function buildUnits(v: Validated, profile: Profile, defaultCounty: string): UnitSet {
  const findings: RawFinding[] = [];
  const units: Unit[] = [];
  const schools: School[] = [];
  const excluded: Excluded[] = [];
  const needed = new Set<Quantity>(profile.indicators.map((i) => i.quantity));

  for (const rows of bySchool(v.schools)) {
    const first = rows[0]!;
    const type = first.type!;
    const byLevel = new Map<RowLevel, SchoolRecord>();
    for (const r of rows) if (!byLevel.has(r.level!)) byLevel.set(r.level!, r);
    const county = first.county ?? defaultCounty;
    const levels = LEVELS.filter((l) => LEVELS_OF_TYPE[type].includes(l) && byLevel.has(l));
    const compulsory = levels.reduce((a, l) => a + (byLevel.get(l)!.students ?? 0), 0);
    const base = { county, code: first.code!, name: first.name!, type };

    const rule = profile.scope.find((r) => inScopeRule(r, first, type, compulsory));
    if (rule) {
      excluded.push({ ...base, students: compulsory, reason: rule.reason });
      continue;
    }
    const whole = byLevel.get('whole');
    const shares = splitShares(byLevel, profile);
    if (whole && shares === null) {
      findings.push(finding('cannot-split', 'error', cellAt(whole.source, 'level', 'schools'), { value: whole.code }));
    }
    const schoolLevels: Level[] = [];
    for (const level of levels) {
      const row = byLevel.get(level)!;
      const students = row.students;
      if (students === undefined) {
        // Its pupils are missing or invalid (already a finding): list the unit rather than drop it.
        excluded.push({ ...base, level, students: 0, reason: 'data-error' });
        continue;
      }
      if (students === 0) {
        excluded.push({ ...base, level, students: 0, reason: 'no-students' });
        continue;
      }
      const facility = (key: string): number | undefined => {
        const own = cellOf(row, key);
        const shared = whole && cellOf(whole, key);
        if (own === undefined && shared === undefined) return undefined;
        return (own ?? 0) + (shared !== undefined && shares ? shared * shares[level] : 0);
      };
      const quantities = unitQuantities(row, facility, level, profile);
      for (const q of needed) {
        if (quantities[q] !== undefined) continue;
        const keys = quantitySources(q)
          .flat()
          .filter((k) => k in row.source.columns);
        const key = keys[0];
        const badCell = keys.some((k) => !isBlank(row.source.raw[k])); // already reported
        if (key && !badCell)
          findings.push(finding('missing-value', 'error', cellAt(row.source, key, 'schools'), { params: { level } }));
      }
      const classSizes = v.classSizes.get(`${first.code!}\u0000${level}`);
      const classBands = v.hasClassTable ? [] : (row.bands ?? []);
      units.push({
        county,
        code: base.code,
        name: base.name,
        type,
        level,
        locale: row.locale ?? first.locale,
        students,
        quantities,
        classSizes,
        classBands,
        classes: row.classes,
        source: whereOf(row.source),
      });
      schoolLevels.push(level);
    }
    if (schoolLevels.length === 0) continue;
    const levelRows = levels.map((l) => byLevel.get(l)!);
    // Explicit fields, no object spread: this loop runs once per school of a national file.
    schools.push({
      county,
      code: base.code,
      name: base.name,
      type,
      levels: schoolLevels,
      students: compulsory,
      classes: sumRows(levelRows, (r) => r.classes),
      musicRooms: sumRows(rows, (r) => r.music_rooms),
      artRooms: sumRows(rows, (r) => r.art_rooms),
      source: whereOf(first.source),
    });
  }
  const hasBands = v.schools.some((s) => (s.bands ?? []).length > 0);
  const hasLocale = v.schools.some((r) => r.source.columns.locale !== undefined);
  return { units, schools, excluded, hasClassSizes: v.hasClassTable || hasBands, hasLocale, findings };
}

/** Rows grouped by school (county and code), in first-seen order: Maps per county keyed by code, faster than
 * one Map keyed by joined strings (a national file has 200 000 rows). */
function bySchool(rows: SchoolRecord[]): SchoolRecord[][] {
  const groups: SchoolRecord[][] = [];
  const counties = new Map<string, Map<string, SchoolRecord[]>>();
  for (const r of rows) {
    const county = r.county ?? '';
    let codes = counties.get(county);
    if (!codes) counties.set(county, (codes = new Map()));
    const group = codes.get(r.code!);
    if (group) group.push(r);
    else {
      const g = [r];
      codes.set(r.code!, g);
      groups.push(g);
    }
  }
  return groups;
}

/** Sum over rows; undefined when no row gives the field. */
function sumRows(rows: SchoolRecord[], get: (r: SchoolRecord) => number | undefined): number | undefined {
  let total: number | undefined;
  for (const r of rows) {
    const v = get(r);
    if (v !== undefined) total = (total ?? 0) + v;
  }
  return total;
}

function inScopeRule(rule: ScopeRule, row: SchoolRecord, type: SchoolType, students: number): boolean {
  if (rule.types && !rule.types.includes(type)) return false;
  if (rule.ownership && !rule.ownership.includes(row.ownership ?? 'public')) return false;
  if (rule.affiliation && !rule.affiliation.includes(row.affiliation ?? 'county')) return false;
  if (rule.studentsBelow !== undefined && !(students < rule.studentsBelow)) return false;
  return true;
}

/** share(level) = w·P_level / Σ w·P over the school's level rows (primary, junior, senior). */
export function splitShares(
  byLevel: Map<RowLevel, { students?: number }>,
  profile: Profile,
): Record<Level, number> | null {
  const w = profile.splitWeights;
  const weighted = (l: 'primary' | 'junior' | 'senior') => w[l] * (byLevel.get(l)?.students ?? 0);
  const total = weighted('primary') + weighted('junior') + weighted('senior');
  if (total <= 0) return null;
  return { primary: weighted('primary') / total, junior: weighted('junior') / total };
}

const DEGREES = {
  postgraduate: ['postgrad_teachers'],
  bachelor: ['postgrad_teachers', 'bachelor_teachers'],
  associate: ['postgrad_teachers', 'bachelor_teachers', 'associate_teachers'],
} as const;

/** Sum of the given fields; undefined when none of them is given (a blank among given ones counts 0). */
function sumOf(row: SchoolRecord, keys: readonly (keyof SchoolRecord)[]): number | undefined {
  const vals = keys.map((k) => row[k] as number | undefined);
  return vals.some((v) => v !== undefined) ? vals.reduce<number>((a, v) => a + (v ?? 0), 0) : undefined;
}

/** A numeric cell by key (registered columns are not in SchoolRecord's type). */
const cellOf = (row: SchoolRecord, key: string) => (row as Record<string, unknown>)[key] as number | undefined;

function unitQuantities(
  row: SchoolRecord,
  facility: (key: string) => number | undefined,
  level: Level,
  profile: Profile,
): Partial<Record<Quantity, number>> {
  const indoor = profile.indoorSportsToSports ? (facility('indoor_sports_area') ?? 0) : 0;
  const teaching = facility('teaching_area');
  const sports = facility('sports_area');
  let peArt = sumOf(row, ['pe_teachers', 'music_teachers', 'art_teachers']) ?? row.pe_art_teachers;
  const visiting = profile.visitingPeArt;
  if (peArt !== undefined && visiting && row.visiting_pe_art_teachers !== undefined && row.students !== undefined) {
    const eligible =
      row.locale !== undefined &&
      visiting.locales.includes(row.locale) &&
      row.students >= visiting.minStudents &&
      row.students <= visiting.maxStudents;
    if (eligible) peArt += row.visiting_pe_art_teachers;
  }
  const quantities: Partial<Record<Quantity, number>> = {
    qualifiedTeachers: row.qualified_teachers ?? sumOf(row, DEGREES[profile.qualification[level]]),
    peArtTeachers: peArt,
    teachingArea: teaching === undefined ? undefined : teaching - indoor,
    sportsArea: sports === undefined ? undefined : sports + indoor,
  };
  // Simple quantities: one column's value, split from the 全校 row when the column is a facility (columns.ts).
  for (const c of SCHOOL_COLUMNS)
    if (c.quantity) quantities[c.quantity] = c.facility ? facility(c.key) : cellOf(row, c.key);
  return quantities;
}
