// No class over the per-level limit (quality-2017: 45 primary, 50 junior).
import { result, unitCoverage, type CheckModule } from './types.js';

export const check: CheckModule = {
  id: 'class-size',
  reads: ['classSize'],
  enabled: () => true,
  binding: (p) => p.classSize.binding,
  run(f, _levels, units, profile) {
    const binding = check.binding(profile);
    const failures = units
      .filter((u) => u.classSize && u.classSize.overLimit > 0)
      .map((u) => ({
        code: u.code,
        name: u.name,
        level: u.level,
        value: u.classSize!.largest,
        limit: profile.classSize.limits[u.level],
        detail: String(u.classSize!.overLimit),
      }));
    const uncertain = units.some((u) => (u.classSize?.uncertain ?? 0) > 0);
    // A class sheet with its header only, or rows for none of these schools, is no evidence of class sizes.
    const covered = f.units.filter((u) => u.hasClassData).length;
    if (units.length === 0) return result('class-size', binding, [], null, 'no-units');
    if (!f.hasClassSizes || covered === 0) return result('class-size', binding, [], null, 'no-class-data');
    if (failures.length === 0 && uncertain) return result('class-size', binding, [], null, 'band-straddles-limit');
    return result(
      'class-size',
      binding,
      failures,
      failures.length === 0,
      undefined,
      unitCoverage(f.units, (u) => u.hasClassData),
    );
  },
};
