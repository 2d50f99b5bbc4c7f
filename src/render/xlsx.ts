// The report as a workbook: 汇总, the 差异系数 tables in the official 表2 layout, the per-school 达标表, findings.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { neutralise, reportTables, type CellValue } from './tables.js';
import { xmlChars } from './safe.js';
import { profileOf, type Formatter } from './formatters.js';

/** A cell the workbook's XML can hold (no C0 controls, lone surrogates, U+FFFE/U+FFFF), formulas neutralised. */
const cell = (v: CellValue): CellValue => neutralise(typeof v === 'string' ? xmlChars(v, '') : v);

export async function renderXlsx(report: Report, profile: Profile): Promise<Uint8Array> {
  const XLSX = await import('xlsx');
  const wb = XLSX.utils.book_new();
  for (const t of reportTables(report, profile)) {
    const ws = XLSX.utils.aoa_to_sheet([t.head.map(cell), ...t.rows.map((r) => r.map(cell))]);
    ws['!cols'] = t.head.map((h) => ({ wch: Math.max(8, Math.min(40, h.length * 2 + 2)) }));
    XLSX.utils.book_append_sheet(wb, ws, xmlChars(t.id, '').slice(0, 31));
  }
  wb.Props = { Title: `balance-check ${report.standard}` };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}

export const formatter: Formatter = {
  id: 'xlsx',
  extensions: ['.xlsx'],
  binary: true,
  render: async (report, opts) => renderXlsx(report, await profileOf(report, opts)),
};
