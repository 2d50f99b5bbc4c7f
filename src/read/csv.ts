// CSV bytes → raw rows: one decoder, one splitter and one row loop, for a whole buffer (read whole, kept as a
// sheet) and for a class CSV streamed from disk beside a schools file (each row handed on and dropped).
// Blank lines past the header zone are counted, not kept (a header followed by a million empty lines costs
// no memory), the row limit, the memory budget and the time limit are checked while splitting, and control
// characters (a NUL anywhere in the file) are removed with a located finding.
import { isUtf8 } from 'node:buffer';
import { parse as parseCsv } from 'csv-parse/sync';
import { columnLetter, FatalError, finding, type RawFinding } from '../findings.js';
import { MAX_COLUMNS } from './xlsx.js';
import { ControlCleaner, hasControlCharacters } from './clean.js';
import { checkMemory } from './memory.js';
import type { RawRow, RawSheet } from './index.js';

/** Blank lines among the first rows are kept: the header search looks at row positions there. */
export const HEADER_ZONE = 30;
const BLANK = /^[\s,]*$/;
/** Whether every field is blank; a field starting with a printable ASCII character (the commonest) is not. */
const isBlankRecord = (cells: string[]) =>
  cells.every((c) => {
    const c0 = c.charCodeAt(0);
    return !(c0 > 0x20 && c0 < 0x7f && c0 !== 0x2c) && BLANK.test(c);
  });
/** Bytes decoded at a time: a whole buffer is decoded in pieces too, so it is never one string. */
const CHUNK = 1 << 20;

export type CsvEncoding = 'auto' | 'utf-8' | 'gb18030';

export interface CsvOptions {
  /** auto: a BOM → UTF-8; every byte valid UTF-8 → UTF-8; else GB18030. */
  encoding: CsvEncoding;
  maxRows: number;
  maxMemoryMb: number;
  timeoutMs: number;
}

/** Bytes that can be read again from their start (the encoding is decided over all of them first). */
export type CsvBytes = () => Iterable<Uint8Array>;

/** A whole buffer as CsvBytes, in pieces. */
export const bufferChunks = (bytes: Uint8Array): CsvBytes =>
  function* () {
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
  };

const hasBom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** Bytes at the end of `b` that begin a UTF-8 sequence `b` does not finish (0–3). */
function unfinished(b: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= b.length; k++) {
    const c = b[b.length - k]!;
    if (c < 0x80) return 0;
    if (c >= 0xc0) return (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > k ? k : 0;
  }
  return 0;
}

/**
 * The encoding of CSV bytes, decided over all of them, never over the first chunk: a file may be ASCII for
 * megabytes before its first Chinese row. A BOM says UTF-8; bytes valid as UTF-8 throughout are UTF-8;
 * anything else is GB18030, what Excel on Chinese Windows saves. Stops at the first byte that is not UTF-8.
 */
export function csvEncoding(chunks: Iterable<Uint8Array>): 'utf-8' | 'gb18030' {
  let first = true;
  let carry: Uint8Array | undefined;
  for (let chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      if (hasBom(chunk)) return 'utf-8';
    }
    if (carry) chunk = Buffer.concat([carry, chunk]);
    const cut = unfinished(chunk);
    if (!isUtf8(chunk.subarray(0, chunk.length - cut))) return 'gb18030';
    // A copy: the reader may reuse the chunk's memory.
    carry = cut ? Uint8Array.prototype.slice.call(chunk, chunk.length - cut) : undefined;
  }
  return carry ? 'gb18030' : 'utf-8';
}

/** Bytes → text, chunk by chunk (a character cut at a chunk's end is finished by the next); a leading BOM is dropped. */
export function* decodeChunks(chunks: Iterable<Uint8Array>, encoding: 'utf-8' | 'gb18030'): Generator<string> {
  const decoder = new TextDecoder(encoding);
  let start = true;
  const out = (text: string) => {
    if (start && text !== '') {
      start = false;
      if (text.charCodeAt(0) === 0xfeff) return text.slice(1);
    }
    return text;
  };
  for (const chunk of chunks) {
    const text = out(decoder.decode(chunk, { stream: true }));
    if (text !== '') yield text;
  }
  const tail = out(decoder.decode());
  if (tail !== '') yield tail;
}

