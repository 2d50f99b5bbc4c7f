// Stage 2: raw rows → tables keyed by canonical column keys, cells cleaned, units applied.
// It also records what it did (sheet, header rows, column → key, skipped rows), so users can check it.
import type { Cell, RawRow, RawSheet, RawWorkbook } from '../read/index.js';
import { columnLetter, FatalError, finding, type RawFinding } from '../findings.js';
import { COLUMNS, ITEM_PREFIX, SHEET_NAMES, catalogueVersion, type TableKind } from './columns.js';
import { append } from '../group.js';
import { titleCounty } from './title.js';
import { isSummaryText, plainlyNoSummary } from './footer.js';
import { buildLookup, headerKey, resolveHeader, UNIT_FACTORS, type HeaderLookup } from './headers.js';

export interface MappedColumn {
  key: string;
  /** Index into RawRow.cells. */
  index: number;
  letter: string;
  /** The header as the file wrote it (two header rows joined by "/"). */
  header: string;
  /** Multiplier from the header's unit, e.g. 10000 for (万元). */
  factor: number;
}
/**
 * A data row: the reader's row itself, its cells as the file had them (control characters removed). Nothing
 * is copied per row: validate cleans and parses each cell once (validate/cells.ts), findings quote the cells.
 */
export type MappedRow = RawRow;
export interface MappedTable {
  kind: TableKind;
  file: string;
  sheet: string;
  /** The (last) header row, as Excel numbers it. */
  headerRow: number;
  /** 1, or 2 for a merged two-row header. */
  headerRows: number;
  columns: MappedColumn[];
  rows: MappedRow[];
  unmapped: { letter: string; header: string }[];
  /** hidden: hidden rows left out (--skip-hidden). */
  skipped: { summary: number; blank: number; hidden?: number };
  /** issue 12: the sheet is hidden in the workbook. */
  hidden?: boolean;
  /** issue 12: Excel rows of the hidden data rows (read, or left out when skipped.hidden says so). */
  hiddenRows?: number[];
  /** issue 12: a county named in the title rows above the header. */
  titleCounty?: { name: string; row: number };
  /** issue 12: the subtotal, total, note and signature rows skipped (the first SUMMARY_ROWS_KEPT), with their text. */
  summaryRows?: { row: number; text: string }[];
}

/** Summary rows listed in the reading note; a file of thousands of 小计 rows lists the first ones. */
export const SUMMARY_ROWS_KEPT = 50;

/** A user's mapping of other layouts onto the canonical keys (`--columns FILE.json`). */
export interface ColumnMapping {
  /** Header text as in the file (two rows joined by "/") → canonical key, or "ignore". */
  columns: Record<string, string>;
  sheet?: string;
  headerRow?: number;
}

export interface MapOptions {
  /** The sheet that holds the schools table. */
  sheet?: string;
  /** Excel row number of the header of the schools table (or of a CSV). */
  headerRow?: number;
  mapping?: ColumnMapping;
  /** What a CSV holds (a CSV is one table). */
  table?: TableKind;
  /** issue 12: leave hidden rows and hidden sheets out (they are read by default: Excel's SUM counts them). */
  skipHidden?: boolean;
  /** issue 12: what these sheets hold, by name (a companion's county items in the wide form on Sheet1). */
  sheetTables?: Map<string, TableKind>;
}

const HEADER_SCAN_ROWS = 30;
/** Sheets of notes, never data (the template's own 说明 and 示例 sheets among them). */
const NOTE_SHEETS = [
  '说明',
  '填表说明',
  '填报说明',
  '备注',
  '目录',
  'readme',
  'notes',
  '示例',
  '填写示例',
  '示例数据',
  'example',
  'examples',
];
export const nfkc = (s: string): string => s.normalize('NFKC').trim();
export { headerKey };

