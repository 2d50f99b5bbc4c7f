import type { Report } from '../report/schema.js';
import type { Formatter } from './formatters.js';

/** Above this many units the JSON is written on one line: half the size and time of an indented national report. */
const COMPACT_ABOVE_UNITS = 2000;

/**
 * DEL and the 8-bit C1 controls written as \u escapes (JSON.stringify leaves them raw): the same JSON
 * value, but a terminal showing the report never sees an 8-bit CSI. They occur only inside strings.
 */
const c1 = (json: string) =>
  json.replace(/[\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The JSON contract of docs/output.md: unrounded numbers, stable field names. */
export function renderJson(report: Report): string {
  const units = report.counties.reduce((a, c) => a + c.units.length, 0);
  return c1(JSON.stringify(report, null, units > COMPACT_ABOVE_UNITS ? undefined : 2)) + '\n';
}

/**
 * The same JSON, one piece per county, for large reports: a national report is hundreds of megabytes,
 * and one string of it would double the peak memory. Joined, the pieces equal renderJson's compact form.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  const { counties, ...head } = report;
  // counties is the report's last field, so the head's closing brace makes way for it.
  yield c1(JSON.stringify(head)).slice(0, -1) + ',"counties":[';
  for (const [i, c] of counties.entries()) {
    // The comma on its own: prefixed, the county's string would be copied once more to be written (−20 %).
    if (i) yield ',';
    yield c1(JSON.stringify(c));
  }
  yield ']}\n';
}

export function isLarge(report: Report): boolean {
  return report.counties.reduce((a, c) => a + c.units.length, 0) > COMPACT_ABOVE_UNITS;
}

export const formatter: Formatter = {
  id: 'json',
  extensions: ['.json'],
  binary: false,
  // A national report goes out county by county, never as one string.
  render: (report) => (isLarge(report) ? renderJsonChunks(report) : renderJson(report)),
};
