// issue 15: statistics exports → the canonical 学校 rows. Per-school workbooks (a sheet per 教基/基础基 form) and
// county-wide exports (one row per school, one file per 学段) are read through layouts (layout.ts): every figure
// has a recorded source, every figure not found is a located error naming what was tried, nothing is guessed.
// Pure once the workbooks are read: findings are values; the caller writes or assesses the rows.
import { basename, dirname, extname } from 'node:path';
import { finding, type RawFinding } from '../findings.js';
import type { Cell, RawSheet, RawWorkbook } from '../read/index.js';
import { LEVELS_OF_TYPE, WORDS, type SchoolType } from '../domain.js';
import { headerOf, SCHOOL_COLUMNS } from '../map/columns.js';
import { findColumn, findRow, formTable, gridOf, norm, parseValue, type FormTable, type Grid } from './table.js';
import { type ColumnSelector, type Figure, type Layout, layoutsWith, type RowSelector } from './layout.js';

export type ImportLevel = '小学' | '初中' | '高中' | '全校';
const LEVEL_WORD = { primary: '小学', junior: '初中', senior: '高中', whole: '全校' } as const;

export interface Source {
  file: string;
  sheet: string;
  form?: string;
  rows: string[];
  cols: string[];
  cells: string[];
}
export interface FigureValue {
  /** null: not applicable (*, -, —) in every cell read. */
  value: number | null;
  source: Source;
}
export interface ImportedSchool {
  code?: string;
  name: string;
  type?: string;
  county?: string;
  levels: ImportLevel[];
  /** `${level}|${key}` → value. */
  figures: Map<string, FigureValue>;
  files: string[];
  /** wide: 是否计校数 and the parent named in the row. */
  counted?: boolean;
  parent?: string;
  mergedFrom?: string[];
}
export interface Skipped {
  file: string;
  sheet?: string;
  row?: number;
  reason: 'not-a-form' | 'summary-row' | 'blank-name' | 'not-a-statistics-export' | 'out-of-scope';
  value?: string;
}
export interface FileNote {
  path: string;
  layout?: string;
  level?: string;
  framed?: boolean;
  schools: number;
}
export interface ImportResult {
  schools: ImportedSchool[];
  findings: RawFinding[];
  skipped: Skipped[];
  files: FileNote[];
  /** Keys the layouts do not hold, or hold only as unconfirmed places that were not found: left blank. */
  toFill: { key: string; reason: 'not-held' | 'not-found' }[];
}

export interface ImportOptions {
  layouts: Layout[];
  /** Annex (是否计校数 = 0) → its parent school, by code or name either side. */
  mergeMap?: Record<string, string>;
  /** The 学段 of county-wide export files whose name does not say it. */
  level?: '小学' | '初中' | '高中';
}

/** A cheap first look before the built-in layouts are loaded (≈40 ms): a sheet named like a form, or a county-wide
 * export's identity header in the first rows. Layouts given by --layout are always tried. */
export function mayBeStatistics(wb: RawWorkbook): boolean {
  return (
    wb.sheets.some((s) => /^(教基|基础基)\d/.test(s.name.normalize('NFKC').trim())) ||
    headersNear(wb, ['^(是否计校数|统计三级|所在地区划三级)$'])
  );
}

/** The layout a workbook is read with (user layouts first, then the built-in ones), or undefined. */
export function layoutFor(wb: RawWorkbook, extra: Layout[] | undefined): Layout | undefined {
  if (extra?.length) {
    const own = recogniseLayout(wb, extra);
    if (own) return own;
  }
  return mayBeStatistics(wb) ? recogniseLayout(wb, layoutsWith(extra)) : undefined;
}

/** The layout a workbook is read with, or undefined: not a statistics export. */
export function recogniseLayout(wb: RawWorkbook, layouts: Layout[]): Layout | undefined {
  for (const layout of layouts) if (matches(wb, layout)) return layout;
  return undefined;
}

