// Our own .xlsx reader: the zip's central directory first, shared strings before any sheet, each sheet
// inflated by node:zlib in chunks and tokenized as it arrives. It reads the SpreadsheetML subset that
// Excel, WPS, LibreOffice and openpyxl write, in bounded time and memory: limits are checked per chunk,
// rows past the last value cost nothing, cells far to the right are dropped. Values match what SheetJS
// + sheet_to_json gave (raw, no dates), except where SheetJS is wrong (astral numeric references) or
// lenient in a way that hides data (formula cells without a cached value: null and a located finding).
//
// Outside that subset (issue 11 asked whether an XML library should take over there: it need not; each case
// is tested against SheetJS in test/xlsx-subset.test.ts). CDATA, comments and processing instructions are
// tokenized anywhere, also inside <t> and <v> (SheetJS keeps a comment as text, drops a cell or a CDATA run).
// A DOCTYPE is skipped, its external DTD never loaded; one whose internal subset declares entities (the
// billion-laughs bomb) or attribute defaults (values this scanner would not apply) is refused, as is
// <!ENTITY anywhere else. ISO/IEC 29500 Strict needs nothing: elements are matched by local name and
// relationships by the end of their type, the same for both namespaces. `standalone` is ignored. Each part
// is decoded as XML 1.0 appendix F says (partEncoding): BOM, UTF-16 by its first character, else the
// declared encoding (GBK, ISO-8859-1, … through TextDecoder; one it does not know is refused), else UTF-8.
import { FatalError, columnLetter, finding, type RawFinding } from '../findings.js';
import { SHEET_NAMES } from '../map/columns.js';
import type { Cell, RawSheet } from './index.js';
import { inflateEntry, listZip, type ZipEntry, type ZipLimits } from './zip.js';

export interface XlsxLimits extends ZipLimits {
  maxRows: number;
  maxSheets: number;
  timeoutMs: number;
  /** The sheet asked for (--sheet): read first when there are more sheets than maxSheets. */
  sheet?: string;
}

/** Excel's own sheet size: anything beyond it is not a spreadsheet cell. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;
/** Columns kept per row: a schools table is a few dozen wide; a value in column XFD must not make a 16 384-cell row. */
export const MAX_COLUMNS = 1000;
/** Cell slots kept over the whole workbook (8 bytes each), and characters of text. */
const MAX_CELL_SLOTS = 64 * 2 ** 20;
const MAX_TEXT_CHARS = 256 * 2 ** 20;
const MAX_SHARED_STRINGS = 8 * 2 ** 20;
/** Characters of one cell kept (Excel itself holds 32 767). */
const MAX_CELL_CHARS = 1 << 20;
/** Markup (one tag, comment or CDATA section) longer than this is not a spreadsheet. */
const MAX_MARKUP = 1 << 20;
const MAX_MERGES = 10_000;
/** Located formula-no-value findings per sheet; the rest are counted in one more. */
const MAX_FORMULA_FINDINGS = 1000;

type Corrupt = (kind: string) => FatalError;

// ---------------------------------------------------------------------------------------------------
// Text decoding: the five predefined entities, numeric references (astral too), Excel's _xHHHH_ escapes.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,8})|#x([0-9a-fA-F]{1,8}));/g;
const EXCEL_ESCAPE = /_x([0-9a-fA-F]{4})_/gi;

function codePoint(n: number, literal: string): string {
  return n <= 0x10ffff ? String.fromCodePoint(n) : literal;
}

