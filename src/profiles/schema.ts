// A standard profile is data: everything the compute and judge stages need to know about a standard.
import { z } from 'zod';
import { SchoolType, Ownership, Affiliation, Locale } from '../domain.js';
import { CHECK_IDS } from '../judge/checks/index.js';
// issue 10 (checks): the options a check owns are declared in its module.
import { PerLevel } from '../judge/checks/types.js';
import { options as perSchoolOptions } from '../judge/checks/per-school.js';
import { options as schoolSizeOptions } from '../judge/checks/school-size.js';
import { options as specialRoomsOptions } from '../judge/checks/special-rooms.js';
import { options as staffingOptions } from '../judge/checks/staffing.js';
import { quantityIds } from '../quantities.js';

/** Per-unit quantities that indicators divide by pupils (quantities.ts and the column catalogue, registered columns
 * included): checked when a profile is parsed, so a column registered before loading is known. */
export const Quantity = z.string().superRefine((q, ctx) => {
  const known = quantityIds();
  if (!known.includes(q)) ctx.addIssue({ code: 'invalid_value', values: known, input: q });
});
export type Quantity = z.infer<typeof Quantity>;

const Text = z.object({ zh: z.string(), en: z.string() }).strict();

export const IndicatorDef = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    name: Text,
    /** A few characters for table headers. */
    short: Text,
    unit: Text,
    /** value = quantity × per ÷ pupils */
    quantity: Quantity,
    per: z.number().positive(),
    /** Per-level standard; null where the standard judges only the CV. */
    standard: PerLevel.nullable(),
    /** Display decimals for tables (JSON stays unrounded). */
    decimals: z.number().int().min(0).max(6),
    definition: Text,
  })
  .strict();
export type IndicatorDef = z.infer<typeof IndicatorDef>;

export const ScopeRule = z
  .object({
    reason: z.string().regex(/^[a-z0-9-]+$/),
    types: z.array(SchoolType).optional(),
    ownership: z.array(Ownership).optional(),
    affiliation: z.array(Affiliation).optional(),
    /** Matches only schools with fewer compulsory-stage pupils than this. */
    studentsBelow: z.number().int().positive().optional(),
    /** issue 10 (checks): words for a reason of the profile's own (the catalogue has the built-in ones). */
    label: Text.optional(),
  })
  .strict();
export type ScopeRule = z.infer<typeof ScopeRule>;

const Degree = z.enum(['associate', 'bachelor', 'postgraduate']);

export const PartId = z.enum(['resources', 'government', 'quality', 'recognition']);
export type PartId = z.infer<typeof PartId>;

/** A county-level item (docs/rules.md §7): entered by the county in sheet 县域指标, or computed from school data. */
const itemBase = {
  id: z.string().regex(/^[a-z0-9_]+$/),
  part: PartId,
  name: Text,
  /** Other wordings accepted in the sheet. */
  aliases: z.array(z.string()),
  unit: z.enum(['percent', 'yuan', 'level', 'ratio', 'none']),
};
/** min: value ≥ threshold; max: value ≤ threshold; below: value < threshold; yes: 是; computed: a check's result. */
export const CountyItem = z.discriminatedUnion('kind', [
  z.object({ ...itemBase, kind: z.enum(['min', 'max', 'below']), threshold: z.number() }).strict(),
  z.object({ ...itemBase, kind: z.literal('yes'), threshold: z.null() }).strict(),
  /** check: the id of the check (src/judge/checks/) whose result this is. */
  z.object({ ...itemBase, kind: z.literal('computed'), threshold: z.null(), check: z.string() }).strict(),
]);
export type CountyItem = z.infer<typeof CountyItem>;

export const Part = z.object({ id: PartId, name: Text, checks: z.array(z.string()) }).strict();
export type Part = z.infer<typeof Part>;

export const Profile = z
  .object({
    id: z.string(),
    name: Text,
    document: z.string(),
    indicators: z.array(IndicatorDef).min(1),
    /** Per-unit rule: at least minMet standards met, every unmet one ≥ floorRatio × standard. */
    perSchool: perSchoolOptions,
    cv: z
      .object({
        weighting: z.enum(['enrolment', 'unweighted']),
        /** Each CV judged against this; null: single CVs are reported only. */
        limits: PerLevel.nullable(),
        /** Mean of the CVs judged against these limits; null: no composite. */
        composite: z.object({ limits: PerLevel }).strict().nullable(),
        /** Round a CV to N decimals before comparing (some provinces judge the printed value). */
        rounding: z.number().int().min(0).max(10).nullable(),
      })
      .strict(),
    splitWeights: z
      .object({ primary: z.number().positive(), junior: z.number().positive(), senior: z.number().positive() })
      .strict(),
    scope: z.array(ScopeRule),
    /** Lowest degree that counts as "above the required qualification" when only the breakdown is given. */
    qualification: z.object({ primary: Degree, junior: Degree }).strict(),
    /** Move 室内体育用房面积 from the teaching rooms to the sports area. */
    indoorSportsToSports: z.boolean(),
    /** Visiting / part-time PE-art teachers count for units in these locales within this pupil range. */
    visitingPeArt: z
      .object({ locales: z.array(Locale), minStudents: z.number().int(), maxStudents: z.number().int() })
      .strict()
      .nullable(),
    classSize: z
      .object({
        limits: PerLevel,
        large: z.object({ min: z.number().int(), max: z.number().int() }).strict(),
        superLarge: z.number().int(),
        binding: z.boolean(),
      })
      .strict(),
    schoolSize: schoolSizeOptions,
    specialRooms: specialRoomsOptions,
    staffing: staffingOptions,
    /** The parts of the verdict (quality-2017: 资源配置, 政府保障程度, 教育质量, 社会认可度); null: checks only. */
    parts: z.array(Part).nullable(),
    countyItems: z.array(CountyItem),
    /** issue 14: unit costs in 元 for the plan's budget (optional; without them the plan has no budget). */
    costs: z
      .object({
        /** per m² of teaching and auxiliary rooms built */
        buildingM2: z.number().nonnegative().optional(),
        /** per m² of sports ground */
        groundM2: z.number().nonnegative().optional(),
        /** per teacher and year */
        teacherYear: z.number().nonnegative().optional(),
        /** per room (multimedia, music, art) */
        room: z.number().nonnegative().optional(),
        /** per class added (a classroom) */
        classroom: z.number().nonnegative().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  // issue 10 (checks): a check named by a part or a computed item is one the registry has, or loading fails.
  .superRefine((p, ctx) => {
    const unknown = (value: string, path: (string | number)[]) =>
      ctx.addIssue({
        code: 'custom',
        path,
        message: `unknown check ${value}`,
        params: { reason: 'unknown-check', value, known: CHECK_IDS.join(', ') },
      });
    for (const [i, part] of (p.parts ?? []).entries())
      for (const [k, id] of part.checks.entries()) if (!CHECK_IDS.includes(id)) unknown(id, ['parts', i, 'checks', k]);
    for (const [i, item] of p.countyItems.entries())
      if (item.kind === 'computed' && !CHECK_IDS.includes(item.check)) unknown(item.check, ['countyItems', i, 'check']);
  });
export type Profile = z.infer<typeof Profile>;