function matches(wb: RawWorkbook, layout: Layout): boolean {
  const r = layout.recognise;
  if (layout.shape === 'wide') return headersNear(wb, r.headers ?? []) && wideSheet(wb, layout) !== undefined;
  if (r.sheets && !wb.sheets.some((s) => r.sheets!.some((p) => new RegExp(p).test(sheetBase(s.name))))) return false;
  // Title checks tell versions apart: a form present must carry its words, and one at least must be present
  // (a 2021/22 junior school has 4156 but no 4155).
  let seen = r.titles === undefined || r.titles.length === 0;
  for (const t of r.titles ?? []) {
    const sheet = formSheets(wb, layout).get(t.form);
    if (!sheet) continue;
    const table = formTable(gridOf(sheet));
    if (!table || !new RegExp(t.pattern).test(table.title.normalize('NFKC'))) return false;
    seen = true;
  }
  if (!seen) return false;
  return true;
}

/** Cheap first look (any workbook is asked): every header pattern in the first rows of some sheet. */
function headersNear(wb: RawWorkbook, patterns: string[]): boolean {
  const res = patterns.map((p) => new RegExp(p));
  return wb.sheets.some((s) => {
    const texts = s.rows
      .slice(0, 20)
      .flatMap((r) => r.cells)
      .filter((v): v is string => typeof v === 'string')
      .map(norm);
    return res.every((re) => texts.some((t) => re.test(t)));
  });
}

/** The sheet name without the `_<办学类型>` suffix, and the suffix. */
function sheetBase(name: string): string {
  return name.normalize('NFKC').trim().replace(/_.*$/, '');
}
const sheetSuffix = (name: string): string | undefined => /_(.+)$/.exec(name.normalize('NFKC').trim())?.[1];

function formSheets(wb: RawWorkbook, layout: Layout): Map<string, RawSheet> {
  const out = new Map<string, RawSheet>();
  for (const sheet of wb.sheets)
    for (const [key, f] of Object.entries(layout.forms))
      if (!out.has(key) && new RegExp(f.sheet).test(sheetBase(sheet.name))) out.set(key, sheet);
  return out;
}

const TYPE_WORDS = new Map<string, SchoolType>(
  Object.entries(WORDS.type).flatMap(([k, words]) => words.map((w) => [w, k as SchoolType] as const)),
);
/** The canonical word of a school type (九年一贯制 → 九年一贯制学校), or undefined. */
export function typeWord(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = TYPE_WORDS.get(text.normalize('NFKC').replace(/\s+/g, ''));
  return t === undefined ? undefined : WORDS.type[t][0];
}
function levelsOf(type: string | undefined): ImportLevel[] | undefined {
  const t = type === undefined ? undefined : TYPE_WORDS.get(type);
  return t === undefined ? undefined : LEVELS_OF_TYPE[t].map((l) => LEVEL_WORD[l]);
}

/** 标识码 as 10-digit text: a number lost its leading zeros. */
function codeText(v: Cell): string | undefined {
  if (v === null || v === '') return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v).padStart(10, '0') : String(v);
  return String(v).normalize('NFKC').trim() || undefined;
}
const textOf = (v: Cell): string | undefined =>
  v === null ? undefined : String(v).normalize('NFKC').trim() || undefined;

/** 名称(类型).xlsx → name and type. */
function fromFileName(file: string): { name: string; type?: string } {
  const base = basename(file, extname(file)).normalize('NFKC').trim();
  const m = /^(.*)\(([^()]+)\)$/.exec(base);
  return m ? { name: m[1]!.trim(), type: m[2]!.trim() } : { name: base };
}

const describeRow = (s: RowSelector): string =>
  [
    s.block && s.block !== [s.label].flat()[0] ? `${s.block}/` : '',
    [s.label ?? []].flat().join('|'),
    s.code ? `#${s.code}` : '',
  ]
    .join('')
    .trim();
const describeCol = (s: ColumnSelector): string => (s.no !== undefined ? `栏${s.no}` : [s.path!].flat().join('|'));

export function importWorkbooks(wbs: RawWorkbook[], options: ImportOptions): ImportResult {
  const out: ImportResult = { schools: [], findings: [], skipped: [], files: [], toFill: [] };
  const toFill = new Map<string, 'not-held' | 'not-found'>();
  const wide: { wb: RawWorkbook; layout: Layout }[] = [];
  for (const wb of wbs) {
    const layout = recogniseLayout(wb, options.layouts);
    if (!layout) {
      out.skipped.push({ file: wb.file, reason: 'not-a-statistics-export' });
      out.findings.push(
        finding('import-not-a-form', 'error', { file: wb.file }, { params: { sheets: sheetList(wb) } }),
      );
      continue;
    }
    for (const k of layout.notHeld) toFill.set(k, 'not-held');
    if (layout.shape === 'wide') wide.push({ wb, layout });
    else {
      const school = importSchool(wb, layout, out, toFill);
      out.files.push({ path: wb.file, layout: layout.id, schools: school ? 1 : 0, framed: framedAny(wb) });
      if (school) out.schools.push(school);
    }
  }
  if (wide.length) importWide(wide, options, out, toFill);
  mergeAnnexes(out, options.mergeMap);
  // By code, then name: the same rows whatever order the files were listed or walked in.
  out.schools.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name));
  out.toFill = [...toFill].map(([key, reason]) => ({ key, reason }));
  return out;
}

