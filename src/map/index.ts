// Stage 2: raw rows → tables keyed by canonical column keys, cells cleaned, units applied.
import type { Cell, RawSheet, RawWorkbook } from '../read/index.js';
import { columnLetter, finding, type RawFinding } from '../findings.js';
import { COLUMNS, ITEM_PREFIX, SHEET_NAMES, type TableKind } from './columns.js';

export interface MappedColumn {
  key: string;
  /** Index into RawRow.cells. */
  index: number;
  letter: string;
  /** The header as the file wrote it. */
  header: string;
  /** Multiplier from the header's unit, e.g. 10000 for (万元). */
  factor: number;
}
export interface MappedRow {
  row: number;
  /** Cleaned values by key. */
  values: Record<string, Cell>;
  /** Cell values as the file had them, for findings. */
  raw: Record<string, Cell>;
}
export interface MappedTable {
  kind: TableKind;
  file: string;
  sheet: string;
  headerRow: number;
  columns: MappedColumn[];
  rows: MappedRow[];
}

const HEADER_SCAN_ROWS = 30;
const SUMMARY_WORDS = ['合计', '总计', '小计', '备注', '说明', '注:'];
const UNIT_FACTORS: Record<string, number> = { 万元: 10000, 千元: 1000, 元: 1, 平方米: 1, m2: 1, 'm²': 1, 人: 1, 个: 1, 间: 1, 台: 1, 册: 1, 名: 1 };

export const nfkc = (s: string): string => s.normalize('NFKC').trim();

/** Header text → lookup form: NFKC, no spaces, no trailing unit, no required-marker. */
export function headerKey(h: string): { base: string; unit: string | null } {
  const s = nfkc(h).replace(/\s+/g, '').replace(/^\*|\*$/g, '');
  const m = /^(.*?)[(\[]([^()\[\]]*)[)\]]$/.exec(s);
  if (m && m[1]) return { base: m[1].toLowerCase(), unit: m[2] ?? null };
  return { base: s.toLowerCase(), unit: null };
}

const KINDS = ['schools', 'classes', 'county'] as const;
const LOOKUP: Record<TableKind, Map<string, string>> = {
  schools: new Map(),
  classes: new Map(),
  county: new Map(),
};
for (const kind of KINDS) {
  for (const c of COLUMNS[kind]) for (const h of c.headers) LOOKUP[kind].set(headerKey(h).base, c.key);
}

/** Cleaned cell: NFKC text, trimmed, thousands separators dropped from numbers; blank → null. */
export function cleanCell(v: Cell): Cell {
  if (typeof v !== 'string') return v;
  const s = nfkc(v).replace(/\u3000/g, ' ').trim();
  if (s === '') return null;
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return s.replace(/,/g, '');
  return s;
}

export function mapWorkbook(wb: RawWorkbook, forced?: TableKind): { tables: MappedTable[]; findings: RawFinding[] } {
  const tables: MappedTable[] = [];
  const findings: RawFinding[] = [];
  for (const sheet of wb.sheets) {
    const res = mapSheet(wb.file, sheet, forced);
    findings.push(...res.findings);
    if (res.table) tables.push(res.table);
  }
  if (!tables.some((t) => t.kind === 'schools') && !(forced === 'classes' && tables.length)) {
    findings.push(finding('no-school-table', 'error', { file: wb.file }, { params: { sheets: wb.sheets.map((s) => s.name).join(', ') } }));
  }
  return { tables, findings };
}

function kindOfSheetName(name: string): TableKind | undefined {
  const n = nfkc(name).toLowerCase();
  for (const kind of KINDS) if (SHEET_NAMES[kind].some((s) => s === n)) return kind;
  return undefined;
}

