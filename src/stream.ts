// A class CSV given beside a schools file (a national class sheet has millions of rows) is streamed through
// the stages every input takes — read/csv.ts (decode, split, limits), map (header scan, RowMapper), validate
// (ClassRows) — into the class aggregate, each row dropped once counted, so memory grows with schools, not
// with classes. This file only wires the stages; none of them has a second implementation here.
import { closeSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { FatalError, type RawFinding } from './findings.js';
import { csvOptions, readLimits, sniff, type RawRow, type ReadOptions } from './read/index.js';
import { bufferChunks, HEADER_ZONE, readCsvRows, type CsvBytes } from './read/csv.js';
import { fileChunks, mib, openRegularFile } from './read/safe.js';
import { checkMemory } from './read/memory.js';
import { mapHeader, RowMapper, type MappedTable } from './map/index.js';
import { ClassRows } from './validate/index.js';
import type { ClassAggregate } from './validate/classes.js';

export interface ClassFile {
  path: string;
  classes: ClassAggregate;
  findings: RawFinding[];
  /** The mapped table without its rows (they were not kept). */
  table: MappedTable;
  /** Data rows read (blank and summary rows not counted). */
  rows: number;
}

/**
 * A CSV input holding a class table (by its header), read into the class aggregate (counting against
 * `cuts`, classCuts of the profile) with the same read
 * options and limits as every input. undefined when it is no class table, or when it cannot be opened or
 * fails before its header is known: it is then read as any other input, which reports why.
 */
export function readClassCsv(
  input: string | { path: string; bytes: Uint8Array },
  cuts: readonly number[],
  options: ReadOptions = {},
): ClassFile | undefined {
  const path = typeof input === 'string' ? input : input.path;
  const limits = readLimits(options);
  if (typeof input !== 'string') {
    const { bytes } = input;
    if (bytes.length === 0 || bytes.length > limits.maxFileBytes || sniff(bytes) !== 'csv') return undefined;
    return readClasses(path, bufferChunks(bytes), cuts, options);
  }
  if (extname(path).toLowerCase() !== '.csv') return undefined;
  const tooLarge = (size: number) =>
    new FatalError('file-too-large', { file: path, size: mib(size), limit: mib(limits.maxFileBytes) });
  let fd: number;
  try {
    fd = openRegularFile(path, 'input', limits.maxFileBytes, tooLarge).fd;
  } catch {
    return undefined;
  }
  try {
    const chunks: CsvBytes = () => fileChunks(fd, path, 'input', limits.maxFileBytes, tooLarge);
    const head = chunks()[Symbol.iterator]().next().value;
    if (!head || sniff(head) !== 'csv') return undefined;
    return readClasses(path, chunks, cuts, options);
  } finally {
    closeSync(fd);
  }
}

function readClasses(
  path: string,
  bytes: CsvBytes,
  cuts: readonly number[],
  options: ReadOptions,
): ClassFile | undefined {
  const limits = readLimits(options);
  const sheet = basename(path);
  const read: RawFinding[] = [];
  const mapped: RawFinding[] = [];
  const validated: RawFinding[] = [];
  const classes: ClassAggregate = new Map();
  const first: RawRow[] = [];
  let stages: { mapper: RowMapper; rows: ClassRows; table: MappedTable } | undefined;
  let isClasses: boolean | undefined;
  let count = 0;
  const feed = (r: RawRow) => {
    const m = stages!.mapper.row(r);
    if (!m) return;
    count++;
    stages!.rows.row(m);
  };
  /** The header scan over the first rows: a class table, or not (the scan as for any CSV, then forced to classes as --table classes does). */
  const start = (): boolean => {
    const raw = { name: sheet, colOffset: 0, rows: first };
    if (mapHeader(path, raw, {}, [])?.kind !== 'classes') return (isClasses = false);
    const header = mapHeader(path, raw, { forced: 'classes' }, mapped)!;
    const mapper = new RowMapper(path, sheet, header, mapped);
    const table = mapper.table([]);
    stages = { mapper, table, rows: new ClassRows(table, classes, validated, cuts) };
    for (const r of first.slice(header.dataStart)) feed(r);
    first.length = 0;
    return (isClasses = true);
  };
  let blankRows: number;
  try {
    ({ blankRows } = readCsvRows(bytes, path, sheet, csvOptions(limits, options), read, (r) => {
      if (stages) return feed(r);
      first.push(r);
      if (first.length === HEADER_ZONE) return start();
    }));
  } catch (e) {
    if (stages) throw e;
    return undefined; // read again as any input, which reports the error
  }
  if (isClasses === undefined) start();
  if (!stages) return undefined;
  stages.mapper.skipped.blank += blankRows;
  stages.mapper.end();
  stages.rows.end();
  checkMemory(path, limits.maxHeapMb);
  return { path, classes, findings: [...read, ...mapped, ...validated], table: stages.table, rows: count };
}
