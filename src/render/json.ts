import type { Report } from '../report/schema.js';

/** The JSON contract of output.md: unrounded numbers, stable field names. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
