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
  const values = new Float64Array(units.length);
  const weights = new Float64Array(units.length);
  for (let i = 0; i < units.length; i++) {
    values[i] = units[i]!.value;
    weights[i] = weighting === 'enrolment' ? units[i]!.students : 1;
  }
  return weightedCv(values, weights, units.length);
}

/**
 * The same CV over the first n values and their weights, held in typed arrays (compute's per-level pass):
 * no object per unit. Sums run in index order as the formula above reads, so results are bit-identical.
 */
export function weightedCv(values: ArrayLike<number>, weights: ArrayLike<number>, n: number): CvResult {
  if (n === 0) return { mean: null, sd: null, cv: null, reason: 'no-units' };
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  if (!(total > 0)) return { mean: null, sd: null, cv: null, reason: 'no-students' };
  // Computed on values divided by the largest one: the CV is scale-free, and this keeps squares of
  // very small or very large values from under- or overflowing.
  let top = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const w = weights[i]!;
    if (!Number.isFinite(v) || !Number.isFinite(w) || w < 0)
      return { mean: null, sd: null, cv: null, reason: 'not-finite' };
    top = Math.max(top, Math.abs(v));
  }
  if (top === 0) return { mean: 0, sd: 0, cv: null, reason: n === 1 ? 'single-unit' : 'zero-mean' };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]! * (values[i]! / top);
  const meanY = sum / total;
  const mean = meanY * top;
  if (n === 1) return { mean, sd: 0, cv: null, reason: 'single-unit' };
  let varianceY = 0;
  for (let i = 0; i < n; i++) varianceY += (weights[i]! / total) * (values[i]! / top - meanY) ** 2;
  const sdY = Math.sqrt(varianceY);
  if (meanY === 0) return { mean, sd: sdY * top, cv: null, reason: 'zero-mean' };
  return { mean, sd: sdY * top, cv: sdY / Math.abs(meanY) };
}
