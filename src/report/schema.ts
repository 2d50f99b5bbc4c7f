// The report: one zod schema gives the TypeScript types, the runtime check and the JSON Schema.
import { z } from 'zod';
import { Level, SchoolType } from '../domain.js';
import { SCHEMA_VERSION } from './schema-version.js';

export { SCHEMA_VERSION };

const num = z.number();
const Pass = z.boolean().nullable().describe('true: met; false: not met; null: not judged or not assessed');

export const Finding = z.object({
  code: z.string().describe('stable kebab-case code'),
  severity: z.enum(['error', 'warning', 'info']),
  file: z.string().optional(),
  sheet: z.string().optional(),
  row: z.number().int().optional().describe('row number as Excel shows it'),
  column: z.string().optional().describe('column letter as Excel shows it'),
  header: z.string().optional(),
  value: z.unknown().optional().describe('the original cell value'),
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const LevelIndicator = z.object({
  id: z.string(),
  mean: num.nullable().describe('county value: Σ resource ÷ Σ pupils (the enrolment-weighted mean)'),
  sd: num.nullable(),
  cv: num.nullable(),
  reason: z.string().optional().describe('why cv is null'),
  cvLimit: num.nullable(),
  pass: Pass,
  units: z.number().int().describe('units with a value'),
});

export const Composite = z.object({ cv: num.nullable(), limit: num, pass: Pass });

export const Staffing = z.object({
  students: z.number().int(),
  teachers: z.number().int().nullable(),
  ratio: num.nullable().describe('pupils per full-time teacher'),
  norm: num,
  shortfall: z.number().int().nullable().describe('ceil(pupils ÷ norm) − teachers, when positive; else 0'),
});

export const ClassCounts = z.object({
  classes: z.number().int(),
  overLimit: z.number().int(),
  large: z.number().int().describe('大班额: 56–65 pupils'),
  superLarge: z.number().int().describe('超大班额: 66 pupils or more'),
  uncertain: z.number().int().optional().describe('classes in size bands that straddle a limit (band columns only)'),
});

// issue 14 (城乡): one group's figures, as the county's (the same weighting and CV formula) over its units.
const LocaleGroup = z.object({
  units: z.number().int().describe('units of the group with a value of the indicator'),
  mean: num.nullable(),
  cv: num.nullable().describe('null: fewer than two units, or no data'),
});
const LocaleFigures = z.object({
  units: z
    .object({ urban: z.number().int(), town: z.number().int(), rural: z.number().int(), unknown: z.number().int() })
    .describe("the level's units per group; unknown: a blank or unrecognised 城乡 cell (in no group)"),
  indicators: z.array(
    z.object({
      id: z.string(),
      groups: z.object({ urban: LocaleGroup, town: LocaleGroup, rural: LocaleGroup }),
      ruralToUrban: num.nullable().describe('乡村 mean ÷ 城区 mean; null without both'),
    }),
  ),
});

export const CountyLevel = z.object({
  level: Level,
  unitCount: z.number().int(),
  students: z.number().int(),
  indicators: z.array(LevelIndicator),
  composite: Composite.nullable(),
  cvMean: num.nullable().describe('mean of the CVs, shown as information only where no composite rule applies'),
  pass: Pass,
  reason: z.string().optional(),
  staffing: Staffing,
  classSize: ClassCounts.extend({
    limit: num,
    // issue 13 (html report): the distribution the class-size chart draws.
    histogram: z
      .array(z.object({ min: z.number().int(), max: z.number().int().nullable(), classes: z.number().int() }))
      .optional()
      .describe(
        'classes by pupils: min–max (max null: and more); 5-pupil bins from class rows, size bands as given; only with class data',
      ),
  }).nullable(),
  // issue 14 (城乡): information only, never judged.
  locales: LocaleFigures.optional().describe(
    '城乡 (only when the data has the 城乡 column): per indicator the enrolment-weighted mean and the CV within 城区 / 镇区 / 乡村, and 乡村 mean ÷ 城区 mean; information only, not judged',
  ),
});

export const UnitIndicator = z.object({
  id: z.string(),
  value: num.nullable(),
  standard: num.nullable(),
  floor: num.nullable(),
  met: z.boolean().nullable(),
  aboveFloor: z.boolean().nullable(),
  // issue 13 (sections): the 分子 of the per-school sheet
  amount: num
    .nullable()
    .optional()
    .describe("the unit's quantity after the split (the numerator: value = amount × per ÷ students)"),
});

export const UnitResult = z.object({
  code: z.string(),
  name: z.string(),
  type: SchoolType,
  level: Level,
  locale: z.string().nullable(),
  students: z.number().int(),
  indicators: z.array(UnitIndicator),
  met: z.number().int(),
  pass: Pass,
  staffing: Staffing,
  classSize: ClassCounts.extend({ largest: z.number().int() }).nullable(),
  file: z.string(),
  sheet: z.string(),
  row: z.number().int(),
});

export const Excluded = z.object({
  code: z.string(),
  name: z.string(),
  type: SchoolType,
  level: Level.optional(),
  students: z.number().int(),
  reason: z.string(),
});

export const CheckFailure = z.object({
  code: z.string().optional(),
  name: z.string().optional(),
  level: Level.optional(),
  indicator: z.string().optional(),
  value: num.optional(),
  limit: num.optional(),
  detail: z.string().optional(),
});
// issue 9 (evidence): how much of the county a check saw, and who is missing.
export const Coverage = z.object({
  assessed: z.number().int().describe('schools or units with the data the check needs'),
  total: z.number().int(),
  unit: z.enum(['units', 'schools']).describe('units: one per school and level; schools: whole schools'),
  missing: z
    .array(z.object({ code: z.string(), name: z.string(), level: Level.optional() }))
    .describe('those without the data'),
});
export const Check = z.object({
  id: z.string(),
  pass: Pass,
  binding: z.boolean(),
  reason: z.string().optional().describe('why not assessed'),
  failures: z.array(CheckFailure),
  assessed: z
    .enum(['full', 'partial', 'none'])
    .optional()
    .describe('partial: pass is about the assessed part only (see coverage)'),
  coverage: Coverage.optional(),
});
export type Check = z.infer<typeof Check>;
export type Coverage = z.infer<typeof Coverage>;

export const ItemResult = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['min', 'max', 'below', 'yes', 'computed']),
  threshold: num.nullable(),
  unit: z.string(),
  value: z.union([num, z.boolean()]).nullable(),
  pass: Pass,
  source: z.enum(['sheet', 'computed']),
  check: z.string().optional().describe('computed items: the id of the check whose result this is'),
  reason: z.string().optional().describe('why not assessed: no-county-sheet, not-given, or the check’s reason'),
});

