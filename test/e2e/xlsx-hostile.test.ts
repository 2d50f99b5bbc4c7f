// Hostile .xlsx files through the built CLI: the streaming reader bounds time and memory, refuses XML
// bombs, keeps reading a workbook with too many sheets, and reports formulas without a saved result.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzip, zip, type Part } from '../zip-helper.js';
import { BIN, DEMO, ROOT, run, runJson } from './helpers.js';

let dir: string;
let demo: Part[];
const demoSheet = () => demo.find(([n]) => n === 'xl/worksheets/sheet1.xml')![1].toString();
/** The demo workbook with its 学校 sheet XML replaced. */
const withSchools = (xml: string, extra: Partial<Part[2]> = {}): Buffer =>
  zip(demo.map(([n, d]) => (n === 'xl/worksheets/sheet1.xml' ? [n, xml, extra] : [n, d])));
const write = (name: string, bytes: Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
/** Counties of a report with the input's path blanked, to compare two files' assessments. */
const countiesOf = (json: { counties: unknown }, file: string) =>
  JSON.stringify(json.counties).split(file).join('<file>');
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const timed = (args: string[]) => {
  const t0 = Date.now();
  const r = run(args);
  return { ...r, ms: Date.now() - t0 };
};
/** The CLI under a 384 MiB V8 heap (the old reader needed about 1 GiB for these files), with time to spare on a busy machine. */
const runSmallHeap = (args: string[]) => {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=384', BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bc-xlsx-hostile-'));
  demo = unzip(readFileSync(join(ROOT, DEMO)));
  expect(demoSheet()).toContain('<sheetData>');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile xlsx through the CLI', () => {
  it('corrupt deflate data in a small xlsx: exit 3 "damaged" within seconds, the file untouched', () => {
    const xml = demoSheet();
    const packed = deflateRawSync(xml);
    for (let i = 200; i < packed.length; i += 61) packed[i]! ^= 0xa5;
    const file = write('corrupt-deflate.xlsx', withSchools(xml, { packed }));
    const before = hash(file);
    const r = timed([file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('工作簿已损坏');
    expect(r.ms).toBeLessThan(5000);
    expect(hash(file)).toBe(before);
  });

  it('a DOCTYPE (billion laughs) sheet: exit 3, refused before any expansion', () => {
    const lol =
      '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
      ']>';
    const xml = demoSheet()
      .replace('<worksheet', `${lol}<worksheet`)
      .replace('<sheetData>', '<sheetData><row r="1000"><c r="A1000" t="str"><v>&lol9;</v></c></row>');
    const r = timed([write('billion-laughs.xlsx', withSchools(xml))]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('工作簿已损坏');
    expect(r.stderr).toContain('DOCTYPE');
    expect(r.ms).toBeLessThan(5000);
  });

  it('a sheet of 1 048 576 one-value rows: read in bounded time, no out-of-memory, no school table (exit 2)', () => {
    const rows: string[] = [];
    for (let i = 1; i <= 1_048_576; i++) rows.push(`<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`);
    const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const r = runSmallHeap(['--format', 'json', write('million-rows.xlsx', withSchools(xml))]);
    expect(r.stderr).not.toMatch(/heap|memory|内部错误/i);
    expect(r.status).toBe(2);
    expect(r.ms).toBeLessThan(30_000);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toContain('no-school-table');
  }, 60_000);

  it('a valid table followed by a million one-cell rows in column XFD: assessed as the table alone, with a warning', () => {
    const xml = demoSheet();
    const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
    const junk: string[] = [];
    for (let i = last + 1; i <= 1_048_576; i++) junk.push(`<row r="${i}"><c r="XFD${i}"><v>1</v></c></row>`);
    const file = write('table-then-xfd.xlsx', withSchools(xml.replace('</sheetData>', `${junk.join('')}</sheetData>`)));
    const small = runSmallHeap(['--format', 'json', file]);
    const r = { status: small.status, json: JSON.parse(small.stdout) };
    const base = runJson([DEMO]);
    expect(small.ms).toBeLessThan(30_000);
    expect(r.status).toBe(base.status);
    expect(countiesOf(r.json, file)).toBe(countiesOf(base.json, DEMO));
    const dropped = r.json.findings.find((f: { code: string }) => f.code === 'cells-dropped');
    expect(dropped).toMatchObject({ severity: 'warning', sheet: '学校' });
    expect(dropped.message).toBe(
      `ALL 列以右的 ${1_048_576 - last} 个单元格和第 1048576 行以下的 0 个单元格超出读取范围，已忽略`,
    );
  }, 60_000);

  it('300 sheets with 学校 and 班级 among the last: assessed as the demo, with a warning naming --max-sheets', () => {
    const src = XLSX.read(readFileSync(join(ROOT, DEMO)), { type: 'buffer' });
    const wb = XLSX.utils.book_new();
    for (let i = 0; i < 298; i++)
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['备注', i]]), `附表${i + 1}`);
    for (const name of src.SheetNames) XLSX.utils.book_append_sheet(wb, src.Sheets[name]!, name);
    const file = write('300-sheets.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const base = runJson([DEMO]);
    const r = runJson([file]);
    expect(r.status).toBe(base.status);
    expect(countiesOf(r.json, file)).toBe(countiesOf(base.json, DEMO));
    const unread = r.json.findings.find((f: { code: string }) => f.code === 'sheets-unread');
    expect(unread.severity).toBe('warning');
    expect(unread.message).toBe(
      '工作簿有 300 张工作表，超过上限 100：已读取名为学校、班级、县域指标的工作表和前面的工作表，其余 200 张未读取；可用 --max-sheets 放宽',
    );
    const en = run([file, '--lang', 'en']);
    expect(en.stdout + en.stderr).toContain('--max-sheets raises the limit');
    // --max-sheets 300 reads them all: no warning.
    const all = runJson([file, '--max-sheets', '300']);
    expect(all.json.findings.some((f: { code: string }) => f.code === 'sheets-unread')).toBe(false);
    // --sheet names a sheet past the limit: it is read first.
    const renamed = XLSX.utils.book_new();
    for (let i = 0; i < 298; i++)
      XLSX.utils.book_append_sheet(renamed, XLSX.utils.aoa_to_sheet([['备注', i]]), `附表${i + 1}`);
    for (const name of src.SheetNames)
      XLSX.utils.book_append_sheet(renamed, src.Sheets[name]!, name === '学校' ? '2024年报表' : name);
    const named = write('300-sheets-named.xlsx', XLSX.write(renamed, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const chosen = runJson([named, '--sheet', '2024年报表']);
    expect(chosen.status).toBe(base.status);
    expect(chosen.json.counties[0].units.length).toBe(base.json.counties[0].units.length);
  }, 60_000);

  it('a formula without a cached value: exit 2 with the finding located at its cell', () => {
    const xml = demoSheet();
    const m = /<c r="([A-Z]+)(3)"( s="\d+")?><v>[^<]*<\/v><\/c>/.exec(xml)!;
    expect(m).not.toBeNull();
    const file = write(
      'formula.xlsx',
      withSchools(xml.replace(m[0], `<c r="${m[1]}3"${m[3] ?? ''}><f>SUM(1,2)</f></c>`)),
    );
    const r = runJson([file]);
    expect(r.status).toBe(2);
    const f = r.json.findings.find((x: { code: string }) => x.code === 'formula-no-value');
    expect(f).toMatchObject({ severity: 'error', sheet: '学校', row: 3, column: m[1] });
    expect(f.message).toBe('单元格是公式，但文件中没有保存计算结果：请用 Excel 或 WPS 打开此文件、保存后再检查');
  });

  it('control characters in a cell (NUL, an OSC title sequence, BEL): removed, a located warning, nothing raw printed', () => {
    const xml = demoSheet();
    const m =
      /<c r="(C)(2)"( s="\d+")? t="s"><v>(\d+)<\/v><\/c>/.exec(xml) ??
      /<c r="(C)(2)"( s="\d+")?[^>]*>.*?<\/c>/.exec(xml)!;
    const file = write(
      'control.xlsx',
      withSchools(
        xml.replace(m[0], `<c r="C2" t="inlineStr"><is><t>青山县实验小学_x0000__x001B_]0;pwn_x0007_</t></is></c>`),
      ),
    );
    const r = run([file]);
    expect(r.stdout).not.toMatch(/[\u0000\u0007\u001b]/);
    expect(r.stdout).toContain('学校!C2  单元格含有 3 个控制字符（如 NUL），已删除');
    const j = runJson([file]);
    expect(j.json.counties[0].units.some((u: { name: string }) => u.name === '青山县实验小学]0;pwn')).toBe(true);
  });
});
