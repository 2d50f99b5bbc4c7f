// SheetJS → raw rows, in-process: the reference the differential tests compare our .xlsx reader with.
import { FatalError } from '../src/findings.js';
import type { Cell, RawSheet } from '../src/read/index.js';

export interface ParseLimits {
  maxRows: number;
  maxSheets: number;
}

export async function parseWorkbook(bytes: Uint8Array, file: string, limits: ParseLimits): Promise<RawSheet[]> {
  // Loaded only when a workbook is read: SheetJS is most of the start-up time.
  const XLSX = await import('xlsx');
  let wb: import('xlsx').WorkBook;
  try {
    // sheetRows stops SheetJS at the row limit instead of materialising a sheet that declares a million rows.
    wb = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellText: false,
      cellHTML: false,
      cellDates: false,
      sheetRows: limits.maxRows + 1,
    });
  } catch (e) {
    throw new FatalError('workbook-corrupt', {
      file,
      reason: String(e instanceof Error ? e.message : e).split('\n')[0] ?? '',
    });
  }
  if (wb.SheetNames.length > limits.maxSheets)
    throw new FatalError('too-many-sheets', { file, count: wb.SheetNames.length, limit: limits.maxSheets });
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    if (!ws?.['!ref']) return { name, colOffset: 0, rows: [], merges: [] };
    const range = XLSX.utils.decode_range(ws['!ref']);
    const rows = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    if (rows.length > limits.maxRows)
      throw new FatalError('too-many-rows', { file, sheet: name, limit: limits.maxRows });
    const merges = (ws['!merges'] ?? []).map((m) => ({ r0: m.s.r + 1, c0: m.s.c, r1: m.e.r + 1, c1: m.e.c }));
    return { name, colOffset: range.s.c, rows: rows.map((cells, i) => ({ row: range.s.r + i + 1, cells })), merges };
  });
}
