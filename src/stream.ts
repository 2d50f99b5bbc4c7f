// A class CSV given beside a schools file (a national class sheet has millions of rows) is read as a
// stream: each line goes read → map → validate → into the class aggregate, and is then dropped, so
// memory grows with schools, not with classes. Lines are split by hand, with csv-parse for any line
// that has quotes: csv-parse alone takes 13 s on 4 million rows where the split takes 2.3 s
// (bench/csv-compare.mjs, results in bench/RESULTS.md).
import { constants, createReadStream } from 'node:fs';
import { fsPath, statQuiet } from './read/safe.js';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseSync } from 'csv-parse/sync';
import { FatalError, finding, type RawFinding } from './findings.js';
import { decodeText, sniff, splitCsv, type Cell, type RawRow } from './read/index.js';
import { cleanCell, mapHeader, mapRow, type MappedHeader } from './map/index.js';
import { ClassRow, cellIssue, fastCell, type Source } from './validate/schemas.js';
import { addClass, type ClassAggregate } from './validate/classes.js';
import { cellAt } from './validate/locate.js';
import type { RowLevel } from './domain.js';
import type { z } from 'zod';

const PEEK_BYTES = 64 * 1024;
const HEADER_ROWS = 30;

export interface ClassFile {
  path: string;
  classes: ClassAggregate;
  findings: RawFinding[];
  header: MappedHeader;
  rows: number;
  skipped: { summary: number; blank: number };
}