const KINDS = ['schools', 'classes', 'county'] as const;
/** Header lookup forms per table, from the column catalogue; rebuilt when a column is registered. */
let lookupVersion = -1;
const LOOKUP = {} as Record<TableKind, HeaderLookup>;
function lookup(kind: TableKind): HeaderLookup {
  if (lookupVersion !== catalogueVersion) {
    for (const k of KINDS) LOOKUP[k] = buildLookup(COLUMNS[k]);
    // A loose form that is another table's own header (班级 of sheet 班级) does not loosely name this table's
    // column (班级数): the table with the exact header must win the header scan.
    for (const k of KINDS)
      for (const other of KINDS)
        if (other !== k)
          for (const h of LOOKUP[other].strict.keys())
            if (LOOKUP[k].loose.has(h) && !LOOKUP[k].strict.has(h)) LOOKUP[k].loose.set(h, null);
    lookupVersion = catalogueVersion;
  }
  return LOOKUP[kind];
}

/** Class-size band columns of the national statistics: 46-55人班级数, 66人及以上班级数, 25人及以下 … */
export function bandKey(header: string): string | undefined {
  if (!/[人班]/.test(header)) return undefined; // every band header says 人 or 班
  const s = headerKey(header).base.replace(/的/g, '');
  const range = /^(\d+)人?[-–~至到](\d+)人?(?:班级数|班数|班)?$/.exec(s);
  if (range) return `band:${range[1]}-${range[2]}`;
  const above = /^(\d+)人?(?:及以上|以上)(?:班级数|班数|班)?$/.exec(s);
  if (above) return `band:${above[1]}-`;
  const below = /^(\d+)人?(?:及以下|以下)(?:班级数|班数|班)?$/.exec(s);
  if (below) return `band:0-${below[1]}`;
  return undefined;
}

/** Cleaned cell: NFKC text, trimmed, thousands separators dropped from numbers; blank → null. */
const normalised = new Map<string, string>();

export function cleanCell(v: Cell): Cell {
  if (typeof v !== 'string') return v;
  // One look at the characters instead of regexes: digits only (the commonest cell of a large file) are kept
  // as they are; printable ASCII and CJK ideographs (names, places, 小学) are their own NFKC.
  let digits = v.length > 0;
  let plain = true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue;
    digits = false;
    if ((c < 0x20 || c > 0x7e) && (c < 0x4e00 || c > 0x9fff)) {
      plain = false;
      break;
    }
  }
  if (digits) return v;
  let s: string;
  if (plain) s = v.trim();
  else {
    // Names, types and levels repeat across a large file: normalise each distinct text once.
    s =
      normalised.get(v) ??
      nfkc(v)
        .replace(/\u3000/g, ' ')
        .trim();
    if (normalised.size < 100_000) normalised.set(v, s);
  }
  if (s === '') return null;
  if (s.includes(',') && /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return s.replace(/,/g, '');
  return s;
}

/** A cell's value as the later stages read it: cleaned, and scaled by its header's unit (万元 → 元). */
export function cellValue(row: MappedRow, column: MappedColumn): Cell {
  return applyFactor(cleanCell(row.cells[column.index] ?? null), column.factor);
}

/** The cleaned values of a row by key (for small tables such as 县域指标; large ones read cells one by one). */
export function rowValues(row: MappedRow, columns: MappedColumn[]): Record<string, Cell> {
  const values: Record<string, Cell> = Object.create(null);
  for (const c of columns) {
    const v = cellValue(row, c);
    if (v !== null && v !== undefined) values[c.key] = v;
  }
  return values;
}

/** The cells of a row by key, as the file had them (absent cells null), for findings. */
export function rowCells(row: MappedRow, columns: MappedColumn[]): Record<string, Cell> {
  const raw: Record<string, Cell> = Object.create(null);
  for (const c of columns) raw[c.key] = row.cells[c.index] ?? null;
  return raw;
}

/** The school codes of the schools tables, as given (for the classes read beside them). */
export function* schoolCodes(tables: MappedTable[]): Generator<string> {
  for (const t of tables) {
    const code = t.kind === 'schools' ? t.columns.find((c) => c.key === 'code') : undefined;
    if (!code) continue;
    for (const r of t.rows) {
      const v = cellValue(r, code);
      if (v != null) yield String(v);
    }
  }
}

