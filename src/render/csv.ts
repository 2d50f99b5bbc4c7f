// CSV: the tables one after another, each headed by its title, a blank line between; UTF-8 with a BOM
// so that Excel on Chinese Windows opens it correctly.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { neutralise, reportTables, type CellValue } from './tables.js';

const quote = (v: CellValue): string => {
  const n = neutralise(v);
  if (n === null) return '';
  const s = String(n);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(report: Report, profile: Profile): string {
  const parts = reportTables(report, profile).map((t) => [[t.title], t.head, ...t.rows].map((r) => r.map(quote).join(',')).join('\r\n'));
  return '\uFEFF' + parts.join('\r\n\r\n') + '\r\n';
}
