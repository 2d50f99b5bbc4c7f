// Every unit meets at least minMet standards and each unmet one at floorRatio or more (judgeUnit does the unit).
import { z } from 'zod';
import { allOf } from '../compare.js';
import { result, unitCoverage, type CheckModule } from './types.js';

/** Options (profile key perSchool; null: no per-school rule): at least minMet standards met, every unmet one ≥ floorRatio × standard. */
export const options = z
  .object({ minMet: z.number().int().min(0), floorRatio: z.number().min(0).max(1) })
  .strict()
  .nullable();

export const check: CheckModule = {
  id: 'per-school',
  reads: ['perSchool', 'indicators'],
  enabled: (p) => p.perSchool !== null,
  binding: () => true,
  run(f, _levels, units) {
    const failures = units
      .filter((u) => u.pass === false)
      .map((u) => ({
        code: u.code,
        name: u.name,
        level: u.level,
        value: u.met,
        detail: u.indicators
          .filter((i) => i.met === false)
          .map((i) => i.id)
          .join(','),
      }));
    // A unit with a value missing is not judged (its cell is an error finding): the others are, and it is listed.
    const judged = units.filter((u) => u.pass !== null);
    const unjudged = new Set(f.units.filter((_, i) => units[i]!.pass === null));
    return result(
      'per-school',
      true,
      failures,
      judged.length ? allOf(judged.map((u) => u.pass)) : null,
      undefined,
      unitCoverage(f.units, (u) => !unjudged.has(u)),
    );
  },
};
