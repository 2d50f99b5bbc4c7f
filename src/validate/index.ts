// Stage 3: mapped tables → typed rows + findings. Every bad cell becomes a located finding; nothing throws.
import type { z } from 'zod';
import { finding, type RawFinding } from '../findings.js';
import type { MappedRow, MappedTable } from '../map/index.js';
import { headerOf, type TableKind } from '../map/columns.js';
import { LEVELS_OF_TYPE } from '../domain.js';
import type { Profile } from '../profiles/schema.js';
import { requiredColumns } from '../quantities.js';
import { schoolRowSchema, ClassRow, count, text, type SchoolRecord, type Source } from './schemas.js';
import type { Cell } from '../read/index.js';
import { CellProblem, cellDecoder, rawCell, RowSource, rowPlan, type RowPlan } from './cells.js';
import { crossCheck } from './cross.js';
import {
  addClass,
  classCuts,
  mergeClasses,
  schoolGroups,
  type ClassAggregate,
  type ClassGroup,
  type ClassTally,
} from './classes.js';
import { validateCountyItems, type CountyItemValue } from './county.js';
import { cellAt, isBlank } from './locate.js';
import { append } from '../group.js';
import { EXAMPLE_CODES } from '../map/examples.js';
import { missingGroups } from '../map/suggest.js';

export { cellAt };

export interface Validated {
  schools: SchoolRecord[];
  /** Class counts by `code\u0000level`, levels resolved against the schools. */
  classSizes: Map<string, ClassTally>;
  /** Whether a class table was given at all (class size is "not assessed" without one). */
  hasClassTable: boolean;
  /** Keys of the columns present in the school tables. */
  schoolColumns: Set<string>;
  /** Values of sheet 县域指标; null when the file has no such sheet. */
  countyItems: CountyItemValue[] | null;
  findings: RawFinding[];
}

/**
 * Findings one table may add before its validation stops. A table with this many problems is not the
 * county's data (a wrong column, a million stray cells): the rest would only cost memory, and the
 * assessment is incomplete (exit 2) either way.
 */
export const MAX_TABLE_FINDINGS = 200_000;

/** Ends a table's validation at `row` with one error saying so; true. */
function tooManyFindings(
  table: MappedTable,
  row: MappedRow,
  findings: RawFinding[],
  left = table.rows.length - table.rows.indexOf(row),
): true {
  findings.push(
    finding(
      'too-many-findings',
      'error',
      { file: table.file, sheet: table.sheet, row: row.row },
      { params: { limit: MAX_TABLE_FINDINGS, rows: left } },
    ),
  );
  return true;
}

/**
 * Class rows validated one at a time into the aggregate (a class CSV streamed beside a schools file passes
 * its rows here as it reads them, a class sheet its kept rows). `table` gives the columns; its rows are not
 * read. After MAX_TABLE_FINDINGS findings the rest are only counted; end() says so.
 */
export class ClassRows {
  private readonly stop: number;
  private stopped: MappedRow | undefined;
  private left = 0;
  private readonly plan: RowPlan;
  /** Class rows are counted, not kept: one record, refilled per row. */
  private readonly rec: Record<string, unknown>;
  private readonly grade: ((cell: Cell | undefined) => unknown) | undefined;
  private lastCode: string | undefined;
  private lastGroups: ClassGroup[] = [];

  constructor(
    private readonly table: MappedTable,
    private readonly classes: ClassAggregate,
    private readonly findings: RawFinding[],
    /** The thresholds counted (classCuts of the profile). */
    private readonly cuts: readonly number[],
  ) {
    this.stop = findings.length + MAX_TABLE_FINDINGS;
    // A class's name is never read; its grade is decoded here (below) for the level it implies and the plan's grades.
    this.plan = rowPlan(table, ClassRow, ['class', 'grade']);
    const grade = table.columns.find((c) => c.key === 'grade');
    this.grade = grade ? cellDecoder(text, grade) : undefined;
    this.rec = Object.fromEntries(Object.keys(ClassRow.shape).map((k) => [k, undefined]));
  }