const sheetList = (wb: RawWorkbook) =>
  wb.sheets
    .slice(0, 8)
    .map((s) => s.name)
    .join('、') + (wb.sheets.length > 8 ? ' …' : '');
const framedAny = (wb: RawWorkbook) => wb.sheets.some((s) => gridOf(s).framed);

// ---- Shape A: one workbook per school -------------------------------------------------------------------

function importSchool(
  wb: RawWorkbook,
  layout: Layout,
  out: ImportResult,
  toFill: Map<string, 'not-held' | 'not-found'>,
): ImportedSchool | undefined {
  const sheets = formSheets(wb, layout);
  const used = new Set(sheets.values());
  for (const s of wb.sheets) if (!used.has(s)) out.skipped.push({ file: wb.file, sheet: s.name, reason: 'not-a-form' });
  const tables = new Map<string, FormTable | undefined>();
  const tableOf = (form: string): FormTable | undefined => {
    if (!tables.has(form)) {
      const s = sheets.get(form);
      tables.set(form, s ? formTable(gridOf(s)) : undefined);
    }
    return tables.get(form);
  };
  const identity = (key: string): string | undefined => {
    for (const id of layout.identity.filter((i) => i.key === key)) {
      const t = tableOf(id.form!);
      if (!t) continue;
      const r = findRow(t, id.rows![0]!);
      const c = findColumn(t.paths, t.numbers, id.cols[0]!);
      if ('r' in r && 'c' in c) {
        const v = t.grid.cells[r.r]![c.c] ?? null;
        return key === 'code' ? codeText(v) : textOf(v);
      }
    }
    return undefined;
  };
  const file = fromFileName(wb.file);
  const suffixType = wb.sheets.map((s) => typeWord(sheetSuffix(s.name))).find((t) => t !== undefined);
  const type = typeWord(identity('type')) ?? suffixType ?? typeWord(file.type);
  const name = identity('name') ?? file.name;
  const code = identity('code');
  const levels = levelsOf(type);
  if (!levels) {
    out.findings.push(
      finding(
        'import-type-unknown',
        'error',
        { file: wb.file },
        { value: identity('type') ?? file.type ?? '', params: { name } },
      ),
    );
    return undefined;
  }
  const school: ImportedSchool = {
    ...(code ? { code } : {}),
    name,
    type,
    levels,
    figures: new Map(),
    files: [wb.file],
  };
  const missingForms = new Map<string, string[]>();
  for (const f of layout.figures) {
    if (f.level !== '全校' && !levels.includes(f.level)) continue;
    const t = tableOf(f.form!);
    if (!sheets.has(f.form!)) {
      if (f.optional) toFill.set(f.key, toFill.get(f.key) ?? 'not-found');
      else missingForms.set(f.form!, [...(missingForms.get(f.form!) ?? []), figureWord(f)]);
      continue;
    }
    const formCode = layout.forms[f.form!]!.code;
    if (!t) {
      out.findings.push(
        finding(
          'import-figure-missing',
          'error',
          { file: wb.file, sheet: sheets.get(f.form!)!.name },
          {
            params: { form: formCode, figure: figureWord(f), tried: '甲/乙 栏号行、指标名称' },
          },
        ),
      );
      continue;
    }
    const got = evaluate(t, f, formCode, wb.file);
    if ('error' in got) {
      if (f.optional) toFill.set(f.key, toFill.get(f.key) ?? 'not-found');
      else out.findings.push(got.error);
      continue;
    }
    if (got.bad) out.findings.push(got.bad);
    school.figures.set(`${f.level}|${f.key}`, got.value);
  }
  for (const [form, figures] of missingForms)
    out.findings.push(
      finding(
        'import-form-missing',
        'error',
        { file: wb.file },
        {
          params: { form: layout.forms[form]!.code, figures: figures.join('、') },
        },
      ),
    );
  return school;
}

