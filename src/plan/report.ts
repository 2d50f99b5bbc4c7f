// issue 14: the JSON of `plan` and `diff`: zod schemas (types, runtime check, JSON Schema), each with a `kind`
// and its own version. The assessment report (schemaVersion 1) is embedded unchanged where a plan shows it.
import { z } from 'zod';
import { Level } from '../domain.js';
import { Change, Scenario } from './scenario.js';

export const PLAN_VERSION = 1;
export const DIFF_VERSION = 1;

const num = z.number();
const Pass = z.boolean().nullable();
const Tool = z.object({ name: z.literal('balance-check'), version: z.string() });

const Addition = z.object({
  indicator: z.string(),
  quantity: z.string(),
  amount: num.describe('whole budget units: teachers, m², 元, rooms'),
  from: num,
  to: num,
  standard: num,
  floor: num,
  target: z.enum(['standard', 'floor']).describe('floor: the standard left unmet, ≥ the floor'),
});
const UnitGap = z.object({
  code: z.string(),
  name: z.string(),
  level: Level,
  rule: z
    .enum(['cost', 'relative'])
    .describe('what chose the standards left unmet: unit costs, or the smallest relative gap'),
  leftUnmet: z.array(z.string()),
  additions: z.array(Addition),
  teachersHired: z
    .number()
    .int()
    .optional()
    .describe('teachers hired here so the hires carry every kind added (those hired for 生师比 count first)'),
});
const ClassGap = z.object({
  code: z.string(),
  name: z.string(),
  level: Level,
  classes: z.number().int(),
  pupils: z.number().int(),
  largest: z.number().int(),
  overLimit: z.number().int(),
  large: z.number().int(),
  superLarge: z.number().int(),
  limit: num,
  add: z.number().int().describe('classes to add, pupils spread evenly, so that none is over the limit'),
  addToEndLarge: z.number().int(),
  addToEndSuperLarge: z.number().int(),
  grades: z
    .array(
      z.object({
        grade: z.string().describe('"1"–"9" (三年级 → "3", 初一 → "7"), or the grade as written'),
        classes: z.number().int(),
        pupils: z.number().int(),
        largest: z.number().int(),
        add: z.number().int(),
        addToEndLarge: z.number().int(),
        addToEndSuperLarge: z.number().int(),
      }),
    )
    .optional()
    .describe(
      'where class rows name grades: the grades that need classes (pupils stay in their grade); add is the sum of all',
    ),
});
const RoomGap = z.object({
  code: z.string(),
  name: z.string(),
  level: Level.describe('the level whose totals count the rooms (the school is one building)'),
  classes: z.number().int(),
  needed: z.number().int(),
  music: z.number().int(),
  art: z.number().int(),
  addMusic: z.number().int(),
  addArt: z.number().int(),
});
const SizeGap = z.object({
  code: z.string(),
  name: z.string(),
  students: z.number().int(),
  limit: num,
  excess: z.number().int(),
  level: Level,
  to: z.object({ code: z.string(), name: z.string() }).nullable(),
});
const StaffGap = z.object({
  code: z.string(),
  name: z.string(),
  level: Level,
  students: z.number().int(),
  teachers: num,
  norm: num,
  add: z.number().int(),
  classes: z.number().int().optional(),
  classRatio: num.optional().describe('班师比 of the profile (staffing.classTeacherRatio): teachers per class'),
  byPupils: z.number().int().optional().describe('teachers short of 生师比'),
  byClasses: z.number().int().optional().describe('teachers short of 班师比'),
  binds: z.enum(['pupils', 'classes']).optional().describe('which norm sets add (the larger shortfall)'),
});
const CvPlan = z.object({
  level: Level,
  indicator: z.string(),
  limit: num,
  before: num.nullable(),
  afterPlan: num.nullable(),
  raisedTo: num
    .nullable()
    .describe('the common value the lowest units are raised to (water-filling), before each is trimmed to the least'),
  further: z.array(z.object({ code: z.string(), name: z.string(), quantity: z.string(), amount: num })),
  after: num.nullable(),
  pass: Pass,
});
const CompositePlan = z.object({
  level: Level,
  limit: num,
  before: num.nullable(),
  afterPlan: num.nullable(),
  cap: num
    .nullable()
    .describe('the common cap the largest CVs are brought down to (water-filling each), the highest that passes'),
  indicators: z.array(
    z.object({ id: z.string(), before: num.nullable(), afterPlan: num.nullable(), after: num.nullable() }),
  ),
  further: z.array(
    z.object({ code: z.string(), name: z.string(), indicator: z.string(), quantity: z.string(), amount: num }),
  ),
  after: num.nullable(),
  pass: Pass,
});
const LevelTotals = z.object({
  level: Level,
  amounts: z.record(z.string(), num),
  classes: z.number().int(),
  pupilsMoved: z.number().int(),
  budget: num.nullable().describe('元; null without unit costs in the profile'),
  teachersHired: z
    .number()
    .int()
    .optional()
    .describe('new teachers, priced once each: per unit the largest of the 生师比 shortfall and each kind'),
});
const LocaleGroup = z.object({ units: z.number().int(), mean: num.nullable(), cv: num.nullable() });
const LocaleLevel = z.object({
  level: Level,
  indicators: z.array(
    z.object({
      id: z.string(),
      groups: z.object({ urban: LocaleGroup, town: LocaleGroup, rural: LocaleGroup }),
      ruralToUrban: num.nullable().describe('乡村 mean ÷ 城区 mean'),
    }),
  ),
});
const CheckChange = z.object({ id: z.string(), binding: z.boolean(), before: Pass, after: Pass });