export function mapWorkbook(
  wb: RawWorkbook,
  options: MapOptions = {},
): { tables: MappedTable[]; findings: RawFinding[]; skippedSheets?: string[] } {
  const tables: MappedTable[] = [];
  const findings: RawFinding[] = [];
  const schoolSheet = options.sheet ?? options.mapping?.sheet;
  if (schoolSheet !== undefined && !wb.sheets.some((s) => s.name === schoolSheet)) {
    throw new FatalError('no-such-sheet', {
      file: wb.file,
      sheet: schoolSheet,
      sheets: wb.sheets.map((s) => s.name).join(', '),
    });
  }
  const csv = wb.format === 'csv';
  const skipHidden = options.skipHidden === true;
  const skippedSheets: string[] = [];
  // issue 12: --header-row names the schools table's header in any workbook, not only with --sheet.
  const givenRow = options.headerRow ?? options.mapping?.headerRow;
  const headerSheets =
    givenRow !== undefined && schoolSheet === undefined && !csv && wb.sheets.length > 1
      ? schoolSheetsAt(wb, givenRow, skipHidden)
      : undefined;
  for (const sheet of wb.sheets) {
    const chosen = schoolSheet !== undefined && sheet.name === schoolSheet;
    if (!csv && !chosen && isNoteSheet(sheet)) continue;
    if (skipHidden && sheet.hidden && !chosen) {
      if (sheet.rows.length > 0) {
        skippedSheets.push(sheet.name);
        findings.push(
          finding(
            'hidden-sheet-skipped',
            'info',
            { file: wb.file, sheet: sheet.name },
            { params: { sheet: sheet.name } },
          ),
        );
      }
      continue;
    }
    const atHeaderRow = headerSheets?.has(sheet.name) === true;
    const forced =
      chosen || atHeaderRow ? 'schools' : ((csv ? options.table : undefined) ?? options.sheetTables?.get(sheet.name));
    // A chosen schools sheet excludes every other sheet from being read as schools.
    const exclude = schoolSheet !== undefined && !chosen ? 'schools' : undefined;
    const headerRow =
      chosen || csv || atHeaderRow || (schoolSheet === undefined && wb.sheets.length === 1) ? givenRow : undefined;
    const res = mapSheet(wb.file, sheet, {
      forced,
      exclude,
      headerRow,
      mapping: options.mapping?.columns,
      skipHidden,
    });
    append(findings, res.findings);
    if (res.table) tables.push(res.table);
  }
  if (!tables.some((t) => t.kind === 'schools') && !(csv && options.table && options.table !== 'schools')) {
    findings.push(
      finding(
        'no-school-table',
        'error',
        { file: wb.file },
        { params: { sheets: wb.sheets.map((s) => s.name).join(', ') } },
      ),
    );
  }
  return { tables, findings, ...(skippedSheets.length ? { skippedSheets } : {}) };
}

const isNoteSheet = (sheet: RawSheet) => NOTE_SHEETS.includes(nfkc(sheet.name).toLowerCase());

/**
 * issue 12: the sheets whose row `headerRow` is a schools header (--header-row without --sheet); when none
 * is, the sheet named like a schools sheet, else the first, so that its missing header is reported at that row.
 */
function schoolSheetsAt(wb: RawWorkbook, headerRow: number, skipHidden: boolean): Set<string> {
  const eligible = wb.sheets.filter(
    (s) =>
      !isNoteSheet(s) && !(skipHidden && s.hidden) && !['classes', 'county'].includes(kindOfSheetName(s.name) ?? ''),
  );
  const found = eligible.filter((s) => {
    const best = chooseHeader(s, undefined, { headerRow });
    if (best?.kind !== 'schools') return false;
    const keys = new Set(best.keys.values());
    // A class table names schools too: grade or class columns without a name are classes.
    return keys.has('name') || !(keys.has('grade') || keys.has('class'));
  });
  const fallback = eligible.find((s) => kindOfSheetName(s.name) === 'schools') ?? eligible[0];
  return new Set((found.length ? found : fallback ? [fallback] : []).map((s) => s.name));
}

/** The table of each sheet (undefined: none recognised), by the header scan mapWorkbook does (no row mapped); note
 * sheets left out. A companion file is known by its content (issue 12). */
export function sheetKinds(wb: RawWorkbook): Map<RawSheet, TableKind | undefined> {
  const kinds = new Map<RawSheet, TableKind | undefined>();
  for (const sheet of wb.sheets) {
    if (wb.format !== 'csv' && NOTE_SHEETS.includes(nfkc(sheet.name).toLowerCase())) continue;
    kinds.set(sheet, mapHeader(wb.file, sheet, {}, [])?.kind);
  }
  return kinds;
}

