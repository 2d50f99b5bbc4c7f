// issue 13: the report as the workbook inspectors print: the report's sections (sections.ts) laid out on their
// sheets, each sheet with a title row, the report heading (standard and document, 填报单位, date), then each
// section as a block — title, header rows (a group row merged over its columns), data rows, notes. Bold headers on
// a fill, thin borders, frozen header, 宋体 on every cell, number formats over full-precision values, failing cells
// shaded as Excel's 差 style; A4 landscape, fit to width, header rows repeated on every printed page.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { profileOf, type Formatter } from './formatters.js';
import { displayWidth } from './safe.js';
import type { Cell, Column, NumberFormat, ReportHeading, Section } from './sections.js';
import { reportTables } from './tables.js';
import {
  type CellStyle,
  type Range,
  type SheetSpec,
  type WorkbookSpec,
  type XRow,
  writeWorkbook,
} from './xlsx-writer.js';

/** The font of every cell: a CJK face, so Chinese never falls back to a Latin font's missing glyphs. */
export const XLSX_FONT = { name: '宋体', size: 10 } as const;
const TITLE_SIZE = 14;
/** Character units per column: at least a short number, at most a long school name. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 42;
/** Headers wrap past this many display columns instead of widening their column. */
const HEAD_WRAP = 14;
/** Width is measured on this many rows at most (a national sheet has 100 000). */
const WIDTH_SAMPLE = 5000;
const LINE_HEIGHT = 14;

/** The Excel format code of a NumberFormat: `0.000000`, `0.00`, `0`, `0.0%`. */
export function numFmtCode(f: NumberFormat): string {
  if (f.kind === 'int') return '0';
  const d = f.decimals > 0 ? `.${'0'.repeat(f.decimals)}` : '';
  return f.kind === 'percent' ? `0${d}%` : `0${d}`;
}

/** What a value shows as, for the column width. */
function shownWidth(v: Cell['v'], format: NumberFormat | undefined): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') {
    if (!format) return String(v).length;
    const x = format.kind === 'percent' ? v * 100 : v;
    return x.toFixed(format.kind === 'int' ? 0 : format.decimals).length + (format.kind === 'percent' ? 1 : 0);
  }
  return displayWidth(v);
}

function columnWidth(sections: Section[], c: number): number {
  let w = MIN_WIDTH - 2;
  for (const s of sections) {
    const col = s.columns[c];
    if (!col) continue;
    if (col.width !== undefined) w = Math.max(w, col.width);
    w = Math.max(w, Math.min(HEAD_WRAP, displayWidth(col.head)));
    const n = Math.min(s.rows.length, WIDTH_SAMPLE);
    for (let r = 0; r < n; r++) w = Math.max(w, shownWidth(s.rows[r]![c]?.v ?? null, col.format));
  }
  return Math.min(MAX_WIDTH, w + 2);
}

/** Rows a text takes when wrapped in `width` character units. */
const linesIn = (text: string, width: number) =>
  Math.max(1, ...text.split('\n').map((l) => Math.ceil(displayWidth(l) / Math.max(1, width - 1))));

const headStyle: CellStyle = { bold: true, fill: 'header', border: true, align: 'center', wrap: true };

/** A data cell's style: its column's number format, shading by state. One object per kind of cell, so the writer
 * finds its index at once (xlsx-writer Styles.index). */
const dataStyles = new Map<string, CellStyle>();
const formats = new WeakMap<NumberFormat, string>();
const formatOf = (f: NumberFormat) => {
  let code = formats.get(f);
  if (code === undefined) formats.set(f, (code = numFmtCode(f)));
  return code;
};
function dataStyle(cell: Cell, col: Column | undefined): CellStyle {
  const isNumber = typeof cell.v === 'number' || typeof cell.v === 'boolean';
  const numFmt = typeof cell.v === 'number' && col?.format ? formatOf(col.format) : undefined;
  const key = (isNumber ? 'n' : 's') + (numFmt ?? '') + (cell.state ?? '');
  let style = dataStyles.get(key);
  if (style) return style;
  style = { border: true, align: isNumber ? 'right' : 'left' };
  if (numFmt) style.numFmt = numFmt;
  if (cell.state === 'fail') Object.assign(style, { fill: 'fail', color: 'fail' });
  else if (cell.state === 'warn') Object.assign(style, { fill: 'warn', color: 'warn' });
  else if (cell.state === 'na') style.color = 'muted';
  dataStyles.set(key, style);
  return style;
}

const grouped = (s: Section) => s.columns.some((c) => c.group !== undefined);

