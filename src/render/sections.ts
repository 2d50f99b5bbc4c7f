// issue 13: the report as sections — the one list of tables that every format shows (xlsx sheets, csv
// blocks, markdown and html headings, text tables). Built once from the report, words resolved in the
// report's language; formats only lay them out, so every format carries the same sections and titles.
//
// ADDING A SECTION = one id in SECTION_IDS, its words in the catalogue (src/i18n/messages.ts,
// `section.<id>`), and one builder in reportSections().
import type { Level } from '../domain.js';

/** Stable, language-free ids, in report order. */
export const SECTION_IDS = [
  'summary', // batches only: one row per county (with its file where counties come from several files)
  'checks', // per county: each check, its result and what failed (counted in its own unit: schools, classes…)
  'cv', // per county × level: the official block 序号 | 项目 | L1… | 综合; 全县平均值 / 标准差 / 差异系数 / 限值 / 是否达标
  'locale', // issue 14, per county × level with the 城乡 column: per indicator the mean and CV in 城区 / 镇区 / 乡村, 乡村/城区
  'units', // per county × level: one row per unit, 基本值 | 达标值 | 实际值 | 分子 | 学生数 | 是否达标 per indicator
  'class-size', // per county: per level classes, over the limit, 大班额, 超大班额 (counts and shares)
  'class-size-schools', // per county: schools with classes over the limit, with their largest class
  'school-size', // per county: schools over the size cap
  'special-rooms', // per county: schools short of music/art rooms
  'staffing', // per county: pupil–teacher ratio per level and the schools short of teachers
  'county-items', // per county (quality-2017): the four parts, each item's value, threshold, verdict
  'excluded', // per county: schools not assessed, with the reason
  'findings', // the run: data problems, located
  'reading', // the run: how each file was read (header rows, units, skipped rows)
  // issue 14 (plan-out): `plan` and `diff` as sections (sections/plan.ts)
  'plan-gaps', // plan, per county × level: one row per school lacking anything, a column per quantity, 合计, 万元
  'plan-cv', // plan, per county: each CV planned, now → after the schools' additions → after water-filling
  'plan-classes', // plan, per county: classes to add by school (and to end 大班额 / 超大班额)
  'plan-size', // plan, per county: schools over the size cap, pupils moved and where
  'plan-rooms', // plan, per county: music and art rooms to add by school
  'plan-staffing', // plan, per county: teachers short of the pupil–teacher ratio
  'plan-locales', // plan, per county × level: 城区 / 镇区 / 乡村 means and CVs, rural ÷ urban
  'plan-checks', // plan, per county: each check now and after the plan
  'plan-budget', // plan, per county: the budget per level, the costs it lacks
  'plan-scenario', // plan --scenario, per county: each CV and check before → after
  'plan-scenario-units', // plan --scenario, per county: schools whose result changed
  'diff-cv', // diff, per county × level: CV and mean then and now, limit, met
  'diff-checks', // diff, per county: checks then and now (and the verdict in a note)
  'diff-units', // diff, per county: schools whose result or indicators changed
  'diff-schools', // diff, per county: schools added or removed
  'diff-classes', // diff, per county: 大班额 / 超大班额 then and now
  'diff-worse', // diff, per county: what got worse (the exit 1)
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** How a number is shown. Cells keep full precision; the format is for display only. */
export type NumberFormat =
  | { kind: 'int' }
  | { kind: 'fixed'; decimals: number }
  /** a share 0–1 shown as a percentage with this many decimals */
  | { kind: 'percent'; decimals: number };

/** fail: shaded (a value below its standard, a CV over its limit); warn: below standard but ≥ 85 %; na: not assessed. */
export type CellState = 'pass' | 'fail' | 'warn' | 'na';

export interface Cell {
  v: string | number | boolean | null;
  state?: CellState;
  /** issue 13 (sections, added): this cell's own format, over the column's: a failing value that its column's
   * decimals would round up to the standard gets more digits; a county item in percent among other units. */
  format?: NumberFormat;
}

/** A column without a format shows its numbers as they are (a count, an area as entered). */
export interface Column {
  /** Header words with the unit where it has one: `生均教学及辅助用房面积（㎡）`, `实际值`. */
  head: string;
  /** A shorter header for narrow layouts (the terminal); defaults to head. */
  short?: string;
  /** A group header above this column (two header rows); consecutive columns with the same group merge. */
  group?: string;
  format?: NumberFormat;
  /** Display columns wanted (CJK counts 2); formats may narrow it. */
  width?: number;
}

export interface Section {
  id: SectionId;
  /** The one title every format prints: `青山县 小学 校际差异系数`. Unique within a report. */
  title: string;
  /** The xlsx sheet the section goes on (≤ 31 characters); sections with the same sheet stack on it. */
  sheet: string;
  county?: string;
  level?: Level;
  /** The input file, where counties come from more than one file. */
  file?: string;
  columns: Column[];
  rows: Cell[][];
  /** Lines printed under the table: method, 仅供参考, what an empty table means. */
  notes: string[];
}

/** Words at the top of the xlsx, html and markdown reports: the standard, document, 填报单位 and date. */
export interface ReportHeading {
  title: string;
  lines: string[];
}

// issue 13 (sections): the builder (pure; words from the catalogue in the report's language).
export { reportHeading, reportSections, sectionsOf } from './sections/build.js';