function kindOfSheetName(name: string): TableKind | undefined {
  const n = nfkc(name).toLowerCase();
  for (const kind of KINDS) if (SHEET_NAMES[kind].some((s) => s === n)) return kind;
  return undefined;
}

/** Header rows joined into paths: one, a merged two-row header, or three (group / subgroup / column). */
type HeaderRows = 1 | 2 | 3;

export interface SheetOptions {
  forced?: TableKind;
  exclude?: TableKind;
  headerRow?: number;
  mapping?: Record<string, string>;
  skipHidden?: boolean;
}
interface HeaderChoice {
  /** Index into sheet.rows of the first header row. */
  i: number;
  rows: HeaderRows;
  kind: TableKind;
  texts: (string | null)[];
  keys: Map<number, string>;
}

/** Header texts of rows i (to i+2), with horizontally merged cells filled from their first cell, joined by "/". */
function headerTexts(sheet: RawSheet, i: number, rows: HeaderRows): (string | null)[] {
  const fill = (k: number): (string | null)[] => {
    const r = sheet.rows[k];
    if (!r) return [];
    const out = r.cells.map((c) => (c === null || c === undefined || String(c).trim() === '' ? null : nfkc(String(c))));
    for (const m of sheet.merges ?? []) {
      if (m.r0 > r.row || m.r1 < r.row) continue;
      const top = sheet.rows.find((x) => x.row === m.r0)?.cells[m.c0 - sheet.colOffset];
      for (let c = m.c0; c <= m.c1; c++)
        if (out[c - sheet.colOffset] == null && top != null) out[c - sheet.colOffset] = nfkc(String(top));
    }
    return out;
  };
  const first = fill(i);
  if (rows === 1) return first;
  const levels = Array.from({ length: rows }, (_, k) => (k === 0 ? first : fill(i + k)));
  const n = Math.max(...levels.map((l) => l.length));
  // Without merges (a CSV saved from a merged header), the empty cells right of a group header that has a
  // sub-header belong to that group: 专任教师数,,, over 合计,其中:研究生,本科.
  for (let k = 0; k < rows - 1; k++) {
    const row = levels[k]!;
    const below = (j: number) => levels.slice(k + 1).some((l) => l[j] != null);
    let group: string | null = null;
    for (let j = 0; j < n; j++) {
      if (row[j] != null) group = below(j) ? row[j]! : null;
      else if (group !== null && below(j)) row[j] = group;
      else group = null;
    }
  }
  return Array.from({ length: n }, (_, j) => {
    const parts: string[] = [];
    for (const l of levels) {
      const t = l[j];
      if (t && t !== parts[parts.length - 1]) parts.push(t); // a vertical merge repeats its text
    }
    return parts.length ? parts.join('/') : null;
  });
}

function resolveKey(text: string, kind: TableKind, mapping: Record<string, string> | undefined): string | undefined {
  if (mapping) {
    // Own properties only: a header called "constructor" must not find Object's.
    const own = (k: string) => (Object.hasOwn(mapping, k) ? mapping[k] : undefined);
    const mapped = own(text) ?? own(text.replace(/\s+/g, ''));
    if (typeof mapped === 'string') return mapped === 'ignore' ? undefined : mapped;
  }
  return resolveHeader(text, lookup(kind)) ?? (kind === 'schools' ? bandKey(text) : undefined);
}

function keysOf(texts: (string | null)[], kind: TableKind, mapping?: Record<string, string>): Map<number, string> {
  const keys = new Map<number, string>();
  texts.forEach((t, j) => {
    if (!t) return;
    const key = resolveKey(t, kind, mapping);
    if (key) keys.set(j, key);
  });
  return keys;
}

const distinct = (keys: Map<number, string>) => new Set(keys.values()).size;

