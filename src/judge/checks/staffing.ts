// Full-time teachers against the pupil–teacher norm (quality-2017: 19 : 1 primary, 13.5 : 1 junior; advisory).
import { z } from 'zod';
import { PerLevel } from './types.js';
import { result, unitCoverage, type CheckModule } from './types.js';

/** Options (profile key staffing): pupils per full-time teacher, per level. */
export const options = z
  .object({
    norms: PerLevel,
    binding: z.boolean(),
    /** issue 14 (plan-more): 班师比, full-time teachers per class, per level (a provincial norm; the plan uses it). */
    classTeacherRatio: PerLevel.optional(),
  })
  .strict();

export const check: CheckModule = {
  id: 'staffing',
  reads: ['staffing'],
  enabled: () => true,
  binding: (p) => p.staffing.binding,
  run(f, _levels, units, profile) {
    const failures = units
      .filter((u) => (u.staffing.shortfall ?? 0) > 0)
      .map((u) => ({
        code: u.code,
        name: u.name,
        level: u.level,
        value: u.staffing.shortfall!,
        limit: u.staffing.norm,
      }));
    const judged = units.filter((u) => u.staffing.shortfall !== null);
    return result(
      'staffing',
      check.binding(profile),
      failures,
      judged.length ? failures.length === 0 : null,
      undefined,
      unitCoverage(f.units, (u) => u.staffing.shortfall !== null),
    );
  },
};
