// issue 13: the report as the workbook inspectors print: the report's sections (sections.ts) laid out on their
// sheets, each sheet with a title row and the report heading (standard and document, 填报单位, verdict, date), then
// each section as a block — its title, header rows (a group row merged over its columns), data rows, notes. Bold
// headers on a fill, thin borders, frozen header, 宋体 on every cell, number formats over full-precision values,
// failing cells shaded as Excel's 差 style; A4 landscape, fit to width, header rows repeated on every printed page.
//
// One pass over the sections, county by county (sectionsOf): every sheet is open at once and gets its blocks as
// they come, so a national report never holds all its sections, nor any sheet's XML, in memory.
import type { Profile } from '../profiles/schema.js';
import type { Report } from '../report/schema.js';
import { profileOf, type Formatter } from './formatters.js';
import { displayWidth } from './safe.js';
import {
  type Cell,
  type Column,
  type NumberFormat,
  type ReportHeading,
  reportHeading,
  type Section,
  sectionsOf,
} from './sections.js';
import { type CellStyle, type SheetWriter, WorkbookWriter, type XCell } from './xlsx-writer.js';

/** The font of every cell: a CJK face, so Chinese never falls back to a Latin font's missing glyphs. */
export const XLSX_FONT = { name: '宋体', size: 10 } as const;
const TITLE_SIZE = 14;
/** Character units per column: at least a short number, at most a long school name. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 42;
/** Headers wrap past this many display columns instead of widening their column. */
const HEAD_WRAP = 14;
/** Widths are measured on the sheet's first block, on this many rows at most. */
const WIDTH_SAMPLE = 5000;
/** Frozen columns (序号, name) on sheets wider than this. */
const FREEZE_COLUMNS_FROM = 12;
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

function columnWidth(s: Section, c: number): number {
  const col = s.columns[c];
  let w = MIN_WIDTH - 2;
  if (col) {
    if (col.width !== undefined) w = Math.max(w, col.width);
    w = Math.max(w, Math.min(HEAD_WRAP, displayWidth(col.head)));
  }
  const n = Math.min(s.rows.length, WIDTH_SAMPLE);
  for (let r = 0; r < n; r++) {
    const cell = s.rows[r]![c];
    if (cell) w = Math.max(w, shownWidth(cell.v, cell.format ?? col?.format));
  }
  return Math.min(MAX_WIDTH, w + 2);
}

/** Rows a text takes when wrapped in `width` character units. */
const linesIn = (text: string, width: number) =>
  Math.max(1, ...text.split('\n').map((l) => Math.ceil(displayWidth(l) / Math.max(1, width - 1))));

const headStyle: CellStyle = { bold: true, fill: 'header', border: true, align: 'center', wrap: true };
const titleStyle: CellStyle = { bold: true, size: TITLE_SIZE, align: 'center' };
const blockTitleStyle: CellStyle = { bold: true, size: XLSX_FONT.size + 1 };
const lineStyle: CellStyle = { align: 'left', wrap: true };

const formats = new WeakMap<NumberFormat, string>();
const formatOf = (f: NumberFormat) => {
  let code = formats.get(f);
  if (code === undefined) {
    code = numFmtCode(f);
    formats.set(f, code);
  }
  return code;
};

/** A data cell's style: its number format (the cell's own, else its column's), shading by state. One object per
 * kind of cell, so the writer finds its index at once (xlsx-writer Styles.index). */
