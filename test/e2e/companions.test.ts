// End-to-end (issue 12): companion files in any format. A class or county-items workbook (xlsx, xls, csv)
// given beside the schools workbook is known by its content (its sheets are called Sheet1 here, as a clerk's
// are) and joined: classes by school code, county items by county. Each run must give the same counties as
// the same data in one canonical workbook (fixtures/quality-county.xlsx: 学校, 班级, 县域指标 without 县区),
// locations aside. The files are cut from that workbook into a temp dir.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ROOT, runJson, tempDir } from './helpers.js';

const CANONICAL = join(ROOT, 'fixtures/quality-county.xlsx');
let dir = '';
const at = (name: string) => join(dir, name);

/** A workbook of these sheets, written as a clerk's would be (xlsx, or biff8 for .xls). */
function write(name: string, sheets: [string, XLSX.WorkSheet][]): void {
  const wb = XLSX.utils.book_new();
  for (const [n, s] of sheets) XLSX.utils.book_append_sheet(wb, s, n);
  writeFileSync(at(name), XLSX.write(wb, { type: 'buffer', bookType: name.endsWith('.xls') ? 'biff8' : 'xlsx' }));
}

beforeAll(() => {
  dir = tempDir();
  const src = XLSX.read(readFileSync(CANONICAL));
  const [schools, classes, items] = [src.Sheets['学校']!, src.Sheets['班级']!, src.Sheets['县域指标']!];
  write('schools.xlsx', [['Sheet1', schools]]);
  write('classes.xlsx', [['Sheet1', classes]]);
  write('classes.xls', [['Sheet1', classes]]);
  write('county-items.xlsx', [['Sheet1', items]]);
  writeFileSync(at('county-items.csv'), XLSX.utils.sheet_to_csv(items));
  // The wide form without 县区: a row of item names over a row of values.
  const long = XLSX.utils.sheet_to_json<unknown[]>(items, { header: 1 }).slice(1);
  const wide = XLSX.utils.aoa_to_sheet([long.map((r) => r[0]), long.map((r) => r[1])]);
  write('county-items-wide.xlsx', [['Sheet1', wide]]);
  writeFileSync(at('county-items-wide.csv'), XLSX.utils.sheet_to_csv(wide));
  write('classes-items.xlsx', [
    ['Sheet1', classes],
    ['Sheet2', items],
  ]);
  write('schools-classes.xlsx', [
    ['学校', schools],
    ['班级', classes],
  ]);
  // The same schools in two counties: the second half moved to 白水县.
  const rows = XLSX.utils.sheet_to_json<unknown[]>(schools, { header: 1 });
  rows.forEach((r, i) => {
    if (i > 10) r[0] = '白水县';
  });
  const two = XLSX.utils.aoa_to_sheet(rows);
  write('two-counties.xlsx', [['Sheet1', two]]);
  // County items naming their county, for both counties.
  const named = XLSX.utils.aoa_to_sheet([
    ['县区', '指标', '值'],
    ...['清河县', '白水县'].flatMap((c) => long.map((r) => [c, r[0], r[1]])),
  ]);
  writeFileSync(at('county-items-named.csv'), XLSX.utils.sheet_to_csv(named));
  write('two-counties-named-canonical.xlsx', [
    ['学校', two],
    ['班级', classes],
    ['县域指标', named],
  ]);
  write('two-counties-canonical.xlsx', [
    ['学校', two],
    ['班级', classes],
    ['县域指标', items],
  ]);
});

/** A report's counties without file, sheet, row and column: what the data gave, wherever it stood. */
function unlocated(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unlocated);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !['file', 'sheet', 'row', 'column'].includes(k))
        .map(([k, v]) => [k, unlocated(v)]),
    );
  return value;
}
type Finding = { code: string; severity: string; file?: string; sheet?: string; message: string };
const codes = (json: { findings: Finding[] }) => json.findings.map((f) => `${f.severity} ${f.code}`);

