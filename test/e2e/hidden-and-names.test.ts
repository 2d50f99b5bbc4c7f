// End-to-end, issue 12 (helper E): hidden rows and sheets, the county's name (title rows, file name, --stdin-filename),
// --header-row in any workbook, and the file column of multi-file summaries. Each case runs the built CLI on a
// workbook written here the way a clerk makes it: a title row, a 填报单位 row, the header, the schools, a hidden row.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { SCHOOL_COLUMNS } from '../../src/map/columns.js';
import { goodPrimary } from '../helpers.js';
import { BIN, ROOT, run, runJson, tempDir, expectValid } from './helpers.js';

type Row = Record<string, string | number | null | undefined>;
type Cell = string | number | null;

const KEYS = Object.keys(goodPrimary('0', 1));
const header = () => KEYS.map((k) => SCHOOL_COLUMNS.find((c) => c.key === k)!.headers[0]!);
const cells = (r: Row) => KEYS.map((k) => (r[k] ?? null) as Cell);

/** Three good primary schools (exit 0), and a closed one a clerk would hide. */
const SCHOOLS = [
  goodPrimary('3301000001', 800, { name: '青石县实验小学' }),
  goodPrimary('3301000002', 600, { name: '城关镇中心小学' }),
  goodPrimary('3301000003', 400, { name: '山前乡小学' }),
];
// Far below the standards: counted, it fails the county (it is what a hidden row does to the result).
const CLOSED = goodPrimary('3301000009', 30, {
  name: '山后乡红旗小学（已撤并）',
  teachers: 6,
  teaching_area: 10,
  sports_area: 10,
});

interface Book {
  title?: string[];
  /** Data rows, with the indexes (0-based, in `rows`) that the clerk hid. */
  rows: Row[];
  hidden?: number[];
  /** Extra sheets before the schools sheet: [name, rows, hidden]. */
  before?: [string, Cell[][], boolean?][];
  sheetName?: string;
  bookType?: XLSX.BookType;
}

/** A clerk's workbook: title rows, the header, the schools; hidden rows as Excel marks them. Returns the path. */
function clerkBook(path: string, book: Book): string {
  const title = book.title ?? ['青石县2024学年义务教育学校办学条件统计表', '填报单位：青石县教育局'];
  const aoa: Cell[][] = [...title.map((t) => [t]), header(), ...book.rows.map(cells)];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const rows: XLSX.RowInfo[] = [];
  for (const i of book.hidden ?? []) rows[title.length + 1 + i] = { hidden: true };
  ws['!rows'] = rows;
  const wb = XLSX.utils.book_new();
  const hiddenSheets: boolean[] = [];
  for (const [name, data, hidden] of book.before ?? []) {
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(data), name);
    hiddenSheets.push(hidden === true);
  }
  XLSX.utils.book_append_sheet(wb, ws, book.sheetName ?? '学校');
  hiddenSheets.push(false);
  wb.Workbook = { Sheets: hiddenSheets.map((h) => ({ Hidden: h ? 1 : 0 })) };
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: book.bookType ?? 'xlsx', cellStyles: true }));
  return path;
}

const fileIn = (dir: string, name: string) => join(dir, name);