function chooseHeader(sheet: RawSheet, named: TableKind | undefined, opts: SheetOptions): HeaderChoice | undefined {
  const kinds = (named ? [named] : KINDS).filter((k) => k !== opts.exclude);
  const candidates =
    opts.headerRow !== undefined
      ? sheet.rows.flatMap((r, i) => [r.row === opts.headerRow ? i : -1]).filter((i) => i >= 0)
      : Array.from({ length: Math.min(HEADER_SCAN_ROWS, sheet.rows.length) }, (_, i) => i);
  const found: HeaderChoice[] = [];
  let wide: HeaderChoice | undefined;
  for (const i of candidates) {
    for (const kind of kinds) {
      for (const rows of opts.headerRow !== undefined ? ([1] as const) : ([1, 2, 3] as const)) {
        if (i + rows - 1 >= sheet.rows.length) continue;
        const texts = headerTexts(sheet, i, rows);
        const keys = keysOf(texts, kind, opts.mapping);
        const set = new Set(keys.values());
        if (kind === 'county' && !(set.has('item') && set.has('value'))) {
          if (named === 'county' && !wide && rows === 1) wide = wideCountyHeader(texts, i);
          continue;
        }
        if (set.size >= 2) found.push({ i, rows, kind, texts, keys });
      }
    }
  }
  // Most columns named wins; on a tie one header row beats two (a title above the header adds nothing).
  found.sort((a, b) => distinct(b.keys) - distinct(a.keys) || a.rows - b.rows || a.i - b.i);
  return found[0] ?? wide;
}

export interface MappedHeader {
  kind: TableKind;
  /** Index into sheet.rows of the first data row. */
  dataStart: number;
  headerRow: number;
  headerRows: number;
  columns: MappedColumn[];
  unmapped: MappedTable['unmapped'];
  /** issue 12: the 栏号 row under the header (甲 乙 1 2 3 …), skipped. */
  numberRow?: { row: number; text: string };
  /** Second columns for a key already mapped, with the warning given for each (an error if their values differ). */
  duplicates?: { column: MappedColumn; first: MappedColumn; warning: RawFinding }[];
}

/** The header of a sheet (from its first rows): which table, which row, each column → key. */
export function mapHeader(
  file: string,
  sheet: RawSheet,
  opts: SheetOptions,
  findings: RawFinding[],
): MappedHeader | undefined {
  const at = { file, sheet: sheet.name };
  const byName = kindOfSheetName(sheet.name);
  const named = opts.forced ?? (byName === opts.exclude ? undefined : byName);
  const best = chooseHeader(sheet, named, opts);
  if (!best) {
    if (named || opts.headerRow !== undefined)
      findings.push(finding('no-header-row', 'error', { ...at, ...(opts.headerRow ? { row: opts.headerRow } : {}) }));
    else findings.push(finding('sheet-ignored', 'info', at));
    return undefined;
  }
  let kind = best.kind;
  const keysFound = new Set(best.keys.values());
  if (!named && kind === 'schools' && (keysFound.has('grade') || keysFound.has('class')) && !keysFound.has('name'))
    kind = 'classes';
  const headerRow = sheet.rows[best.i + best.rows - 1]!.row;
  const columns: MappedColumn[] = [];
  const unmapped: MappedTable['unmapped'] = [];
  const duplicates: NonNullable<MappedHeader['duplicates']> = [];
  best.texts.forEach((text, index) => {
    if (!text) return;
    const letter = columnLetter(index + sheet.colOffset);
    const key = best.keys.get(index);
    if (!key) {
      unmapped.push({ letter, header: text });
      return;
    }
    const unit = headerKey(text).unit;
    const factor = unit ? (UNIT_FACTORS[unit] ?? 1) : 1;
    const first = columns.find((c) => c.key === key);
    if (first) {
      const warning = finding(
        'duplicate-column',
        'warning',
        { ...at, row: headerRow, column: letter, header: text },
        { params: { key } },
      );
      findings.push(warning);
      duplicates.push({ column: { key, index, letter, header: text, factor }, first, warning });
      return;
    }
    if (factor !== 1)
      findings.push(
        finding(
          'unit-converted',
          'info',
          { ...at, row: headerRow, column: letter, header: text },
          { params: { unit: unit ?? '', factor } },
        ),
      );
    columns.push({ key, index, letter, header: text, factor });
  });
  // issue 12: the official forms' 栏号 row under the header (甲 乙 1 2 3 …) is no data.
  const next = sheet.rows[best.i + best.rows];
  const numbers =
    next && isColumnNumberRow(next.cells) ? { row: next.row, text: columnNumberText(next.cells) } : undefined;
  return {
    kind,
    dataStart: best.i + best.rows + (numbers ? 1 : 0),
    headerRow,
    headerRows: best.rows,
    columns,
    unmapped,
    duplicates,
    ...(numbers ? { numberRow: numbers } : {}),
  };
}

