// issue 13: a small styled xlsx (SpreadsheetML) writer: typed cells, fonts, fills, borders, number formats,
// merges, frozen panes, print setup and print titles; nothing else.
//
// Why our own: SheetJS community edition (our reader's `xlsx` dependency) writes no cell styles, fills, fonts
// or print setup — its README: "SheetJS Pro offers … styling" (npm @dimava/xlsx, the SheetJS README), and the
// SheetJS maintainers' note on why styles stay out of the community edition
// (gist.github.com/SheetJSDev/24b8acd317d01999d721b38de7c53021). ExcelJS writes styles, but is a large module.
// MEASURED 2026-11-29 on the shared 2-core machine (load average 11–16, so absolute times are ~5× an idle run):
//   install: ExcelJS 4.4.0 = 194 packages, 53 MB (`npm install exceljs@4.4.0` in /tmp); this writer = 2 files,
//            ~21 KB of source, no dependency.
//   load:    `import('exceljs')` 1.46–1.83 s; `import('xlsx')` (SheetJS) 0.29–0.38 s; this writer 0.07–0.13 s.
//   the same province tables (10 000 schools, in-process, `node cmp.mjs <writer> province.json`):
//            this writer 5.9–8.6 s, peak 214 MB, 4.1 MB file (styled); SheetJS 23.9 s, 419 MB, 10 MB (no styles);
//            ExcelJS 30.8 s, 1059 MB, 3.2 MB (bold header only).
//   the report (`/usr/bin/time -f "%e s %M KB" node bin/balance-check.js bench/data/X.xlsx -f xlsx -o …`):
//            province 16.8 s, 198 MB (-f json: 16.4 s, 136 MB); national (200 000 schools, 2000 counties)
//            346 s, 1255 MB, a 71 MB workbook (-f json: 105 s, 681 MB); rendering alone from the national
//            JSON: xlsx 112 s, csv 80 s.
//
// Memory stays bounded: sheet XML is produced a row at a time and deflated as it comes (zip-writer.ts), so the
// national per-school sheet is never one string; only the compressed parts are held.
import { xmlChars } from './safe.js';
import { FatalError } from '../findings.js';
import { type ZipEntryWriter, ZipWriter } from './zip-writer.js';

/** Fill colours: Excel's 差 (bad) and 中性 (neutral) cell styles, and a header grey-blue. */
export const FILLS = {
  header: 'FFDDEBF7',
  fail: 'FFFFC7CE',
  warn: 'FFFFEB9C',
} as const;
/** Font colours matching the fills (Excel's 差: dark red; 中性: dark yellow). */
export const FONT_COLORS = { fail: 'FF9C0006', warn: 'FF9C5700', muted: 'FF808080' } as const;

export interface CellStyle {
  bold?: boolean;
  /** Points; the workbook's font size when absent. */
  size?: number;
  fill?: keyof typeof FILLS;
  color?: keyof typeof FONT_COLORS;
  /** Thin borders on all four sides. */
  border?: boolean;
  /** An Excel number format code: `0.000000`, `0.00`, `0`, `0.0%`. */
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
}

export interface XCell {
  v: string | number | boolean | null;
  style?: CellStyle;
}

export interface XRow {
  cells: (XCell | null)[];
  /** Points. */
  height?: number;
}

