// issue 15: a statistics form version as data. A layout says how to recognise a workbook (sheet names, a form
// code or words in a title row, header words of a county-wide export) and where every canonical figure lives:
// a row selector (row code or normalised label, optionally inside a 学段 block) × a column selector (栏号 or a
// header path). Never a cell address. Built-in layouts ship in layouts/; `--layout FILE` adds or overrides one.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { FatalError } from '../findings.js';

const Alternatives = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const RowSelector = z
  .object({
    /** The 代码/编号 cell of the row (compared as text without leading zeros). */
    code: z.string().optional(),
    /** The row's label, normalised (NFKC, no spaces, no #, 其中：, 一、, unit brackets); alternatives allowed. */
    label: Alternatives.optional(),
    /** Look only inside this block: from the row labelled so down to the next block row (4153, 4155). */
    block: z.string().optional(),
  })
  .strict()
  .refine((r) => r.code !== undefined || r.label !== undefined, { message: 'a row needs code or label' });

export const ColumnSelector = z
  .object({
    /** The 栏号 of the 甲/乙/1/2/… row. */
    no: z.number().int().positive().optional(),
    /** A header path, top to bottom with `/`, matched at the end of the column's path; alternatives allowed. */
    path: Alternatives.optional(),
  })
  .strict()
  .refine((c) => c.no !== undefined || c.path !== undefined, { message: 'a column needs no or path' });

const LEVEL = z.enum(['小学', '初中', '高中', '全校']);

export const Figure = z
  .object({
    /** A key of the column catalogue (src/map/columns.ts), a class-size band `band:46-50`, or an identity key. */
    key: z.string().min(1),
    /** The 学段 row the figure belongs on; 全校: whole-school (facilities, split for multi-level schools). */
    level: LEVEL,
    /** The form (a key of `forms`); in a county-wide export, omitted. */
    form: z.string().optional(),
    /** Rows summed (one for most figures); in a county-wide export, omitted: each row is a school. */
    rows: z.array(RowSelector).optional(),
    /** Columns summed. */
    cols: z.array(ColumnSelector).min(1),
    /** The unit the form reports in: 万元 is multiplied by 10 000 into 元. */
    unit: z.enum(['元', '万元', '人', '个', '间', '台', '册', '平方米']).optional(),
    /** Low-confidence place (research note: UNCONFIRMED): absent → listed as still to fill in, not an error. */
    optional: z.boolean().optional(),
  })
  .strict();

export const Identity = z
  .object({
    key: z.enum(['code', 'name', 'type', 'county', 'counted', 'parent']),
    form: z.string().optional(),
    rows: z.array(RowSelector).optional(),
    cols: z.array(ColumnSelector).min(1),
  })
  .strict();

export const Layout = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string(),
    /** school: one workbook per school, a sheet per form; wide: one row per school under a merged header. */
    shape: z.enum(['school', 'wide']),
    /** Say what the layout is based on and how certain each part is. */
    note: z.string().optional(),
    recognise: z
      .object({
        /** Some sheet name matches one of these (regular expressions). */
        sheets: z.array(z.string()).optional(),
        /** In this form's title rows, this pattern appears (tells form versions apart). */
        titles: z.array(z.object({ form: z.string(), pattern: z.string() }).strict()).optional(),
        /** wide: header cells that must all be present (each an alternatives pattern). */
        headers: z.array(z.string()).optional(),
      })
      .strict(),
    /** Forms: key → the sheet name pattern (the `_<办学类型>` suffix is stripped first) and the form code. */
    forms: z.record(z.string(), z.object({ sheet: z.string(), code: z.string() }).strict()).default({}),
    identity: z.array(Identity).default([]),
    figures: z.array(Figure).min(1),
    /** Canonical keys the forms do not hold: left blank, marked, listed as still to fill in. */
    notHeld: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((l, ctx) => {
    for (const f of [...l.figures, ...l.identity]) {
      if (l.shape === 'school' && (f.form === undefined || !(f.form in l.forms)))
        ctx.addIssue({ code: 'custom', message: `figure ${f.key}: form ${f.form ?? '(none)'} is not in forms` });
      if (l.shape === 'school' && !f.rows?.length)
        ctx.addIssue({ code: 'custom', message: `figure ${f.key}: a per-school form needs rows` });
    }
  });
export type Layout = z.infer<typeof Layout>;
export type Figure = z.infer<typeof Figure>;
export type RowSelector = z.infer<typeof RowSelector>;
export type ColumnSelector = z.infer<typeof ColumnSelector>;

import { embeddedLayouts } from './layout-files.js';

/** The folder of the built-in layouts: two levels up from dist/import/ and from dist/bundle/ alike. */
const LAYOUT_DIR = new URL('../../layouts/', import.meta.url);

let builtIns: Layout[] | undefined;
/** The layouts shipped in layouts/, in file-name order (more specific versions sort first). */
export function builtInLayouts(): Layout[] {
  if (!builtIns) {
    const files =
      embeddedLayouts() ??
      readdirSync(LAYOUT_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((name) => ({ name, text: readFileSync(new URL(name, LAYOUT_DIR), 'utf8') }));
    builtIns = files.map((f) => parseLayout(f.text, `layouts/${f.name}`));
  }
  return builtIns;
}

export function parseLayout(text: string, file: string): Layout {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FatalError('bad-layout', { file, reason: (e as Error).message });
  }
  const parsed = Layout.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FatalError('bad-layout', { file, reason: `${issue.path.join('.')}: ${issue.message}` });
  }
  return parsed.data;
}

export function loadLayout(file: string): Layout {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FatalError('file-not-found', { file });
  }
  return parseLayout(text, file);
}

/** The built-in layouts with the user's: one with a built-in id replaces it, a new one is tried first. */
export function layoutsWith(extra: Layout[] = []): Layout[] {
  const ids = new Set(extra.map((l) => l.id));
  return [...extra, ...builtInLayouts().filter((l) => !ids.has(l.id))];
}

export const loadLayouts = (files: string[]): Layout[] => files.map(loadLayout);
