// Threshold comparisons. A relative tolerance of 1e-9 keeps binary floating-point artefacts
// (0.85 × 4.2 = 3.5700000000000003) from failing a value that meets a standard exactly;
// it is far below any figure an office can report.
const EPS = 1e-9;
const tol = (t: number) => EPS * Math.max(1, Math.abs(t));

/** value ≥ threshold ("以上" includes the boundary). */
export const atLeast = (value: number, threshold: number): boolean => value >= threshold - tol(threshold);
/** value ≤ limit. */
export const atMost = (value: number, limit: number): boolean => value <= limit + tol(limit);

/** Half-up rounding to N decimals, robust to representation error (0.5005 → 0.501 at 3). */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f + tol(x * f)) / f;
}

/** A derived threshold (standard × 85 %) without representation noise: 3.5700000000000003 → 3.57. */
export const clean = (x: number): number => Number(x.toPrecision(12));

/** false if any false; null if any could not be judged (or none was); else true. */
export function allOf(passes: (boolean | null)[]): boolean | null {
  if (passes.includes(false)) return false;
  return passes.length === 0 || passes.includes(null) ? null : true;
}
