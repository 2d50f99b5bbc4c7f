// CSV: the report's sections (sections.ts) one after another in ONE file: each a title line, its header row,
// its rows and its notes, a blank line between sections; UTF-8 with a BOM and CRLF so that Excel on Chinese
// Windows opens it correctly. Numbers at full precision (the formats are for display). No date: the same
// report gives the same bytes.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { neutralise, type CellValue } from './tables.js';
import { sectionsOf, type Column } from './sections.js';
import { stripControls } from './safe.js';
import { profileOf, type Formatter } from './formatters.js';

/**
 * Quoted when the cell holds a delimiter (`,` here, `;` in locales that use it), a quote, TAB, CR or LF,
 * or starts like a formula: then no spreadsheet splits it or runs a formula after a separator (`x;=1+1`).
 */
const quote = (v: CellValue): string => {
  // Numbers (most cells of a national report) need no guard: a number is never read as a formula.
  if (typeof v === 'number') return String(v);
  if (v === null) return '';
  const n = neutralise(typeof v === 'string' ? stripControls(v) : v);
  if (n === null) return '';
  const s = String(n);
  return /[",;\t\r\n]|^'[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One header row: a column under a group header is headed `group·head` (the per-school sheet's indicators). */
export const csvHead = (c: Column): string => (c.group ? `${c.group}·${c.head}` : c.head);

export function renderCsv(report: Report, profile: Profile): string {
  return [...csvPieces(report, profile)].join('');
}

/** The same text in pieces, a line at a time: a national report's CSV is never one string (it peaked at 2–3 GB). */
export function* csvPieces(report: Report, profile: Profile): Generator<string> {
  yield '\uFEFF';
  let first = true;
  for (const s of sectionsOf(report, profile)) {
    if (!first) yield '\r\n';
    first = false;
    yield `${quote(s.title)}\r\n`;
    yield `${s.columns.map((c) => quote(csvHead(c))).join(',')}\r\n`;
    for (const r of s.rows) yield `${r.map((c) => quote(c.v)).join(',')}\r\n`;
    for (const n of s.notes) yield `${quote(n)}\r\n`;
  }
}

export const formatter: Formatter = {
  id: 'csv',
  extensions: ['.csv'],
  binary: false,
  render: async (report, opts) => csvPieces(report, await profileOf(report, opts)),
};