/** One sheet: its sections stacked under the title and heading lines. */
function layoutSheet(name: string, sections: Section[], heading: ReportHeading): SheetSpec {
  const width = Math.max(1, ...sections.map((s) => s.columns.length));
  const widths = Array.from({ length: width }, (_, c) => columnWidth(sections, c));
  const total = widths.reduce((a, b) => a + b, 0);
  const merges: Range[] = [];
  const pageBreaks: number[] = [];
  const across = (r: number) => {
    if (width > 1) merges.push({ r1: r, c1: 0, r2: r, c2: width - 1 });
  };
  const stacked = sections.length > 1;
  const title = stacked ? heading.title : (sections[0]?.title ?? heading.title);
  // Row positions first: the frozen pane and print titles are written before the rows.
  let r = 0;
  const top: XRow[] = [];
  const line = (text: string, style: CellStyle, height?: number): XRow => {
    across(r++);
    return { cells: [{ v: text, style }], ...(height ? { height } : {}) };
  };
  top.push(line(title, { bold: true, size: TITLE_SIZE, align: 'center' }, 24));
  for (const l of heading.lines) top.push(line(l, { align: 'left', wrap: true }, LINE_HEIGHT * linesIn(l, total)));
  top.push({ cells: [] });
  r++;
  let freeze: SheetSpec['freeze'];
  let printTitles: SheetSpec['printTitles'];
  let previous: Section | undefined;
  const blocks: { section: Section; at: number }[] = [];
  for (const s of sections) {
    if (previous && (previous.county !== s.county || previous.level !== s.level)) pageBreaks.push(r);
    blocks.push({ section: s, at: r });
    if (stacked) across(r++);
    const headRows = grouped(s) ? 2 : 1;
    if (grouped(s)) {
      for (let c = 0; c < s.columns.length; ) {
        const g = s.columns[c]!.group;
        let end = c;
        if (g === undefined) merges.push({ r1: r, c1: c, r2: r + 1, c2: c });
        else {
          while (s.columns[end + 1]?.group === g) end++;
          if (end > c) merges.push({ r1: r, c1: c, r2: r, c2: end });
        }
        c = end + 1;
      }
    }
    if (!freeze) {
      freeze = { rows: r + headRows, cols: width > 12 ? 2 : 0 };
      printTitles = { first: r, last: r + headRows - 1 };
    }
    r += headRows + s.rows.length;
    for (let n = 0; n < s.notes.length; n++) across(r++);
    r++; // a blank row between blocks
    previous = s;
  }
  function* rows(): Generator<XRow> {
    yield* top;
    for (const { section: s } of blocks) {
      if (stacked) yield { cells: [{ v: s.title, style: { bold: true, size: XLSX_FONT.size + 1 } }], height: 18 };
      const heads = s.columns.map((c) => c.head);
      const headHeight = (texts: (string | undefined)[]) =>
        LINE_HEIGHT * Math.max(1, ...texts.map((t, c) => (t ? linesIn(t, widths[c]!) : 1))) + 2;
      if (grouped(s)) {
        const groupRow = s.columns.map((c) => c.group ?? c.head);
        yield {
          cells: groupRow.map((v, c) => ({
            v: c > 0 && s.columns[c]!.group !== undefined && s.columns[c - 1]!.group === s.columns[c]!.group ? null : v,
            style: headStyle,
          })),
          height: headHeight([]),
        };
        yield {
          cells: s.columns.map((c) => ({ v: c.group === undefined ? null : c.head, style: headStyle })),
          height: headHeight(heads),
        };
      } else yield { cells: heads.map((v) => ({ v, style: headStyle })), height: headHeight(heads) };
      for (const row of s.rows) {
        yield {
          cells: Array.from({ length: s.columns.length }, (_, c) => {
            const cell = row[c] ?? { v: null };
            const v = typeof cell.v === 'boolean' ? (cell.v ? 1 : 0) : cell.v;
            return { v, style: dataStyle(cell, s.columns[c]) };
          }),
        };
      }
      for (const n of s.notes)
        yield { cells: [{ v: n, style: { wrap: true } }], height: LINE_HEIGHT * linesIn(n, total) };
      yield { cells: [] };
    }
  }
  return {
    name,
    widths,
    rows: rows(),
    merges,
    pageBreaks,
    ...(freeze ? { freeze } : {}),
    ...(printTitles ? { printTitles } : {}),
  };
}

/** The workbook of a report's sections: one sheet per Section.sheet, in the order they first appear. */
export function layoutWorkbook(sections: Section[], heading: ReportHeading): WorkbookSpec {
  const bySheet = new Map<string, Section[]>();
  for (const s of sections) {
    const list = bySheet.get(s.sheet);
    if (list) list.push(s);
    else bySheet.set(s.sheet, [s]);
  }
  return {
    title: heading.title,
    font: XLSX_FONT,
    sheets: [...bySheet].map(([name, list]) => layoutSheet(name, list, heading)),
  };
}

/** Until the section builder lands: the plain tables as sections (one per sheet). */
function interimSections(report: Report, profile: Profile): { sections: Section[]; heading: ReportHeading } {
  const sections: Section[] = reportTables(report, profile).map((t) => ({
    id: 'checks',
    title: t.title,
    sheet: t.id,
    columns: t.head.map((head) => ({ head })),
    rows: t.rows.map((r) => r.map((v) => ({ v }))),
    notes: [],
  }));
  return { sections, heading: { title: `balance-check ${report.standard}`, lines: [] } };
}

export async function renderXlsx(report: Report, profile: Profile): Promise<Uint8Array> {
  const { sections, heading } = interimSections(report, profile);
  return writeWorkbook(layoutWorkbook(sections, heading));
}

export const formatter: Formatter = {
  id: 'xlsx',
  extensions: ['.xlsx'],
  binary: true,
  render: async (report, opts) => renderXlsx(report, await profileOf(report, opts)),
};