describe('companion files beside a schools workbook (issue 12)', () => {
  it('schools.xlsx + classes.xlsx + county-items.xlsx give what the canonical workbook gives', () => {
    const canonical = runJson([CANONICAL]);
    expect(canonical.status).toBe(0);
    const r = runJson([at('schools.xlsx'), at('classes.xlsx'), at('county-items.xlsx')]);
    expect(r.status).toBe(0);
    expect(r.json.verdict).toBe('pass');
    expect(codes(r.json)).toEqual(codes(canonical.json));
    expect(unlocated(r.json.counties)).toEqual(unlocated(canonical.json.counties));
    // Each file says what it held.
    expect(r.json.inputs.map((i: { reading: { table: string }[] }) => i.reading.map((t) => t.table))).toEqual([
      ['schools'],
      ['classes'],
      ['county'],
    ]);
    expect(r.json.counties[0].classSize).not.toBeNull();
  });

  it('classes.xls and county-items.csv, given before the schools file, are joined the same', () => {
    const canonical = runJson([CANONICAL]);
    const r = runJson([at('county-items.csv'), at('classes.xls'), at('schools.xlsx')]);
    expect(r.status).toBe(0);
    expect(codes(r.json)).toEqual(codes(canonical.json));
    expect(unlocated(r.json.counties)).toEqual(unlocated(canonical.json.counties));
    expect(r.json.inputs.map((i: { format: string }) => i.format)).toEqual(['csv', 'xls', 'xlsx']);
  });

  it('a class workbook beside the schools workbook = one workbook holding schools and classes', () => {
    const one = runJson([at('schools-classes.xlsx')]);
    const r = runJson([at('schools.xlsx'), at('classes.xlsx')]);
    expect(r.status).toBe(one.status);
    expect(codes(r.json)).toEqual(codes(one.json));
    expect(unlocated(r.json.counties)).toEqual(unlocated(one.json.counties));
    // Class size is assessed (it was 未评估 when the class workbook was refused).
    const classSize = r.json.counties[0].checks.find((c: { id: string }) => c.id === 'class-size');
    expect(classSize.assessed).toBe('full');
    expect(r.json.findings.some((f: Finding) => f.code === 'no-school-table')).toBe(false);
  });

  it('a county-items workbook or CSV (long or wide form, Sheet1) beside a schools-and-classes workbook gives the canonical result', () => {
    const canonical = runJson([CANONICAL]);
    for (const items of ['county-items.xlsx', 'county-items.csv', 'county-items-wide.xlsx', 'county-items-wide.csv']) {
      const r = runJson([at('schools-classes.xlsx'), at(items)]);
      expect(r.status, items).toBe(0);
      expect(codes(r.json), items).toEqual(codes(canonical.json));
      expect(unlocated(r.json.counties), items).toEqual(unlocated(canonical.json.counties));
    }
  });

  it('one companion workbook holding classes and county items (Sheet1, Sheet2) joins both', () => {
    const canonical = runJson([CANONICAL]);
    const r = runJson([at('classes-items.xlsx'), at('schools.xlsx')]);
    expect(r.status).toBe(0);
    expect(codes(r.json)).toEqual(codes(canonical.json));
    expect(unlocated(r.json.counties)).toEqual(unlocated(canonical.json.counties));
    expect(r.json.inputs[0].reading.map((t: { table: string }) => t.table)).toEqual(['classes', 'county']);
  });

  it('--sheet Sheet1 names the schools sheet of the schools workbook, not of the class workbook beside it', () => {
    const canonical = runJson([CANONICAL]);
    const r = runJson([at('classes.xlsx'), at('schools.xlsx'), at('county-items.xlsx'), '--sheet', 'Sheet1']);
    expect(r.status).toBe(0);
    expect(codes(r.json)).toEqual(codes(canonical.json));
    expect(unlocated(r.json.counties)).toEqual(unlocated(canonical.json.counties));
  });

  it('a class workbook alone is a clear error (exit 2), not a pass', () => {
    const r = runJson([at('classes.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.json.verdict).toBe('incomplete');
    expect(r.json.counties).toEqual([]);
    expect(r.json.findings.map((f: Finding) => [f.code, f.message])).toEqual([
      [
        'no-school-table',
        '未找到学校表（工作表：Sheet1）：需要一张含 学校代码、学校名称、学校类型、在校生数 等表头的工作表',
      ],
    ]);
  });

  it('companions without any schools file: each says it has no schools table (exit 2)', () => {
    const r = runJson([at('classes.xlsx'), at('county-items.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.json.counties).toEqual([]);
    expect(codes(r.json)).toEqual(['error no-school-table', 'error no-school-table']);
    expect(r.json.inputs.map((i: { status: string }) => i.status)).toEqual(['invalid', 'invalid']);
  });

  it('a class workbook whose schools are in no schools file keeps its no-school-table error, once', () => {
    const r = runJson(['fixtures/demo-county.xlsx', at('classes.xlsx')]);
    expect(r.status).toBe(2);
    const own = r.json.findings.filter((f: Finding) => f.file === at('classes.xlsx'));
    expect(own.map((f: Finding) => f.code)).toEqual(['no-school-table']);
  });
});

describe('county items without a 县区 column (issue 12)', () => {
  const MESSAGE =
    '县域指标表没有县区列，而本次评估有 2 个县区（清河县，白水县），无法确定这些指标属于哪个县区：请在县域指标表中添加县区列，或每个县区分别评估';

  it('in one workbook with two counties: one error, not one per row', () => {
    const r = runJson([at('two-counties-canonical.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.json.findings.map((f: Finding) => [f.severity, f.code, f.sheet, f.message])).toEqual([
      ['error', 'county-items-no-county', '县域指标', MESSAGE],
    ]);
    expect(r.json.counties.map((c: { verdict: string }) => c.verdict)).toEqual(['incomplete', 'incomplete']);
  });

  it('as a companion file with two counties in the run: the same one error and the same counties', () => {
    const canonical = runJson([at('two-counties-canonical.xlsx')]);
    const r = runJson([at('two-counties.xlsx'), at('classes.xlsx'), at('county-items.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.json.findings.map((f: Finding) => [f.severity, f.code, f.file, f.message])).toEqual([
      ['error', 'county-items-no-county', at('county-items.xlsx'), MESSAGE],
    ]);
    expect(unlocated(r.json.counties)).toEqual(unlocated(canonical.json.counties));
    expect(r.json.inputs.map((i: { status: string }) => i.status)).toEqual(['ok', 'ok', 'invalid']);
  });

  it('with two schools files (one county each), in English: one error naming both counties', () => {
    const r = runJson([at('schools.xlsx'), 'fixtures/demo-county.xlsx', at('county-items.csv'), '--lang', 'en']);
    expect(r.status).toBe(2);
    const errors = r.json.findings.filter((f: Finding) => f.severity === 'error');
    expect(errors.map((f: Finding) => [f.code, f.file, f.message])).toEqual([
      [
        'county-items-no-county',
        at('county-items.csv'),
        'The county-items table has no 县区 (county) column, but this run assesses 2 counties (清河县, 青山县), so its items belong to none of them: add a 县区 column to it, or assess each county on its own',
      ],
    ]);
    // Never a pass for a county whose items could not be placed.
    expect(r.json.counties.map((c: { verdict: string }) => c.verdict)).toEqual(['incomplete', 'incomplete']);
  });

  it('county items with a 县区 column, in a companion CSV, go to their counties as in one workbook', () => {
    const canonical = runJson([at('two-counties-named-canonical.xlsx')]);
    expect(canonical.status).toBe(0);
    const r = runJson([at('county-items-named.csv'), at('two-counties.xlsx'), at('classes.xlsx')]);
    expect(r.status).toBe(0);
    expect(codes(r.json)).toEqual(codes(canonical.json));
    expect(unlocated(r.json.counties)).toEqual(unlocated(canonical.json.counties));
    expect(r.json.counties.map((c: { parts: { assessed: string }[] }) => c.parts.map((p) => p.assessed))).toEqual([
      ['full', 'full', 'full', 'full'],
      ['full', 'full', 'full', 'full'],
    ]);
  });

  it('county items naming a county not in the run: a warning per row, as in one workbook; the file is not a schools file', () => {
    const r = runJson([at('schools.xlsx'), at('classes.xlsx'), at('county-items-named.csv')]);
    const unmatched = r.json.findings.filter((f: Finding) => f.code === 'county-items-unmatched');
    expect(unmatched.length).toBe(24);
    expect(unmatched[0].message).toBe('县域指标表中的县区「白水县」不在学校表中');
    expect(r.json.findings.some((f: Finding) => f.code === 'no-school-table')).toBe(false);
  });

  it('with the single county of the run, the items apply to it', () => {
    const r = runJson([at('schools.xlsx'), at('county-items.csv')]);
    expect(r.json.findings.some((f: Finding) => f.code.startsWith('county-items'))).toBe(false);
    const parts = r.json.counties[0].parts.map((p: { id: string; assessed: string }) => [p.id, p.assessed]);
    expect(parts).toContainEqual(['quality', 'full']);
  });
});
