// Stage 2: raw rows → tables keyed by canonical column keys, cells cleaned, units applied.
// It also records what it did (sheet, header rows, column → key, skipped rows), so users can check it.
import type { Cell, RawRow, RawSheet, RawWorkbook } from '../read/index.js';
import { columnLetter, FatalError, finding, type RawFinding } from '../findings.js';
import { COLUMNS, ITEM_PREFIX, SHEET_NAMES, catalogueVersion, type TableKind } from './columns.js';
import { append } from '../group.js';

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
  /** The (last) header row, as Excel numbers it. */
  headerRow: number;
  /** 1, or 2 for a merged two-row header. */
  headerRows: number;
  columns: MappedColumn[];
  rows: MappedRow[];
  unmapped: { letter: string; header: string }[];
  skipped: { summary: number; blank: number };
}

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
const SUMMARY_WORDS = ['合计', '总计', '小计', '备注', '说明', '注:'];
const UNIT_FACTORS: Record<string, number> = {
  万元: 10000,
  千元: 1000,
  元: 1,
  平方米: 1,
  m2: 1,
  'm²': 1,
  人: 1,
  个: 1,
  间: 1,
  台: 1,
  册: 1,
  名: 1,
  所: 1,
};

export const nfkc = (s: string): string => s.normalize('NFKC').trim();

/** Header text → lookup form: NFKC, no spaces, no "其中", no separators, no trailing unit, no required-marker. */
export function headerKey(h: string): { base: string; unit: string | null } {
  let s = nfkc(h)
    .replace(/\s+/g, '')
    .replace(/^\*|\*$/g, '');
  let unit: string | null = null;
  const m = /^(.*?)[([]([^()[\]]*)[)\]]$/.exec(s);
  if (m?.[1]) {
    s = m[1];
    unit = m[2] ?? null;
  }
  // A unit may also stand on the second header row: "教学仪器设备值/万元".
  const parts = s.split('/');
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && last in UNIT_FACTORS) {
    unit = last;
    s = parts.slice(0, -1).join('/');
  }
  return { base: s.replace(/其中|[/:]/g, '').toLowerCase(), unit };
}