export const PartResult = z.object({
  id: z.enum(['resources', 'government', 'quality', 'recognition']),
  name: z.string(),
  pass: Pass,
  assessed: z.enum(['full', 'partial', 'none']),
  checks: z.array(z.string()).describe('ids of the checks that belong to this part'),
  items: z.array(ItemResult),
});
export type PartResult = z.infer<typeof PartResult>;
export type ItemResult = z.infer<typeof ItemResult>;

export const County = z.object({
  county: z.string(),
  file: z.string().optional().describe('the input file the county was read from (issue 12)'),
  verdict: z.enum(['pass', 'fail', 'incomplete']),
  reason: z
    .string()
    .optional()
    .describe('why the verdict is incomplete: data-error, or nothing-assessed (no binding check had data)'),
  levels: z.array(CountyLevel),
  units: z.array(UnitResult),
  excluded: z.array(Excluded),
  classSize: ClassCounts.extend({
    assessed: z.boolean(),
    overLimitShare: num.nullable().describe('share of all classes, 0–1'),
    largeShare: num.nullable(),
    superLargeShare: num.nullable(),
  }),
  checks: z.array(Check),
  parts: z
    .array(PartResult)
    .nullable()
    .describe('quality-2017: 资源配置, 政府保障程度, 教育质量, 社会认可度; null for standards without parts'),
});