const PARSE = { relax_column_count: true, relax_quotes: true } as const;

/**
 * CSV text, given in pieces of any size, → records. A line without a quote is split at commas, which is
 * what csv-parse makes of it, five times faster (bench/csv-compare.mjs); a record with quotes (a field may
 * hold commas and line breaks) is found by following its quotes and handed to csv-parse whole. Lines end
 * at LF or CRLF, or at CR alone when the first line ends so (old Mac "CSV").
 */
export class CsvSplitter {
  /** Physical lines read, for the line of a malformed record. */
  private lines = 0;
  private rest = '';
  private eol: '\n' | '\r' | undefined;
  /** A quoted record that goes on past its line, and its first line. */
  private pending: string | undefined;
  private pendingLine = 0;

  constructor(
    private readonly file: string,
    private readonly onRecord: (cells: string[]) => void,
  ) {}

  push(text: string): void {
    const s = this.rest === '' ? text : this.rest + text;
    if (this.eol === undefined) {
      const lf = s.indexOf('\n');
      const cr = s.indexOf('\r');
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr === s.length - 1) {
          this.rest = s; // is a LF next?
          return;
        }
        this.eol = s.charCodeAt(cr + 1) === 10 ? '\n' : '\r';
      } else if (lf >= 0) this.eol = '\n';
      else {
        this.rest = s;
        return;
      }
    }
    const eol = this.eol;
    let pos = 0;
    for (let end = s.indexOf(eol); end >= 0; end = s.indexOf(eol, pos)) {
      if (this.pending !== undefined || !this.plainLine(s, pos, end)) this.line(s.slice(pos, end));
      pos = end + 1;
    }
    this.rest = s.slice(pos);
  }

  end(): void {
    // No line end seen: one line; a CR held back to see what follows ends the only line.
    if (this.eol === undefined) this.eol = this.rest.endsWith('\r') ? '\r' : '\n';
    this.push('');
    const last = this.rest;
    this.rest = '';
    if (last !== '') this.line(last);
    if (this.pending !== undefined) this.flush();
  }

  /**
   * The line s[start, end) when it has no quote: split at commas straight from the text, without a string
   * per line (a class CSV has millions of lines). false, having handed on nothing, when it has a quote.
   */
  private plainLine(s: string, start: number, end: number): boolean {
    const stop = this.eol === '\n' && end > start && s.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const cells: string[] = [];
    let from = start;
    for (let i = start; i < stop; i++) {
      const c = s.charCodeAt(i);
      if (c === 44) {
        cells.push(s.slice(from, i));
        from = i + 1;
      } else if (c === 34) return false;
    }
    cells.push(s.slice(from, stop));
    this.lines++;
    this.onRecord(cells);
    return true;
  }

  /** One physical line, without its LF (a CR before it is kept, for a quoted field that spans lines). */
  private line(s: string): void {
    this.lines++;
    if (this.pending !== undefined) {
      this.pending += this.eol + s;
      if (!quoteOpenAtEnd(s, true)) this.flush();
      return;
    }
    if (!s.includes('"')) {
      this.onRecord((s.charCodeAt(s.length - 1) === 13 && this.eol === '\n' ? s.slice(0, -1) : s).split(','));
      return;
    }
    this.pending = s;
    this.pendingLine = this.lines;
    if (!quoteOpenAtEnd(s, false)) this.flush();
  }

  private flush(): void {
    let text = this.pending!;
    this.pending = undefined;
    if (this.eol === '\n' && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    let records: string[][];
    try {
      records = parseCsv(text, PARSE) as string[][];
    } catch (e) {
      const at = (e as { lines?: number }).lines;
      throw new FatalError('csv-malformed', { file: this.file, line: this.pendingLine + Math.max(0, (at ?? 1) - 1) });
    }
    for (const r of records) this.onRecord(r);
  }
}