/** A rectangle, 0-based and inclusive. */
export interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** What must be known before a sheet's rows: the XML puts columns and the frozen pane first. */
export interface SheetSetup {
  /** Column widths in Excel character units. */
  widths: number[];
  /** Rows and columns frozen at the top left. */
  freeze?: { rows: number; cols: number };
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Element text: characters XML cannot hold dropped (safe.ts), markup escaped; CR kept as a reference. */
export function xmlText(s: string): string {
  return xmlChars(s, '').replace(/[&<>\r]/g, (ch) => TEXT_ENTITY[ch]!);
}
const TEXT_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const attr = (s: string) => xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

/** Column letters: 0 → A, 26 → AA. */
export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const ref = (r: number, c: number) => `${colName(c)}${r + 1}`;

/**
 * Sheet names Excel accepts: none of []:*?/\ , no apostrophe at either end, at most 31 characters,
 * unique in the workbook regardless of case (a clash gets ` (2)`).
 */
export function sheetNames(wanted: string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((w) => uniqueSheetName(w, taken));
}

/** One valid sheet name, not in `taken` (lower case), which it joins. */
function uniqueSheetName(w: string, taken: Set<string>): string {
  const base =
    [...xmlChars(w, '').replace(/[[\]:*?/\\]/g, '_')]
      .slice(0, 31)
      .join('')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const tail = ` (${n})`;
    name = [...base].slice(0, 31 - tail.length).join('') + tail;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Built-in number formats Excel knows by id; others are declared from id 164. */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '0%': 9, '0.00%': 10 };

/** The workbook's styles, each distinct one interned once: cellXfs index per style. */
class Styles {
  private readonly xfs = new Map<string, number>();
  /** Layouts reuse style objects: their index is found without building the key again. */
  private readonly known = new WeakMap<CellStyle, number>();
  private readonly xfList: string[] = [];
  private readonly fonts = new Map<string, number>();
  private readonly fontList: string[] = [];
  private readonly fills = new Map<string, number>();
  private readonly fillList: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly numFmts = new Map<string, number>();

  constructor(private readonly font: { name: string; size: number }) {
    this.fontId({});
    this.index({}); // xf 0: the default style
  }

  /** The cellXfs index of a style. */
  index(s: CellStyle): number {
    const seen = this.known.get(s);
    if (seen !== undefined) return seen;
    const i = this.intern(s);
    this.known.set(s, i);
    return i;
  }