/** XML character data as written → its characters (entities and character references). */
function decodeEntities(s: string): string {
  return s.includes('&')
    ? s.replace(ENTITY, (m, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
        name ? ENTITIES[name]! : codePoint(dec ? parseInt(dec, 10) : parseInt(hex!, 16), m),
      )
    : s;
}
/** Excel's _xHHHH_ escapes, applied to the text the XML holds (after entities and CDATA). */
function decodeEscapes(s: string): string {
  return s.includes('_') ? s.replace(EXCEL_ESCAPE, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}
export const decodeText = (s: string): string => decodeEscapes(decodeEntities(s));

// ---------------------------------------------------------------------------------------------------
// The tokenizer: complete tags only, the unfinished tail carried into the next chunk.

interface Handler {
  /** True while text is wanted (inside <v>, <t>); text elsewhere is skipped without a copy. */
  capture: boolean;
  open(name: string, b: string, lt: number, gt: number, self: boolean): void;
  close(name: string): void;
  text(s: string): void;
  cdata(s: string): void;
}

const isNameEnd = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

/** The element's name without its prefix; the common ones as constants, so a tag costs no new string. */
function localName(b: string, s: number, e: number): string {
  let k = s;
  let start = s;
  while (k < e) {
    const c = b.charCodeAt(k);
    if (isNameEnd(c)) break;
    if (c === 58) start = k + 1;
    k++;
  }
  const n = k - start;
  const c0 = b.charCodeAt(start);
  if (n === 1) {
    if (c0 === 99) return 'c';
    if (c0 === 118) return 'v';
    if (c0 === 102) return 'f';
    if (c0 === 116) return 't';
    if (c0 === 114) return 'r';
  } else if (n === 3 && c0 === 114 && b.charCodeAt(start + 1) === 111 && b.charCodeAt(start + 2) === 119) return 'row';
  else if (n === 2 && c0 === 115 && b.charCodeAt(start + 1) === 105) return 'si';
  return b.slice(start, k);
}

class Scanner {
  private buf = '';
  constructor(
    private readonly h: Handler,
    private readonly corrupt: Corrupt,
  ) {}

  feed(s: string, final = false): void {
    const b = this.buf.length > 0 ? this.buf + s : s;
    const n = b.length;
    const h = this.h;
    let p = 0;
    let dq = -2;
    let sq = -2;
    while (p < n) {
      const lt = b.indexOf('<', p);
      if (lt < 0) {
        if (h.capture) {
          // Keep a reference that may continue in the next chunk.
          let cut = n;
          if (!final) {
            const amp = b.lastIndexOf('&');
            if (amp >= p && amp > n - 12) cut = amp;
          }
          if (cut > p) h.text(b.slice(p, cut));
          p = cut;
        } else p = n;
        break;
      }
      if (lt > p && h.capture) h.text(b.slice(p, lt));
      p = lt;
      if (lt + 1 >= n) break;
      const c1 = b.charCodeAt(lt + 1);
      if (c1 === 33 /* ! */) {
        if (b.startsWith('<!--', lt)) {
          const e = b.indexOf('-->', lt + 4);
          if (e < 0) break;
          p = e + 3;
          continue;
        }
        if (b.startsWith('<![CDATA[', lt)) {
          const e = b.indexOf(']]>', lt + 9);
          if (e < 0) break;
          if (h.capture) h.cdata(b.slice(lt + 9, e));
          p = e + 3;
          continue;
        }
        if (n - lt < 9 && !final) break;
        if (b.startsWith('<!DOCTYPE', lt)) {
          const e = doctypeEnd(b, lt + 9);
          if (e === -1) break;
          // An internal subset that declares entities (how an XML bomb starts) or attribute defaults
          // (values this scanner would not apply): Excel never writes one.
          if (e === -2) throw this.corrupt('part-doctype');
          p = e;
          continue;
        }
        // <!ENTITY and the like outside a DOCTYPE: not XML a spreadsheet holds.
        throw this.corrupt('part-doctype');
      }
      if (c1 === 63 /* ? */) {
        const e = b.indexOf('?>', lt + 2);
        if (e < 0) break;
        p = e + 2;
        continue;
      }
      // A tag: its end is the first '>' outside a quoted attribute value. The next quote of each kind is
      // remembered, so finding them stays linear over the buffer.
      let i = b.indexOf('>', lt + 1);
      let pos = lt + 1;
      while (i >= 0) {
        if (dq !== -1 && dq < pos) dq = b.indexOf('"', pos);
        if (sq !== -1 && sq < pos) sq = b.indexOf("'", pos);
        const q = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
        if (q < 0 || q > i) break;
        const close = b.indexOf(q === dq ? '"' : "'", q + 1);
        if (close < 0) i = -1;
        else if (close > i) i = b.indexOf('>', close + 1);
        pos = close + 1;
      }
      if (i < 0) break;
      if (c1 === 47) h.close(localName(b, lt + 2, i));
      else h.open(localName(b, lt + 1, i), b, lt, i, b.charCodeAt(i - 1) === 47);
      p = i + 1;
    }
    this.buf = p < n ? b.slice(p) : '';
    if (this.buf.length > MAX_MARKUP) throw this.corrupt('part-markup');
  }
}

/**
 * The end (after '>') of a DOCTYPE whose name starts at `from`: -1 when it continues in the next chunk, -2
 * when its internal subset declares an entity or attribute defaults. An external DTD is never loaded.
 */
function doctypeEnd(b: string, from: number): number {
  let quote = 0;
  for (let i = from; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62 /* > */) return i + 1;
    else if (c === 91 /* [ */) {
      const end = /\]\s*>/g;
      end.lastIndex = i + 1;
      const m = end.exec(b);
      const subset = b.slice(i + 1, m ? m.index : b.length);
      if (subset.includes('<!ENTITY') || subset.includes('<!ATTLIST')) return -2;
      return m ? m.index + m[0].length : -1;
    }
  }
  return -1;
}