describe('hidden rows: still read, with a warning naming the school; --skip-hidden leaves them out', () => {
  const dir = tempDir();
  const path = clerkBook(fileIn(dir, 'v_clean.xlsx'), { rows: [...SCHOOLS, CLOSED], hidden: [3] });

  it('read by default: the closed school counts, a located warning names it (zh and en), the reading note lists the row', () => {
    const r = runJson([path]);
    const plain = runJson([clerkBook(fileIn(dir, 'plain.xlsx'), { rows: [...SCHOOLS, CLOSED] })]);
    // Hidden or not, its numbers are data: the same verdict as the visible row gives.
    expect(r.json.counties[0].verdict).toBe(plain.json.counties[0].verdict);
    expect(r.json.counties[0].units).toHaveLength(4);
    expect(r.status).toBe(plain.status);
    const w = r.json.findings.filter((f: any) => f.code === 'hidden-row');
    expect(w).toEqual([
      {
        code: 'hidden-row',
        severity: 'warning',
        file: path,
        sheet: '学校',
        row: 7,
        column: 'B',
        header: '学校名称',
        value: '山后乡红旗小学（已撤并）',
        message:
          '第 7 行是隐藏行（山后乡红旗小学（已撤并））：仍按数据读取并计入结果；如该校已撤并或不应参评，请删除此行，或用 --skip-hidden 跳过隐藏行',
      },
    ]);
    expect(plain.json.findings.filter((f: any) => f.code === 'hidden-row')).toEqual([]);
    expect(r.json.inputs[0].reading[0]).toMatchObject({ sheet: '学校', headerRow: 3, hiddenRows: [7] });
    expect(r.json.inputs[0].reading[0].skipped.hidden).toBeUndefined();
    expectValid(r.json);
    const en = runJson([path, '--lang', 'en']);
    expect(en.json.findings.find((f: any) => f.code === 'hidden-row').message).toBe(
      'Row 7 is hidden (山后乡红旗小学（已撤并）): it is still read and counted; if the school has closed or is not to be assessed, delete the row, or leave hidden rows out with --skip-hidden',
    );
    const text = run([path]);
    expect(text.stdout).toContain('学校!B7 学校名称  第 7 行是隐藏行（山后乡红旗小学（已撤并））');
    expect(text.stdout).toContain('隐藏行 7 已读取');
  });

  it('--max-warnings 0 turns a pass with a hidden row into exit 1', () => {
    const p = clerkBook(fileIn(dir, 'hidden-good.xlsx'), {
      rows: [...SCHOOLS, goodPrimary('3301000004', 300, { name: '东岭小学' })],
      hidden: [3],
    });
    expect(run([p]).status).toBe(0);
    expect(run([p, '--max-warnings', '0']).status).toBe(1);
  });

  it('--skip-hidden: the row is left out (same result as without it), said in the reading note, no warning', () => {
    const r = runJson([path, '--skip-hidden']);
    const without = runJson([clerkBook(fileIn(dir, 'without.xlsx'), { rows: SCHOOLS })]);
    expect(r.status).toBe(0);
    expect(without.status).toBe(0);
    expect(r.json.counties[0].units.map((u: any) => u.code)).toEqual(
      without.json.counties[0].units.map((u: any) => u.code),
    );
    expect(r.json.counties[0].levels).toEqual(without.json.counties[0].levels);
    expect(r.json.findings.filter((f: any) => f.code.startsWith('hidden') && f.severity !== 'info')).toEqual([]);
    expect(r.json.findings.find((f: any) => f.code === 'hidden-row-skipped')).toMatchObject({
      severity: 'info',
      row: 7,
      value: '山后乡红旗小学（已撤并）',
      message: '第 7 行是隐藏行（山后乡红旗小学（已撤并）），按 --skip-hidden 未读取',
    });
    expect(r.json.inputs[0].reading[0]).toMatchObject({ hiddenRows: [7], skipped: { hidden: 1 }, rows: 3 });
    expectValid(r.json);
    expect(run([path, '--skip-hidden']).stdout).toContain('隐藏行 7 未读取（--skip-hidden）');
    expect(run([path, '--skip-hidden', '--lang', 'en']).stdout).toContain('hidden rows 7 not read (--skip-hidden)');
  });

  it('.xlsb (read by SheetJS, as .xls is): the hidden row is found the same way', () => {
    const p = clerkBook(fileIn(dir, 'v_clean.xlsb'), { rows: [...SCHOOLS, CLOSED], hidden: [3], bookType: 'xlsb' });
    const r = runJson([p]);
    expect(r.json.findings.filter((f: any) => f.code === 'hidden-row').map((f: any) => [f.row, f.value])).toEqual([
      [7, '山后乡红旗小学（已撤并）'],
    ]);
    expect(runJson([p, '--skip-hidden']).status).toBe(0);
  });
});

