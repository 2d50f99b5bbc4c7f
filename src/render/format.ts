// Number display. A shown value must never look like it meets a threshold it fails.

export function fixed(x: number | null | undefined, decimals: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: decimals === 0 && Math.abs(x) >= 10000,
  });
}

/**
 * Rounds for display, adding digits while the rounded value would meet a threshold the real one fails:
 * a CV of 0.50018 against 0.50 prints 0.5002, not 0.500.
 */
export function against(
  x: number | null,
  decimals: number,
  threshold: number | null,
  kind: 'min' | 'max',
  pass: boolean | null,
): string {
  if (x === null || threshold === null || pass !== false) return fixed(x, decimals);
  let d = decimals;
  const looksMet = (d: number) => {
    const r = Number(x.toFixed(d));
    return kind === 'min' ? r >= threshold : r <= threshold;
  };
  while (d < 12 && looksMet(d)) d++;
  return fixed(x, d);
}
