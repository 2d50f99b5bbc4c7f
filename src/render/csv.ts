// CSV: the tables one after another, each headed by its title, a blank line between; UTF-8 with a BOM
// so that Excel on Chinese Windows opens it correctly.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { neutralise, reportTables, type CellValue } from './tables.js';
import { stripControls } from './safe.js';
import { profileOf, type Formatter } from './formatters.js';

/**
 * Quoted when the cell holds a delimiter (`,` here, `;` in locales that use it), a quote, TAB, CR or LF,
 * or starts like a formula: then no spreadsheet splits it or runs a formula after a separator (`x;=1+1`).
 */
const quote = (v: CellValue): string => {
  const n = neutralise(typeof v === 'string' ? stripControls(v) : v);
  if (n === null) return '';
  const s = String(n);
  return /[",;\t\r\n]|^'[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(report: Report, profile: Profile): string {
  return [...csvPieces(report, profile)].join('');
}

/** The same text in pieces, a line at a time: a national report's CSV is never one string (it peaked at 2–3 GB). */
export function* csvPieces(report: Report, profile: Profile): Generator<string> {
  yield '\uFEFF';
  for (const [i, t] of reportTables(report, profile).entries()) {
    if (i) yield '\r\n\r\n';
    yield quote(t.title);
    yield `\r\n${t.head.map(quote).join(',')}`;
    for (const r of t.rows) yield `\r\n${r.map(quote).join(',')}`;
  }
  yield '\r\n';
}

export const formatter: Formatter = {
  id: 'csv',
  extensions: ['.csv'],
  binary: false,
  render: async (report, opts) => csvPieces(report, await profileOf(report, opts)),
};