/** 在校生数（小学） and the like, for messages. */
function figureWord(f: Pick<Figure, 'key' | 'level'>): string {
  const band = /^band:(\d+)-(\d*)$/.exec(f.key);
  const word = band ? bandHeader(f.key) : headerOf('schools', f.key);
  return `${word}（${f.level}）`;
}

function evaluate(
  t: FormTable,
  f: Figure,
  form: string,
  file: string,
): { value: FigureValue; bad?: RawFinding } | { error: RawFinding } {
  const at = { file, sheet: t.grid.sheet };
  const tried = () => `${(f.rows ?? []).map(describeRow).join(' + ')} × ${f.cols.map(describeCol).join(' + ')}`;
  const rows: number[] = [];
  for (const sel of f.rows ?? []) {
    const r = findRow(t, sel);
    if ('error' in r)
      return {
        error: finding('import-figure-missing', 'error', at, {
          params: { form, figure: figureWord(f), tried: `${r.error === 'ambiguous' ? '≥2: ' : ''}${tried()}` },
        }),
      };
    rows.push(r.r);
  }
  const cols: number[] = [];
  for (const sel of f.cols) {
    const c = findColumn(t.paths, t.numbers, sel);
    if ('error' in c)
      return {
        error: finding('import-figure-missing', 'error', at, {
          params: {
            form,
            figure: figureWord(f),
            tried: `${c.error === 'ambiguous' ? `≥2 (${(c.candidates ?? []).join(' | ')}): ` : ''}${tried()}`,
          },
        }),
      };
    cols.push(c.c);
  }
  return sumCells(t.grid, rows, cols, f, {
    file,
    sheet: t.grid.sheet,
    form,
    rows: rows.map((r) => t.rows.find((x) => x.r === r)!.label),
    cols: cols.map((c) => t.paths[c]!.join('/')),
    cells: [],
  });
}

function sumCells(
  grid: Grid,
  rows: number[],
  cols: number[],
  f: Pick<Figure, 'key' | 'level' | 'unit'>,
  source: Source,
): { value: FigureValue; bad?: RawFinding } {
  let sum = 0;
  let numbers = 0;
  let bad: RawFinding | undefined;
  for (const r of rows)
    for (const c of cols) {
      const cell = `${grid.colLetter(c)}${grid.rowNo(r)}`;
      source.cells.push(cell);
      const p = parseValue(grid.cells[r]?.[c] ?? null);
      if (p.kind === 'number') {
        sum += p.n;
        numbers++;
      } else if (p.kind === 'bad')
        bad ??= finding(
          'import-bad-value',
          'error',
          { file: source.file, sheet: grid.sheet, row: grid.rowNo(r), column: grid.colLetter(c) },
          { value: p.text, params: { figure: figureWord(f) } },
        );
    }
  const factor = f.unit === '万元' ? 10000 : 1;
  // Only * / - / — cells: not applicable, left blank (not 0).
  const value = numbers === 0 ? null : Math.round(sum * factor * 1e6) / 1e6;
  return { value: { value: bad ? null : value, source }, ...(bad ? { bad } : {}) };
}

// ---- Shape B: county-wide exports, one row per school, one file per 学段 ------------------------------------

interface WideSheet {
  grid: Grid;
  paths: string[][];
  nameCol: number;
  dataStart: number;
}

function wideSheet(wb: RawWorkbook, layout: Layout): WideSheet | undefined {
  for (const sheet of wb.sheets) {
    const grid = gridOf(sheet);
    const { cells } = grid;
    const start = cells.findIndex((row, r) => r < 20 && row.some((v) => norm(v) === '学校名称'));
    if (start < 0) continue;
    const nameCol = cells[start]!.findIndex((v) => norm(v) === '学校名称');
    let end = start;
    while (
      end + 1 < cells.length &&
      end + 1 - start < 5 &&
      [null, '学校名称'].includes(cells[end + 1]![nameCol] === null ? null : norm(cells[end + 1]![nameCol])) &&
      !cells[end + 1]!.some((v) => v !== null && String(v).trim() === '甲')
    )
      end++;
    let dataStart = end + 1;
    if (cells[dataStart]?.some((v) => v !== null && String(v).trim() === '甲')) dataStart++; // a 栏号 row
    const width = Math.max(...cells.map((r) => r.length), 0);
    const paths: string[][] = [];
    for (let c = 0; c < width; c++) {
      const segs: string[] = [];
      for (let r = start; r <= end; r++) {
        const s = norm(cells[r]![c]);
        if (s !== '' && segs.at(-1) !== s) segs.push(s);
      }
      paths.push(segs);
    }
    const ok = (layout.recognise.headers ?? []).every((h) => {
      const re = new RegExp(h);
      return paths.some((p) => p.some((s) => re.test(s)));
    });
    if (ok) return { grid, paths, nameCol, dataStart };
  }
  return undefined;
}