describe('hidden sheets: read with a warning; --skip-hidden leaves them out', () => {
  const dir = tempDir();
  // An old copy of the schools, hidden by the clerk before the current sheet.
  const old: Cell[][] = [header(), ...[CLOSED].map(cells)];

  it('a hidden sheet of schools is read and named in a warning (zh and en), reading[].hidden', () => {
    const p = clerkBook(fileIn(dir, 'book.xlsx'), { rows: SCHOOLS, before: [['旧表', old, true]] });
    const r = runJson([p]);
    expect(r.json.findings.filter((f: any) => f.code === 'hidden-sheet')).toEqual([
      {
        code: 'hidden-sheet',
        severity: 'warning',
        file: p,
        sheet: '旧表',
        message:
          '工作表「旧表」是隐藏的：仍按数据读取并计入结果；如不应参评，请删除此表，或用 --skip-hidden 跳过隐藏的表和行',
      },
    ]);
    expect(r.json.inputs[0].reading.map((x: any) => [x.sheet, x.hidden ?? false])).toEqual([
      ['旧表', true],
      ['学校', false],
    ]);
    expectValid(r.json);
    expect(runJson([p, '--lang', 'en']).json.findings.find((f: any) => f.code === 'hidden-sheet').message).toBe(
      'Sheet "旧表" is hidden: it is still read and counted; if it is not to be assessed, delete it, or leave hidden sheets and rows out with --skip-hidden',
    );
  });

  it('--skip-hidden: the hidden sheet is not read, listed in inputs[].skippedSheets and the reading note', () => {
    const p = clerkBook(fileIn(dir, 'book2.xlsx'), { rows: SCHOOLS, before: [['旧表', old, true]] });
    const r = runJson([p, '--skip-hidden']);
    expect(r.status).toBe(0);
    expect(r.json.inputs[0].skippedSheets).toEqual(['旧表']);
    expect(r.json.inputs[0].reading.map((x: any) => x.sheet)).toEqual(['学校']);
    expect(r.json.counties[0].units).toHaveLength(3);
    expectValid(r.json);
    expect(run([p, '--skip-hidden']).stdout).toContain('隐藏的工作表 「旧表」 未读取（--skip-hidden）');
  });

  it('.xls (SheetJS): a hidden sheet is known as hidden', () => {
    const p = clerkBook(fileIn(dir, 'book.xls'), { rows: SCHOOLS, before: [['旧表', old, true]], bookType: 'xls' });
    const r = runJson([p]);
    expect(r.json.findings.filter((f: any) => f.code === 'hidden-sheet').map((f: any) => f.sheet)).toEqual(['旧表']);
    const s = runJson([p, '--skip-hidden']);
    expect(s.status).toBe(0);
    expect(s.json.inputs[0].skippedSheets).toEqual(['旧表']);
  });
});