/** Attributes of the tag b[lt..gt] by local name (prefixes dropped), values decoded. */
function attributes(b: string, lt: number, gt: number): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const tag = b.slice(lt, gt);
  const re = /([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) {
    const name = m[1]!;
    const colon = name.indexOf(':');
    const local = colon >= 0 && !name.startsWith('xmlns') ? name.slice(colon + 1) : name;
    if (!(local in out)) out[local] = decodeText(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** The r and t attributes of a <c> or <row> tag (and a row's hidden), without a regex or an object (the hot path). */
function cellAttributes(
  b: string,
  lt: number,
  gt: number,
  out: { r: string | undefined; t: string | undefined; hidden?: string | undefined },
): void {
  out.r = undefined;
  out.t = undefined;
  out.hidden = undefined;
  let i = lt + 1;
  // Past the element's name (prefixed or not).
  while (i < gt && !isNameEnd(b.charCodeAt(i))) i++;
  while (i < gt) {
    let c = b.charCodeAt(i);
    while (i < gt && (c === 32 || c === 9 || c === 10 || c === 13 || c === 47)) c = b.charCodeAt(++i);
    const ns = i;
    let colon = -1;
    while (i < gt && c !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      if (c === 58) colon = i;
      c = b.charCodeAt(++i);
    }
    const ne = i;
    while (i < gt && c !== 61) c = b.charCodeAt(++i);
    i++;
    c = b.charCodeAt(i);
    while (i < gt && c !== 34 && c !== 39) c = b.charCodeAt(++i);
    if (i >= gt) return;
    const q = c;
    const vs = i + 1;
    const ve = b.indexOf(q === 34 ? '"' : "'", vs);
    if (ve < 0 || ve > gt) return;
    const start = colon >= 0 ? colon + 1 : ns;
    if (ne - start === 1) {
      const k = b.charCodeAt(start);
      if (k === 114 /* r */) out.r = b.slice(vs, ve);
      else if (k === 116 /* t */) out.t = b.slice(vs, ve);
    } else if (ne - start === 6 && b.startsWith('hidden', start)) out.hidden = b.slice(vs, ve);
    i = ve + 1;
  }
}

/** "AB12" → 0-based column 27; -1 without letters. */
function refColumn(r: string): number {
  let c = 0;
  let i = 0;
  for (; i < r.length; i++) {
    const k = r.charCodeAt(i) - 64;
    if (k < 1 || k > 26) break;
    c = c * 26 + k;
    if (c > 1e6) return -1;
  }
  return i === 0 ? -1 : c - 1;
}
function refRow(r: string): number {
  let i = 0;
  while (i < r.length && r.charCodeAt(i) >= 65 && r.charCodeAt(i) <= 90) i++;
  const n = Number(r.slice(i));
  return Number.isInteger(n) && n > 0 ? n : -1;
}

// ---------------------------------------------------------------------------------------------------
// Reading entries under the time limit.

interface Budget {
  deadline: number;
  timeoutMs: number;
  slots: number;
  chars: number;
}

/**
 * A part's character encoding from its first bytes (XML 1.0, appendix F): a byte-order mark, else UTF-16
 * recognised by its first character '<', else the XML declaration's encoding, else UTF-8. A UTF-16
 * declaration over single bytes is read as UTF-8 (the bytes win, as SheetJS read it).
 */
export function partEncoding(head: Uint8Array): string {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return c === 0 && d === 0 ? 'utf-32le' : 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0x3c && b === 0 && c !== 0) return 'utf-16le';
  if (a === 0 && b === 0x3c) return 'utf-16be';
  const prolog = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 200)).toString('latin1');
  const label = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(prolog)?.[1]?.toLowerCase();
  return label === undefined || label.startsWith('utf-16') || label === 'unicode' ? 'utf-8' : label;
}

async function scanEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  file: string,
  h: Handler & { done?(): void },
  budget: Budget,
): Promise<void> {
  const corrupt = (kind: string, extra: Record<string, string> = {}) =>
    new FatalError('workbook-corrupt', { file, reason: 'part-damaged', part: entry.name, kind, ...extra });
  const scanner = new Scanner(h, corrupt);
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  // The first bytes decide the encoding; held until there are enough of them.
  let head: Buffer | undefined;
  const start = () => {
    const encoding = partEncoding(head ?? Buffer.alloc(0));
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      throw corrupt('part-encoding', { encoding });
    }
    if (head) scanner.feed(decoder.decode(head, { stream: true }));
  };
  for await (const chunk of inflateEntry(bytes, entry, file)) {
    if (Date.now() > budget.deadline)
      throw new FatalError('workbook-timeout', { file, seconds: Math.round(budget.timeoutMs / 1000) });
    if (decoder) scanner.feed(decoder.decode(chunk, { stream: true }));
    else {
      head = head ? Buffer.concat([head, chunk]) : chunk;
      if (head.length >= 256) start();
    }
  }
  if (!decoder) start();
  scanner.feed(decoder!.decode(), true);
  h.done?.();
}

