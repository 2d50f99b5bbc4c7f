// The mean of the CVs against a per-level limit (basic-2012: ≤ 0.65 primary, ≤ 0.55 junior).
import { allOf } from '../compare.js';
import { result, type CheckModule } from './types.js';

export const check: CheckModule = {
  id: 'composite',
  reads: ['cv'],
  enabled: (p) => p.cv.composite !== null,
  binding: () => true,
  run(_f, levels) {
    const failures = levels
      .filter((l) => l.composite?.pass === false)
      .map((l) => ({ level: l.level, value: l.composite!.cv!, limit: l.composite!.limit }));
    return result(
      'composite',
      true,
      failures,
      allOf(levels.filter((l) => l.unitCount > 0).map((l) => l.composite?.pass ?? null)),
    );
  },
};