const SUMMARY = /^(合计|总计|小计|备注|全县合计|全区合计)|(合计|总计|小计)$/;
/** A school name for joining files: NFKC, no spaces, no trailing (小学部) and the like. */
export const joinName = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\((小学部|初中部|高中部|小学|初中|高中)\)$/, '');

function wideLevel(file: string, given: ImportOptions['level']): '小学' | '初中' | '高中' | undefined {
  if (given) return given;
  const base = basename(file).normalize('NFKC');
  const hits = (['小学', '初中', '高中'] as const).filter((l) => base.includes(l));
  return hits.length === 1 ? hits[0] : undefined;
}

function importWide(
  files: { wb: RawWorkbook; layout: Layout }[],
  options: ImportOptions,
  out: ImportResult,
  toFill: Map<string, 'not-held' | 'not-found'>,
): void {
  const byCode = new Map<string, ImportedSchool>();
  const byName = new Map<string, ImportedSchool>();
  const levelFiles = new Map<string, string>();
  for (const { wb, layout } of files) {
    const level = wideLevel(wb.file, options.level);
    const ws = wideSheet(wb, layout)!;
    const note: FileNote = { path: wb.file, layout: layout.id, framed: ws.grid.framed, schools: 0 };
    out.files.push(note);
    if (!level) {
      out.findings.push(finding('import-level-unknown', 'error', { file: wb.file }));
      continue;
    }
    note.level = level;
    levelFiles.set(level, wb.file);
    for (const s of wb.sheets)
      if (s.name !== ws.grid.sheet) out.skipped.push({ file: wb.file, sheet: s.name, reason: 'not-a-form' });
    const at = { file: wb.file, sheet: ws.grid.sheet };
    const col = (key: string) => {
      for (const id of layout.identity.filter((i) => i.key === key)) {
        const c = findColumn(ws.paths, undefined, id.cols[0]!);
        if ('c' in c) return c.c;
      }
      return undefined;
    };
    const idCols = {
      code: col('code'),
      type: col('type'),
      county: col('county'),
      counted: col('counted'),
      parent: col('parent'),
    };
    const figures: { f: Figure; cols: number[] }[] = [];
    for (const f of layout.figures) {
      if (f.level !== level && f.level !== '全校') continue;
      const cols: number[] = [];
      let error: RawFinding | undefined;
      for (const sel of f.cols) {
        const c = findColumn(ws.paths, undefined, sel);
        if ('c' in c) cols.push(c.c);
        else
          error ??= finding('import-figure-missing', 'error', at, {
            params: {
              form: basename(wb.file),
              figure: figureWord(f),
              tried: `${c.error === 'ambiguous' ? `≥2 (${(c.candidates ?? []).join(' | ')}): ` : ''}${f.cols.map(describeCol).join(' + ')}`,
            },
          });
      }
      if (error) {
        if (f.optional) toFill.set(f.key, toFill.get(f.key) ?? 'not-found');
        else out.findings.push(error);
        continue;
      }
      figures.push({ f, cols });
    }
    for (let r = ws.dataStart; r < ws.grid.cells.length; r++) {
      const row = ws.grid.cells[r]!;
      const name = textOf(row[ws.nameCol] ?? null);
      const rowNo = ws.grid.rowNo(r);
      if (!name) {
        if (row.some((v) => v !== null)) out.skipped.push({ file: wb.file, row: rowNo, reason: 'blank-name' });
        continue;
      }
      if (SUMMARY.test(name.replace(/\s+/g, ''))) {
        out.skipped.push({ file: wb.file, row: rowNo, reason: 'summary-row', value: name });
        continue;
      }
      const get = (c: number | undefined) => (c === undefined ? undefined : (row[c] ?? null));
      const code = idCols.code === undefined ? undefined : codeText(get(idCols.code)!);
      const type = typeWord(textOf(get(idCols.type) ?? null)) ?? typeWord(fromFileName(name).type);
      const countedCell = textOf(get(idCols.counted) ?? null);
      let school = (code && byCode.get(code)) || byName.get(joinName(name));
      if (!school) {
        const levels = levelsOf(type);
        if (!levels) {
          out.findings.push(
            finding(
              'import-type-unknown',
              'error',
              { ...at, row: rowNo },
              {
                value: textOf(get(idCols.type) ?? null) ?? '',
                params: { name },
              },
            ),
          );
          continue;
        }
        school = {
          ...(code ? { code } : {}),
          name,
          type,
          levels,
          figures: new Map(),
          files: [],
          ...(idCols.county !== undefined && textOf(get(idCols.county)!)
            ? { county: textOf(get(idCols.county)!)! }
            : {}),
          ...(countedCell !== undefined ? { counted: !/^(0|否|不计)$/.test(countedCell) } : {}),
          ...(idCols.parent !== undefined && textOf(get(idCols.parent)!)
            ? { parent: textOf(get(idCols.parent)!)! }
            : {}),
        };
        out.schools.push(school);
        if (code) byCode.set(code, school);
        byName.set(joinName(name), school);
      }
      school.files.push(`${wb.file}#${rowNo}`);
      note.schools++;
      for (const { f, cols } of figures) {
        const k = `${f.level}|${f.key}`;
        if (f.level === '全校' && school.figures.has(k)) continue; // the whole school's figure, in each 学段 file
        const got = sumCells(ws.grid, [r], cols, f, {
          file: wb.file,
          sheet: ws.grid.sheet,
          rows: [name],
          cols: cols.map((c) => ws.paths[c]!.join('/')),
          cells: [],
        });
        if (got.bad) out.findings.push(got.bad);
        school.figures.set(k, got.value);
      }
    }
  }
  // A multi-level school missing from a 学段 file that was given: its rows there were not matched.
  for (const s of out.schools) {
    if (!s.files.some((f) => f.includes('#'))) continue;
    for (const lv of s.levels) {
      const file = levelFiles.get(lv);
      if (file && !s.files.some((f) => f.startsWith(`${file}#`)) && s.counted !== false)
        out.findings.push(finding('import-unmatched', 'warning', { file }, { value: s.name, params: { level: lv } }));
    }
  }
}