/** Whole small XML parts (rels, workbook) as attribute lists of the elements named. */
async function elementsOf(
  bytes: Uint8Array,
  entry: ZipEntry,
  file: string,
  names: string[],
  budget: Budget,
): Promise<{ name: string; attrs: Record<string, string> }[]> {
  const out: { name: string; attrs: Record<string, string> }[] = [];
  const h: Handler = {
    capture: false,
    open(name, b, lt, gt) {
      if (names.includes(name) && out.length < 100_000) out.push({ name, attrs: attributes(b, lt, gt) });
    },
    close() {},
    text() {},
    cdata() {},
  };
  await scanEntry(bytes, entry, file, h, budget);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Shared strings: <si> items, each the concatenation of its <t> runs, phonetic <rPh> runs left out.

class StringCollector {
  private parts: string[] = [];
  private length = 0;
  truncated = false;
  add(s: string): void {
    if (this.length + s.length > MAX_CELL_CHARS) {
      s = s.slice(0, Math.max(0, MAX_CELL_CHARS - this.length));
      this.truncated = true;
    }
    if (s.length === 0) return;
    this.parts.push(s);
    this.length += s.length;
  }
  clear(): void {
    if (this.parts.length > 0) this.parts = [];
    this.length = 0;
  }
  take(): string {
    if (this.parts.length === 0) return '';
    const s = decodeEscapes(this.parts.length === 1 ? this.parts[0]! : this.parts.join(''));
    this.parts = [];
    this.length = 0;
    // SheetJS's xlsx mode: CR LF → LF (Excel writes a lone CR as _x000D_).
    return s.includes('\r\n') ? s.replace(/\r\n/g, '\n') : s;
  }
}

/** Text pieces of <t> elements not inside <rPh>; used for <si> and for <is>. */
class RunText {
  inT = false;
  phonetic = 0;
  readonly text = new StringCollector();
  get capture(): boolean {
    return this.inT && this.phonetic === 0;
  }
  open(name: string, self: boolean): void {
    if (name === 't' && !self) this.inT = true;
    else if (name === 'rPh' && !self) this.phonetic++;
  }
  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh' && this.phonetic > 0) this.phonetic--;
  }
}