describe("the county's name: 县区 column, --county, the title rows, else the file name with a warning", () => {
  const dir = tempDir();
  const county = (args: string[]) => runJson(args).json.counties.map((c: any) => c.county);

  it('the title row names the county (青石县2024学年…), said in an info finding; no warning', () => {
    const p = clerkBook(fileIn(dir, 'v_clean.xlsx'), {
      rows: SCHOOLS,
      title: ['青石县2024学年义务教育学校办学条件统计表'],
    });
    const r = runJson([p]);
    expect(r.status).toBe(0);
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['青石县']);
    expect(r.json.findings.find((f: any) => f.code === 'county-from-title')).toMatchObject({
      severity: 'info',
      sheet: '学校',
      row: 1,
      value: '青石县',
      message: '表中没有「县区」列：县区名称「青石县」取自第 1 行的标题',
    });
    expect(r.json.findings.filter((f: any) => f.code === 'county-from-file-name')).toEqual([]);
    expect(runJson([p, '--lang', 'en']).json.findings.find((f: any) => f.code === 'county-from-title').message).toBe(
      'No 县区 column: the county name "青石县" is taken from the title on row 1',
    );
  });

  it('填报单位：青石县教育局 names it too; province and city in front are dropped; the year may come first', () => {
    const cases: [string[], string][] = [
      [['学校办学条件统计表', '填报单位：青石县教育局'], '青石县'],
      [['某某省某某市青石县2024年义务教育学校基本情况'], '青石县'],
      [['2024学年东湖区义务教育学校办学条件统计表'], '东湖区'],
      [['白云旗教育局（2024年）义务教育学校统计'], '白云旗'],
      [['填报单位（盖章）：河西市教育和体育局      填报日期：2024年9月'], '河西市'],
    ];
    for (const [i, [title, name]] of cases.entries()) {
      const p = clerkBook(fileIn(dir, `t${i}.xlsx`), { rows: SCHOOLS, title });
      expect(county([p]), title.join(' | ')).toEqual([name]);
    }
  });

  it('--county comes before the title; a 县区 column before both', () => {
    const p = clerkBook(fileIn(dir, 'named.xlsx'), { rows: SCHOOLS });
    expect(county([p, '--county', '东湖县'])).toEqual(['东湖县']);
    const withColumn = clerkBook(fileIn(dir, 'column.xlsx'), { rows: SCHOOLS.map((r) => ({ ...r })) });
    // A 县区 column: written as the first column of every row.
    const wb = XLSX.read(readFileSync(withColumn));
    const aoa = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets['学校']!, { header: 1, defval: null });
    const rows = aoa.map((r, i) => (i < 2 ? r : [i === 2 ? '县区' : '南山县', ...r]));
    wb.Sheets['学校'] = XLSX.utils.aoa_to_sheet(rows);
    writeFileSync(withColumn, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const r = runJson([withColumn]);
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['南山县']);
    expect(r.json.findings.filter((f: any) => f.code.startsWith('county-from'))).toEqual([]);
  });

  it('no title: the file name, with a warning saying so (zh and en)', () => {
    const p = clerkBook(fileIn(dir, 'v_clean2.xlsx'), { rows: SCHOOLS, title: [] });
    const r = runJson([p]);
    expect(r.status).toBe(0);
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['v_clean2']);
    expect(r.json.findings.filter((f: any) => f.code === 'county-from-file-name')).toEqual([
      {
        code: 'county-from-file-name',
        severity: 'warning',
        file: p,
        value: 'v_clean2',
        message:
          '表中没有「县区」列，标题行中也没有县名：县区名称取自文件名「v_clean2」；请添加「县区」列，或用 --county 指定',
      },
    ]);
    expect(run([p, '--max-warnings', '0']).status).toBe(1);
    expect(
      runJson([p, '--lang', 'en']).json.findings.find((f: any) => f.code === 'county-from-file-name').message,
    ).toBe(
      'No 县区 column and no county name in the title rows: the county is named after the file, "v_clean2"; add a 县区 column, or give --county',
    );
    expect(
      runJson([p, '--county', '青石县']).json.findings.filter((f: any) => f.code.startsWith('county-from')),
    ).toEqual([]);
  });
});