// ---- 是否计校数 = 0: annexes merged into their parent ------------------------------------------------------------

function mergeAnnexes(out: ImportResult, map: Record<string, string> | undefined): void {
  const annexes = out.schools.filter((s) => s.counted === false);
  if (!annexes.length) return;
  const find = (ref: string) =>
    out.schools.find((s) => s.counted !== false && (s.code === ref || joinName(s.name) === joinName(ref)));
  const lonely: string[] = [];
  for (const a of annexes) {
    const ref = (a.code && map?.[a.code]) ?? map?.[a.name] ?? a.parent;
    const parent = ref === undefined ? undefined : find(ref);
    if (!parent) {
      lonely.push(a.name);
      continue;
    }
    for (const [k, v] of a.figures) {
      const [level] = k.split('|') as [ImportLevel];
      // An annex teaching a level its parent does not: the figure goes to the parent's whole-school row only.
      const key = parent.levels.includes(level) || level === '全校' ? k : undefined;
      if (!key) continue;
      const p = parent.figures.get(key);
      parent.figures.set(key, {
        value: p?.value == null ? v.value : v.value == null ? p.value : p.value + v.value,
        source: p?.source ?? v.source,
      });
    }
    parent.files.push(...a.files);
    parent.mergedFrom = [...(parent.mergedFrom ?? []), a.name];
    out.schools.splice(out.schools.indexOf(a), 1);
    out.findings.push(
      finding(
        'import-annex-merged',
        'info',
        { file: a.files[0]?.replace(/#\d+$/, '') },
        { value: a.name, params: { parent: parent.name } },
      ),
    );
  }
  if (lonely.length)
    out.findings.push(
      finding('uncounted-unit', 'warning', {}, { params: { count: lonely.length, names: lonely.join('\n') } }),
    );
}

// ---- The canonical rows ---------------------------------------------------------------------------------------

const BAND_ORDER = ['0-25', '26-30', '31-35', '36-40', '41-45', '46-50', '51-55', '56-60', '61-65', '66-'];
export function bandHeader(key: string): string {
  const m = /^band:(\d+)-(\d*)$/.exec(key)!;
  if (m[1] === '0') return `${m[2]}人及以下班级数`;
  if (m[2] === '') return `${m[1]}人及以上班级数`;
  return `${m[1]}-${m[2]}人班级数`;
}

export interface CanonicalTable {
  keys: string[];
  headers: string[];
  rows: (string | number | null)[][];
  /** Per row, the school it came from (index into schools). */
  school: number[];
  /** Keys left blank for the user (not held by the forms). */
  blank: string[];
}

/** One row per level (a multi-level school's facilities on a 全校 row); a single-level school is one row. */
export function canonicalTable(schools: ImportedSchool[], toFill: string[] = []): CanonicalTable {
  const used = new Set<string>();
  for (const s of schools) for (const k of s.figures.keys()) used.add(k.split('|')[1]!);
  if (schools.some((s) => s.county)) used.add('county');
  const catalogue = SCHOOL_COLUMNS.map((c) => c.key).filter(
    (k) => used.has(k) || ['code', 'name', 'type', 'level'].includes(k) || toFill.includes(k),
  );
  const bands = BAND_ORDER.map((b) => `band:${b}`).filter((k) => used.has(k));
  const keys = [...catalogue, ...bands];
  const headers = keys.map((k) => (k.startsWith('band:') ? bandHeader(k) : headerOf('schools', k)));
  const rows: CanonicalTable['rows'] = [];
  const school: number[] = [];
  for (const [i, s] of schools.entries()) {
    const multi = s.levels.length > 1;
    const rowLevels: ImportLevel[] = multi ? [...s.levels, '全校'] : s.levels;
    for (const lv of rowLevels) {
      const get = (k: string): string | number | null => {
        if (k === 'county') return s.county ?? null;
        if (k === 'code') return s.code ?? null;
        if (k === 'name') return s.name;
        if (k === 'type') return s.type ?? null;
        if (k === 'level') return lv;
        const own = s.figures.get(`${lv}|${k}`);
        if (own) return own.value;
        if (!multi) return s.figures.get(`全校|${k}`)?.value ?? null;
        return null;
      };
      rows.push(keys.map(get));
      school.push(i);
    }
  }
  return { keys, headers, rows, school, blank: toFill.filter((k) => keys.includes(k)) };
}

/** The canonical rows as a workbook in memory: what the assessment reads when given statistics exports. */
export function canonicalWorkbook(table: CanonicalTable, file: string, omit: string[] = []): RawWorkbook {
  const keep = table.keys.map((k, i) => (omit.includes(k) ? -1 : i)).filter((i) => i >= 0);
  return {
    file,
    format: 'xlsx',
    sheets: [
      {
        name: '学校',
        colOffset: 0,
        rows: [
          { row: 1, cells: keep.map((i) => table.headers[i]!) },
          ...table.rows.map((r, n) => ({ row: n + 2, cells: keep.map((i) => r[i] ?? null) })),
        ],
      },
    ],
  };
}

/** The folder a set of files shares (for naming the imported county when nothing else names it). */
export function commonFolder(files: string[]): string {
  const dirs = files.map((f) => dirname(f));
  return dirs.every((d) => d === dirs[0]) ? basename(dirs[0] ?? '.') : basename(dirname(dirs[0] ?? '.'));
}

/** What the assessment says about an import: it happened (files, schools, layouts), and what is left to fill in. */
export function importNotes(result: ImportResult, table: CanonicalTable): RawFinding[] {
  const layouts = [...new Set(result.files.map((f) => f.layout).filter(Boolean))].join(', ');
  const out: RawFinding[] = [
    finding(
      'imported-forms',
      'info',
      { file: result.files[0]?.path },
      {
        params: { files: result.files.length, schools: result.schools.length, layouts },
      },
    ),
  ];
  if (table.blank.length)
    out.push(
      finding(
        'import-to-fill',
        'warning',
        {},
        {
          params: { fields: table.blank.map((k) => headerOf('schools', k)).join('、') },
        },
      ),
    );
  return out;
}