/**
 * Whether a line of CSV ends inside a quoted field, as csv-parse reads it with relax_quotes: a quote opens
 * a field only at its start, "" inside is a quote, and any other quote closes it.
 */
function quoteOpenAtEnd(s: string, open: boolean): boolean {
  let fieldStart = !open;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (open) {
      if (c !== 34) continue;
      if (s.charCodeAt(i + 1) === 34) i++;
      else open = false;
    } else if (c === 44) fieldStart = true;
    else {
      if (c === 34 && fieldStart) open = true;
      fieldStart = false;
    }
  }
  return open;
}

/** Stops a read from inside onRow. */
const STOP = Symbol('stop');

/**
 * CSV bytes → raw rows, each handed to `onRow` as it is split (`onRow` returns false to stop reading: the
 * rest is not read). Reading findings (cells dropped, control characters) are pushed onto `findings` at the
 * end. Returns the number of blank lines counted and not handed on.
 */
export function readCsvRows(
  bytes: CsvBytes,
  file: string,
  name: string,
  options: CsvOptions,
  findings: RawFinding[],
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback may return nothing; `false` stops the read
  onRow: (r: RawRow) => boolean | void,
): { blankRows: number } {
  const encoding = options.encoding === 'auto' ? csvEncoding(bytes()) : options.encoding;
  const deadline = Date.now() + options.timeoutMs;
  const cleaned: RawFinding[] = [];
  const cleaner = new ControlCleaner(file, name, 0, cleaned);
  let dirty = false; // a control character seen in the text so far: clean every row from here on
  let line = 0;
  let blank = 0;
  let kept = 0;
  let dropped = 0;
  const splitter = new CsvSplitter(file, (cells) => {
    line++;
    if (line > HEADER_ZONE && isBlankRecord(cells)) {
      blank++;
      return;
    }
    if (++kept > options.maxRows) throw new FatalError('too-many-rows', { file, sheet: name, limit: options.maxRows });
    if ((kept & 0xffff) === 0) {
      checkMemory(file, options.maxMemoryMb);
      if (Date.now() > deadline)
        throw new FatalError('workbook-timeout', { file, seconds: Math.round(options.timeoutMs / 1000) });
    }
    // Cells right of the columns any county table uses are dropped, as the .xlsx reader does: a line of
    // twenty million commas must not become twenty million cells.
    if (cells.length > MAX_COLUMNS) {
      for (let i = MAX_COLUMNS; i < cells.length; i++) if (cells[i] !== '') dropped++;
      cells.length = MAX_COLUMNS;
    }
    const out: RawRow['cells'] = cells;
    for (let i = 0; i < cells.length; i++) if (cells[i] === '') out[i] = null;
    const row: RawRow = { row: line, cells: out };
    if (dirty) cleaner.row(row);
    if (onRow(row) === false) throw STOP;
  });
  try {
    for (const text of decodeChunks(bytes(), encoding)) {
      dirty ||= hasControlCharacters(text);
      splitter.push(text);
    }
    splitter.end();
  } catch (e) {
    if (e !== STOP) throw e;
  }
  cleaner.end();
  if (dropped)
    findings.push(
      finding(
        'cells-dropped',
        'warning',
        { file, sheet: name },
        { params: { count: dropped, rows: 0, column: columnLetter(MAX_COLUMNS - 1) } },
      ),
    );
  for (const f of cleaned) findings.push(f);
  return { blankRows: blank };
}

/** A whole CSV buffer → a sheet named `name`; reading findings are pushed onto `findings`. */
export function csvSheet(
  bytes: Uint8Array,
  file: string,
  name: string,
  options: CsvOptions,
  findings: RawFinding[],
): RawSheet {
  const rows: RawRow[] = [];
  const { blankRows } = readCsvRows(bufferChunks(bytes), file, name, options, findings, (r) => {
    rows.push(r);
  });
  return { name, colOffset: 0, rows, ...(blankRows ? { blankRows } : {}) };
}