  private intern(s: CellStyle): number {
    const key = JSON.stringify([s.bold, s.size, s.fill, s.color, s.border, s.numFmt, s.align, s.wrap]);
    let i = this.xfs.get(key);
    if (i !== undefined) return i;
    const fontId = this.fontId(s);
    const fillId = s.fill ? this.fillId(FILLS[s.fill]) : 0;
    const borderId = s.border ? 1 : 0;
    const numFmtId = s.numFmt ? this.numFmtId(s.numFmt) : 0;
    const alignment =
      s.align || s.wrap
        ? `<alignment${s.align ? ` horizontal="${s.align}"` : ''} vertical="center"${s.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    this.xfList.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
        `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}` +
        `${borderId ? ' applyBorder="1"' : ''}${alignment ? ' applyAlignment="1">' + alignment + '</xf>' : '/>'}`,
    );
    i = this.xfList.length - 1;
    this.xfs.set(key, i);
    return i;
  }

  private fontId(s: CellStyle): number {
    const key = JSON.stringify([s.bold, s.size, s.color]);
    let i = this.fonts.get(key);
    if (i !== undefined) return i;
    // charset 134 (GB2312) and family 3: Excel and WPS pick the CJK face for every character.
    this.fontList.push(
      `<font>${s.bold ? '<b/>' : ''}<sz val="${s.size ?? this.font.size}"/>` +
        `<color rgb="${s.color ? FONT_COLORS[s.color] : 'FF000000'}"/>` +
        `<name val="${attr(this.font.name)}"/><family val="3"/><charset val="134"/></font>`,
    );
    i = this.fontList.length - 1;
    this.fonts.set(key, i);
    return i;
  }

  private fillId(rgb: string): number {
    let i = this.fills.get(rgb);
    if (i !== undefined) return i;
    this.fillList.push(
      `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`,
    );
    i = this.fillList.length - 1;
    this.fills.set(rgb, i);
    return i;
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let i = this.numFmts.get(code);
    if (i === undefined) {
      i = 164 + this.numFmts.size;
      this.numFmts.set(code, i);
    }
    return i;
  }

  xml(): string {
    const thin =
      '<left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right>' +
      '<top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/>';
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`);
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fontList.length}">${this.fontList.join('')}</fonts>` +
      `<fills count="${this.fillList.length}">${this.fillList.join('')}</fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}</border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfList.length}">${this.xfList.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

const MAX_CELL_CHARS = 32767;

/** One cell's XML; a string is always an inline typed string (never a formula, so no apostrophe guard). */
function cellXml(r: number, c: number, cell: XCell, s: number): string {
  const at = `<c r="${ref(r, c)}"${s ? ` s="${s}"` : ''}`;
  const v = cell.v;
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return `${at}/>`;
  if (typeof v === 'number') return `${at}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `${at} t="b"><v>${v ? 1 : 0}</v></c>`;
  // Excel refuses a workbook with a cell over 32 767 characters: cut (no report cell is near it but a hostile one).
  const text = v.length > MAX_CELL_CHARS ? v.slice(0, MAX_CELL_CHARS - 1) + '…' : v;
  return `${at} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

/**
 * One worksheet, written a row at a time into its zip entry. Merges and page breaks are collected as rows go and
 * written after the rows, where SpreadsheetML wants them.
 */
export class SheetWriter {
  /** Rows written so far: the 0-based index of the next row. */
  rows = 0;
  readonly merges: Range[] = [];
  readonly pageBreaks: number[] = [];
  /** 0-based, inclusive rows repeated at the top of every printed page. */
  printTitles?: { first: number; last: number };
  private pending: string[] = [];

  constructor(
    readonly name: string,
    private readonly entry: ZipEntryWriter,
    private readonly styles: Styles,
    setup: SheetSetup,
  ) {
    const f = setup.freeze;
    const parts = [
      `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`,
      '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    ];
    if (f && (f.rows || f.cols)) {
      const pane = f.rows && f.cols ? 'bottomRight' : f.rows ? 'bottomLeft' : 'topRight';
      const at = ref(f.rows, f.cols);
      parts.push(
        `<sheetViews><sheetView workbookViewId="0"><pane${f.cols ? ` xSplit="${f.cols}"` : ''}${f.rows ? ` ySplit="${f.rows}"` : ''}` +
          ` topLeftCell="${at}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${at}" sqref="${at}"/>` +
          '</sheetView></sheetViews>',
      );
    } else parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
    parts.push('<sheetFormatPr defaultRowHeight="15"/>');
    if (setup.widths.length)
      parts.push(
        `<cols>${setup.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.round(w * 100) / 100}" customWidth="1"/>`).join('')}</cols>`,
      );
    parts.push('<sheetData>');
    this.pending.push(parts.join(''));
  }

  /** Writes the next row. Await it: it hands the XML to zlib now and then. */
  row(row: XRow): Promise<void> | undefined {
    const r = this.rows++;
    if (r >= MAX_ROWS) throw new FatalError('report-too-many-rows', { sheet: this.name, limit: MAX_ROWS });
    const parts: string[] = [`<row r="${r + 1}"${row.height ? ` ht="${row.height}" customHeight="1"` : ''}>`];
    const cells = row.cells;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell) parts.push(cellXml(r, c, cell, cell.style ? this.styles.index(cell.style) : 0));
    }
    parts.push('</row>');
    return this.entry.write(parts.join(''));
  }

  /** Rows r1..r2, columns c1..c2 (0-based) as one cell. */
  merge(range: Range): void {
    if (range.r2 > range.r1 || range.c2 > range.c1) this.merges.push(range);
  }

  /** Row r (0-based) starts a new printed page. */
  pageBreak(r: number): void {
    // Excel holds at most 1026 manual breaks a sheet and calls a file with more damaged: past that, none.
    if (r > 0 && this.pageBreaks.length < MAX_PAGE_BREAKS) this.pageBreaks.push(r);
  }

  async close(): Promise<void> {
    const tail = ['</sheetData>'];
    if (this.merges.length)
      tail.push(
        `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${ref(m.r1, m.c1)}:${ref(m.r2, m.c2)}"/>`).join('')}</mergeCells>`,
      );
    tail.push('<printOptions horizontalCentered="1"/>');
    tail.push('<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>');
    // A4 (paperSize 9), landscape, as wide as one page and as long as it needs.
    tail.push('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    tail.push('<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>');
    const breaks = this.pageBreaks;
    if (breaks.length)
      tail.push(
        `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((b) => `<brk id="${b}" max="16383" man="1"/>`).join('')}</rowBreaks>`,
      );
    tail.push('</worksheet>');
    for (const p of [...this.pending, ...tail]) await this.entry.write(p);
    this.pending = [];
    await this.entry.close();
  }

  /** The opening XML, held until the first flush (the constructor cannot await). */
  async start(): Promise<void> {
    for (const p of this.pending) await this.entry.write(p);
    this.pending = [];
  }
}

const MAX_PAGE_BREAKS = 1026;
/** Excel's rows per sheet. */
const MAX_ROWS = 1_048_576;

/**
 * A workbook written sheet by sheet, row by row; several sheets may be open at once (a report adds to every
 * sheet county by county). finish() writes the workbook parts and styles, and returns the bytes.
 */
export class WorkbookWriter {
  private readonly zip: ZipWriter;
  private readonly styles: Styles;
  private readonly sheets: SheetWriter[] = [];
  private readonly taken = new Set<string>();
  private readonly head: ZipEntryWriter[];

  constructor(font: { name: string; size: number }, zip = new ZipWriter()) {
    this.zip = zip;
    this.styles = new Styles(font);
    // The package parts first in the zip, as Excel writes them; their content is known at the end.
    this.head = [
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
    ].map((n) => this.zip.open(n));
  }

  /** A new sheet; the name is made valid and unique (sheetNames). */
  async sheet(wanted: string, setup: SheetSetup): Promise<SheetWriter> {
    const name = uniqueSheetName(wanted, this.taken);
    const sheet = new SheetWriter(
      name,
      this.zip.open(`xl/worksheets/sheet${this.sheets.length + 1}.xml`),
      this.styles,
      setup,
    );
    this.sheets.push(sheet);
    await sheet.start();
    return sheet;
  }

  /** Closes the sheets not yet closed, writes the rest of the package; the workbook's bytes. */
  async finish(title: string): Promise<Uint8Array> {
    const ids = this.sheets.map((_, i) => i + 1);
    const [types, rootRels, core, workbook, workbookRels] = this.head as [
      ZipEntryWriter,
      ZipEntryWriter,
      ZipEntryWriter,
      ZipEntryWriter,
      ZipEntryWriter,
    ];
    const put = async (entry: ZipEntryWriter, parts: string[]) => {
      for (const p of parts) await entry.write(p);
      await entry.close();
    };
    await put(types, [
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
      '<Default Extension="xml" ContentType="application/xml"/>',
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
      ...ids.map(
        (i) =>
          `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      ),
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
      '</Types>',
    ]);
    await put(rootRels, [
      `${XML_HEAD}<Relationships xmlns="${PKG_REL}">`,
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`,
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>',
      '</Relationships>',
    ]);
    await put(core, [
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`,
      ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"',
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
      `<dc:title>${xmlText(title)}</dc:title><dc:creator>balance-check</dc:creator>`,
      '</cp:coreProperties>',
    ]);
    const printTitles = this.sheets
      .map((s, i) => {
        const t = s.printTitles;
        if (!t) return '';
        const quoted = `'${attr(s.name).replace(/'/g, "''")}'`;
        return `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${quoted}!$${t.first + 1}:$${t.last + 1}</definedName>`;
      })
      .join('');
    await put(workbook, [
      `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}">`,
      '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>',
      ...this.sheets.map((s, i) => `<sheet name="${attr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`),
      '</sheets>',
      printTitles ? `<definedNames>${printTitles}</definedNames>` : '',
      '</workbook>',
    ]);
    await put(workbookRels, [
      `${XML_HEAD}<Relationships xmlns="${PKG_REL}">`,
      ...ids.map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`),
      `<Relationship Id="rId${ids.length + 1}" Type="${REL}/styles" Target="styles.xml"/>`,
      '</Relationships>',
    ]);
    // Last: the sheets have interned every style by now.
    await this.zip.add('xl/styles.xml', [this.styles.xml()]);
    return this.zip.finish();
  }
}
