// Each indicator's CV against the per-level limit (quality-2017: ≤ 0.50 primary, ≤ 0.45 junior).
import { allOf } from '../compare.js';
import { result, unitCoverage, type CheckModule } from './types.js';
import type { UnitFigures } from '../../compute/index.js';

export const check: CheckModule = {
  id: 'cv',
  reads: ['cv'],
  enabled: (p) => p.cv.limits !== null,
  binding: () => true,
  run(f, levels) {
    const failures = levels.flatMap((l) =>
      l.indicators
        .filter((i) => i.pass === false)
        .map((i) => ({ level: l.level, indicator: i.id, value: i.cv!, limit: i.cvLimit! })),
    );
    const judged = levels.filter((l) => l.unitCount > 0 && l.reason === undefined);
    const pass = allOf(judged.map((l) => l.pass));
    // Not judged: every level with schools has one school only (a CV needs two), or no level has any.
    const reason =
      judged.length > 0 ? undefined : levels.some((l) => l.reason === 'single-unit') ? 'single-unit' : 'no-units';
    // A CV is over the units with a value: a unit without one is a gap in the evidence, listed.
    return result('cv', true, failures, pass, reason, unitCoverage(f.units, hasAllValues));
  },
};

/** Whether a unit has every indicator value (NaN: none); a loop, Float64Array's every() is slow per call. */
function hasAllValues(u: UnitFigures): boolean {
  for (let i = 0; i < u.values.length; i++) if (Number.isNaN(u.values[i])) return false;
  return true;
}
