// What a check is: ESLint's rule shape (declarative facts + one pure function). ADDING A CHECK = one file
// here exporting `check: CheckModule`, plus one line in index.ts. Built-in checks' words live in the catalogue
// (check.<id>); a new check may bring its own (`words`).
import { z } from 'zod';
import type { Profile } from '../../profiles/schema.js';
import type { CountyFigures, UnitFigures } from '../../compute/index.js';
import type { Check, CountyLevel, Coverage, UnitResult } from '../../report/schema.js';

export interface CheckModule {
  /** Stable id: the JSON `checks[].id`, the profile's `parts[].checks` / `countyItems[].check`, the catalogue key. */
  id: string;
  /** Its name in both languages when the catalogue has none (check.<id>): a new check is one file. */
  words?: { zh: string; en: string };
  /** The profile options it reads (top-level keys), for docs and for the reader of a profile. */
  reads: readonly (keyof Profile)[];
  /** Whether the profile asks for this check at all (a check it does not ask for is left out of the report). */
  enabled(profile: Profile): boolean;
  /** Whether a failure fails the county (else advisory, 参考). */
  binding(profile: Profile): boolean;
  /**
   * Pure: the county's figures, its judged levels and units (in input order) and the profile in, the check out.
   * Evidence rule: without data it is null with a reason; with data for part of the county it judges that
   * part and lists who is missing (coverage).
   */
  run(figures: CountyFigures, levels: CountyLevel[], units: UnitResult[], profile: Profile): Check;
}

/** A check's result; `assessed` and `coverage` follow from pass and coverage (partial only when someone is missing). */
export function result(
  id: string,
  binding: boolean,
  failures: Check['failures'],
  pass: boolean | null,
  reason?: string,
  coverage?: Coverage,
): Check {
  const assessed = pass === null ? 'none' : coverage && coverage.assessed < coverage.total ? 'partial' : 'full';
  // Keys added in the v1 order, optional ones only when set (no conditional spreads: 7 checks × every county).
  const out: Check = { id, pass, binding } as Check;
  if (reason) out.reason = reason;
  out.failures = failures;
  out.assessed = assessed;
  if (assessed === 'partial') out.coverage = coverage;
  return out;
}

/** Coverage over units (one per school and level): who lacks what the check needs. */
export function unitCoverage(units: UnitFigures[], has: (u: UnitFigures) => boolean): Coverage {
  const missing = units
    .filter((u) => !has(u))
    .map((u) => ({ code: u.unit.code, name: u.unit.name, level: u.unit.level }));
  return { assessed: units.length - missing.length, total: units.length, unit: 'units', missing };
}

/** A number per level (limits, norms), shared by the options of several checks and the profile. */
export const PerLevel = z.object({ primary: z.number().positive(), junior: z.number().positive() }).strict();