  row(row: MappedRow): void {
    const { plan, findings } = this;
    if (this.stopped || findings.length >= this.stop) {
      this.stopped ??= row;
      this.left++;
      return;
    }
    const rec = this.rec as ClassRow;
    for (const key in rec) (rec as Record<string, unknown>)[key] = undefined;
    // The row's source only when a finding or a new class group needs it.
    let source: Source | undefined;
    const at = () => (source ??= new RowSource(plan, row.cells, row.row));
    decodeRow(plan, row, this.rec, findings, at);
    if (rec.code === undefined) {
      if (isBlank(rawCell(plan, row, 'code'))) findings.push(missing(at(), 'code', 'classes'));
    } else if (rec.students === undefined) {
      if (isBlank(rawCell(plan, row, 'students'))) findings.push(missing(at(), 'students', 'classes'));
    } else if (rec.level === undefined && !isBlank(rawCell(plan, row, 'level'))) {
      // A level that is none (its finding says so) is not counted: taken as "no level", it would be a second finding (missing-level) for the same cell.
    } else {
      if (rec.grade === undefined && this.grade) {
        const grade = this.grade(row.cells[plan.index.get('grade')!]);
        if (typeof grade === 'string') rec.grade = grade;
      }
      // Class rows come school by school: the previous row's school is tried before the map.
      if (rec.code !== this.lastCode) {
        this.lastCode = rec.code;
        this.lastGroups = schoolGroups(this.classes, rec.code);
      }
      addClass(this.lastGroups, this.cuts, rec.level, rec.grade, rec.students, at);
    }
  }

  end(): void {
    if (this.stopped) tooManyFindings(this.table, this.stopped, this.findings, this.left);
  }
}

/** `extraClasses`: classes read from companion files (a class CSV given beside the schools file). */
export function validate(tables: MappedTable[], profile: Profile, extraClasses?: ClassAggregate): Validated {
  const findings: RawFinding[] = [];
  const schools: SchoolRecord[] = [];
  const classes: ClassAggregate = new Map();
  const cuts = classCuts(profile);
  if (extraClasses) mergeClasses(classes, extraClasses);
  const schoolColumns = new Set<string>();
  for (const table of tables) {
    if (table.kind === 'county') continue;
    if (table.kind === 'schools') {
      table.columns.forEach((c) => schoolColumns.add(c.key));
      append(findings, missingColumns(table, profile));
      append(findings, blankColumns(table, profile));
      const bands = table.columns
        .filter((c) => c.key.startsWith('band:'))
        .map((c) => ({ key: c.key, index: c.index, decode: cellDecoder(count, c) }));
      let examples = 0;
      let firstExample: SchoolRecord | undefined;
      // A blank 县区 in a table that names counties would move the school into a county named after the file.
      const noCounty: SchoolRecord[] = [];
      let counties = 0;
      const stop = findings.length + MAX_TABLE_FINDINGS;
      const schema = schoolRowSchema();
      const plan = rowPlan(table, schema);
      const make = recordFactory(schema);
      for (const row of table.rows) {
        if (findings.length >= stop && tooManyFindings(table, row, findings)) break;
        const source = new RowSource(plan, row.cells, row.row);
        const rec = make(source) as SchoolRecord;
        decodeRow(plan, row, rec, findings, () => source);
        if (rec.county !== undefined) counties++;
        else if (isBlank(rawCell(plan, row, 'county'))) noCounty.push(rec);
        // issue 9 (evidence): the template's example schools copied into the data are not the county's.
        if (
          rec.code !== undefined &&
          rec.name !== undefined &&
          EXAMPLE_CODES.get(rec.code) === rec.name &&
          examples++ === 0
        )
          firstExample = rec;
        if (bands.length) rec.bands = parseBands(bands, row, source, findings);
        if (completeSchool(rec, plan, row, findings, profile)) schools.push(rec);
      }
      if (counties > 0) for (const rec of noCounty) findings.push(missing(rec.source, 'county', 'schools'));
      if (firstExample)
        findings.push(
          finding('template-example-rows', 'error', cellAt(firstExample.source, 'code', 'schools'), {
            value: firstExample.name,
            params: { count: examples },
          }),
        );
    } else {
      const rows = new ClassRows(table, classes, findings, cuts);
      for (const row of table.rows) rows.row(row);
      rows.end();
    }
  }
  // issue 9 (evidence): a schools table with a header and no school (blank, 合计 or 小计 rows only) is no data.
  const schoolTables = tables.filter((t) => t.kind === 'schools');
  if (schoolTables.length && schoolTables.every((t) => t.rows.length === 0)) {
    const t = schoolTables[0]!;
    findings.push(
      finding(
        'no-schools',
        'error',
        { file: t.file, sheet: t.sheet, row: t.headerRow },
        { params: { blank: t.skipped.blank, summary: t.skipped.summary } },
      ),
    );
  }
  const cross = crossCheck(schools, classes);
  append(findings, cross.findings);
  const hasCountySheet = tables.some((t) => t.kind === 'county');
  const county = validateCountyItems(tables, profile);
  append(findings, county.findings);
  return {
    schools,
    classSizes: cross.classSizes,
    hasClassTable: tables.some((t) => t.kind === 'classes') || (extraClasses?.size ?? 0) > 0,
    schoolColumns,
    // A 县域指标 sheet with item names and no value (the template's) is no county sheet at all.
    countyItems: hasCountySheet && profile.countyItems.length && county.given > 0 ? county.items : null,
    findings,
  };
}