export const CountyPlan = z.object({
  county: z.string(),
  file: z.string(),
  verdict: z.enum(['pass', 'fail', 'incomplete']),
  planned: z.boolean().describe('false: no plan (the county has data errors: fix them first)'),
  size: z.array(SizeGap),
  classes: z.array(ClassGap),
  rooms: z.array(RoomGap),
  staffing: z.array(StaffGap),
  units: z.array(UnitGap),
  cvs: z.array(CvPlan),
  totals: z.array(LevelTotals),
  budget: num.nullable(),
  budgetMissing: z.array(z.string()),
  changes: z.array(Change),
  checks: z.array(CheckChange),
  stillFailing: z.number().int(),
  locales: z.array(LocaleLevel).describe('城乡: per level and indicator, mean and CV in 城区 / 镇区 / 乡村'),
  composite: z
    .array(CompositePlan)
    .optional()
    .describe('basic-2012: the composite CV (mean of the CVs) now → after the plan → after further additions'),
  teacherRule: z
    .literal('largest-kind')
    .optional()
    .describe('one new teacher counts for every kind and for 生师比: hires per unit are the largest need, not the sum'),
});
export type CountyPlanJson = z.infer<typeof CountyPlan>;

/** One county's figures before → after a scenario. */
const Side = z.object({ verdict: z.string(), cv: num.nullable(), pass: Pass, mean: num.nullable() });
export const ScenarioCounty = z.object({
  county: z.string(),
  verdict: z.object({ before: z.string(), after: z.string() }),
  checks: z.array(CheckChange),
  cvs: z.array(
    z.object({
      level: Level,
      indicator: z.string(),
      before: Side.omit({ verdict: true }),
      after: Side.omit({ verdict: true }),
    }),
  ),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: Level,
      before: Pass,
      after: Pass,
      metBefore: z.number().int().nullable(),
      metAfter: z.number().int().nullable(),
    }),
  ),
});

export const PlanReport = z.object({
  kind: z.literal('plan'),
  planVersion: z.literal(PLAN_VERSION),
  tool: Tool,
  standard: z.string(),
  lang: z.enum(['zh', 'en']),
  exitCode: z.number().int().min(0).max(3),
  counties: z.array(CountyPlan),
  /** With --scenario: the scenario and each county before → after. */
  scenario: z
    .object({ file: z.string(), description: z.string().optional(), counties: z.array(ScenarioCounty) })
    .optional(),
  /** Findings of the assessment (data problems), as in the assessment report. */
  findings: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() }).passthrough()),
});
export type PlanReport = z.infer<typeof PlanReport>;

const WasNow = z.object({ was: num.nullable(), now: num.nullable() });
export const DiffCounty = z.object({
  county: z.string(),
  status: z.enum(['both', 'added', 'removed']),
  verdict: z.object({ was: z.string().nullable(), now: z.string().nullable() }),
  levels: z.array(
    z.object({
      level: Level,
      indicators: z.array(
        z.object({ id: z.string(), cv: WasNow, mean: WasNow, limit: num.nullable(), passWas: Pass, passNow: Pass }),
      ),
    }),
  ),
  checks: z.array(z.object({ id: z.string(), was: Pass, now: Pass })),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: Level,
      was: Pass,
      now: Pass,
      indicators: z.array(
        z.object({ id: z.string(), was: num.nullable(), now: num.nullable(), metWas: Pass, metNow: Pass }),
      ),
    }),
  ),
  schoolsAdded: z.array(z.object({ code: z.string(), name: z.string() })),
  schoolsRemoved: z.array(z.object({ code: z.string(), name: z.string() })),
  classes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: Level,
      large: WasNow,
      superLarge: WasNow,
    }),
  ),
  worse: z.array(z.string()).describe('what got worse, as ids: verdict, check:<id>, unit:<code>:<level>, …'),
});
export const DiffReport = z.object({
  kind: z.literal('diff'),
  diffVersion: z.literal(DIFF_VERSION),
  tool: Tool,
  standard: z.string(),
  lang: z.enum(['zh', 'en']),
  old: z.array(z.string()),
  new: z.array(z.string()),
  exitCode: z.number().int().min(0).max(3),
  worse: z.boolean(),
  counties: z.array(DiffCounty),
});
export type DiffReport = z.infer<typeof DiffReport>;
export type DiffCounty = z.infer<typeof DiffCounty>;

export function planJsonSchemas(): Record<string, Record<string, unknown>> {
  const opts = { target: 'draft-2020-12', unrepresentable: 'any' } as const;
  return {
    plan: {
      $id: `https://balance-check.invalid/schema/plan-v${PLAN_VERSION}.json`,
      ...z.toJSONSchema(PlanReport, opts),
    },
    diff: {
      $id: `https://balance-check.invalid/schema/diff-v${DIFF_VERSION}.json`,
      ...z.toJSONSchema(DiffReport, opts),
    },
    scenario: { $id: 'https://balance-check.invalid/schema/scenario-v1.json', ...z.toJSONSchema(Scenario, opts) },
  };
}
