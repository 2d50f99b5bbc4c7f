// Cells → typed values, each cell once, straight from the row the reader made. The common cells take a fast
// path: digits parsed without a regex, enum words (学段, 城乡, 办学类型 …) looked up in a dictionary of the
// column's distinct values, plain codes kept as they are. Everything else takes the one exact path: cleanCell,
// the header's unit, then the zod cell schema, which gives the finding code. So results and findings are those
// of the schema for every cell (test/leanmap.test.ts compares the two paths).
import type { z } from 'zod';
import type { Cell } from '../read/index.js';
import { applyFactor, cleanCell, type MappedColumn, type MappedRow, type MappedTable } from '../map/index.js';
import { amount, cellIssue, count, fastCell, fastIssue, text, type CellIssue, type Source } from './schemas.js';

/** A cell that failed its schema: the finding code. One instance per code, so a bad cell allocates nothing. */
export class CellProblem {
  constructor(readonly code: CellIssue) {}
}
const PROBLEMS = new Map<CellIssue, CellProblem>();
const problem = (code: CellIssue): CellProblem => {
  let p = PROBLEMS.get(code);
  if (!p) PROBLEMS.set(code, (p = new CellProblem(code)));
  return p;
};

/** What a cell decodes to: a value, undefined for a blank cell, or the problem. */
export type Decoded = unknown;

/** The exact path: the cleaned, scaled cell through the schema (fastCell and fastIssue agree with it). */
export function decodeExactly(schema: z.ZodType, v: Cell): Decoded {
  const fast = fastCell(schema, v);
  if (fast) return fast.value;
  const quick = fastIssue(schema, v);
  if (quick) return problem(quick);
  const res = schema.safeParse(v);
  return res.success ? res.data : problem(cellIssue(res.error));
}

/** Distinct values an enum column remembers: a column of garbage must not grow without bound. */
const DICTIONARY_SIZE = 1_000;

/** Whether a text is 1–15 ASCII digits (what the count and amount schemas take as it is). */
function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether a text is printable ASCII without spaces or commas: cleaning leaves it as it is. */
function isPlainAscii(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c > 0x7e || c === 0x2c) return false;
  }
  return true;
}

/** The decoder of one column: its fast path where the schema allows one, else the exact path. */
export function cellDecoder(schema: z.ZodType, column: MappedColumn): (cell: Cell | undefined) => Decoded {
  const { factor } = column;
  const exact = (cell: Cell | undefined): Decoded => {
    const v = cell === null || cell === undefined ? null : applyFactor(cleanCell(cell), factor);
    return v === null ? undefined : decodeExactly(schema, v); // every cell schema takes a blank as absent
  };
  if (factor !== 1) return exact;
  if (schema === count || schema === amount)
    return (cell) => (typeof cell === 'string' && isDigits(cell) ? Number(cell) : exact(cell));
  if (schema === text)
    return (cell) => {
      if (typeof cell !== 'string') return exact(cell);
      if (isPlainAscii(cell)) return cell;
      const s = cleanCell(cell);
      return s === null ? undefined : s; // cleaning leaves a text or nothing
    };
  // An enum: each distinct text is decoded once.
  const seen = new Map<string, Decoded>();
  return (cell) => {
    if (typeof cell !== 'string') return exact(cell);
    let v = seen.get(cell);
    if (v === undefined && !seen.has(cell)) {
      v = exact(cell);
      if (seen.size < DICTIONARY_SIZE) seen.set(cell, v);
    }
    return v;
  };
}

/** The columns of a table that a row schema reads, each with its decoder, in the table's column order. */
export interface RowPlan {
  table: MappedTable;
  cells: { key: string; index: number; decode: (cell: Cell | undefined) => Decoded }[];
  /** Key → index into the row's cells, for the raw cell of a finding. */
  index: Map<string, number>;
  columns: Source['columns'];
}

/**
 * `unread`: text columns whose value the caller does not read (or reads later, with decodeText): their
 * texts are not decoded, since a text cell cannot be wrong; any other cell there still gets its finding.
 */
export function rowPlan(table: MappedTable, schema: z.ZodObject, unread: readonly string[] = []): RowPlan {
  const fields = schema.shape as Record<string, z.ZodType>;
  const cells = table.columns
    .filter((c) => Object.hasOwn(fields, c.key))
    .map((c) => {
      const decode = cellDecoder(fields[c.key]!, c);
      if (!unread.includes(c.key) || fields[c.key] !== text) return { key: c.key, index: c.index, decode };
      return {
        key: c.key,
        index: c.index,
        decode: (cell: Cell | undefined) => (typeof cell === 'string' ? undefined : decode(cell)),
      };
    });
  return {
    table,
    cells,
    index: new Map(table.columns.map((c) => [c.key, c.index])),
    columns: Object.fromEntries(table.columns.map((c) => [c.key, { letter: c.letter, header: c.header }])),
  };
}

/** The cell of `key` as the file had it: null when empty, undefined when the table has no such column. */
export function rawCell(plan: RowPlan, row: MappedRow, key: string): Cell | undefined {
  const i = plan.index.get(key);
  return i === undefined ? undefined : (row.cells[i] ?? null);
}

/**
 * Where a row came from, without a copy of its cells: the table's facts are shared, and `raw` (the cells by
 * key) is built only when asked, which only findings do.
 */
export class RowSource implements Source {
  constructor(
    private readonly plan: RowPlan,
    private readonly cells: Cell[],
    readonly row: number,
  ) {}
  get file(): string {
    return this.plan.table.file;
  }
  get sheet(): string {
    return this.plan.table.sheet;
  }
  get columns(): Source['columns'] {
    return this.plan.columns;
  }
  get raw(): Record<string, Cell> {
    const raw: Record<string, Cell> = Object.create(null);
    for (const [key, i] of this.plan.index) raw[key] = this.cells[i] ?? null;
    return raw;
  }
}