function missing(source: Source, key: string, kind: TableKind): RawFinding {
  return finding('missing-value', 'error', cellAt(source, key, kind));
}

const factories = new WeakMap<z.ZodObject, (source: Source) => Record<string, unknown>>();

/**
 * A record with every field of the schema present from the start. Objects that gain many properties
 * one by one through computed keys fall into V8's slow dictionary mode; a literal of fixed shape does not
 * (it halves the time of the units stage on a provincial file). The keys are the schema's own identifiers.
 */
function recordFactory(schema: z.ZodObject): (source: Source) => Record<string, unknown> {
  let make = factories.get(schema);
  if (!make) {
    const keys = Object.keys(schema.shape).filter((k) => /^[a-z_]+$/.test(k));
    make = new Function('source', `return { source, ${keys.map((k) => `${k}: undefined`).join(', ')} };`) as (
      source: Source,
    ) => Record<string, unknown>;
    factories.set(schema, make);
  }
  return make;
}

/** Each cell decoded on its own into `out`, so one bad cell does not hide the row's other values. */
function decodeRow(
  plan: RowPlan,
  row: MappedRow,
  out: Record<string, unknown>,
  findings: RawFinding[],
  source: () => Source,
): void {
  const { cells } = row;
  for (const c of plan.cells) {
    const v = c.decode(cells[c.index]);
    if (v === undefined) continue;
    if (v instanceof CellProblem) {
      findings.push(
        finding(v.code, 'error', cellAt(source(), c.key, plan.table.kind), { value: cells[c.index] ?? null }),
      );
    } else out[c.key] = v;
  }
}

function parseBands(
  bands: RowPlan['cells'],
  row: MappedRow,
  source: Source,
  findings: RawFinding[],
): SchoolRecord['bands'] {
  const out: NonNullable<SchoolRecord['bands']> = [];
  for (const { key, index, decode } of bands) {
    const v = decode(row.cells[index]);
    if (v instanceof CellProblem) {
      findings.push(finding(v.code, 'error', cellAt(source, key, 'schools'), { value: row.cells[index] ?? null }));
      continue;
    }
    if (v === undefined) continue;
    const [lo, hi] = key.slice('band:'.length).split('-');
    out.push({ lo: Number(lo), hi: hi ? Number(hi) : null, count: v as number });
  }
  return out;
}