/** One data row: the row itself, or why it is skipped. */
export function mapRow(r: RawRow, columns: MappedColumn[]): MappedRow | 'blank' | 'summary' {
  const cells = r.cells;
  let i = 0;
  // A hole is no cell; an undefined a reader put there counts as filled, as it always did.
  for (; i < cells.length; i++) if (cells[i] === undefined ? i in cells : summaryKind(cells[i]!) !== Kind.Blank) break;
  if (i === cells.length) return 'blank';
  return isSummaryRow(cells, i, columns) ? 'summary' : r;
}

function mapSheet(file: string, sheet: RawSheet, opts: SheetOptions): { table?: MappedTable; findings: RawFinding[] } {
  const findings: RawFinding[] = [];
  const header = mapHeader(file, sheet, opts, findings);
  if (!header) return { findings };
  const rows: MappedRow[] = [];
  // Blank rows the reader counted without keeping them (read/csv.ts) are skipped rows too.
  const mapper = new RowMapper(file, sheet.name, header, findings, sheet.blankRows ?? 0);
  const hidden = sheet.hiddenRows?.length ? new HiddenRows(file, sheet, header, opts.skipHidden === true) : undefined;
  for (let i = header.dataStart; i < sheet.rows.length; i++) {
    const r = sheet.rows[i]!;
    if (hidden?.skip(r, mapper.skipped)) continue;
    const m = mapper.row(r);
    if (m) rows.push(m);
    if (m && hidden) hidden.read(m, r);
  }
  mapper.end();
  const table = mapper.table(rows);
  if (sheet.hidden) {
    table.hidden = true;
    findings.push(finding('hidden-sheet', 'warning', { file, sheet: sheet.name }, { params: { sheet: sheet.name } }));
  }
  if (hidden?.rows.length) {
    table.hiddenRows = hidden.rows;
    append(findings, hidden.findings);
  }
  const title = titleCounty(sheet.rows.slice(0, header.dataStart - header.headerRows));
  if (title) table.titleCounty = title;
  return { table, findings };
}

/** issue 12: hidden data rows (a closed school's row, often): read with a warning naming the school, or left out. */
class HiddenRows {
  readonly rows: number[] = [];
  readonly findings: RawFinding[] = [];
  private readonly set: Set<number>;
  private readonly nameColumn: MappedColumn | undefined;
  constructor(
    private readonly file: string,
    private readonly sheet: RawSheet,
    private readonly header: MappedHeader,
    private readonly skipHidden: boolean,
  ) {
    this.set = new Set(sheet.hiddenRows);
    this.nameColumn = ['name', 'code', 'item', 'county']
      .map((k) => header.columns.find((c) => c.key === k))
      .find((c) => c !== undefined);
  }
  /** Whether the raw row is a hidden row left out (--skip-hidden); blank and total rows are left to the mapper. */
  skip(r: RawRow, skipped: MappedTable['skipped']): boolean {
    if (!this.skipHidden || !this.set.has(r.row) || typeof mapRow(r, this.header.columns) === 'string') return false;
    skipped.hidden = (skipped.hidden ?? 0) + 1;
    this.rows.push(r.row);
    this.findings.push(this.finding('hidden-row-skipped', r.row, this.label(r.cells)));
    return true;
  }
  read(m: MappedRow, r: RawRow): void {
    if (!this.set.has(m.row)) return;
    this.rows.push(m.row);
    this.findings.push(this.finding('hidden-row', m.row, this.label(r.cells)));
  }
  private label(cells: Cell[]): string {
    const c = this.nameColumn;
    const v = c ? cells[c.index] : cells.find((x) => cleanCell(x) !== null);
    return String(v ?? '').trim();
  }
  private finding(code: 'hidden-row' | 'hidden-row-skipped', row: number, name: string): RawFinding {
    const c = this.nameColumn;
    const at = {
      file: this.file,
      sheet: this.sheet.name,
      row,
      ...(c ? { column: c.letter, header: c.header } : {}),
    };
    return code === 'hidden-row'
      ? finding(code, 'warning', at, { value: name, params: { row } })
      : finding(code, 'info', at, { value: name, params: { row } });
  }
}

