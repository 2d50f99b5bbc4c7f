// Class rows, aggregated as they are read: per school code and level, counts (classes, pupils, the largest,
// classes above each of the profile's size thresholds). A national class sheet has millions of rows; memory
// grows with schools, never with classes: no list of sizes is kept.
import { finding, type RawFinding } from '../findings.js';
import { LEVELS_OF_TYPE, type RowLevel } from '../domain.js';
import type { Cell } from '../read/index.js';
import type { SchoolRecord, Source } from './schemas.js';
import { cellAt } from './locate.js';
import { append } from '../group.js';
import type { Profile } from '../profiles/schema.js';

/**
 * Class counts of one school × level. Sizes are whole numbers of pupils, so every count the judge asks
 * for is exact from `above`: over a limit is above(limit), 大班额 above(min − 1) − above(max), 超大班额
 * above(superLarge − 1).
 */
export interface ClassTally {
  /** Classes. */
  n: number;
  /** Pupils of all classes. */
  sum: number;
  /** The largest class (0 without classes). */
  max: number;
  /** above[i]: classes of more than cuts[i] pupils. */
  above: Uint32Array;
  /** Ascending thresholds, shared by every tally of one run. */
  cuts: readonly number[];
  /**
   * issue 14 (plan-more): per grade, where class rows name one (pupils cannot be spread across grades). Grades 1–9
   * as one flat array (n, sum, max per grade: a few smis per school, not a map; a national sheet has 10⁵ schools),
   * grades named otherwise in a map. Read with gradesOf.
   */
  gradeCounts?: number[];
  otherGrades?: Map<string, GradeTally>;
}

/** One grade's classes: all the plan needs to add classes per grade (three numbers per grade, never a list). */
export interface GradeTally {
  n: number;
  sum: number;
  max: number;
}

const GRADE_DIGITS: Record<string, string> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const GRADE_KEYS = new Map<string, string>();

/**
 * One key per grade however written: 三年级, 3年级 → "3"; 初一 → "7"; any other name as written (trimmed). Cached by
 * the cell text: a class sheet has millions of rows and a dozen grade names.
 */
export function gradeKey(grade: string): string {
  let k = GRADE_KEYS.get(grade);
  if (k !== undefined) return k;
  const g = grade.trim();
  const m = /^(?:小学|初中)?([一二三四五六七八九1-9])年级/.exec(g);
  const j = /^初([一二三123])/.exec(g);
  k = m ? (GRADE_DIGITS[m[1]!] ?? m[1]!) : j ? String(6 + Number(GRADE_DIGITS[j[1]!] ?? j[1])) : g;
  if (GRADE_KEYS.size < 10_000) GRADE_KEYS.set(grade, k);
  return k;
}

/** The tally's grades in order (1–9, then others), or undefined without any. */
export function gradesOf(t: ClassTally): Map<string, GradeTally> | undefined {
  if (!t.gradeCounts && !t.otherGrades) return undefined;
  const out = new Map<string, GradeTally>();
  const a = t.gradeCounts ?? [];
  for (let i = 0; i + 2 < a.length; i += 3)
    if (a[i]! > 0) out.set(String(i / 3 + 1), { n: a[i]!, sum: a[i + 1]!, max: a[i + 2]! });
  for (const [k, g] of t.otherGrades ?? []) out.set(k, { ...g });
  return out;
}

/** The grades when they account for every class of the tally (else the plan works on the whole unit). */
export function gradesCover(t: ClassTally): Map<string, GradeTally> | undefined {
  const grades = gradesOf(t);
  if (!grades?.size) return undefined;
  let n = 0;
  for (const g of grades.values()) n += g.n;
  return n === t.n ? grades : undefined;
}

/** Adds one grade's classes (n classes, sum pupils, the largest max) to the tally's grades. */
function gradeAdd(t: ClassTally, key: string, n: number, sum: number, max: number): void {
  const slot = key.length === 1 && key >= '1' && key <= '9' ? Number(key) - 1 : -1;
  if (slot < 0) {
    t.otherGrades ??= new Map();
    const g = t.otherGrades.get(key);
    if (g) {
      g.n += n;
      g.sum += sum;
      if (max > g.max) g.max = max;
    } else t.otherGrades.set(key, { n, sum, max });
    return;
  }
  let a = t.gradeCounts;
  if (!a || a.length < 3 * slot + 3) {
    // Exactly sized (primary 1–6, or all 9): grown by push, an array keeps twice the room it needs.
    const grown: number[] = new Array(slot < 6 ? 18 : 27).fill(0);
    for (const [i, v] of (a ?? []).entries()) grown[i] = v;
    t.gradeCounts = a = grown;
  }
  a[3 * slot]! += n;
  a[3 * slot + 1]! += sum;
  if (max > a[3 * slot + 2]!) a[3 * slot + 2] = max;
}

