// End-to-end (issue 13, acceptance 2): the official xlsx report of the built CLI, read back with SheetJS and
// with styles.xml resolved by hand: the 差异系数 block's 全县平均值 / 标准差 / 差异系数 rows equal the JSON to
// 1e-9, every excluded school is listed with its reason, no cell starts with an apostrophe (names such as `=1+1`,
// `-98`, `+青山县育才小学` are typed strings), and failing cells carry the shading style.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { unzip } from '../zip-helper.js';
import { DEMO, ROOT, run, runJson, tempDir } from './helpers.js';
import { xlsxTitles } from './section-titles.js';

const FAIL_FILL = 'FFFFC7CE';
const WARN_FILL = 'FFFFEB9C';
const LEVEL_ZH = { primary: '小学', junior: '初中' } as const;

let tmp: string;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Book {
  wb: XLSX.WorkBook;
  /** sheet name → rows of values (null where empty), row 0 = Excel row 1 */
  rows: Map<string, (string | number | boolean | null)[][]>;
  /** sheet name → cell ref → fill colour of its style (null: no fill) */
  fill: (sheet: string, r: number, c: number) => string | null;
}

/** The report of `args` as xlsx, written with -o and read back; the run exits with `code`. */
function report(args: string[], name: string, code: number): Book {
  const out = join(tmp, name);
  const r = run([...args, '-f', 'xlsx', '-o', out], { SOURCE_DATE_EPOCH: '1725148800' });
  expect(r.status, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  const bytes = readFileSync(out);
  const wb = XLSX.read(bytes);
  const rows = new Map(
    wb.SheetNames.map((s) => [
      s,
      XLSX.utils.sheet_to_json<(string | number | boolean | null)[]>(wb.Sheets[s]!, {
        header: 1,
        raw: true,
        defval: null,
        blankrows: true,
      }),
    ]),
  );
  // styles.xml by hand: SheetJS community edition does not read fills back.
  const parts = new Map(unzip(bytes).map(([n, d]) => [n, d.toString()]));
  const styles = parts.get('xl/styles.xml')!;
  const fills = [...styles.match(/<fills[^>]*>([\s\S]*?)<\/fills>/)![1]!.matchAll(/<fill>([\s\S]*?)<\/fill>/g)].map(
    (m) => m[1]!.match(/fgColor rgb="(\w+)"/)?.[1] ?? null,
  );
  const xfFill = [...styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)![1]!.matchAll(/<xf ([^>]*?)\/?>/g)].map(
    (m) => fills[Number(m[1]!.match(/fillId="(\d+)"/)?.[1] ?? 0)]!,
  );
  const rels = parts.get('xl/_rels/workbook.xml.rels')!;
  const workbook = parts.get('xl/workbook.xml')!;
  const sheetXml = new Map(
    [...workbook.matchAll(/<sheet name="([^"]+)" sheetId="\d+" r:id="(\w+)"\/>/g)].map((m) => {
      const target = rels.match(new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`))![1]!;
      return [m[1]!.replace(/&amp;/g, '&'), parts.get(`xl/${target}`)!];
    }),
  );
  const fill = (sheet: string, r: number, c: number) => {
    const ref = XLSX.utils.encode_cell({ r, c });
    const m = sheetXml.get(sheet)!.match(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`));
    return m ? xfFill[Number(m[1] ?? 0)]! : null;
  };
  return { wb, rows, fill };
}

/** Where `label` sits in column `col` of a sheet: every row index. */
const rowsWith = (rows: unknown[][], label: string) => rows.flatMap((r, i) => (r.some((v) => v === label) ? [i] : []));

/** The level a block belongs to: the nearest title above the row naming 小学 or 初中. */
function levelAbove(rows: unknown[][], at: number): 'primary' | 'junior' | undefined {
  for (let i = at; i >= 0; i--) {
    const t = rows[i]?.[0];
    if (typeof t !== 'string') continue;
    if (t.includes('小学')) return 'primary';
    if (t.includes('初中')) return 'junior';
  }
  return undefined;
}

/** The demo with three hostile school names (cells a spreadsheet would run if they were formulas). */
const HOSTILE = ['=1+1', '-98', '+青山县育才小学'];
function hostileDemo(): string {
  const wb = XLSX.read(readFileSync(join(ROOT, DEMO)));
  const ws = wb.Sheets['学校']!;
  const head = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0]!;
  const nameCol = head.indexOf('学校名称');
  expect(nameCol).toBeGreaterThanOrEqual(0);
  HOSTILE.forEach((name, i) => {
    ws[XLSX.utils.encode_cell({ r: i + 1, c: nameCol })] = { t: 's', v: name };
  });
  const path = join(tmp, '青山县-hostile.xlsx');
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}