/** Identity fields and the level; a row without them cannot become a unit. */
function completeSchool(
  rec: SchoolRecord,
  plan: RowPlan,
  row: MappedRow,
  findings: RawFinding[],
  profile: Profile,
): boolean {
  const bad = (key: string) => !isBlank(rawCell(plan, row, key));
  let ok = true;
  for (const key of ['code', 'name', 'type'] as const) {
    if (rec[key] === undefined) {
      if (!bad(key) && key in rec.source.columns) findings.push(missing(rec.source, key, 'schools'));
      ok = false;
    }
  }
  if (!ok || !rec.type) return false;
  const levels = LEVELS_OF_TYPE[rec.type];
  // issue 12: a school the standard leaves out whatever its pupils (特殊教育学校, 职业学校) needs no level or
  // pupils; it is listed as excluded with its reason (units/index.ts), never assessed.
  const outside = excludedAnyway(rec, profile);
  if (rec.level === undefined) {
    if (bad('level')) return false;
    if (levels.length === 1 || outside) rec.level = levels[0];
    else {
      findings.push(
        finding('missing-level', 'error', cellAt(rec.source, 'level', 'schools'), { params: { type: rec.type } }),
      );
      return false;
    }
  } else if (rec.level !== 'whole' && !levels.includes(rec.level)) {
    findings.push(
      finding('level-type-mismatch', 'error', cellAt(rec.source, 'level', 'schools'), {
        value: rawCell(plan, row, 'level') ?? null,
        params: { type: rec.type },
      }),
    );
    return false;
  }
  if (
    !outside &&
    rec.level !== 'whole' &&
    rec.students === undefined &&
    !bad('students') &&
    'students' in rec.source.columns
  ) {
    findings.push(missing(rec.source, 'students', 'schools'));
  }
  return true;
}

/** A scope rule that excludes the school by its type, ownership or affiliation alone (not by its pupils). */
function excludedAnyway(rec: SchoolRecord, profile: Profile): boolean {
  return profile.scope.some(
    (r) =>
      r.studentsBelow === undefined &&
      (r.types !== undefined || r.ownership !== undefined || r.affiliation !== undefined) &&
      (!r.types || (rec.type !== undefined && r.types.includes(rec.type))) &&
      (!r.ownership || r.ownership.includes(rec.ownership ?? 'public')) &&
      (!r.affiliation || r.affiliation.includes(rec.affiliation ?? 'county')),
  );
}

/** issue 9 (evidence): a required column that is there but holds nothing, said once with its header (the
 * per-row missing-value findings follow). An alternative with data (研究生/本科/专科 for 高于规定学历) is enough. */
function blankColumns(table: MappedTable, profile: Profile): RawFinding[] {
  if (table.rows.length === 0) return [];
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  const filled = new Map<string, boolean>();
  const hasData = (key: string) => {
    let f = filled.get(key);
    const index = byKey.get(key)!.index;
    if (f === undefined) filled.set(key, (f = table.rows.some((r) => !isBlank(r.cells[index]))));
    return f;
  };
  const out: RawFinding[] = [];
  const reported = new Set<string>();
  for (const group of requiredColumns(profile)) {
    const present = group.filter((alt) => alt.every((k) => byKey.has(k)));
    if (present.length === 0 || present.some((alt) => alt.some(hasData))) continue;
    for (const key of present.flat()) {
      if (reported.has(key)) continue;
      reported.add(key);
      const c = byKey.get(key)!;
      out.push(
        finding(
          'blank-column',
          'error',
          { file: table.file, sheet: table.sheet, row: table.headerRow, column: c.letter, header: c.header },
          { params: { rows: table.rows.length, standard: profile.id } },
        ),
      );
    }
  }
  return out;
}

function missingColumns(table: MappedTable, profile: Profile): RawFinding[] {
  // issue 12: the headers the reader did not use, and the closest of them, so the user can map it (--columns).
  const shown = table.unmapped.slice(0, 20).map((u) => `${u.letter}「${u.header}」`);
  const seen = [...shown, ...(table.unmapped.length > 20 ? ['…'] : [])].join('\n');
  return missingGroups(table, profile).map(({ group, nearest }) =>
    finding(
      'missing-column',
      'error',
      {
        file: table.file,
        sheet: table.sheet,
        row: table.headerRow,
        header: group.map((alt) => alt.map((k) => headerOf('schools', k)).join('+')).join(' | '),
      },
      {
        params: {
          standard: profile.id,
          key: nearest?.key ?? group[0]!.join('+'),
          nearest: nearest?.header ?? '',
          nearestColumn: nearest?.letter ?? '',
          seen,
        },
      },
    ),
  );
}