function mapSheet(file: string, sheet: RawSheet, forced?: TableKind): { table?: MappedTable; findings: RawFinding[] } {
  const findings: RawFinding[] = [];
  const at = { file, sheet: sheet.name };
  const named = forced ?? kindOfSheetName(sheet.name);
  // The header row: the row, among the first ones, that names the most known columns.
  let best: { i: number; kind: TableKind; keys: Map<number, string> } | undefined;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, sheet.rows.length); i++) {
    for (const kind of named ? [named] : KINDS) {
      const keys = headerKeys(sheet.rows[i]!.cells, kind);
      if (kind === 'county' && !(new Set(keys.values()).has('item') && new Set(keys.values()).has('value'))) {
        // Wide form (one column per item) only where the sheet's name says it is the county sheet.
        if (named === 'county' && !best) best = wideCountyHeader(sheet, i);
        continue;
      }
      const distinct = new Set(keys.values()).size;
      if (distinct >= 2 && (!best || distinct > new Set(best.keys.values()).size)) best = { i, kind, keys };
    }
  }
  if (!best) {
    if (named) findings.push(finding('no-header-row', 'error', at));
    else findings.push(finding('sheet-ignored', 'info', at));
    return { findings };
  }
  let kind = best.kind;
  const keysFound = new Set(best.keys.values());
  if (!named && kind === 'schools' && (keysFound.has('grade') || keysFound.has('class')) && !keysFound.has('name')) kind = 'classes';
  const headerCells = sheet.rows[best.i]!.cells;
  const headerRow = sheet.rows[best.i]!.row;
  const columns: MappedColumn[] = [];
  for (const [index, key] of best.keys) {
    const header = String(headerCells[index]);
    const letter = columnLetter(index + sheet.colOffset);
    if (columns.some((c) => c.key === key)) {
      findings.push(finding('duplicate-column', 'warning', { ...at, row: headerRow, column: letter, header }, { params: { key } }));
      continue;
    }
    const unit = headerKey(header).unit;
    const factor = unit ? (UNIT_FACTORS[unit] ?? 1) : 1;
    if (factor !== 1) findings.push(finding('unit-converted', 'info', { ...at, row: headerRow, column: letter, header }, { params: { unit: unit ?? '', factor } }));
    columns.push({ key, index, letter, header, factor });
  }
  const rows: MappedRow[] = [];
  let blank = 0;
  let summary = 0;
  for (const r of sheet.rows.slice(best.i + 1)) {
    const cleaned = r.cells.map(cleanCell);
    const first = cleaned.find((c) => c !== null);
    if (first === undefined) {
      blank++;
      continue;
    }
    if (isSummaryRow(cleaned, columns)) {
      summary++;
      continue;
    }
    const values: Record<string, Cell> = Object.create(null);
    const raw: Record<string, Cell> = Object.create(null);
    for (const c of columns) {
      raw[c.key] = r.cells[c.index] ?? null;
      values[c.key] = applyFactor(cleaned[c.index] ?? null, c.factor);
    }
    rows.push({ row: r.row, values, raw });
  }
  if (summary + blank > 0) findings.push(finding('rows-skipped', 'info', at, { params: { summary, blank } }));
  return { table: { kind, file, sheet: sheet.name, headerRow, columns, rows }, findings };
}

const isSummaryWord = (c: Cell) => typeof c === 'string' && SUMMARY_WORDS.some((w) => c.replace(/\s/g, '').startsWith(w));

/** 合计/总计/小计/备注 rows: the first cell says so, or a leading cell does and the row has no school code. */
function isSummaryRow(cells: Cell[], columns: MappedColumn[]): boolean {
  const filled = cells.filter((c) => c !== null);
  if (isSummaryWord(filled[0] ?? null)) return true;
  const code = columns.find((c) => c.key === 'code');
  const noCode = !code || cells[code.index] === null || cells[code.index] === undefined || isSummaryWord(cells[code.index] ?? null);
  return noCode && filled.slice(0, 4).some(isSummaryWord);
}

/** Wide county sheet: the first row with two or more texts is the header; every header but 县区 names an item. */
function wideCountyHeader(sheet: RawSheet, i: number): { i: number; kind: TableKind; keys: Map<number, string> } | undefined {
  const cells = sheet.rows[i]!.cells;
  if (cells.filter((c) => typeof c === 'string' && c.trim()).length < 2) return undefined;
  const keys = new Map<number, string>();
  cells.forEach((c, j) => {
    if (typeof c !== 'string' || !c.trim()) return;
    keys.set(j, LOOKUP.county.get(headerKey(c).base) === 'county' ? 'county' : ITEM_PREFIX + nfkc(c));
  });
  return { i, kind: 'county', keys };
}

function headerKeys(cells: Cell[], kind: TableKind): Map<number, string> {
  const keys = new Map<number, string>();
  cells.forEach((c, i) => {
    if (typeof c !== 'string') return;
    const key = LOOKUP[kind].get(headerKey(c).base);
    if (key) keys.set(i, key);
  });
  return keys;
}

function applyFactor(v: Cell, factor: number): Cell {
  if (factor === 1 || v === null) return v;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n * factor : v;
}