/** The tally with these grades (replacing any it had). */
export function withGrades(t: ClassTally, grades: ReadonlyMap<string, GradeTally>): ClassTally {
  const out: ClassTally = { n: t.n, sum: t.sum, max: t.max, above: t.above, cuts: t.cuts };
  for (const [k, g] of grades) gradeAdd(out, k, g.n, g.sum, g.max);
  return out;
}

/** issue 13 (html): the class-size histogram's bin edges (5 pupils wide); the profile's cuts are edges too,
 * so the limit, 56 and 66 marks fall between bins. */
export const HISTOGRAM_EDGES: readonly number[] = [25, 30, 35, 40, 45, 50, 55, 60, 65, 70];

/** The thresholds the profile's class-size counts need (plus `extra`), ascending and distinct. */
export function classCuts(profile: Profile, ...extra: number[]): number[] {
  const { limits, large, superLarge } = profile.classSize;
  const cuts = [...Object.values(limits), large.min - 1, large.max, superLarge - 1, ...HISTOGRAM_EDGES, ...extra];
  return [...new Set(cuts)].sort((a, b) => a - b);
}

export function emptyTally(cuts: readonly number[]): ClassTally {
  return { n: 0, sum: 0, max: 0, above: new Uint32Array(cuts.length), cuts };
}

export function tallyAdd(t: ClassTally, size: number, grade?: string): void {
  t.n++;
  t.sum += size;
  if (size > t.max) t.max = size;
  const { cuts, above } = t;
  for (let i = 0; i < cuts.length && size > cuts[i]!; i++) above[i]!++;
  if (grade) gradeAdd(t, gradeKey(grade), 1, size, size);
}

/** Adds b's classes to a (same cuts). */
export function tallyMerge(a: ClassTally, b: ClassTally): void {
  if (a.cuts.length !== b.cuts.length || a.cuts.some((c, i) => c !== b.cuts[i]))
    throw new Error('class tallies with different thresholds');
  a.n += b.n;
  a.sum += b.sum;
  if (b.max > a.max) a.max = b.max;
  for (let i = 0; i < a.above.length; i++) a.above[i]! += b.above[i]!;
  const g = b.gradeCounts;
  if (g)
    for (let i = 0; i + 2 < g.length; i += 3)
      if (g[i]! > 0) gradeAdd(a, String(i / 3 + 1), g[i]!, g[i + 1]!, g[i + 2]!);
  for (const [k, x] of b.otherGrades ?? []) gradeAdd(a, k, x.n, x.sum, x.max);
}

export function tallyOf(sizes: readonly number[], cuts: readonly number[]): ClassTally {
  const t = emptyTally(cuts);
  for (const s of sizes) tallyAdd(t, s);
  return t;
}

/** Classes of more than `cut` pupils; `cut` must be one of the tally's thresholds. */
export function tallyAbove(t: ClassTally, cut: number): number {
  const i = t.cuts.indexOf(cut);
  if (i < 0) throw new Error(`class tally has no threshold ${cut}`);
  return t.above[i]!;
}

/** Classes of one school code at one level (given, or implied by the grade; undefined when neither says). */
export interface ClassGroup {
  level: RowLevel | undefined;
  /** Whether the level came from the 学段 column (true) or from the grade name (false). */
  given: boolean;
  tally: ClassTally;
  /** The group's first row, for findings: its location only (no cells). */
  at: Source;
  rawLevel: Cell;
}
export type ClassAggregate = Map<string, ClassGroup[]>;

const PRIMARY_GRADE = /^(一|二|三|四|五|六|[1-6])年级|^小学/;
const JUNIOR_GRADE = /^(七|八|九|[7-9])年级|^初[一二三123]|^初中/;

