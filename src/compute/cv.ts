// The variation coefficient (差异系数), docs/rules.md §2: enrolment-weighted, population form.

export interface CvInput {
  /** Indicator value of the unit. */
  value: number;
  /** Pupils of the unit (the weight). */
  students: number;
}

export type CvResult =
  | { mean: number; sd: number; cv: number; reason?: undefined }
  | { mean: number | null; sd: number | null; cv: null; reason: CvNullReason };
export type CvNullReason = 'no-units' | 'no-data' | 'single-unit' | 'no-students' | 'zero-mean' | 'not-finite';

/**
 *   P = Σ P_i,  X̄ = Σ P_i·X_i / P,  S = sqrt(Σ (P_i/P)·(X_i − X̄)²),  CV = S / X̄
 * `unweighted` gives every unit the weight 1 (a province may demand it).
 */
export function variationCoefficient(
  units: readonly CvInput[],
  weighting: 'enrolment' | 'unweighted' = 'enrolment',
): CvResult {
  if (units.length === 0) return { mean: null, sd: null, cv: null, reason: 'no-units' };
  const weights = units.map((u) => (weighting === 'enrolment' ? u.students : 1));
  const total = weights.reduce((a, w) => a + w, 0);
  if (!(total > 0)) return { mean: null, sd: null, cv: null, reason: 'no-students' };
  if (units.some((u) => !Number.isFinite(u.value)) || weights.some((w) => !Number.isFinite(w) || w < 0)) {
    return { mean: null, sd: null, cv: null, reason: 'not-finite' };
  }
  // Computed on values divided by the largest one: the CV is scale-free, and this keeps squares of
  // very small or very large values from under- or overflowing.
  const top = units.reduce((a, u) => Math.max(a, Math.abs(u.value)), 0);
  if (top === 0) return { mean: 0, sd: 0, cv: null, reason: units.length === 1 ? 'single-unit' : 'zero-mean' };
  const y = units.map((u) => u.value / top);
  const meanY = y.reduce((a, v, i) => a + weights[i]! * v, 0) / total;
  const mean = meanY * top;
  if (units.length === 1) return { mean, sd: 0, cv: null, reason: 'single-unit' };
  const varianceY = y.reduce((a, v, i) => a + (weights[i]! / total) * (v - meanY) ** 2, 0);
  const sdY = Math.sqrt(varianceY);
  if (meanY === 0) return { mean, sd: sdY * top, cv: null, reason: 'zero-mean' };
  return { mean, sd: sdY * top, cv: sdY / Math.abs(meanY) };
}
