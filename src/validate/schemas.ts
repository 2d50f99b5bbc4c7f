// One zod schema per input concept; the TypeScript types come from them.
import { z } from 'zod';
import { WORDS } from '../domain.js';
import type { Cell } from '../read/index.js';
import type { FindingCode } from '../findings.js';
import {
  CLASS_COLUMNS,
  SCHOOL_COLUMNS,
  catalogueVersion,
  type BuiltInClassColumns,
  type BuiltInSchoolColumns,
  type CellType,
  type ColumnDef,
} from '../map/columns.js';

// Issue messages are finding codes: validate turns each issue into a located finding.
/** The finding codes a cell schema gives as its issue message. */
export const CELL_ISSUES = [
  'type-error',
  'not-integer',
  'negative-value',
  'invalid-value',
] as const satisfies readonly FindingCode[];
export type CellIssue = (typeof CELL_ISSUES)[number];
/** The finding code of a failed cell parse (the first issue's message). */
export function cellIssue(error: z.ZodError): CellIssue {
  const m = error.issues[0]?.message;
  return CELL_ISSUES.find((c) => c === m) ?? 'type-error';
}
const blankToUndefined = (v: unknown) => (v === null || v === '' ? undefined : v);
const toNumber = (v: unknown) => {
  const b = blankToUndefined(v);
  if (typeof b === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(b)) return Number(b);
  return b;
};
const toText = (v: unknown) => {
  const b = blankToUndefined(v);
  return typeof b === 'number' ? String(b) : b;
};

export const count = z.preprocess(
  toNumber,
  z.number({ error: 'type-error' }).int({ error: 'not-integer' }).min(0, { error: 'negative-value' }).optional(),
);
export const amount = z.preprocess(
  toNumber,
  z.number({ error: 'type-error' }).min(0, { error: 'negative-value' }).optional(),
);
export const text = z.preprocess(toText, z.string({ error: 'type-error' }).optional());

/** An enum cell: accepts any of the input words of WORDS[group], yields the English key. */
function word<const K extends string>(group: Record<K, readonly string[]>) {
  const lookup = new Map<string, K>();
  for (const [key, words] of Object.entries(group) as [K, readonly string[]][])
    for (const w of words) lookup.set(w.toLowerCase(), key);
  const schema = z.preprocess((v) => {
    const b = toText(v);
    return typeof b === 'string' ? (lookup.get(b.replace(/\s/g, '').toLowerCase()) ?? b) : b;
  }, z.enum(Object.keys(group) as [K, ...K[]], { error: 'invalid-value' }).optional());
  // For fastCell: words as written, when the schema's own lookup (spaces dropped, lower case) finds them unchanged.
  const exact = new Map<string, K>();
  for (const [w, key] of lookup) if (!/\s/.test(w) && w.toLowerCase() === w) exact.set(w, key);
  exactWords.set(schema, exact);
  return schema;
}
const exactWords = new WeakMap<z.ZodType, Map<string, string>>();

/**
 * Cells that already have the schema's output type and satisfy it, checked without zod: a provincial
 * file has hundreds of thousands of them. Anything else goes through the schema (which gives the finding).
 * A test checks that the two agree.
 */
export function fastCell(schema: z.ZodType, v: unknown): { ok: true; value: unknown } | undefined {
  if (schema === count) {
    if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? { ok: true, value: v } : undefined;
    return typeof v === 'string' && /^\d{1,15}$/.test(v) ? { ok: true, value: Number(v) } : undefined;
  }
  if (schema === amount) {
    if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? { ok: true, value: v } : undefined;
    return typeof v === 'string' && /^\d{1,15}(\.\d{1,15})?$/.test(v) ? { ok: true, value: Number(v) } : undefined;
  }
  if (schema === text) return typeof v === 'string' && v !== '' ? { ok: true, value: v } : undefined;
  const word = typeof v === 'string' ? exactWords.get(schema)?.get(v) : undefined;
  return word === undefined ? undefined : { ok: true, value: word };
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/**
 * The finding code of a cell that plainly is not a number, without zod: building a zod error per bad
 * cell made a column of 150 000 words take 20 s. undefined: ask the schema. A test checks they agree.
 */
export function fastIssue(schema: z.ZodType, v: unknown): CellIssue | undefined {
  if (schema !== count && schema !== amount) return undefined;
  if (typeof v === 'boolean') return 'type-error';
  return typeof v === 'string' && v !== '' && !NUMBER_TEXT.test(v) ? 'type-error' : undefined;
}

/** The schema of each cell type of the column catalogue (map/columns.ts). */
const CELLS = {
  text,
  count,
  decimal: amount,
  type: word(WORDS.type),
  level: word(WORDS.level),
  ownership: word(WORDS.ownership),
  affiliation: word(WORDS.affiliation),
  locale: word(WORDS.locale),
} as const satisfies Record<CellType, z.ZodType>;

/** A row's zod shape, key by key, from a list of catalogue columns (typed from the built-in ones). */
type ShapeOf<Cols extends readonly { key: string; cell: CellType }[]> = {
  [C in Cols[number] as C['key']]: (typeof CELLS)[C['cell']];
};
function rowSchema<Cols extends readonly ColumnDef[]>(columns: Cols) {
  return z.object(Object.fromEntries(columns.map((c) => [c.key, CELLS[c.cell]])) as ShapeOf<Cols>);
}

export const SchoolRow = rowSchema(SCHOOL_COLUMNS as BuiltInSchoolColumns);
export type SchoolRow = z.infer<typeof SchoolRow>;
/** Sheet 学校's schema with the registered columns too (registerColumn): rebuilt when the catalogue grows. */
let schoolRowNow = { version: catalogueVersion, schema: SchoolRow };
export function schoolRowSchema(): typeof SchoolRow {
  if (schoolRowNow.version !== catalogueVersion)
    schoolRowNow = { version: catalogueVersion, schema: rowSchema(SCHOOL_COLUMNS as BuiltInSchoolColumns) };
  return schoolRowNow.schema;
}

export const ClassRow = rowSchema(CLASS_COLUMNS as BuiltInClassColumns);
export type ClassRow = z.infer<typeof ClassRow>;

/** Where a validated row came from, so later stages can point at its cells. */
export interface Source {
  file: string;
  sheet: string;
  row: number;
  /** key → column letter and header as written, for the columns the table has. */
  columns: Record<string, { letter: string; header: string }>;
  raw: Record<string, Cell>;
}
/** Classes counted in a size band (national statistics): lo–hi pupils, hi null for "and more". */
export interface ClassBand {
  lo: number;
  hi: number | null;
  count: number;
}
export type SchoolRecord = SchoolRow & { source: Source; bands?: ClassBand[] };
export type ClassRecord = ClassRow & { source: Source };