const KINDS = ['schools', 'classes', 'county'] as const;
/** Header (lookup form) → key, per table, from the column catalogue; rebuilt when a column is registered. */
let lookupVersion = -1;
const LOOKUP: Record<TableKind, Map<string, string>> = { schools: new Map(), classes: new Map(), county: new Map() };
function lookup(kind: TableKind): Map<string, string> {
  if (lookupVersion !== catalogueVersion) {
    for (const k of KINDS) {
      LOOKUP[k].clear();
      for (const c of COLUMNS[k]) for (const h of c.headers) LOOKUP[k].set(headerKey(h).base, c.key);
    }
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
  let s: string;
  if (/^\d+$/.test(v)) return v; // the commonest cell of a large file
  if (/^[\x20-\x7e]*$/.test(v))
    s = v.trim(); // plain ASCII: NFKC changes nothing
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

export function mapWorkbook(
  wb: RawWorkbook,
  options: MapOptions = {},
): { tables: MappedTable[]; findings: RawFinding[] } {
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
  for (const sheet of wb.sheets) {
    const chosen = schoolSheet !== undefined && sheet.name === schoolSheet;
    if (!csv && !chosen && NOTE_SHEETS.includes(nfkc(sheet.name).toLowerCase())) continue;
    const forced = chosen ? 'schools' : ((csv ? options.table : undefined) ?? options.sheetTables?.get(sheet.name));
    // A chosen schools sheet excludes every other sheet from being read as schools.
    const exclude = schoolSheet !== undefined && !chosen ? 'schools' : undefined;
    const headerRow =
      chosen || csv || (schoolSheet === undefined && wb.sheets.length === 1)
        ? (options.headerRow ?? options.mapping?.headerRow)
        : undefined;
    const res = mapSheet(wb.file, sheet, { forced, exclude, headerRow, mapping: options.mapping?.columns });
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
  return { tables, findings };
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

export interface SheetOptions {
  forced?: TableKind;
  exclude?: TableKind;
  headerRow?: number;
  mapping?: Record<string, string>;
}
interface HeaderChoice {
  /** Index into sheet.rows of the first header row. */
  i: number;
  rows: 1 | 2;
  kind: TableKind;
  texts: (string | null)[];
  keys: Map<number, string>;
}

/** Header texts of rows i (and i+1), with horizontally merged cells filled from their first cell. */
function headerTexts(sheet: RawSheet, i: number, rows: 1 | 2): (string | null)[] {
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
  const second = fill(i + 1);
  const n = Math.max(first.length, second.length);
  return Array.from({ length: n }, (_, j) => {
    const a = first[j] ?? null;
    const b = second[j] ?? null;
    if (a && b && a !== b) return `${a}/${b}`;
    return a ?? b;
  });
}

function resolveKey(text: string, kind: TableKind, mapping: Record<string, string> | undefined): string | undefined {
  if (mapping) {
    // Own properties only: a header called "constructor" must not find Object's.
    const own = (k: string) => (Object.hasOwn(mapping, k) ? mapping[k] : undefined);
    const mapped = own(text) ?? own(text.replace(/\s+/g, ''));
    if (typeof mapped === 'string') return mapped === 'ignore' ? undefined : mapped;
  }
  const key = lookup(kind).get(headerKey(text).base) ?? (kind === 'schools' ? bandKey(text) : undefined);
  if (key) return key;
  const parts = text.split('/');
  // A two-row header whose lower row alone names a column ("学校基本信息/学校名称").
  return parts.length > 1 ? lookup(kind).get(headerKey(parts[parts.length - 1]!).base) : undefined;
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
      for (const rows of opts.headerRow !== undefined ? ([1] as const) : ([1, 2] as const)) {
        if (rows === 2 && i + 1 >= sheet.rows.length) continue;
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
  return { kind, dataStart: best.i + best.rows, headerRow, headerRows: best.rows, columns, unmapped, duplicates };
}

/**
 * The original cells by key, without copying them: a view over the row's cell array. It is read only
 * for findings, so a large file does not pay for a second object per row.
 */
const rawViews = new WeakMap<MappedColumn[], ProxyHandler<Cell[]>>();
function rawView(cells: Cell[], columns: MappedColumn[]): Record<string, Cell> {
  let handler = rawViews.get(columns);
  if (!handler) {
    const index = new Map(columns.map((c) => [c.key, c.index]));
    handler = {
      get: (target, key) => (typeof key === 'string' && index.has(key) ? (target[index.get(key)!] ?? null) : undefined),
      has: (_target, key) => typeof key === 'string' && index.has(key),
      ownKeys: () => [...index.keys()],
      getOwnPropertyDescriptor: (target, key) =>
        typeof key === 'string' && index.has(key)
          ? { value: target[index.get(key)!] ?? null, enumerable: true, configurable: true }
          : undefined,
    };
    rawViews.set(columns, handler);
  }
  return new Proxy(cells, handler) as unknown as Record<string, Cell>;
}

/** One data row: its cleaned values by key, or why it is skipped. */
export function mapRow(r: RawRow, columns: MappedColumn[]): MappedRow | 'blank' | 'summary' {
  const cleaned = r.cells.map(cleanCell);
  if (!cleaned.some((c) => c !== null)) return 'blank';
  if (isSummaryRow(cleaned, columns)) return 'summary';
  // Only the filled cells: a row of one value in a wide table (a million stray cells) stays small.
  const values: Record<string, Cell> = Object.create(null);
  for (const c of columns) {
    const v = cleaned[c.index];
    if (v !== null && v !== undefined) values[c.key] = applyFactor(v, c.factor);
  }
  return { row: r.row, values, raw: rawView(r.cells, columns) };
}

function mapSheet(file: string, sheet: RawSheet, opts: SheetOptions): { table?: MappedTable; findings: RawFinding[] } {
  const findings: RawFinding[] = [];
  const header = mapHeader(file, sheet, opts, findings);
  if (!header) return { findings };
  const rows: MappedRow[] = [];
  // Blank rows the reader counted without keeping them (read/csv.ts) are skipped rows too.
  const mapper = new RowMapper(file, sheet.name, header, findings, sheet.blankRows ?? 0);
  for (let i = header.dataStart; i < sheet.rows.length; i++) {
    const m = mapper.row(sheet.rows[i]!);
    if (m) rows.push(m);
  }
  mapper.end();
  return { table: mapper.table(rows), findings };
}

/**
 * The data rows of a table, one at a time (a class CSV streamed beside a schools file is mapped row by row
 * and its rows dropped): blank and summary rows counted, a column given twice checked for differing values.
 * end() adds what the whole table showed to the findings.
 */
export class RowMapper {
  readonly skipped: { summary: number; blank: number };
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
    this.skipped = { summary: 0, blank: blankRows };
    this.conflicts = (header.duplicates ?? []).map((d) => ({ ...d, count: 0, row: 0, firstValue: null, value: null }));
  }

  /** One data row mapped, or undefined when it is skipped. */
  row(r: RawRow): MappedRow | undefined {
    const m = mapRow(r, this.header.columns);
    if (typeof m === 'string') {
      this.skipped[m]++;
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
    };
  }
}

/** First characters of the summary words: most cells are rejected on their first non-space character (\s is trim's set). */
const SUMMARY_FIRST = new Set(SUMMARY_WORDS.map((w) => w[0]));
const isSummaryWord = (c: Cell) => {
  if (typeof c !== 'string') return false;
  const c0 = c.charCodeAt(0);
  if (c0 > 0x20 && c0 < 0x7f) return false; // every summary word starts with a CJK character
  const t = c.trimStart();
  if (!SUMMARY_FIRST.has(t.charAt(0))) return false;
  if (SUMMARY_WORDS.some((w) => t.startsWith(w))) return true;
  const s = t.replace(/\s/g, '');
  return s !== t && SUMMARY_WORDS.some((w) => s.startsWith(w));
};

/** 合计/总计/小计/备注 rows: the first cell says so, or a leading cell does and the row has no school code. */
function isSummaryRow(cells: Cell[], columns: MappedColumn[]): boolean {
  // The first four filled cells, without building a list of them (every data row comes here).
  let filled = 0;
  let summary = false;
  for (let i = 0; i < cells.length && filled < 4; i++) {
    const c = cells[i];
    if (c === null || (c === undefined && !(i in cells))) continue; // a hole is no cell
    if (isSummaryWord(c ?? null)) {
      if (filled === 0) return true;
      summary = true;
    }
    filled++;
  }
  if (!summary) return false;
  const code = columns.find((c) => c.key === 'code');
  return (
    !code || cells[code.index] === null || cells[code.index] === undefined || isSummaryWord(cells[code.index] ?? null)
  );
}

/** Wide county sheet: the first row with two or more texts is the header; every header but 县区 names an item. */
function wideCountyHeader(texts: (string | null)[], i: number): HeaderChoice | undefined {
  if (texts.filter((t) => t).length < 2) return undefined;
  const keys = new Map<number, string>();
  texts.forEach((t, j) => {
    if (t) keys.set(j, lookup('county').get(headerKey(t).base) === 'county' ? 'county' : ITEM_PREFIX + t);
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

function applyFactor(v: Cell, factor: number): Cell {
  if (factor === 1 || v === null) return v;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n * factor : v;
}