async function readSharedStrings(bytes: Uint8Array, entry: ZipEntry, file: string, budget: Budget): Promise<string[]> {
  const strings: string[] = [];
  const run = new RunText();
  let inItem = false;
  const tooLarge = (reason: string, limit: number) => new FatalError('workbook-too-large', { file, reason, limit });
  const push = (s: string) => {
    if (strings.length >= MAX_SHARED_STRINGS) throw tooLarge('too-many-strings', MAX_SHARED_STRINGS);
    budget.chars += s.length;
    if (budget.chars > MAX_TEXT_CHARS) throw tooLarge('too-much-text', MAX_TEXT_CHARS / 2 ** 20);
    strings.push(s);
  };
  const h: Handler = {
    capture: false,
    open(name, _b, _lt, _gt, self) {
      if (name === 'si') {
        if (self) push('');
        else inItem = true;
      } else if (inItem) run.open(name, self);
      h.capture = inItem && run.capture;
    },
    close(name) {
      if (name === 'si' && inItem) {
        inItem = false;
        run.inT = false;
        run.phonetic = 0;
        push(run.text.take());
      } else if (inItem) run.close(name);
      h.capture = inItem && run.capture;
    },
    text(s) {
      run.text.add(decodeEntities(s));
    },
    cdata(s) {
      run.text.add(s);
    },
  };
  await scanEntry(bytes, entry, file, h, budget);
  return strings;
}

// ---------------------------------------------------------------------------------------------------
// A worksheet.

interface SheetContext {
  file: string;
  name: string;
  strings: string[];
  maxRows: number;
  budget: Budget;
  findings: RawFinding[];
}

const EMPTY: Cell[] = [];

class SheetReader implements Handler {
  capture = false;
  readonly rows: { row: number; cells: Cell[] }[] = [];
  readonly merges: { r0: number; c0: number; r1: number; c1: number }[] = [];
  /** Rows with values that Excel hides (<row hidden="1">), in order. */
  readonly hiddenRows: number[] = [];
  private rowHidden = false;
  /** Rows start at the first declared row, as SheetJS's did; not used for columns (cells[i] is column i). */
  private dimension: { r0: number } | undefined;
  private inSheetData = false;
  private inRow = false;
  private rowNum = 0;
  /** Row number of the last <row> seen (r-less rows follow it) and of the last stored row. */
  private lastRowSeen = 0;
  private lastStored = 0;
  private firstRowSeen = 0;
  private rowElements = 0;
  private cellElements = 0;
  private cells: Cell[] = [];
  // The open cell.
  private inCell = false;
  private col = -1;
  private type: string | undefined;
  private formula = false;
  private hasV = false;
  private inV = false;
  private inIs = false;
  private readonly run = new RunText();
  private readonly v = new StringCollector();
  private readonly attrs = {
    r: undefined as string | undefined,
    t: undefined as string | undefined,
    hidden: undefined as string | undefined,
  };
  // What was dropped, reported once per sheet.
  private droppedCells = 0;
  private droppedRows = 0;
  private badStrings = 0;
  private formulas = 0;

  constructor(private readonly ctx: SheetContext) {}

