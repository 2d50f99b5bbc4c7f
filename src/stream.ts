// A class CSV given beside a schools file (a national class sheet has millions of rows) is read as a
// stream: each row goes read → map → validate → into the class aggregate, and is then dropped, so
// memory grows with schools, not with classes.
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { FatalError, finding, type RawFinding } from './findings.js';
import { decodeText, sniff, type Cell, type RawRow } from './read/index.js';
import { mapHeader, mapRow, type MappedHeader } from './map/index.js';
import { ClassRow, fastCell, type Source } from './validate/schemas.js';
import { addClass, type ClassAggregate } from './validate/classes.js';
import { cellAt } from './validate/locate.js';
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
      const fh = await open(path, 'r');
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
  const text = decodeText(head, true);
  const lines = text.split(/\r?\n/).slice(0, HEADER_ROWS);
  if (head.length === PEEK_BYTES) lines.pop(); // possibly cut
  const rows = (parseSync(lines.join('\n'), { relax_column_count: true, relax_quotes: true }) as string[][]).map((cells, i) => ({ row: i + 1, cells }));
  const header = mapHeader(path, { name: basename(path), colOffset: 0, rows }, {}, []);
  return header?.kind === 'classes';
}

const shape = Object.entries(ClassRow.shape) as [string, z.ZodType][];

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

  const handle = (r: RawRow) => {
    const m = mapRow(r, header!.columns);
    if (typeof m === 'string') {
      skipped[m]++;
      return;
    }
    rows++;
    const source = (): Source => ({ file: path, sheet, row: r.row, columns, raw: m.raw });
    const rec: Record<string, unknown> = {};
    for (const [key, schema] of shape) {
      if (!(key in m.values)) continue;
      const fast = fastCell(schema, m.values[key]);
      if (fast) {
        rec[key] = fast.value;
        continue;
      }
      const res = schema.safeParse(m.values[key]);
      if (res.success) rec[key] = res.data;
      else findings.push(finding(res.error.issues[0]?.message ?? 'type-error', 'error', cellAt(source(), key, 'classes'), { value: m.raw[key] }));
    }
    const code = rec.code as string | undefined;
    const students = rec.students as number | undefined;
    if (code === undefined) {
      if (m.raw.code == null) findings.push(finding('missing-value', 'error', cellAt(source(), 'code', 'classes')));
    } else if (students === undefined) {
      if (m.raw.students == null) findings.push(finding('missing-value', 'error', cellAt(source(), 'students', 'classes')));
    } else addClass(classes, code, rec.level as never, rec.grade as string | undefined, students, source, (m.raw.level ?? null) as Cell);
  };

  const start = () => {
    header = mapHeader(path, { name: sheet, colOffset: 0, rows: first }, { forced: 'classes' }, findings);
    if (!header) throw new FatalError('not-a-class-table', { file: path });
    columns = Object.fromEntries(header.columns.map((c) => [c.key, { letter: c.letter, header: c.header }]));
    for (const r of first.slice(header.dataStart)) handle(r);
  };

  const parser = parse({ relax_column_count: true, relax_quotes: true, bom: true });
  const source = typeof input === 'string' ? createReadStream(path, { highWaterMark: 1 << 20 }) : Readable.from([input.bytes]);
  const text = decodeStream(source);
  text.pipe(parser);
  let n = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    n++;
    const r: RawRow = { row: n, cells: record.map((c) => (c === '' ? null : c)) };
    if (!header) {
      first.push(r);
      if (first.length === HEADER_ROWS) start();
    } else handle(r);
  }
  if (!header) start();
  return { path, classes, findings, header: header!, rows, skipped };
}

/** Bytes → text, UTF-8 (with or without BOM) unless it is not, then GB18030 (what Excel saves on Chinese Windows). */
function decodeStream(bytes: Readable): Readable {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let firstChunk = true;
  return Readable.from(
    (async function* () {
      for await (const chunk of bytes as AsyncIterable<Uint8Array>) {
        if (firstChunk) {
          firstChunk = false;
          const bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
          let utf8 = bom;
          if (!bom) {
            try {
              // stream: a multi-byte character cut at the chunk's end is not an error.
              new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
              utf8 = true;
            } catch {
              utf8 = false;
            }
          }
          decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030', { ignoreBOM: false });
        }
        yield decoder!.decode(chunk, { stream: true });
      }
      if (decoder) yield decoder.decode();
    })(),
  );
}
