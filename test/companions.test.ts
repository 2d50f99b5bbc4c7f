// issue 12 (companions), library level: bytes inputs, read errors kept for the assessment, and which schools
// workbooks sortInputs keeps in memory between its read and their assessment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { assess } from '../src/assess.js';
import { sortInputs } from '../src/companions.js';
import { builtInProfile } from '../src/profiles/index.js';

const QUALITY = 'fixtures/quality-county.xlsx';
const src = XLSX.read(readFileSync(QUALITY));
const book = (sheet: string, bookType: XLSX.BookType = 'xlsx'): Uint8Array => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, src.Sheets[sheet]!, 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType }));
};

describe('companions through the library API', () => {
  it('bytes inputs: a class .xls and a county-items .xlsx beside the schools bytes give the canonical counties', async () => {
    const canonical = await assess([QUALITY]);
    const r = await assess([
      { path: 'classes.xls', bytes: book('班级', 'biff8') },
      { path: 'schools.xlsx', bytes: book('学校') },
      { path: 'items.xlsx', bytes: book('县域指标') },
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.counties.map((c) => [c.county, c.verdict, c.classSize.classes, c.parts?.map((p) => p.assessed)])).toEqual(
      canonical.counties.map((c) => [c.county, c.verdict, c.classSize.classes, c.parts?.map((p) => p.assessed)]),
    );
  });

  it('an unreadable input among several is reported as itself (exit 3), once', async () => {
    const r = await assess(
      [
        { path: 'schools.xlsx', bytes: book('学校') },
        { path: 'broken.xlsx', bytes: new Uint8Array([1, 2, 3, 4, 5]) },
      ],
      { lang: 'en' },
    );
    expect(r.exitCode).toBe(3);
    expect(r.inputs.map((i) => [i.path, i.status])).toEqual([
      ['schools.xlsx', 'ok'],
      ['broken.xlsx', 'error'],
    ]);
    expect(r.inputs[1]!.message).toMatch(/not an Excel workbook/);
  });

  it('sortInputs keeps schools workbooks within the row budget, and always the last one; companions apart', async () => {
    const profile = builtInProfile('quality-2017');
    const inputs = [QUALITY, 'fixtures/demo-county.xlsx', { path: 'c.xlsx', bytes: book('班级') }, QUALITY];
    const kept = async (budget: number) =>
      (await sortInputs(inputs, [0, 1, 2, 3], profile, {}, budget)).schools.map((s) => [s.n, s.wb !== undefined]);
    expect(await kept(0)).toEqual([
      [0, false],
      [1, false],
      [3, true],
    ]);
    expect(await kept(1_000_000)).toEqual([
      [0, true],
      [1, true],
      [3, true],
    ]);
    const sorted = await sortInputs(inputs, [0, 1, 2, 3], profile, {});
    expect(sorted.companions.map((c) => [c.n, c.companion.tables.map((t) => t.kind)])).toEqual([[2, ['classes']]]);
  });
});