  open(name: string, b: string, lt: number, gt: number, self: boolean): void {
    if (this.inCell) {
      if (name === 'v') {
        this.hasV = true;
        this.inV = !self;
      } else if (name === 'f') this.formula = true;
      else if (name === 'is') this.inIs = !self;
      else if (this.inIs) this.run.open(name, self);
      this.capture = this.inV || (this.inIs && this.run.capture);
      return;
    }
    if (name === 'c' && this.inRow) {
      // Excel's rows end at column XFD; more cells than that is a bomb, not a sheet.
      if (++this.cellElements > EXCEL_COLUMNS)
        throw new FatalError('workbook-corrupt', {
          file: this.ctx.file,
          reason: 'part-damaged',
          part: this.ctx.name,
          kind: 'part-row-cells',
          row: this.rowNum,
        });
      cellAttributes(b, lt, gt, this.attrs);
      const c = this.attrs.r === undefined ? -1 : refColumn(this.attrs.r);
      this.col = c >= 0 ? c : this.col + 1;
      this.type = this.attrs.t;
      this.formula = false;
      this.hasV = false;
      this.inIs = false;
      this.run.inT = false;
      this.run.phonetic = 0;
      if (self) this.endCell();
      else this.inCell = true;
      return;
    }
    if (name === 'row' && this.inSheetData) {
      cellAttributes(b, lt, gt, this.attrs);
      const r = this.attrs.r;
      const n = r === undefined ? NaN : Number(r);
      if (++this.rowElements > EXCEL_ROWS)
        throw new FatalError('workbook-corrupt', {
          file: this.ctx.file,
          reason: 'part-damaged',
          part: this.ctx.name,
          kind: 'part-rows',
        });
      this.rowNum = Number.isInteger(n) && n > 0 ? n : this.lastRowSeen + 1;
      this.rowHidden = this.attrs.hidden === '1' || this.attrs.hidden === 'true';
      this.lastRowSeen = this.rowNum;
      if (this.firstRowSeen === 0) this.firstRowSeen = this.rowNum;
      this.col = -1;
      this.cellElements = 0;
      this.cells = [];
      if (!self) this.inRow = true;
      return;
    }
    if (name === 'sheetData') this.inSheetData = !self;
    else if (name === 'mergeCell') {
      const ref = attributes(b, lt, gt).ref;
      if (ref && this.merges.length < MAX_MERGES) {
        const [a, z = a] = ref.split(':');
        const c0 = refColumn(a!);
        const c1 = refColumn(z!);
        const r0 = refRow(a!);
        const r1 = refRow(z!);
        // Clamped to the cells kept: a hostile A1:XFD1048576 must not cost the header search 16 384 columns.
        if (
          c0 >= 0 &&
          c1 >= 0 &&
          r0 > 0 &&
          r1 > 0 &&
          Math.min(c0, c1) < MAX_COLUMNS &&
          Math.min(r0, r1) <= EXCEL_ROWS
        ) {
          this.merges.push({
            r0: Math.min(r0, r1),
            c0: Math.min(c0, c1),
            r1: Math.min(Math.max(r0, r1), EXCEL_ROWS),
            c1: Math.min(Math.max(c0, c1), MAX_COLUMNS - 1),
          });
        }
      }
    } else if (name === 'dimension') {
      const ref = attributes(b, lt, gt).ref;
      if (ref) {
        const r0 = refRow(ref.split(':')[0]!);
        if (r0 > 0) this.dimension = { r0 };
      }
    }
  }

  close(name: string): void {
    if (this.inCell) {
      if (name === 'v') this.inV = false;
      else if (name === 'is') this.inIs = false;
      else if (name === 'c') {
        this.inCell = false;
        this.inV = false;
        this.capture = false;
        this.endCell();
        return;
      } else if (this.inIs) this.run.close(name);
      this.capture = this.inV || (this.inIs && this.run.capture);
      return;
    }
    if (name === 'row') {
      if (this.inRow) this.endRow();
    } else if (name === 'sheetData') this.inSheetData = false;
  }

  text(s: string): void {
    (this.inV ? this.v : this.run.text).add(decodeEntities(s));
  }
  cdata(s: string): void {
    (this.inV ? this.v : this.run.text).add(s);
  }

  done(): void {
    if (this.inCell) {
      this.inCell = false;
      this.endCell();
    }
    if (this.inRow) this.endRow();
    const { file, name, findings } = this.ctx;
    if (this.formulas > MAX_FORMULA_FINDINGS) {
      findings.push(
        finding(
          'formula-no-value-more',
          'error',
          { file, sheet: name },
          { params: { count: this.formulas - MAX_FORMULA_FINDINGS } },
        ),
      );
    }
    if (this.badStrings > 0)
      findings.push(
        finding('shared-string-missing', 'warning', { file, sheet: name }, { params: { count: this.badStrings } }),
      );
    if (this.droppedCells > 0 || this.droppedRows > 0) {
      findings.push(
        finding(
          'cells-dropped',
          'warning',
          { file, sheet: name },
          { params: { count: this.droppedCells, rows: this.droppedRows, column: columnLetter(MAX_COLUMNS - 1) } },
        ),
      );
    }
  }

  private endCell(): void {
    const value = this.value();
    this.v.clear();
    this.run.text.clear();
    if (value === null) return;
    if (this.col >= MAX_COLUMNS || this.rowNum > EXCEL_ROWS) {
      if (this.rowNum > EXCEL_ROWS) this.droppedRows++;
      else this.droppedCells++;
      return;
    }
    const i = this.col;
    const cells = this.cells;
    while (cells.length < i) cells.push(null);
    if (cells.length === i) cells.push(value);
    else cells[i] = value;
  }