/**
 * The data rows of a table, one at a time (a class CSV streamed beside a schools file is mapped row by row
 * and its rows dropped): blank and summary rows counted, a column given twice checked for differing values.
 * end() adds what the whole table showed to the findings.
 */
export class RowMapper {
  readonly skipped: { summary: number; blank: number };
  readonly summaryRows: { row: number; text: string }[] = [];
  private readonly conflicts: {
    column: MappedColumn;
    first: MappedColumn;
    warning: RawFinding;
    count: number;
    row: number;
    firstValue: Cell;
    value: Cell;
  }[];

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly header: MappedHeader,
    private readonly findings: RawFinding[],
    blankRows = 0,
  ) {
    this.skipped = { summary: header.numberRow ? 1 : 0, blank: blankRows };
    if (header.numberRow) this.summaryRows.push(header.numberRow);
    this.conflicts = (header.duplicates ?? []).map((d) => ({ ...d, count: 0, row: 0, firstValue: null, value: null }));
  }

  /** One data row mapped, or undefined when it is skipped. */
  row(r: RawRow): MappedRow | undefined {
    const m = mapRow(r, this.header.columns);
    if (typeof m === 'string') {
      this.skipped[m]++;
      if (m === 'summary' && this.summaryRows.length < SUMMARY_ROWS_KEPT)
        this.summaryRows.push({ row: r.row, text: summaryTextOf(r.cells) });
      return undefined;
    }
    for (const d of this.conflicts) {
      const a = r.cells[d.first.index] ?? null;
      const b = r.cells[d.column.index] ?? null;
      if (sameValue(a, d.first.factor, b, d.column.factor)) continue;
      if (d.count++ === 0) Object.assign(d, { row: m.row, firstValue: a, value: b });
    }
    return m;
  }

  end(): void {
    const { file, sheet, findings } = this;
    // issue 9 (evidence): a field given twice with different values is an error (which one is right?), located.
    for (const d of this.conflicts) {
      if (d.count === 0) continue;
      const at = findings.indexOf(d.warning);
      const error = finding(
        'duplicate-column-conflict',
        'error',
        { file, sheet, row: d.row, column: d.column.letter, header: d.column.header },
        {
          value: d.value,
          params: {
            key: d.column.key,
            firstColumn: d.first.letter,
            firstHeader: d.first.header,
            firstValue: String(d.firstValue ?? '∅'),
            secondValue: String(d.value ?? '∅'),
            count: d.count,
            row: d.row,
          },
        },
      );
      if (at >= 0) findings[at] = error;
      else findings.push(error);
    }
    if (this.skipped.summary > 0)
      findings.push(finding('rows-skipped', 'info', { file, sheet }, { params: this.skipped }));
  }

  /** The table, with the rows kept (none for a streamed table). */
  table(rows: MappedRow[]): MappedTable {
    const { kind, headerRow, headerRows, columns, unmapped } = this.header;
    return {
      kind,
      file: this.file,
      sheet: this.sheet,
      headerRow,
      headerRows,
      columns,
      rows,
      unmapped,
      skipped: this.skipped,
      ...(this.summaryRows.length ? { summaryRows: this.summaryRows } : {}),
    };
  }
}

const STEMS = '甲乙丙丁戊己庚辛壬癸';
/** A 栏号 row: every filled cell a heavenly stem (甲 乙 …) or the next column number (1 2 3 …), three or more. */
function isColumnNumberRow(cells: Cell[]): boolean {
  let filled = 0;
  let expected: number | undefined;
  for (const c of cells) {
    if (c === null || c === undefined || String(c).trim() === '') continue;
    filled++;
    const t = nfkc(String(c));
    if (t.length === 1 && STEMS.includes(t) && expected === undefined) continue;
    const n = Number(t);
    if (!/^\d+$/.test(t) || n !== (expected ?? 1)) return false;
    expected = n + 1;
  }
  return filled >= 3;
}
const columnNumberText = (cells: Cell[]): string => {
  const filled = cells.filter((c) => c !== null && c !== undefined && String(c).trim() !== '').map(String);
  return filled.length > 6 ? `${filled.slice(0, 6).join(' ')} …` : filled.join(' ');
};