const dataStyles = new Map<string, CellStyle>();
function dataStyle(cell: Cell, col: Column | undefined): CellStyle {
  const isNumber = typeof cell.v === 'number' || typeof cell.v === 'boolean';
  const format = cell.format ?? col?.format;
  const numFmt = typeof cell.v === 'number' && format ? formatOf(format) : undefined;
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

/** Rows above the first block: the title, the heading lines, a blank row. */
const topRows = (heading: ReportHeading) => 1 + heading.lines.length + 1;

/** One sheet of the report: the top rows, then each section given to block() under the one before. */
class SheetLayout {
  private previous: Section | undefined;

  private constructor(
    private readonly sheet: SheetWriter,
    private readonly width: number,
    private readonly widths: number[],
  ) {}

  /** Opens the sheet of `first`: widths and the frozen header are taken from its first block. */
  static async open(book: WorkbookWriter, first: Section, heading: ReportHeading, title: string): Promise<SheetLayout> {
    const width = Math.max(1, first.columns.length);
    const widths = Array.from({ length: width }, (_, c) => columnWidth(first, c));
    const headAt = topRows(heading) + 1; // below the block's title row
    const headRows = grouped(first) ? 2 : 1;
    const sheet = await book.sheet(first.sheet, {
      widths,
      freeze: { rows: headAt + headRows, cols: width > FREEZE_COLUMNS_FROM ? 2 : 0 },
    });
    sheet.printTitles = { first: headAt, last: headAt + headRows - 1 };
    const layout = new SheetLayout(sheet, width, widths);
    const total = widths.reduce((a, b) => a + b, 0);
    await layout.across({ v: title, style: titleStyle }, 24);
    for (const l of heading.lines) await layout.across({ v: l, style: lineStyle }, LINE_HEIGHT * linesIn(l, total));
    await sheet.row({ cells: [] });
    return layout;
  }

  /** A row of one cell merged across the sheet's width. */
  private async across(cell: XCell, height?: number): Promise<void> {
    const r = this.sheet.rows;
    this.sheet.merge({ r1: r, c1: 0, r2: r, c2: this.width - 1 });
    await this.sheet.row({ cells: [cell], ...(height ? { height } : {}) });
  }

  async block(s: Section): Promise<void> {
    const sheet = this.sheet;
    const p = this.previous;
    // A new county or level starts a new printed page: the 差异系数 block of each level on a page of its own.
    if (p && (p.county !== s.county || p.level !== s.level)) sheet.pageBreak(sheet.rows);
    this.previous = s;
    const widthOf = (c: number) => this.widths[c] ?? MIN_WIDTH;
    await this.across({ v: s.title, style: blockTitleStyle }, 18);
    const heads = s.columns.map((c) => c.head);
    const headHeight = (texts: string[]) =>
      LINE_HEIGHT * Math.max(1, ...texts.map((t, c) => linesIn(t, widthOf(c)))) + 2;
    if (grouped(s)) {
      const r = sheet.rows;
      for (let c = 0; c < s.columns.length; ) {
        const g = s.columns[c]!.group;
        let end = c;
        if (g === undefined) sheet.merge({ r1: r, c1: c, r2: r + 1, c2: c });
        else {
          while (s.columns[end + 1]?.group === g) end++;
          sheet.merge({ r1: r, c1: c, r2: r, c2: end });
        }
        c = end + 1;
      }
      await sheet.row({
        cells: s.columns.map((col, c) => ({
          v: col.group === undefined ? col.head : c > 0 && s.columns[c - 1]!.group === col.group ? null : col.group,
          style: headStyle,
        })),
        height: LINE_HEIGHT + 2,
      });
      await sheet.row({
        cells: s.columns.map((col) => ({ v: col.group === undefined ? null : col.head, style: headStyle })),
        height: headHeight(heads),
      });
    } else await sheet.row({ cells: heads.map((v) => ({ v, style: headStyle })), height: headHeight(heads) });
    const n = s.columns.length;
    for (const row of s.rows) {
      const cells: XCell[] = new Array(n);
      for (let c = 0; c < n; c++) {
        const cell = row[c] ?? { v: null };
        // 1 for 达标 (the 申报表 convention), 0 for not; a spreadsheet shows TRUE/FALSE in English otherwise.
        const v = typeof cell.v === 'boolean' ? (cell.v ? 1 : 0) : cell.v;
        cells[c] = { v, style: dataStyle(cell, s.columns[c]) };
      }
      const pending = sheet.row({ cells });
      if (pending) await pending;
    }
    const total = this.widths.reduce((a, b) => a + b, 0);
    for (const note of s.notes) await this.across({ v: note, style: lineStyle }, LINE_HEIGHT * linesIn(note, total));
    await sheet.row({ cells: [] });
  }

  close(): Promise<void> {
    return this.sheet.close();
  }
}

/**
 * The workbook of a report's sections: one sheet per Section.sheet, in the order the sheets first appear, each
 * section a block on its sheet in the order given. `title` heads every sheet (default: the heading's title).
 */
export async function sectionsWorkbook(
  sections: Iterable<Section>,
  heading: ReportHeading,
  title = heading.title,
): Promise<Uint8Array> {
  const book = new WorkbookWriter(XLSX_FONT);
  const sheets = new Map<string, SheetLayout>();
  for (const s of sections) {
    let sheet = sheets.get(s.sheet);
    if (!sheet) {
      sheet = await SheetLayout.open(book, s, heading, title);
      sheets.set(s.sheet, sheet);
    }
    await sheet.block(s);
  }
  for (const sheet of sheets.values()) await sheet.close();
  return book.finish(title);
}

/** The report's workbook. `date` (YYYY-MM-DD, the CLI gives reportDate()) is the heading's 生成日期; none without. */
export async function renderXlsx(report: Report, profile: Profile, date?: string): Promise<Uint8Array> {
  const heading = reportHeading(report, profile, date);
  // One county: its name leads every sheet's title (a batch names its counties in the 填报单位 line).
  const only = report.counties.length === 1 ? report.counties[0]!.county : undefined;
  return sectionsWorkbook(sectionsOf(report, profile), heading, only ? `${only} ${heading.title}` : heading.title);
}

export const formatter: Formatter = {
  id: 'xlsx',
  extensions: ['.xlsx'],
  binary: true,
  render: async (report, opts) => renderXlsx(report, await profileOf(report, opts), opts.date),
};
