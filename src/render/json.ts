import type { Report } from '../report/schema.js';

/** Above this many units the JSON is written on one line: half the size and time of an indented national report. */
const COMPACT_ABOVE_UNITS = 2000;

/** The JSON contract of output.md: unrounded numbers, stable field names. */
export function renderJson(report: Report): string {
  const units = report.counties.reduce((a, c) => a + c.units.length, 0);
  return JSON.stringify(report, null, units > COMPACT_ABOVE_UNITS ? undefined : 2) + '\n';
}

/**
 * The same JSON, one piece per county, for large reports: a national report is hundreds of megabytes,
 * and one string of it would double the peak memory. Joined, the pieces equal renderJson's compact form.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  const { counties, ...head } = report;
  // counties is the report's last field, so the head's closing brace makes way for it.
  yield JSON.stringify(head).slice(0, -1) + ',"counties":[';
  for (const [i, c] of counties.entries()) yield (i ? ',' : '') + JSON.stringify(c);
  yield ']}\n';
}

export function isLarge(report: Report): boolean {
  return report.counties.reduce((a, c) => a + c.units.length, 0) > COMPACT_ABOVE_UNITS;
}
