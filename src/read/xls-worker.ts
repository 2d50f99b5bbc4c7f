// Worker-thread entry for what SheetJS reads (xls.ts): SheetJS → raw rows, formula cells without a cached value and control
// characters as located findings. Posts the sheets back, or the fatal error that stopped it.
import { parentPort, workerData } from 'node:worker_threads';
import { columnLetter, FatalError, finding, type RawFinding } from '../findings.js';
import { cleanControlCharacters } from './clean.js';
import type { Cell, RawSheet } from './index.js';
import type { XlsResult } from './xls.js';

const { bytes, file, limits } = workerData as {
  bytes: Uint8Array;
  file: string;
  limits: { maxRows: number; maxSheets: number };
};

async function parse(): Promise<XlsResult> {
  const XLSX = await import('xlsx');
  let wb: import('xlsx').WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellFormula: true,
      cellText: false,
      cellHTML: false,
      cellDates: false,
      sheetRows: limits.maxRows + 1,
    });
  } catch {
    // SheetJS's own words are English; the reason is a code with words in both languages.
    throw new FatalError('workbook-corrupt', { file, reason: 'parser-failed' });
  }
  if (wb.SheetNames.length > limits.maxSheets)
    throw new FatalError('too-many-sheets', { file, count: wb.SheetNames.length, limit: limits.maxSheets });
  const findings: RawFinding[] = [];
  const sheets = wb.SheetNames.map((name, n): RawSheet => {
    const ws = wb.Sheets[name];
    // Hidden: 1 hidden, 2 very hidden.
    const hidden = wb.Workbook?.Sheets?.[n]?.Hidden ? { hidden: true } : {};
    if (!ws?.['!ref']) return { name, colOffset: 0, rows: [], merges: [], ...hidden };
    const range = XLSX.utils.decode_range(ws['!ref']);
    const rows = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    if (rows.length > limits.maxRows)
      throw new FatalError('too-many-rows', { file, sheet: name, limit: limits.maxRows });
    // A formula whose result was not saved reads as empty: say so at the cell.
    const data = (ws as { '!data'?: ({ f?: string; v?: unknown } | undefined)[][] })['!data'] ?? [];
    data.forEach((row, r) =>
      row?.forEach((c, col) => {
        if (c && c.f !== undefined && (c.v === undefined || c.v === null)) {
          findings.push(
            finding('formula-no-value', 'error', { file, sheet: name, row: r + 1, column: columnLetter(col) }),
          );
        }
      }),
    );
    const merges = (ws['!merges'] ?? []).map((m) => ({ r0: m.s.r + 1, c0: m.s.c, r1: m.e.r + 1, c1: m.e.c }));
    const hiddenRows: number[] = [];
    (ws['!rows'] ?? []).forEach((info, r) => {
      const cells = rows[r - range.s.r];
      if (info?.hidden && cells?.some((c) => c !== null && c !== '')) hiddenRows.push(r + 1);
    });
    const sheet: RawSheet = {
      name,
      colOffset: range.s.c,
      rows: rows.map((cells, i) => ({ row: range.s.r + i + 1, cells })),
      merges,
      ...hidden,
      ...(hiddenRows.length ? { hiddenRows } : {}),
    };
    cleanControlCharacters(sheet, file, findings);
    return sheet;
  });
  return { sheets, findings };
}

// No top-level await: the single executable runs this as a CommonJS script (scripts/build-exe.mjs).
parse().then(
  (result) => parentPort!.postMessage(result),
  (e: unknown) => {
    if (e instanceof FatalError) parentPort!.postMessage({ fatal: { code: e.code, params: e.params } });
    else parentPort!.postMessage({ fatal: { code: 'workbook-corrupt', params: { file, reason: 'parser-failed' } } });
  },
);
