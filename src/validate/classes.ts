// Class rows, aggregated as they are read: per school code, the class sizes of each level. A national
// class sheet has millions of rows; only these numbers are kept, never an object per class.
import { finding, type RawFinding } from '../findings.js';
import { LEVELS_OF_TYPE, type RowLevel } from '../domain.js';
import type { Cell } from '../read/index.js';
import type { SchoolRecord, Source } from './schemas.js';
import { cellAt } from './locate.js';
import { append } from '../group.js';

/** Classes of one school code at one level (given, or implied by the grade; undefined when neither says). */
export interface ClassGroup {
  level: RowLevel | undefined;
  /** Whether the level came from the 学段 column (true) or from the grade name (false). */
  given: boolean;
  sizes: number[];
  /** The group's first row, for findings. */
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

/** Adds one class to the aggregate; `at` (the row) is asked for only by a class that starts a group. */
export function addClass(
  agg: ClassAggregate,
  code: string,
  level: RowLevel | undefined,
  grade: string | undefined,
  students: number,
  at: () => Source,
): void {
  const lv = level ?? gradeLevel(grade);
  const given = level !== undefined;
  let groups = agg.get(code);
  if (!groups) agg.set(code, (groups = []));
  let g = groups.find((x) => x.level === lv && x.given === given);
  if (!g) {
    const source = at();
    groups.push((g = { level: lv, given, sizes: [], at: source, rawLevel: source.raw.level ?? null }));
  }
  g.sizes.push(students);
}

/** Merges b into a (both keyed by code). */
export function mergeClasses(a: ClassAggregate, b: ClassAggregate): void {
  for (const [code, groups] of b) a.set(code, append(a.get(code) ?? [], groups));
}

/**
 * Resolves each group's level against its school, and checks: classes of unknown schools, levels that do
 * not fit the school, and class pupils that do not add up to the school row's pupils (a warning).
 * Returns class sizes by code and level.
 */
export function checkClasses(
  agg: ClassAggregate,
  byCode: Map<string, SchoolRecord[]>,
  out: RawFinding[],
): Map<string, number[]> {
  const sizes = new Map<string, number[]>();
  for (const [code, groups] of agg) {
    const rows = byCode.get(code);
    if (!rows) {
      const n = groups.reduce((a, g) => a + g.sizes.length, 0);
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
            params: { type, count: g.sizes.length },
          }),
        );
        continue;
      }
      if (!rows.some((r) => r.level === level)) {
        out.push(
          finding('level-type-mismatch', 'error', cellAt(g.at, 'level', 'classes'), {
            value: g.rawLevel ?? level,
            params: { type, count: g.sizes.length },
          }),
        );
        continue;
      }
      const key = `${code}\u0000${level}`;
      const list = sizes.get(key);
      if (list) append(list, g.sizes);
      else sizes.set(key, g.sizes.slice());
    }
  }
  for (const [code, rows] of byCode) {
    for (const row of rows) {
      const list = sizes.get(`${code}\u0000${row.level}`);
      if (!list || row.students === undefined) continue;
      const sum = list.reduce((a, s) => a + s, 0);
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