export function gradeLevel(grade: string | undefined): RowLevel | undefined {
  if (!grade) return undefined;
  if (PRIMARY_GRADE.test(grade)) return 'primary';
  if (JUNIOR_GRADE.test(grade)) return 'junior';
  return undefined;
}

const NO_CELLS: Record<string, Cell> = Object.freeze({});

/** The class groups of a school code, created empty. */
export function schoolGroups(agg: ClassAggregate, code: string): ClassGroup[] {
  let groups = agg.get(code);
  if (!groups) agg.set(code, (groups = []));
  return groups;
}

/** Adds one class to the groups of its school (schoolGroups); `at` (the row) is asked for only by a class that starts a group. */
export function addClass(
  groups: ClassGroup[],
  cuts: readonly number[],
  level: RowLevel | undefined,
  grade: string | undefined,
  students: number,
  at: () => Source,
): void {
  const lv = level ?? gradeLevel(grade);
  const given = level !== undefined;
  let g: ClassGroup | undefined;
  for (const x of groups)
    if (x.level === lv && x.given === given) {
      g = x;
      break;
    }
  if (!g) {
    const source = at();
    // Only the location is kept (cellAt reads no cell): the row's cells would be memory per group.
    const where: Source = {
      file: source.file,
      sheet: source.sheet,
      row: source.row,
      columns: source.columns,
      raw: NO_CELLS,
    };
    groups.push((g = { level: lv, given, tally: emptyTally(cuts), at: where, rawLevel: source.raw.level ?? null }));
  }
  tallyAdd(g.tally, students, grade);
}

/** Merges b into a (both keyed by code). */
export function mergeClasses(a: ClassAggregate, b: ClassAggregate): void {
  for (const [code, groups] of b) a.set(code, append(a.get(code) ?? [], groups));
}

/**
 * Resolves each group's level against its school, and checks: classes of unknown schools, levels that do
 * not fit the school, and class pupils that do not add up to the school row's pupils (a warning).
 * Returns class counts by code and level.
 */
export function checkClasses(
  agg: ClassAggregate,
  byCode: Map<string, SchoolRecord[]>,
  out: RawFinding[],
): Map<string, ClassTally> {
  const sizes = new Map<string, ClassTally>();
  for (const [code, groups] of agg) {
    const rows = byCode.get(code);
    if (!rows) {
      const n = groups.reduce((a, g) => a + g.tally.n, 0);
      const first = groups.reduce((a, g) => (g.at.row < a.at.row ? g : a));
      out.push(
        finding('unknown-school', 'error', cellAt(first.at, 'code', 'classes'), { value: code, params: { count: n } }),
      );
      continue;
    }
    const type = rows[0]!.type!;
    const levels = LEVELS_OF_TYPE[type];
    for (const g of groups) {
      // A single-level school's classes are of its level, whatever the grade says; a given level must fit.
      const level = levels.length === 1 && !g.given ? levels[0]! : g.level;
      if (level === undefined) {
        out.push(
          finding('missing-level', 'error', cellAt(g.at, 'level', 'classes'), {
            params: { type, count: g.tally.n },
          }),
        );
        continue;
      }
      if (!rows.some((r) => r.level === level)) {
        out.push(
          finding('level-type-mismatch', 'error', cellAt(g.at, 'level', 'classes'), {
            value: g.rawLevel ?? level,
            params: { type, count: g.tally.n },
          }),
        );
        continue;
      }
      const key = `${code}\u0000${level}`;
      const t = sizes.get(key);
      if (t) tallyMerge(t, g.tally);
      else {
        const copy = emptyTally(g.tally.cuts);
        // The grades move rather than copy (memory grows with schools × grades): the group is not read again.
        copy.gradeCounts = g.tally.gradeCounts;
        copy.otherGrades = g.tally.otherGrades;
        g.tally.gradeCounts = undefined;
        g.tally.otherGrades = undefined;
        tallyMerge(copy, g.tally);
        sizes.set(key, copy);
      }
    }
  }
  for (const [code, rows] of byCode) {
    for (const row of rows) {
      const t = sizes.get(`${code}\u0000${row.level}`);
      if (!t || row.students === undefined) continue;
      const sum = t.sum;
      if (sum !== row.students)
        out.push(
          finding('class-students-mismatch', 'warning', cellAt(row.source, 'students', 'schools'), {
            value: row.students,
            params: { sum },
          }),
        );
    }
  }
  return sizes;
}