/** The text that made a row a summary row (its first such cell), for the reading note. */
function summaryTextOf(cells: Cell[]): string {
  for (const c of cells) {
    const t = cleanCell(c ?? null);
    if (isSummaryText(t)) return [...String(t)].length > 30 ? `${[...String(t)].slice(0, 30).join('')}…` : String(t);
  }
  return '';
}

enum Kind {
  Blank,
  Filled,
  Summary,
}
/** Raw text → its kind, for the texts that need cleaning to tell (小学 starts like 小计). */
const kinds = new Map<string, Kind>();

/**
 * A raw cell for the summary test: blank once cleaned, a summary text once cleaned, or another value. A text
 * starting with printable ASCII keeps it through cleaning (NFKC and trim leave it alone) and no pattern starts
 * so; footer.ts tells the CJK texts no pattern can match uncleaned. Other texts are cleaned, once per distinct text.
 */
function summaryKind(c: Cell): Kind {
  if (typeof c !== 'string') return c === null ? Kind.Blank : Kind.Filled;
  const c0 = c.charCodeAt(0);
  if (c0 > 0x20 && c0 < 0x7f) return Kind.Filled;
  if (plainlyNoSummary(c)) return Kind.Filled;
  let k = kinds.get(c);
  if (k === undefined) {
    const cleaned = cleanCell(c);
    k = cleaned === null ? Kind.Blank : isSummaryText(cleaned) ? Kind.Summary : Kind.Filled;
    if (kinds.size < 10_000) kinds.set(c, k);
  }
  return k;
}

/**
 * 合计/总计/小计/备注 rows: the first cell says so, or a leading cell does and the row has no school code.
 * `first` is the index of the first filled cell.
 */
function isSummaryRow(cells: Cell[], first: number, columns: MappedColumn[]): boolean {
  // The first four filled cells, without building a list of them (every data row comes here).
  let filled = 0;
  let summary = false;
  for (let i = first; i < cells.length && filled < 4; i++) {
    const c = cells[i];
    // A hole is no cell; an undefined a reader put there counts as filled.
    const kind = c === undefined ? (i in cells ? Kind.Filled : Kind.Blank) : summaryKind(c);
    if (kind === Kind.Blank) continue;
    if (kind === Kind.Summary) {
      if (filled === 0) return true;
      summary = true;
    }
    filled++;
  }
  if (!summary) return false;
  const code = columns.find((c) => c.key === 'code');
  return !code || summaryKind(cells[code.index] ?? null) !== Kind.Filled;
}

/** Wide county sheet: the first row with two or more texts is the header; every header but 县区 names an item. */
function wideCountyHeader(texts: (string | null)[], i: number): HeaderChoice | undefined {
  if (texts.filter((t) => t).length < 2) return undefined;
  const keys = new Map<number, string>();
  texts.forEach((t, j) => {
    if (t) keys.set(j, lookup('county').strict.get(headerKey(t).base) === 'county' ? 'county' : ITEM_PREFIX + t);
  });
  return { i, rows: 1, kind: 'county', texts, keys };
}

/** Two cells hold the same figure once cleaned and scaled (300 and "300", 2 万元 and 20000 元; blank only equals blank). */
function sameValue(a: Cell, fa: number, b: Cell, fb: number): boolean {
  const x = applyFactor(cleanCell(a), fa);
  const y = applyFactor(cleanCell(b), fb);
  if (x === null || y === null) return x === y;
  const nx = typeof x === 'number' ? x : Number(x);
  const ny = typeof y === 'number' ? y : Number(y);
  if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny))
    return Math.abs(nx - ny) <= 1e-9 * Math.max(1, Math.abs(nx));
  return String(x) === String(y);
}

/** A cleaned cell scaled by its header's unit (2 万元 → 20000); text stays text. */
export function applyFactor(v: Cell, factor: number): Cell {
  if (factor === 1 || v === null) return v;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n * factor : v;
}
