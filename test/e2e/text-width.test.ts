// issue 13, acceptance 5: the text report fits the terminal. Piped, COLUMNS decides the width (else 100);
// no line is wider, in any language, quiet or not, for a batch, for long school names and for validate.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, ROOT, run, runJson, tempDir } from './helpers.js';

/** Display columns, measured here on its own (not with the renderer's displayWidth): CJK and full-width = 2. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const columns = (line: string) => {
  let w = 0;
  for (const ch of line.replace(/\x1b\[[0-9;]*m/g, '')) w += WIDE.test(ch) ? 2 : 1;
  return w;
};
const widest = (text: string) => Math.max(...text.split('\n').map(columns));

function expectFits(text: string, width: number, what: string): void {
  expect(text.length, what).toBeGreaterThan(0);
  const over = text.split('\n').filter((l) => columns(l) > width);
  expect(over, `${what}: lines wider than ${width}`).toEqual([]);
}

let dir: string;
let longNames: string;
const LONG = 60;
beforeAll(() => {
  dir = tempDir();
  mkdirSync(dir, { recursive: true });
  // The demo with every school name padded to 60 characters (120 display columns).
  const wb = XLSX.read(readFileSync(join(ROOT, DEMO)));
  const sheet = wb.Sheets['学校']!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
  const col = (rows[0] as string[]).indexOf('学校名称');
  for (let r = 1; r < rows.length; r++) {
    const name = String(rows[r]![col] ?? '');
    if (name) rows[r]![col] = (name + '附属实验学校分校区'.repeat(8)).slice(0, LONG);
  }
  wb.Sheets['学校'] = XLSX.utils.aoa_to_sheet(rows);
  longNames = join(dir, '长校名县.xlsx');
  writeFileSync(longNames, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('no text line is wider than COLUMNS (stdout piped)', () => {
  for (const width of [80, 120]) {
    const env = { COLUMNS: String(width) };
    for (const lang of ['zh', 'en'])
      for (const quiet of [false, true]) {
        it(`demo, ${lang}${quiet ? ', --quiet' : ''}, COLUMNS=${width}`, () => {
          const r = run([DEMO, '--lang', lang, ...(quiet ? ['--quiet'] : [])], env);
          expect(r.status).toBe(1);
          expectFits(r.stdout, width, `demo ${lang}`);
        });
      }

    it(`a two-file batch, zh and en, COLUMNS=${width}`, () => {
      for (const lang of ['zh', 'en']) {
        const r = run([DEMO, 'fixtures/basic-county.xlsx', '--lang', lang], env);
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('白河县');
        expectFits(r.stdout, width, `batch ${lang}`);
      }
    });

    it(`60-character school names, COLUMNS=${width}: cut with an ellipsis in the tables`, () => {
      const r = run([longNames], env);
      expect(r.status).toBe(1);
      expectFits(r.stdout, width, 'long names');
      const name = runJson([longNames]).json.counties[0].units[0].name as string;
      expect(name).toHaveLength(LONG);
      expect(r.stdout).not.toContain(name);
      expect(r.stdout).toMatch(new RegExp(`│ ${name.slice(0, 6)}[^│]*… +│`));
    });

    it(`validate and its findings, COLUMNS=${width}`, () => {
      const r = run(['validate', 'fixtures/messy/demo-unknown-layout.xlsx', DEMO, longNames], env);
      expect(r.status).toBe(2);
      expectFits(r.stdout, width, 'validate');
    });
  }
});

describe('COLUMNS changes the layout', () => {
  it('80 splits the per-school table into more tables than 200; 120 puts more columns in each', () => {
    const narrow = run([DEMO], { COLUMNS: '80' }).stdout;
    const wide = run([DEMO], { COLUMNS: '120' }).stdout;
    const widest200 = run([DEMO], { COLUMNS: '200' }).stdout;
    expect(narrow).not.toBe(wide);
    expect(widest(narrow)).toBeLessThanOrEqual(80);
    expect(widest(wide)).toBeGreaterThan(100);
    // Every school of the demo is still listed in full at 80 columns, in each piece of its level's table.
    for (const u of runJson([DEMO]).json.counties[0].units) expect(narrow).toContain(`│ ${u.name} `);
    const tops = (t: string) => t.split('\n').filter((l) => l.startsWith('┌')).length;
    expect(tops(narrow)).toBeGreaterThan(tops(widest200));
    // The first per-school header row: more columns at 120 than at 80.
    const cellsOfSchoolHeader = (t: string) =>
      t
        .split('\n')
        .find((l) => l.startsWith('│ 学校 '))!
        .split('│').length;
    expect(cellsOfSchoolHeader(wide)).toBeGreaterThan(cellsOfSchoolHeader(narrow));
  });

  it('the CV table names indicators in full when they fit, by their short words when not', () => {
    expect(run([DEMO], { COLUMNS: '120' }).stdout).toContain('│ 每百名学生拥有体育、艺术（美术、音乐）专任教师数 │');
    const narrow = run([DEMO], { COLUMNS: '80' }).stdout;
    expect(narrow).not.toContain('每百名学生拥有体育、艺术（美术、音乐）专任教师数');
    expect(narrow).toMatch(/│ 体艺教师 +│ 1\.06 /);
  });

  it('below 60 columns the report is laid out for 60; unset or not a number is 100', () => {
    const at60 = run([DEMO], { COLUMNS: '60' }).stdout;
    expect(widest(at60)).toBeLessThanOrEqual(60);
    expect(run([DEMO], { COLUMNS: '20' }).stdout).toBe(at60);
    const unset = run([DEMO]).stdout;
    expect(run([DEMO], { COLUMNS: 'wide' }).stdout).toBe(unset);
    expect(run([DEMO], { COLUMNS: '100' }).stdout).toBe(unset);
    expect(widest(unset)).toBeLessThanOrEqual(100);
  });

  it('prose wraps under its indent: the standard heading at 60 columns', () => {
    const lines = run([DEMO], { COLUMNS: '60' }).stdout.split('\n');
    expect(lines[0]).toMatch(/^balance-check \d/);
    expect(columns(lines[0]!)).toBeGreaterThan(50);
    expect(lines[1]).toMatch(/^ {2}\S/);
  });
});