/** The CLI with a file on standard input. */
function runStdin(args: string[], input: Buffer): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    input,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--stdin-filename names standard input (as ESLint has it)', () => {
  const dir = tempDir();
  const noTitle = readFileSync(clerkBook(fileIn(dir, 'x.xlsx'), { rows: SCHOOLS, title: [] }));

  it('without it: the county is "-", and the warning says to use --county or --stdin-filename (zh and en)', () => {
    const r = runStdin(['-', '--format', 'json'], noTitle);
    const json = JSON.parse(r.stdout);
    expect(json.counties.map((c: any) => [c.county, c.file])).toEqual([['-', '-']]);
    expect(json.findings.find((f: any) => f.code === 'county-from-stdin')).toMatchObject({
      severity: 'warning',
      file: '-',
      message:
        '表中没有「县区」列，标题行中也没有县名：从标准输入读取，县区名称记为「-」；请添加「县区」列，或用 --county 或 --stdin-filename 指定',
    });
    const en = JSON.parse(runStdin(['-', '--format', 'json', '--lang', 'en'], noTitle).stdout);
    expect(en.findings.find((f: any) => f.code === 'county-from-stdin').message).toBe(
      'No 县区 column and no county name in the title rows: read from standard input, the county is called "-"; add a 县区 column, or give --county or --stdin-filename',
    );
  });

  it('with it: the county falls back to that name, and the report and findings name that file', () => {
    const r = runStdin(['-', '--stdin-filename', '报送/青石县.xlsx', '--format', 'json'], noTitle);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.inputs.map((i: any) => i.path)).toEqual(['报送/青石县.xlsx']);
    expect(json.counties.map((c: any) => [c.county, c.file])).toEqual([['青石县', '报送/青石县.xlsx']]);
    expect(json.findings.find((f: any) => f.code === 'county-from-file-name')).toMatchObject({
      file: '报送/青石县.xlsx',
      value: '青石县',
    });
    expectValid(json);
  });

  it('a CSV on stdin named .xlsx is refused as not a workbook (the extension is checked as for a file)', () => {
    const r = runStdin(['-', '--stdin-filename', 'a.xlsx'], Buffer.from('学校代码,学校名称\n1,x\n'));
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('balance-check: 无法读取 a.xlsx：不是 Excel 工作簿（.xlsx/.xls）或 CSV 文本文件\n');
  });

  it('-o may not name the file that --stdin-filename names (the county data is never overwritten)', () => {
    const p = fileIn(dir, '青石县.xlsx');
    writeFileSync(p, noTitle);
    const before = readFileSync(p);
    const r = runStdin(['-', '--stdin-filename', p, '-o', p], noTitle);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('就是输入文件');
    expect(readFileSync(p).equals(before)).toBe(true);
  });
});

describe('--header-row applies to the schools table in any workbook, and the reading note tells the truth', () => {
  const dir = tempDir();
  // Header on row 3 under two title rows, beside a 填表说明 sheet and an unrelated sheet: a clerk's workbook.
  const book = () =>
    clerkBook(fileIn(dir, 'multi.xlsx'), {
      rows: SCHOOLS,
      before: [
        ['填表说明', [['请按学校逐行填写']]],
        ['封面', [['青石县教育局'], ['2024年9月']]],
      ],
    });

  it('multi-sheet, without --sheet: the header row given is used on the schools sheet; JSON and text say row 3', () => {
    const p = book();
    const r = runJson([p, '--header-row', '3']);
    expect(r.status).toBe(0);
    expect(r.json.inputs[0].reading.map((x: any) => [x.sheet, x.table, x.headerRow])).toEqual([['学校', 'schools', 3]]);
    expect(run(['validate', p, '--header-row', '3']).stdout).toContain('学校（学校表，第 3 行表头，3 行）');
  });

  it('a --header-row that is no header: the error names that row of the schools sheet (exit 2), not row 1', () => {
    const p = book();
    const r = runJson([p, '--header-row', '5']);
    expect(r.status).toBe(2);
    expect(r.json.findings.find((f: any) => f.code === 'no-header-row')).toMatchObject({ sheet: '学校', row: 5 });
    expect(r.json.counties).toEqual([]);
  });

  it('a header below the rows searched (row 40) is read with --header-row in a multi-sheet workbook', () => {
    const title = Array.from({ length: 39 }, (_, i) => (i === 0 ? '青石县2024学年义务教育学校统计表' : `说明 ${i}`));
    const p = clerkBook(fileIn(dir, 'deep.xlsx'), { rows: SCHOOLS, title, before: [['封面', [['x']]]] });
    expect(run([p]).status).toBe(2);
    const r = runJson([p, '--header-row', '40']);
    expect(r.status).toBe(0);
    expect(r.json.inputs[0].reading[0]).toMatchObject({ sheet: '学校', headerRow: 40, rows: 3 });
  });
});

