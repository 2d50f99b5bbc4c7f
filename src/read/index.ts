// Stage 1: bytes → raw rows with their cell positions. No meaning is given to any cell here.
import { readFile } from 'node:fs/promises';
import { extname, basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { FatalError } from '../findings.js';

export type Cell = string | number | boolean | null;
export interface RawRow {
  /** Row number as Excel shows it. */
  row: number;
  cells: Cell[];
}
export interface RawSheet {
  name: string;
  /** 0-based column index of cells[0] (a sheet may start right of column A). */
  colOffset: number;
  rows: RawRow[];
}
export type Format = 'xlsx' | 'xls' | 'csv';
export interface RawWorkbook {
  file: string;
  format: Format;
  sheets: RawSheet[];
}

export async function readInput(path: string): Promise<RawWorkbook> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FatalError('file-not-found', { file: path });
    if (code === 'EISDIR') throw new FatalError('is-directory', { file: path });
    throw new FatalError('file-unreadable', { file: path, reason: code ?? String(e) });
  }
  return readBytes(bytes, path);
}

export function sniff(bytes: Uint8Array): Format | 'binary' {
  const b = bytes;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'xls';
  const head = b.subarray(0, 4096);
  let control = 0;
  for (const c of head) {
    if (c === 0) return 'binary';
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control > head.length / 100 ? 'binary' : 'csv';
}

export async function readBytes(bytes: Uint8Array, file: string): Promise<RawWorkbook> {
  const ext = extname(file).toLowerCase();
  const format = sniff(bytes);
  if (bytes.length === 0) throw new FatalError('empty-file', { file });
  if (format === 'binary' || ((ext === '.xlsx' || ext === '.xls') && format === 'csv')) {
    throw new FatalError('not-a-workbook', { file });
  }
  if (format === 'csv') return { file, format, sheets: [{ name: basename(file), colOffset: 0, rows: readCsv(bytes) }] };
  return { file, format, sheets: await readWorkbook(bytes, file) };
}

/** BOM → strict UTF-8 → GB18030 (what Excel on Chinese Windows saves). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): RawRow[] {
  const records = parseCsv(decodeText(bytes), { relax_column_count: true, relax_quotes: true }) as string[][];
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) }));
}

async function readWorkbook(bytes: Uint8Array, file: string): Promise<RawSheet[]> {
  // Loaded only when a workbook is read: SheetJS is most of the start-up time.
  const XLSX = await import('xlsx');
  let wb: import('xlsx').WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellText: false, cellHTML: false, cellDates: false });
  } catch (e) {
    throw new FatalError('workbook-corrupt', { file, reason: firstLine(e) });
  }
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    if (!ws || !ws['!ref']) return { name, colOffset: 0, rows: [] };
    const range = XLSX.utils.decode_range(ws['!ref']);
    const rows = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    return { name, colOffset: range.s.c, rows: rows.map((cells, i) => ({ row: range.s.r + i + 1, cells })) };
  });
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0] ?? '';
}
