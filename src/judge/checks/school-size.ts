// No school over the pupil limit of its type (quality-2017: 2000, nine- and twelve-year schools 2500).
import { z } from 'zod';
import { SchoolType } from '../../domain.js';
import { result, type CheckModule } from './types.js';

/** Options (profile key schoolSize; null: no size rule): the pupil limit per school type; a type without one is not judged. */
export const options = z
  .object({ limits: z.partialRecord(SchoolType, z.number().int().positive()), binding: z.boolean() })
  .strict()
  .nullable();

export const check: CheckModule = {
  id: 'school-size',
  reads: ['schoolSize'],
  enabled: (p) => p.schoolSize !== null,
  binding: (p) => p.schoolSize?.binding ?? true,
  run(f, _levels, _units, profile) {
    const judged = f.schools.filter((s) => s.sizeLimit !== null);
    const failures = judged
      .filter((s) => s.school.students > s.sizeLimit!)
      .map((s) => ({ code: s.school.code, name: s.school.name, value: s.school.students, limit: s.sizeLimit! }));
    return result('school-size', check.binding(profile), failures, judged.length ? failures.length === 0 : null);
  },
};