describe('xlsx report (issue 13)', () => {
  it('carries every section of the report, titled as reportSections titles them (one batch of two counties)', async () => {
    const args = [DEMO, 'fixtures/quality-county.xlsx'];
    const json = runJson(args).json;
    const { reportSections } = await import(pathToFileURL(join(ROOT, 'dist', 'render', 'sections.js')).href);
    const { builtInProfile } = await import(pathToFileURL(join(ROOT, 'dist', 'profiles', 'index.js')).href);
    const sections: { title: string; sheet: string }[] = reportSections(json, builtInProfile(json.standard));
    const book = report(args, 'titles.xlsx', 1);
    // Sheets in the order they first appear; on each, its sections in report order.
    const sheets = [...new Set(sections.map((s) => s.sheet))];
    expect(book.wb.SheetNames).toEqual(sheets);
    const titles = xlsxTitles(readFileSync(join(tmp, 'titles.xlsx')));
    expect(titles).toEqual(sheets.flatMap((sh) => sections.filter((s) => s.sheet === sh).map((s) => s.title)));
    expect(titles.length).toBeGreaterThan(20);
  });

  it('the 差异系数 block: 全县平均值 / 标准差 / 差异系数 equal the JSON to 1e-9, per level', () => {
    const json = runJson([DEMO]).json;
    const county = json.counties[0];
    const book = report([DEMO], 'demo.xlsx', 1);
    // The heading carries the date the CLI passes (SOURCE_DATE_EPOCH here).
    expect(book.rows.get(book.wb.SheetNames[0]!)!.flat()).toContain('生成日期：2024-09-01');
    const seen = new Set<string>();
    for (const [sheet, rows] of book.rows) {
      for (const at of rowsWith(rows, '全县平均值')) {
        const level = levelAbove(rows, at);
        expect(level, `${sheet} row ${at + 1}: a block title names the level`).toBeDefined();
        const lv = county.levels.find((l: any) => l.level === level);
        const item = rows[at]!.indexOf('全县平均值');
        expect(rows[at + 1]![item], sheet).toBe('标准差');
        expect(rows[at + 2]![item], sheet).toBe('差异系数');
        lv.indicators.forEach((ind: any, k: number) => {
          const c = item + 1 + k;
          for (const [r, field] of [
            [at, 'mean'],
            [at + 1, 'sd'],
            [at + 2, 'cv'],
          ] as const) {
            const v = rows[r]![c];
            if (ind[field] === null) expect(typeof v, `${sheet} ${ind.id} ${field}`).not.toBe('number');
            else {
              expect(typeof v, `${sheet} ${ind.id} ${field}`).toBe('number');
              expect(Math.abs((v as number) - ind[field]), `${sheet} ${ind.id} ${field}`).toBeLessThanOrEqual(1e-9);
            }
          }
          // A CV over its limit is shaded; one within it is not.
          if (ind.pass === false) expect(book.fill(sheet, at + 2, c), `${ind.id} cv`).toBe(FAIL_FILL);
          if (ind.pass === true) expect(book.fill(sheet, at + 2, c), `${ind.id} cv`).not.toBe(FAIL_FILL);
        });
        seen.add(level!);
      }
    }
    expect([...seen].sort()).toEqual(county.levels.map((l: any) => l.level).sort());
    // The demo fails one CV (小学 L5), so the shading test above had a failing cell to look at.
    expect(county.levels.some((l: any) => l.indicators.some((i: any) => i.pass === false))).toBe(true);
  });

  it('every excluded school is listed with its reason', () => {
    const json = runJson([DEMO]).json;
    const county = json.counties[0];
    expect(county.excluded.length).toBeGreaterThan(0);
    const book = report([DEMO], 'excluded.xlsx', 1);
    const all = [...book.rows.values()].flat();
    for (const e of county.excluded) {
      const reason = json.meta.scopeReasons.find((r: any) => r.id === e.reason)?.label.zh ?? e.reason;
      const row = all.find((r) => r.includes(e.name));
      expect(row, e.name).toBeDefined();
      expect(
        row!.some((v) => typeof v === 'string' && v.includes(reason)),
        `${e.name}: ${reason}`,
      ).toBe(true);
    }
  });

  it('no cell starts with an apostrophe: hostile names are typed strings, never formulas', () => {
    const input = hostileDemo();
    const book = report([input], 'hostile.xlsx', 1);
    const strings: string[] = [];
    for (const sheet of book.wb.SheetNames) {
      const ws = book.wb.Sheets[sheet]!;
      for (const addr of Object.keys(ws)) {
        if (addr.startsWith('!')) continue;
        const cell = ws[addr] as XLSX.CellObject;
        expect(cell.f, `${sheet}!${addr} is a formula`).toBeUndefined();
        if (cell.t === 's') {
          expect(String(cell.v), `${sheet}!${addr}`).not.toMatch(/^'/);
          strings.push(String(cell.v));
        }
      }
    }
    for (const name of HOSTILE) expect(strings, name).toContain(name);
  });

  it('failing school values are shaded: below the floor on the 差 fill, below the standard only on yellow', () => {
    const json = runJson([DEMO]).json;
    const county = json.counties[0];
    const book = report([DEMO], 'shaded.xlsx', 1);
    let checked = 0;
    for (const u of county.units) {
      for (const ind of u.indicators) {
        if (ind.met !== false || ind.value === null) continue;
        // The unit's row on its level's per-school sheet, and the value cell under the indicator.
        let found = false;
        for (const [sheet, rows] of book.rows) {
          const r = rows.findIndex((row, i) => row.includes(u.name) && levelAbove(rows, i) === u.level);
          if (r < 0) continue;
          const c = rows[r]!.findIndex((v) => typeof v === 'number' && Math.abs(v - ind.value) <= 1e-12);
          if (c < 0) continue;
          const fill = book.fill(sheet, r, c);
          if (fill !== FAIL_FILL && fill !== WARN_FILL) continue;
          expect(fill, `${u.name} ${ind.id}`).toBe(ind.aboveFloor ? WARN_FILL : FAIL_FILL);
          found = true;
          break;
        }
        expect(found, `${u.name} (${LEVEL_ZH[u.level as 'primary']}) ${ind.id} ${ind.value}: a shaded cell`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
