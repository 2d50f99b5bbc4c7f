import type { Report } from '../report/schema.js';

/** Above this many units the JSON is written on one line: half the size and time of an indented national report. */
const COMPACT_ABOVE_UNITS = 2000;

/** The JSON contract of output.md: unrounded numbers, stable field names. */
export function renderJson(report: Report): string {
  const units = report.counties.reduce((a, c) => a + c.units.length, 0);
  return JSON.stringify(report, null, units > COMPACT_ABOVE_UNITS ? undefined : 2) + '\n';
}
