// Stage 1: bytes → raw rows with their cell positions. No meaning is given to any cell here.
import { extname, basename } from 'node:path';
import { FatalError, type RawFinding } from '../findings.js';
import { mib, readRegularFile } from './safe.js';
import { checkMemory, defaultMemoryMb } from './memory.js';
import { csvSheet, type CsvOptions } from './csv.js';
import { readWithSheetJs } from './xls.js';
import { readXlsx } from './xlsx.js';
import { cleanControlCharacters } from './clean.js';

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
  /** Merged ranges: Excel rows (1-based), absolute 0-based columns. */
  merges?: { r0: number; c0: number; r1: number; c1: number }[];
  /** Blank rows the reader counted but did not keep (rows past the header zone with no value). */
  blankRows?: number;
  /** The sheet is hidden in the workbook (state hidden or veryHidden). */
  hidden?: boolean;
  /** Excel row numbers of hidden rows that hold values, ascending. */
  hiddenRows?: number[];
}
export type Format = 'xlsx' | 'xls' | 'csv';
export interface RawWorkbook {
  file: string;
  format: Format;
  sheets: RawSheet[];
  /** What reading itself noticed, located by sheet/row/column (a formula without a cached value, control
   * characters removed from a cell, sheets left unread): the assessment reports them with the rest. */
  findings?: RawFinding[];
}

export interface ReadOptions {
  /** The sheet the schools table is on (--sheet): with more sheets than maxSheets, it is read first. */
  sheet?: string;
  /** Text encoding of CSV input; auto: BOM → strict UTF-8 → GB18030. */
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  maxFileBytes?: number;
  maxUncompressedBytes?: number;
  maxZipEntries?: number;
  maxSheets?: number;
  maxRows?: number;
  /** Wall-clock limit for parsing one workbook. */
  timeoutMs?: number;
  /** The process's memory budget in MiB (--max-memory): the parsing worker's heap limit, and the resident
   * size checked while reading. Default: 40 % of the machine's memory, at most 2 GiB. */
  maxHeapMb?: number;
}

export const DEFAULT_LIMITS = {
  maxFileBytes: 512 * 2 ** 20,
  maxUncompressedBytes: 2 ** 30,
  maxZipEntries: 10_000,
  maxSheets: 100,
  maxRows: 5_000_000,
  timeoutMs: 300_000,
  maxHeapMb: defaultMemoryMb(),
} as const;
export type Limits = { [K in keyof typeof DEFAULT_LIMITS]: number };

export async function readInput(path: string, options: ReadOptions = {}): Promise<RawWorkbook> {
  const max = options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  // Only regular files: a FIFO, a device or a directory is refused before anything is read.
  const bytes = readRegularFile(
    path,
    'input',
    max,
    (size) => new FatalError('file-too-large', { file: path, size: mib(size), limit: mib(max) }),
  );
  return readBytes(bytes, path, options);
}

export function sniff(bytes: Uint8Array): Format | 'binary' {
  const b = bytes;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'xls';
  const head = b.subarray(0, 4096);
  // Mostly text is text: a stray NUL is cleaned with a located finding wherever it falls (clean.ts).
  let control = 0;
  for (const c of head) if (c < 9 || (c > 13 && c < 32)) control++;
  return control > head.length / 100 ? 'binary' : 'csv';
}

export async function readBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): Promise<RawWorkbook> {
  const limits = readLimits(options);
  const ext = extname(file).toLowerCase();
  if (bytes.length === 0) throw new FatalError('empty-file', { file });
  if (bytes.length > limits.maxFileBytes)
    throw new FatalError('file-too-large', { file, size: mib(bytes.length), limit: mib(limits.maxFileBytes) });
  const format = sniff(bytes);
  if (format === 'binary' || ((ext === '.xlsx' || ext === '.xls') && format === 'csv')) {
    throw new FatalError('not-a-workbook', { file });
  }
  if (format === 'csv') {
    const findings: RawFinding[] = [];
    const sheet = csvSheet(bytes, file, basename(file), csvOptions(limits, options), findings);
    checkMemory(file, limits.maxHeapMb);
    return { file, format, sheets: [sheet], ...(findings.length ? { findings } : {}) };
  }
  if (format === 'xlsx') {
    // Our streaming reader, in-process under the time limit; null for a zip that is not SpreadsheetML.
    const read = await readXlsx(bytes, file, limits);
    if (read) {
      for (const sheet of read.sheets) cleanControlCharacters(sheet, file, read.findings);
      return { file, format, sheets: read.sheets, ...(read.findings.length > 0 ? { findings: read.findings } : {}) };
    }
  }
  // .xls, and a zip that is not SpreadsheetML: SheetJS in a worker, always (time and heap limits apply).
  return readWithSheetJs(bytes, file, format, limits);
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** What the CSV reader takes of the read options (every CSV, whole or streamed, takes the same). */
export function csvOptions(limits: Limits, options: ReadOptions): CsvOptions {
  return {
    encoding: options.encoding ?? 'auto',
    maxRows: limits.maxRows,
    maxMemoryMb: limits.maxHeapMb,
    timeoutMs: limits.timeoutMs,
  };
}

/** The read options with every limit filled in. */
export function readLimits(options: ReadOptions): Limits {
  return { ...DEFAULT_LIMITS, ...definedOnly(options) };
}
