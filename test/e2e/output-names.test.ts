// issue 13 (format from the file name), as a new user tries it. The plain extension cases (.xlsx .json
// .csv .md .xml .txt, .html not yet, one -f contradiction) are in output-safety.test.ts; here: names a
// clerk types (Chinese, upper case), contradictions in English, and `template -o t.csv`.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, expectOneLineNoStack, run, runJson, tempDir } from './helpers.js';

let tmp: string;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('-o without -f: the extension picks the format', () => {
  it('-o 汇总.xlsx writes a workbook Excel opens (not UTF-8 text)', () => {
    const out = join(tmp, '汇总.xlsx');
    const r = run([DEMO, '-o', out]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(XLSX.read(bytes).SheetNames.length).toBeGreaterThan(1);
  });

  it('upper-case extensions: 报告.JSON is JSON, R.CSV is CSV with a BOM, R.MD is markdown', () => {
    const json = join(tmp, '报告.JSON');
    expect(run([DEMO, '-o', json]).status).toBe(1);
    expect(JSON.parse(readFileSync(json, 'utf8')).exitCode).toBe(1);
    const csv = join(tmp, 'R.CSV');
    expect(run([DEMO, '-o', csv]).status).toBe(1);
    expect(readFileSync(csv, 'utf8')).toMatch(/^\uFEFF/);
    const md = join(tmp, 'R.MD');
    expect(run([DEMO, '-o', md]).status).toBe(1);
    expect(readFileSync(md, 'utf8')).toMatch(/^# .+ 评估结果\n/);
  });

  it('-o r.txt is the text report as the terminal would show it (same width rule: COLUMNS, else 100)', () => {
    const out = join(tmp, 'r.txt');
    expect(run([DEMO, '-o', out], { COLUMNS: '80' }).status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(run([DEMO], { COLUMNS: '80' }).stdout);
  });
});

describe('an explicit -f that contradicts the extension: exit 3, one line, nothing written', () => {
  const cases: [string, string, string][] = [
    ['json', 'r.csv', 'csv'],
    ['csv', 'r.xlsx', 'xlsx'],
    ['xlsx', 'r.md', 'markdown'],
    ['markdown', 'r.json', 'json'],
  ];
  for (const [format, name, expected] of cases) {
    it(`-f ${format} -o ${name} (--lang en)`, () => {
      const out = join(tmp, name);
      const r = run([DEMO, '-f', format, '-o', out, '--lang', 'en']);
      expect(r.status).toBe(3);
      expectOneLineNoStack(r.stderr);
      expect(r.stderr).toContain(`${format}`);
      expect(r.stderr).toContain(out);
      expect(r.stderr).toContain(expected);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    });
  }

  it('a contradiction never touches an existing file of that name', () => {
    const out = join(tmp, 'kept.xlsx');
    writeFileSync(out, 'a county workbook');
    expect(run([DEMO, '-f', 'text', '-o', out]).status).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe('a county workbook');
  });
});

describe('template -o t.csv: the schools table as CSV', () => {
  it('UTF-8 with a BOM, the 学校 header row and the example rows, CRLF; validate refuses the examples (exit 2)', () => {
    const out = join(tmp, 't.csv');
    const r = run(['template', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    // The header row is the xlsx template's 学校 sheet, column for column.
    const xlsx = join(tmp, 't.xlsx');
    expect(run(['template', '-o', xlsx]).status).toBe(0);
    const wb = XLSX.read(readFileSync(xlsx));
    const header = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['学校']!, { header: 1 })[0]!;
    expect(lines[0]).toBe(header.join(','));
    // Example rows follow, and they are the ones the 示例 sheet shows.
    const examples = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['示例']!, { header: 1 });
    const exampleNames = examples.slice(2).map((row) => row[header.indexOf('学校名称')]);
    const body = lines.slice(1, -1);
    expect(body.length).toBeGreaterThan(0);
    for (const row of body) expect(exampleNames).toContain(row.split(',')[header.indexOf('学校名称')]);
    // Read back as it is: the examples are data errors, never a county's verdict.
    const v = runJson(['validate', out]);
    expect(v.status).toBe(2);
    expect(v.json.findings.map((f: { code: string }) => f.code)).toContain('template-example-rows');
    expect(run([out]).status).toBe(2);
  });

  it('T.CSV (upper case) is CSV too; an existing t.csv is kept without --force', () => {
    const upper = join(tmp, 'T2.CSV');
    expect(run(['template', '-o', upper]).status).toBe(0);
    expect(readFileSync(upper, 'utf8')).toMatch(/^\uFEFF县区,学校代码,学校名称,/);
    const existing = join(tmp, 'filled.csv');
    writeFileSync(existing, 'a filled-in table');
    const r = run(['template', '-o', existing]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: ${existing} 已存在，不会覆盖（它可能是已填写数据的工作簿）：请换一个文件名，或加 --force 覆盖\n`,
    );
    expect(readFileSync(existing, 'utf8')).toBe('a filled-in table');
  });

  it('other report extensions stay refused for a template (exit 3, one line naming .xlsx and .csv)', () => {
    const out = join(tmp, 't.md');
    const r = run(['template', '-o', out]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      `balance-check: 模板是 .xlsx 工作簿（或 .csv 学校表），不能写成 .md 文件（${out}）：请用 .xlsx 或 .csv 作扩展名\n`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