describe('multi-file summaries have a file column (JSON always; tables when the counties come from several files)', () => {
  const dir = tempDir();
  const a = clerkBook(fileIn(dir, 'a.xlsx'), { rows: SCHOOLS });
  const b = fileIn(dir, 'b.xlsx');
  copyFileSync(a, b);

  it('JSON: counties[].file, for one file and for several', () => {
    expect(runJson([a]).json.counties.map((c: any) => c.file)).toEqual([a]);
    const r = runJson([a, b]);
    expect(r.json.counties.map((c: any) => [c.county, c.file])).toEqual([
      ['青石县', a],
      ['青石县', b],
    ]);
    expectValid(r.json);
  });

  it('text: the summary table has a 文件 / File column, and each county heading names its file', () => {
    // Wide enough that the heading lines are not wrapped (issue 13: text fits the terminal).
    const zh = run([a, b], { COLUMNS: '400' }).stdout;
    expect(zh).toMatch(/│ 县区\s+│ 文件\s+│ 结论/);
    expect(zh).toContain(`青石县  结论：达标（仅就已评估部分；有未评估或部分评估的项目，见下）  文件：${a}\n`);
    expect(run([a, b, '--lang', 'en'], { COLUMNS: '400' }).stdout).toMatch(
      new RegExp(`青石县  Verdict: pass.*  File: ${b}\n`),
    );
    expect(run([a, b, '--lang', 'en']).stdout).toMatch(/│ County\s+│ File\s+│ Verdict/);
    // One file: no file column.
    expect(run([a]).stdout).not.toContain('文件');
  });

  it('csv and markdown: a file column after the county in the summary, CV, per-school and checks tables', () => {
    const csv = run([a, b, '--format', 'csv']).stdout;
    expect(csv).toContain(`县区,文件,结论`);
    expect(csv).toContain(`青石县,${b},达标`);
    const md = run([a, b, '--format', 'markdown']).stdout;
    expect(md).toContain('| 县区 | 文件 | 结论 |');
    expect(md).toContain(`| 青石县 | ${a} | 达标 |`);
    expect(run([a, '--format', 'csv']).stdout).not.toContain('县区,文件');
  });

  it('xlsx: the 汇总 sheet has the file column', () => {
    const out = fileIn(dir, 'report.xlsx');
    expect(run([a, b, '-o', out]).status).toBe(0);
    const wb = XLSX.read(readFileSync(out));
    expect(wb.SheetNames[0]).toBe('汇总');
    const rows = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    // issue 13: the table sits under the report's title and heading lines.
    const h = rows.findIndex((r) => r[0] === '县区');
    expect(rows[h]!.slice(0, 3)).toEqual(['县区', '文件', '结论']);
    expect(rows.slice(h + 1, h + 3).map((r) => r.slice(0, 2))).toEqual([
      ['青石县', a],
      ['青石县', b],
    ]);
  });
});

describe('issue 12 as filed: `balance-check fixtures/messy/` (copies of 青山县) lists every county row with its file', () => {
  it('each county of the JSON is one summary row of the text, with its file', () => {
    const j = runJson(['fixtures/messy/']);
    const files = j.json.counties.map((c: any) => c.file);
    expect(new Set(files).size).toBe(files.length);
    const text = run(['fixtures/messy/']).stdout;
    for (const c of j.json.counties) expect(text).toMatch(new RegExp(`│ ${c.county} │ ${c.file}\\s+│`));
  });
});

describe('a CSV with a title row above the header: the county from the title', () => {
  it('青石县2024学年… on row 1 of a CSV names the county; without it the file name with a warning', () => {
    const dir = tempDir();
    const body = [header(), ...SCHOOLS.map(cells)].map((r) => r.map((c) => c ?? '').join(',')).join('\n');
    const titled = fileIn(dir, 'export.csv');
    writeFileSync(titled, `青石县2024学年义务教育学校办学条件统计表,,,\n${body}\n`);
    const r = runJson([titled]);
    expect(r.status).toBe(0);
    expect(r.json.counties.map((c: any) => c.county)).toEqual(['青石县']);
    const bare = fileIn(dir, 'export2.csv');
    writeFileSync(bare, `${body}\n`);
    const b = runJson([bare]);
    expect(b.json.counties.map((c: any) => c.county)).toEqual(['export2']);
    expect(b.json.findings.filter((f: any) => f.code === 'county-from-file-name').length).toBe(1);
  });
});
