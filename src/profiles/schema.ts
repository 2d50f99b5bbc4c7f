// A standard profile is data: everything the compute and judge stages need to know about a standard.
import { z } from 'zod';
import { SchoolType, Ownership, Affiliation, Locale } from '../domain.js';
import { quantityIds } from '../quantities.js';

/** Per-unit quantities that indicators divide by pupils (quantities.ts and the column catalogue, registered columns
 * included): checked when a profile is parsed, so a column registered before loading is known. */
export const Quantity = z.string().superRefine((q, ctx) => {
  const known = quantityIds();
  if (!known.includes(q)) ctx.addIssue({ code: 'invalid_value', values: known, input: q });
});
export type Quantity = z.infer<typeof Quantity>;

const PerLevel = z.object({ primary: z.number().positive(), junior: z.number().positive() }).strict();
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
  })
  .strict();
export type ScopeRule = z.infer<typeof ScopeRule>;

const Degree = z.enum(['associate', 'bachelor', 'postgraduate']);

export const PartId = z.enum(['resources', 'government', 'quality', 'recognition']);
export type PartId = z.infer<typeof PartId>;

/** A county-level item (docs/rules.md §7): entered by the county in sheet 县域指标, or computed from school data. */
export const CountyItem = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    part: PartId,
    name: Text,
    /** Other wordings accepted in the sheet. */
    aliases: z.array(z.string()),
    /** min: value ≥ threshold; max: value ≤ threshold; below: value < threshold; yes: 是; computed: a check's result. */
    kind: z.enum(['min', 'max', 'below', 'yes', 'computed']),
    threshold: z.number().nullable(),
    unit: z.enum(['percent', 'yuan', 'level', 'ratio', 'none']),
    /** For computed items: the id of the check whose result this is. */
    check: z.string().optional(),
  })
  .strict();
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
    perSchool: z.object({ minMet: z.number().int().min(0), floorRatio: z.number().min(0).max(1) }).strict().nullable(),
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
    splitWeights: z.object({ primary: z.number().positive(), junior: z.number().positive(), senior: z.number().positive() }).strict(),
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
    schoolSize: z
      .object({ limits: z.partialRecord(SchoolType, z.number().int().positive()), binding: z.boolean() })
      .strict()
      .nullable(),
    specialRooms: z.object({ classesPerRoom: z.number().int().positive(), binding: z.boolean() }).strict().nullable(),
    staffing: z.object({ norms: PerLevel, binding: z.boolean() }).strict(),
    /** The parts of the verdict (quality-2017: 资源配置, 政府保障程度, 教育质量, 社会认可度); null: checks only. */
    parts: z.array(Part).nullable(),
    countyItems: z.array(CountyItem),
  })
  .strict();
export type Profile = z.infer<typeof Profile>;
