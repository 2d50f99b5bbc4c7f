// issue 15: a statistics form sheet as a located table: the frame some exports add is dropped, merged header
// cells are filled from their anchors, the 栏号 row (甲 乙 1 2 …) numbers the columns, header rows become paths,
// and each data row has a normalised label and a row code. Selectors (layout.ts) find cells; nothing is addressed.
import type { Cell, RawSheet } from '../read/index.js';
import { columnLetter } from '../findings.js';
import type { ColumnSelector, RowSelector } from './layout.js';

export interface Grid {
  sheet: string;
  /** cells[r][c], both 0-based, frame removed. */
  cells: Cell[][];
  /** Excel row number and column letter of grid cell (r, c). */
  rowNo: (r: number) => number;
  colLetter: (c: number) => string;
  framed: boolean;
}

const UNIT_WORDS = '平方米|万元|千元|元|人|个|间|台|册|名|所|m2|㎡';
const UNIT_BRACKET = new RegExp(`[(（]\\s*(?:单位[:：])?(?:${UNIT_WORDS})\\s*[)）]`, 'g');

/** Label and header-segment form: NFKC, no spaces, no #/其中：/一、 prefixes, no unit brackets. */
export function norm(s: unknown): string {
  if (s === null || s === undefined) return '';
  return String(s)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(UNIT_BRACKET, '')
    .replace(/^[#＃*]+/, '')
    .replace(/^其中[:：]?/, '')
    .replace(/^[#＃]+/, '')
    .replace(/^[一二三四五六七八九十]+[、.．]/, '')
    .replace(/^[(（][一二三四五六七八九十]+[)）]/, '');
}

/** A row code as text without leading zeros ("01" ≡ 1). */
export const codeOf = (v: Cell): string => {
  const s = v === null ? '' : String(v).normalize('NFKC').trim();
  return /^\d+$/.test(s) ? String(Number(s)) : s;
};

export function gridOf(sheet: RawSheet): Grid {
  const first = sheet.rows[0]?.row ?? 1;
  const last = sheet.rows.at(-1)?.row ?? 0;
  const height = Math.max(0, last - first + 1);
  let width = 0;
  for (const r of sheet.rows) width = Math.max(width, r.cells.length + sheet.colOffset);
  const cells: Cell[][] = Array.from({ length: height }, () => new Array<Cell>(width).fill(null));
  for (const r of sheet.rows)
    for (const [i, v] of r.cells.entries()) if (v !== null && v !== '') cells[r.row - first]![i + sheet.colOffset] = v;
  // Merged cells take their anchor's value, so header paths and labels read the same in every cell.
  for (const m of sheet.merges ?? []) {
    const anchor = cells[m.r0 - first]?.[m.c0] ?? null;
    if (anchor === null) continue;
    for (let r = m.r0; r <= m.r1; r++)
      for (let c = m.c0; c <= m.c1; c++) {
        const row = cells[r - first];
        if (row && c < width) row[c] = anchor;
      }
  }
  // The frame: column letters across the first row and row numbers down column A.
  const top = (cells[0] ?? []).map((v) => (v === null ? '' : String(v).trim()));
  const letters = top.filter((v) => v !== '');
  const framed =
    letters.length >= 3 &&
    letters.every((v, i) => v === columnLetter(i)) &&
    cells.slice(1, 4).every((row, i) => Number(row[0]) === i + 1);
  const body = framed ? cells.slice(1).map((row) => row.slice(1)) : cells;
  const dr = framed ? 1 : 0;
  return {
    sheet: sheet.name,
    cells: body,
    rowNo: (r) => first + r + dr,
    colLetter: (c) => columnLetter(c + dr),
    framed,
  };
}

export interface FormTable {
  grid: Grid;
  /** Rows of the title zone, as text (for recognition by title words). */
  title: string;
  /** Header path of each column (normalised segments). */
  paths: string[][];
  /** 栏号 → column. */
  numbers: Map<number, number>;
  labelCol: number;
  codeCol: number;
  /** Data rows: grid row, normalised label, code. */
  rows: { r: number; label: string; code: string }[];
}

const isNumberRow = (row: Cell[]): number => {
  const texts = row.map((v) => (v === null ? '' : String(v).normalize('NFKC').trim()));
  const i = texts.indexOf('甲');
  return i >= 0 && texts[i + 1] === '乙' ? i : -1;
};

/** A per-school form sheet: title rows, header rows down to the 栏号 row, then labelled data rows. */
export function formTable(grid: Grid): FormTable | undefined {
  const { cells } = grid;
  const numberRow = cells.findIndex((row, r) => r < 30 && isNumberRow(row) >= 0);
  let headerStart: number;
  let dataStart: number;
  let labelCol: number;
  if (numberRow >= 0) {
    labelCol = isNumberRow(cells[numberRow]!);
    // Header rows: below the last title row (the one with the form code or 单位), above the 栏号 row.
    let lastTitle = -1;
    for (let r = 0; r < numberRow; r++)
      if (cells[r]!.some((v) => typeof v === 'string' && /(教基|基础基)\s*\d|单位[:：]/.test(v))) lastTitle = r;
    headerStart = lastTitle + 1;
    dataStart = numberRow + 1;
  } else {
    // No 栏号 row: the header is the row holding 指标名称 (or 项目).
    const h = cells.findIndex((row, r) => r < 30 && row.some((v) => /^(指标名称|项目|指标)$/.test(norm(v))));
    if (h < 0) return undefined;
    labelCol = cells[h]!.findIndex((v) => /^(指标名称|项目|指标)$/.test(norm(v)));
    headerStart = h;
    dataStart = h + 1;
  }
  const headerEnd = numberRow >= 0 ? numberRow : dataStart;
  const width = Math.max(...cells.map((r) => r.length), 0);
  const paths: string[][] = [];
  for (let c = 0; c < width; c++) {
    const segs: string[] = [];
    for (let r = headerStart; r < headerEnd; r++) {
      const s = norm(cells[r]![c]);
      if (s !== '' && segs.at(-1) !== s) segs.push(s);
    }
    paths.push(segs);
  }
  const numbers = new Map<number, number>();
  if (numberRow >= 0)
    for (const [c, v] of cells[numberRow]!.entries()) {
      const n = Number(
        String(v ?? '')
          .normalize('NFKC')
          .trim(),
      );
      if (Number.isInteger(n) && n > 0 && String(v).trim() !== '' && !numbers.has(n)) numbers.set(n, c);
    }
  const codeCol = numberRow >= 0 ? labelCol + 1 : paths.findIndex((p) => /^(代码|编号|行次)$/.test(p.at(-1) ?? ''));
  const rows: FormTable['rows'] = [];
  for (let r = dataStart; r < cells.length; r++) {
    const label = norm(cells[r]![labelCol]);
    const code = codeCol >= 0 ? codeOf(cells[r]![codeCol] ?? null) : '';
    if (label === '' && code === '') continue;
    rows.push({ r, label, code });
  }
  const title = cells
    .slice(0, headerStart)
    .flat()
    .filter((v) => v !== null)
    .map((v) => String(v))
    .join(' ');
  return { grid, title, paths, numbers, labelCol, codeCol, rows };
}

const BLOCKS = new Set(['小学', '初中', '高中', '总计', '合计']);
const TOTAL_SEGMENT = new Set(['计', '合计', '小计']);

const alternatives = (a: string | string[] | undefined): string[] => (a === undefined ? [] : [a].flat());

/** The data row a selector names, or why not. */
export function findRow(t: FormTable, sel: RowSelector): { r: number } | { error: 'not-found' | 'ambiguous' } {
  let rows = t.rows;
  if (sel.block !== undefined) {
    const start = rows.findIndex((x) => x.label === sel.block);
    if (start < 0) return { error: 'not-found' };
    const end = rows.findIndex((x, i) => i > start && BLOCKS.has(x.label));
    rows = rows.slice(start, end < 0 ? undefined : end);
  }
  const labels = alternatives(sel.label).map(norm);
  const code = sel.code === undefined ? undefined : codeOf(sel.code);
  for (const label of labels.length ? labels : [undefined]) {
    const hits = rows.filter(
      (x) => (code === undefined || x.code === code) && (label === undefined || x.label === label),
    );
    if (hits.length === 1) return { r: hits[0]!.r };
    if (hits.length > 1) return { error: 'ambiguous' };
  }
  return { error: 'not-found' };
}

/** The column a selector names in header paths: the path must end with the selector's segments (a trailing
 * 计/合计 of the column may be left out); exact paths win over longer ones; two candidates are ambiguous. */
export function findColumn(
  paths: string[][],
  numbers: Map<number, number> | undefined,
  sel: ColumnSelector,
): { c: number } | { error: 'not-found' | 'ambiguous'; candidates?: string[] } {
  if (sel.no !== undefined) {
    const c = numbers?.get(sel.no);
    return c === undefined ? { error: 'not-found' } : { c };
  }
  for (const alt of alternatives(sel.path)) {
    const want = alt.split('/').map(norm).filter(Boolean);
    const hits: { c: number; exact: boolean }[] = [];
    for (const [c, path] of paths.entries()) {
      const variants = [path];
      if (path.length > 1 && TOTAL_SEGMENT.has(path.at(-1)!)) variants.push(path.slice(0, -1));
      let best: boolean | undefined;
      for (const v of variants) {
        if (v.length < want.length) continue;
        const tail = v.slice(v.length - want.length);
        if (tail.every((s, i) => s === want[i])) best = best === true || v.length === want.length;
      }
      if (best !== undefined) hits.push({ c, exact: best });
    }
    const exact = hits.filter((h) => h.exact);
    const pick = exact.length ? exact : hits;
    if (pick.length === 1) return { c: pick[0]!.c };
    if (pick.length > 1) return { error: 'ambiguous', candidates: pick.map((h) => paths[h.c]!.join('/')) };
  }
  return { error: 'not-found' };
}

export type Parsed = { kind: 'number'; n: number } | { kind: 'na' } | { kind: 'bad'; text: string };

/** A value cell: numbers and numeric text are numbers; *, -, — are not applicable; empty is 0 (inside a table). */
export function parseValue(v: Cell): Parsed {
  if (v === null || v === '') return { kind: 'number', n: 0 };
  if (typeof v === 'number') return { kind: 'number', n: v };
  if (typeof v === 'boolean') return { kind: 'bad', text: String(v) };
  const s = v.normalize('NFKC').trim().replace(/[,\s]/g, '');
  if (s === '') return { kind: 'number', n: 0 };
  if (/^[*\-—–－―…]+$/.test(s)) return { kind: 'na' };
  const n = Number(s);
  return Number.isFinite(n) && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)
    ? { kind: 'number', n }
    : { kind: 'bad', text: v };
}