/** Whether a CSV input holds a class table (by its header), without reading all of it. */
export async function isClassCsv(input: string | { path: string; bytes: Uint8Array }): Promise<boolean> {
  const path = typeof input === 'string' ? input : input.path;
  if (typeof input === 'string' && extname(path).toLowerCase() !== '.csv') return false;
  let head: Uint8Array;
  if (typeof input === 'string') {
    try {
      const { open } = await import('node:fs/promises');
      // Only a regular file is opened here (a FIFO would block); anything else is reported when read.
      const st = statQuiet(path);
      if (!st?.isFile()) return false;
      const fh = await open(fsPath(path), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      try {
        const buf = Buffer.alloc(PEEK_BYTES);
        const { bytesRead } = await fh.read(buf, 0, PEEK_BYTES, 0);
        head = buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    } catch {
      return false; // reported when the input is read
    }
  } else head = input.bytes.subarray(0, PEEK_BYTES);
  if (head.length === 0 || sniff(head) !== 'csv') return false;
  const lines = decodeText(head, true).split(/\r?\n/).slice(0, HEADER_ROWS);
  if (head.length === PEEK_BYTES) lines.pop(); // possibly cut
  let records: string[][];
  try {
    records = splitCsv(lines.join('\n'));
  } catch {
    return false;
  }
  const header = mapHeader(path, { name: basename(path), colOffset: 0, rows: records.map((cells, i) => ({ row: i + 1, cells })) }, {}, []);
  return header?.kind === 'classes';
}

const shape = new Map(Object.entries(ClassRow.shape) as [string, z.ZodType][]);

/** Streams a class CSV into the aggregate, validating each cell as the table path does. */
export async function readClassCsv(input: string | { path: string; bytes: Uint8Array }): Promise<ClassFile> {
  const path = typeof input === 'string' ? input : input.path;
  const sheet = basename(path);
  const findings: RawFinding[] = [];
  const classes: ClassAggregate = new Map();
  const skipped = { summary: 0, blank: 0 };
  let header: MappedHeader | undefined;
  const first: RawRow[] = [];
  let rows = 0;
  let columns: Source['columns'] = {};
  let index = { code: -1, level: -1, grade: -1, students: -1 };
  // The current line, for a finding's location (built only when a finding needs it).
  let current: RawRow = { row: 0, cells: [] };
  const rawOf = (r: RawRow) => Object.fromEntries(header!.columns.map((c) => [c.key, r.cells[c.index] ?? null]));
  const at = (): Source => ({ file: path, sheet, row: current.row, columns, raw: rawOf(current) });
  const levels = new Map<Cell, RowLevel | undefined | null>(); // raw 学段 → level (null: invalid)

  /** A cell through its schema: the fast path, else zod (whose message is the finding's code). */
  const cell = (key: string, v: Cell): unknown => {
    const schema = shape.get(key)!;
    const fast = fastCell(schema, v);
    if (fast) return fast.value;
    const res = schema.safeParse(v);
    if (res.success) return res.data;
    findings.push(finding(cellIssue(res.error), 'error', cellAt(at(), key, 'classes'), { value: rawOf(current)[key] }));
    return null;
  };

  const DIGITS = /^\d{1,15}$/;
  const handle = (r: RawRow) => {
    current = r;
    const c = r.cells;
    const rawCode = index.code >= 0 ? (c[index.code] ?? null) : null;
    const rawStudents = index.students >= 0 ? (c[index.students] ?? null) : null;
    // Plain lines (a code of digits) skip the general row mapping; blank, summary and odd lines take it.
    const plainCode = typeof rawCode === 'string' && DIGITS.test(rawCode);
    if (!plainCode) {
      const m = mapRow(r, header!.columns);
      if (typeof m === 'string') {
        skipped[m]++;
        return;
      }
    }
    rows++;
    // Digits are what the schemas would make of them (fastCell's rule); anything else takes the schema.
    const code = (plainCode ? rawCode : cell('code', cleanCell(rawCode))) as string | undefined | null;
    const students = (typeof rawStudents === 'string' && DIGITS.test(rawStudents) ? Number(rawStudents) : cell('students', cleanCell(rawStudents))) as number | undefined | null;
    let level: RowLevel | undefined;
    const rawLevel = index.level >= 0 ? (c[index.level] ?? null) : null;
    if (rawLevel !== null) {
      let lv = levels.get(rawLevel);
      if (lv === undefined && !levels.has(rawLevel)) {
        lv = cell('level', cleanCell(rawLevel)) as RowLevel | undefined | null;
        levels.set(rawLevel, lv);
        if (lv === null) levels.delete(rawLevel); // report every bad cell, not just the first
      }
      if (lv === null) return;
      level = lv;
    }
    if (code === null || students === null) return; // already a finding
    if (code === undefined) findings.push(finding('missing-value', 'error', cellAt(at(), 'code', 'classes')));
    else if (students === undefined) findings.push(finding('missing-value', 'error', cellAt(at(), 'students', 'classes')));
    else {
      const grade = index.grade >= 0 ? (cleanCell(c[index.grade] ?? null) ?? undefined) : undefined;
      addClass(classes, code, level, typeof grade === 'string' ? grade : undefined, students, at, rawLevel);
    }
  };

  const start = () => {
    header = mapHeader(path, { name: sheet, colOffset: 0, rows: first }, { forced: 'classes' }, findings);
    if (!header) throw new FatalError('not-a-class-table', { file: path });
    columns = Object.fromEntries(header.columns.map((c) => [c.key, { letter: c.letter, header: c.header }]));
    const idx = (k: string) => header!.columns.find((c) => c.key === k)?.index ?? -1;
    index = { code: idx('code'), level: idx('level'), grade: idx('grade'), students: idx('students') };
    for (const r of first.slice(header.dataStart)) handle(r);
  };

  let n = 0;
  const record = (cells: (string | null)[]) => {
    for (let i = 0; i < cells.length; i++) if (cells[i] === '') cells[i] = null;
    const r: RawRow = { row: ++n, cells };
    if (header) handle(r);
    else {
      first.push(r);
      if (first.length === HEADER_ROWS) start();
    }
  };

  const bytes = typeof input === 'string' ? createReadStream(fsPath(path), { highWaterMark: 1 << 20 }) : Readable.from([input.bytes]);
  let pending = ''; // a quoted record that spans lines
  for await (const text of decodeStream(bytes)) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i]!;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (pending) {
        line = `${pending}\n${line}`;
        pending = '';
      }
      if (line.includes('"')) {
        // Quotes come in pairs ("" inside a field too): an odd count means the record goes on.
        if ((line.match(/"/g)?.length ?? 0) % 2 === 1) {
          pending = line;
          continue;
        }
        for (const rec of parseSync(line, { relax_column_count: true, relax_quotes: true }) as string[][]) record(rec);
      } else record(line.split(','));
    }
  }
  if (pending) for (const rec of parseSync(pending, { relax_column_count: true, relax_quotes: true }) as string[][]) record(rec);
  if (!header) start();
  return { path, classes, findings, header: header!, rows, skipped };
}

/** Bytes → lines of text, the last one possibly empty. UTF-8 (with or without BOM), else GB18030. */
async function* decodeStream(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let rest = '';
  for await (const chunk of bytes) {
    if (!decoder) {
      let utf8 = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      if (!utf8) {
        try {
          // stream: a multi-byte character cut at the chunk's end is not an error.
          new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
          utf8 = true;
        } catch {
          utf8 = false;
        }
      }
      decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030');
    }
    const text = rest + decoder.decode(chunk, { stream: true });
    // Hand on whole lines only.
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(cut + 1);
    yield text.slice(0, cut);
  }
  const tail = rest + (decoder ? decoder.decode() : '');
  if (tail) yield tail;
}