  /** The cell's value as SheetJS's sheet_to_json (raw) gave it; null for none. */
  private value(): Cell {
    const t = this.type;
    const v = this.hasV ? this.v.take() : undefined;
    if (this.formula && (v === undefined || (v === '' && (t === undefined || t === 'n')))) {
      this.formulaWithoutValue();
      return null;
    }
    switch (t) {
      case undefined:
      case 'n': {
        if (v === undefined || v === '') return null;
        const n = parseFloat(v);
        // Not a number at all: keep the text, so the value is reported rather than lost as NaN.
        return Number.isNaN(n) ? v : n;
      }
      case 's': {
        if (v === undefined) return null;
        const s = this.ctx.strings[parseInt(v, 10)];
        if (s === undefined) {
          this.badStrings++;
          return null;
        }
        return s;
      }
      case 'str':
        return this.chars(v ?? '');
      case 'inlineStr':
        return this.chars(this.run.text.take());
      case 'b':
        return v === '1' || v === 'true';
      case 'e':
        return null;
      case 'd': {
        // ISO 8601 date (Strict OOXML): the serial number, as SheetJS gives it with cellDates off (read as UTC).
        const iso = v ?? '';
        const ms = Date.parse(/T[\d:.]+$/.test(iso) ? iso + 'Z' : iso);
        return Number.isNaN(ms) ? (v ?? null) : (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
      }
      default:
        return v === undefined ? null : this.chars(v);
    }
  }

  private chars(s: string): string {
    const b = this.ctx.budget;
    b.chars += s.length;
    if (b.chars > MAX_TEXT_CHARS)
      throw new FatalError('workbook-too-large', {
        file: this.ctx.file,
        reason: 'too-much-text',
        limit: MAX_TEXT_CHARS / 2 ** 20,
      });
    return s;
  }

  private formulaWithoutValue(): void {
    this.formulas++;
    if (this.formulas > MAX_FORMULA_FINDINGS || this.col >= MAX_COLUMNS) return;
    const { file, name } = this.ctx;
    this.ctx.findings.push(
      finding('formula-no-value', 'error', { file, sheet: name, row: this.rowNum, column: columnLetter(this.col) }),
    );
  }

  private endRow(): void {
    this.inRow = false;
    const cells = this.cells;
    this.cells = [];
    if (cells.length === 0) return;
    const row = this.rowNum;
    // Blank rows between stored rows are kept (the mapper counts them, and two-row headers are adjacent
    // rows), as one small object each; blank rows after the last value are never stored.
    let from =
      this.lastStored > 0
        ? this.lastStored + 1
        : Math.min(this.dimension?.r0 ?? this.firstRowSeen, this.firstRowSeen, row);
    for (; from < row; from++) this.store(from, EMPTY);
    // An exact-size copy: a pushed-to array keeps spare capacity (17 slots for one value).
    this.store(row, cells.slice());
    if (this.rowHidden) this.hiddenRows.push(row);
  }

  private store(row: number, cells: Cell[]): void {
    if (this.rows.length >= this.ctx.maxRows)
      throw new FatalError('too-many-rows', { file: this.ctx.file, sheet: this.ctx.name, limit: this.ctx.maxRows });
    const b = this.ctx.budget;
    b.slots += cells.length + 4;
    if (b.slots > MAX_CELL_SLOTS)
      throw new FatalError('workbook-too-large', {
        file: this.ctx.file,
        reason: 'too-many-cells',
        limit: MAX_CELL_SLOTS / 2 ** 20,
      });
    this.rows.push({ row, cells });
    if (row > this.lastStored) this.lastStored = row;
  }
}

// ---------------------------------------------------------------------------------------------------
// The workbook.

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** A relationship target relative to the part that names it → a zip path. */
function resolveTarget(base: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : base + target;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

const normaliseName = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const TABLE_SHEETS = new Set(Object.values(SHEET_NAMES).flat().map(normaliseName));

/**
 * The sheets of an .xlsx, or null when the zip holds no SpreadsheetML workbook (.xlsb, .ods, other
 * zips): the caller hands those to SheetJS.
 */
export async function readXlsx(
  bytes: Uint8Array,
  file: string,
  limits: XlsxLimits,
): Promise<{ sheets: RawSheet[]; findings: RawFinding[] } | null> {
  const entries = listZip(bytes, file, limits);
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    const key = e.name.replace(/^\//, '').toLowerCase();
    if (!byName.has(key)) byName.set(key, e);
  }
  const entry = (path: string) => byName.get(path.toLowerCase());
  const budget: Budget = { deadline: Date.now() + limits.timeoutMs, timeoutMs: limits.timeoutMs, slots: 0, chars: 0 };

  // The workbook part: from the package relationships, else where Excel puts it.
  let workbookPath = 'xl/workbook.xml';
  const rootRels = entry('_rels/.rels');
  if (rootRels) {
    const rels = await elementsOf(bytes, rootRels, file, ['Relationship'], budget);
    const main = rels.find((r) => (r.attrs.Type ?? '').endsWith('/officeDocument') && r.attrs.Target);
    if (main) workbookPath = resolveTarget('', main.attrs.Target!);
  }
  const workbook = entry(workbookPath);
  if (!workbook || !workbookPath.toLowerCase().endsWith('.xml')) return null;
  const wbDir = dirname(workbookPath);
  const relsEntry = entry(`${wbDir}_rels/${workbookPath.slice(wbDir.length)}.rels`);
  const rels = new Map<string, { target: string; type: string }>();
  for (const r of relsEntry ? await elementsOf(bytes, relsEntry, file, ['Relationship'], budget) : []) {
    if (r.attrs.Id && r.attrs.Target && r.attrs.TargetMode !== 'External')
      rels.set(r.attrs.Id, { target: resolveTarget(wbDir, r.attrs.Target), type: r.attrs.Type ?? '' });
  }
  const sheetList = (await elementsOf(bytes, workbook, file, ['sheet'], budget)).map((s) => ({
    name: s.attrs.name ?? '',
    rel: s.attrs.id ? rels.get(s.attrs.id) : undefined,
    hidden: s.attrs.state === 'hidden' || s.attrs.state === 'veryHidden',
  }));

  // Sheets beyond the limit are not read: the ones named like our tables first, then the first ones.
  let chosen = sheetList.map((_, i) => i);
  const findings: RawFinding[] = [];
  if (sheetList.length > limits.maxSheets) {
    const asked = limits.sheet === undefined ? undefined : normaliseName(limits.sheet);
    const named = [
      ...chosen.filter((i) => normaliseName(sheetList[i]!.name) === asked),
      ...chosen.filter(
        (i) => normaliseName(sheetList[i]!.name) !== asked && TABLE_SHEETS.has(normaliseName(sheetList[i]!.name)),
      ),
    ];
    const keep = new Set(named.slice(0, limits.maxSheets));
    for (const i of chosen) if (keep.size < limits.maxSheets) keep.add(i);
    chosen = chosen.filter((i) => keep.has(i));
    findings.push(
      finding(
        'sheets-unread',
        'warning',
        { file },
        {
          params: {
            count: sheetList.length - chosen.length,
            total: sheetList.length,
            limit: limits.maxSheets,
            flag: '--max-sheets',
          },
        },
      ),
    );
  }

  const sstRel = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'));
  const sstEntry = sstRel ? entry(sstRel.target) : entry(`${wbDir}sharedStrings.xml`);
  const strings = sstEntry ? await readSharedStrings(bytes, sstEntry, file, budget) : [];

  const sheets: RawSheet[] = [];
  const read = new Set<ZipEntry>();
  for (const i of chosen) {
    const { name, rel, hidden } = sheetList[i]!;
    const hiddenSheet = hidden ? { hidden: true } : {};
    const part = rel?.type.endsWith('/worksheet') ? entry(rel.target) : undefined;
    // A part named by two sheets is read once: no file makes us inflate more than it holds.
    if (!part || read.has(part)) {
      // A chart sheet, or a sheet whose part is missing: no cells, as SheetJS gave it.
      sheets.push({ name, colOffset: 0, rows: [], merges: [], ...hiddenSheet });
      continue;
    }
    read.add(part);
    const sheetFindings: RawFinding[] = [];
    const reader = new SheetReader({ file, name, strings, maxRows: limits.maxRows, budget, findings: sheetFindings });
    await scanEntry(bytes, part, file, reader, budget);
    for (const f of sheetFindings) findings.push(f);
    // Cells are indexed by absolute column (colOffset 0): the later stages locate them the same way.
    sheets.push({
      name,
      colOffset: 0,
      rows: reader.rows,
      merges: reader.merges,
      ...hiddenSheet,
      ...(reader.hiddenRows.length ? { hiddenRows: reader.hiddenRows } : {}),
    });
  }
  return { sheets, findings };
}