export const SheetReading = z.object({
  sheet: z.string(),
  table: z.enum(['schools', 'classes', 'county']),
  headerRow: z.number().int().describe('the (last) header row as Excel numbers it'),
  headerRows: z.number().int().describe('2 for a merged two-row header'),
  rows: z.number().int().describe('data rows read'),
  columns: z.array(z.object({ column: z.string(), header: z.string(), key: z.string(), factor: num.optional() })),
  unmapped: z.array(z.object({ column: z.string(), header: z.string() })).describe('columns not used'),
  skipped: z.object({
    summary: z.number().int(),
    blank: z.number().int(),
    hidden: z.number().int().optional().describe('hidden rows left out (--skip-hidden)'),
  }),
  hidden: z.boolean().optional().describe('the sheet is hidden in the workbook; it was read (issue 12)'),
  hiddenRows: z
    .array(z.number().int())
    .optional()
    .describe('Excel rows of hidden data rows: read, or left out when skipped.hidden counts them (issue 12)'),
  summaryRows: z
    .array(z.object({ row: z.number().int(), text: z.string() }))
    .optional()
    .describe('issue 12: the subtotal, total, note and signature rows skipped (the first 50), with their text'),
  suggestedColumns: z
    .object({ sheet: z.string().optional(), columns: z.record(z.string(), z.string()) })
    .optional()
    .describe('issue 12: a needed column is missing: a --columns file to start from (header → key; "?…" to replace)'),
});
export type SheetReading = z.infer<typeof SheetReading>;

export const Input = z.object({
  path: z.string(),
  status: z.enum(['ok', 'invalid', 'error']).describe('ok; invalid: data errors; error: not readable'),
  format: z.enum(['xlsx', 'xls', 'csv']).optional(),
  message: z.string().optional(),
  reading: z.array(SheetReading).optional().describe('what the reader did: sheets, header rows, column → key'),
  skippedSheets: z.array(z.string()).optional().describe('hidden sheets left out (--skip-hidden) (issue 12)'),
  imported: z
    .object({ layout: z.string(), schools: z.number().int() })
    .optional()
    .describe('a statistics export (教基/基础基 forms, county-wide export) imported through this layout (issue 15)'),
});

// issue 10 (checks): the words for every id in the report, in both languages, so that a renderer or a
// dashboard needs no profile. The v1 fields (standardName, names, messages) stay, in the report's language.
const Words = z.object({ zh: z.string(), en: z.string() });
export const Meta = z.object({
  standard: z.object({ id: z.string(), name: Words, document: Words }),
  indicators: z.array(z.object({ id: z.string(), name: Words, short: Words, unit: Words, decimals: z.number().int() })),
  checks: z
    .array(z.object({ id: z.string(), name: Words, binding: z.boolean() }))
    .describe('the checks the standard runs, in report order'),
  parts: z.array(z.object({ id: z.string(), name: Words })),
  countyItems: z.array(z.object({ id: z.string(), part: z.string(), name: Words })),
  scopeReasons: z
    .array(z.object({ id: z.string(), label: Words }))
    .describe('why a school is not assessed (excluded[].reason)'),
});
export type Meta = z.infer<typeof Meta>;

export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('balance-check'), version: z.string() }),
  standard: z.string(),
  standardName: z.string(),
  cvRounding: z.number().int().nullable(),
  lang: z.enum(['zh', 'en']),
  exitCode: z.number().int().min(0).max(3),
  verdict: z.enum(['pass', 'fail', 'incomplete', 'error']),
  inputs: z.array(Input),
  findings: z.array(Finding),
  // issue 9 (evidence)
  error: z
    .object({ code: z.string(), message: z.string() })
    .optional()
    .describe('a run-level usage error (exit 3), e.g. county-not-found: a --county name that is not in the data'),
  maxWarnings: z
    .object({ limit: z.number().int(), warnings: z.number().int(), exceeded: z.boolean() })
    .optional()
    .describe('--max-warnings: more warnings than the limit turn exit 0 into 1'),
  meta: Meta.optional().describe('words for the ids of the report in zh and en (issue 10)'),
  counties: z.array(County),
});

export type Report = z.infer<typeof Report>;
export type County = z.infer<typeof County>;
export type CountyLevel = z.infer<typeof CountyLevel>;
export type UnitResult = z.infer<typeof UnitResult>;
export type LevelIndicator = z.infer<typeof LevelIndicator>;
export type StaffingResult = z.infer<typeof Staffing>;
